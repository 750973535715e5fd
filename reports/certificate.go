package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"

	"linli/assets"
	"linli/data"
)

// CertText is what a certificate says besides its register entry.
type CertText struct {
	Title string // 培训证书, 志愿服务证明, 结业证书
	Body  string // the sentence naming the person, period, hours and content
}

// Certificates writes one certificate per A4 landscape page: a double border, the title, the body,
// the number and verification code with a QR code carrying both, the issuing office, a seal line
// and the date. progress, when given, is called after each page (batch printing).
func Certificates(w io.Writer, m Meta, certs []data.Certificate, text func(data.Certificate) CertText, progress func(done int) bool) error {
	m.Landscape = true
	d := &Doc{meta: m, lineH: 5.2, fontSize: 9.5, bare: true}
	d.pdf = newBarePDF(m)
	if err := d.certificatePages(certs, text, progress); err != nil {
		return err
	}
	if len(certs) == 0 {
		d.pdf.AddPage()
		d.pdf.SetFont(assets.FontName, "", 16)
		d.pdf.CellFormat(0, 20, "没有符合条件的证书。", "", 1, "C", false, 0, "")
	}
	return d.Write(w)
}

// CompletionCertificates writes the list of every child with their rate, then a 结业证书 per
// child who met the threshold, in one document.
func CompletionCertificates(w io.Writer, m Meta, p data.Programme, rates []data.ChildRate, certs []data.Certificate, text func(data.Certificate) CertText) error {
	m.Landscape = true
	m.Subtitle = p.Name + " · " + p.Start + " 至 " + p.End + " · 结业情况"
	d := NewDoc(m)
	CompletionList(d, p, rates)
	d.Signatures("组织人", "审核人", "日期")
	d.bare = true
	if err := d.certificatePages(certs, text, nil); err != nil {
		return err
	}
	return d.Write(w)
}

func (d *Doc) certificatePages(certs []data.Certificate, text func(data.Certificate) CertText, progress func(done int) bool) error {
	m := d.meta
	p := d.pdf
	p.SetAutoPageBreak(false, 0)
	for i, c := range certs {
		t := text(c)
		p.AddPage()
		pw, ph := p.GetPageSize()
		p.SetDrawColor(178, 34, 34)
		p.SetLineWidth(1.2)
		p.Rect(10, 10, pw-20, ph-20, "D")
		p.SetLineWidth(0.4)
		p.Rect(14, 14, pw-28, ph-28, "D")
		p.SetDrawColor(0, 0, 0)
		p.SetY(30)
		p.SetFont(assets.FontName, "", 34)
		p.SetTextColor(178, 34, 34)
		p.CellFormat(0, 16, strings.Join(strings.Split(t.Title, ""), " "), "", 1, "C", false, 0, "")
		p.SetTextColor(0, 0, 0)
		p.SetFont(assets.FontName, "", 11)
		p.CellFormat(0, 8, "编号："+c.Number, "", 1, "C", false, 0, "")
		p.Ln(8)
		p.SetFont(assets.FontName, "", 16)
		p.SetX(40)
		for _, line := range d.wrap(t.Body, pw-80) {
			p.SetX(40)
			p.CellFormat(pw-80, 11, line, "", 1, "L", false, 0, "")
		}
		// QR code: number and verification code.
		png, err := qrcode.Encode(fmt.Sprintf("邻里证书 %s 校验码 %s", c.Number, c.VerifyCode), qrcode.Medium, 256)
		if err != nil {
			return err
		}
		name := "qr-" + c.Number
		p.RegisterImageOptionsReader(name, imageOptions(), bytes.NewReader(png))
		p.ImageOptions(name, 28, ph-62, 32, 32, false, imageOptions(), 0, "")
		p.SetFont(assets.FontName, "", 9)
		p.SetXY(24, ph-29)
		p.CellFormat(44, 5, "校验码 "+c.VerifyCode, "", 0, "C", false, 0, "")
		p.SetFont(assets.FontName, "", 14)
		p.SetXY(pw-140, ph-62)
		p.CellFormat(110, 9, "记录和出具单位："+m.Office, "", 2, "R", false, 0, "")
		p.SetX(pw - 140)
		p.CellFormat(110, 9, "（盖章）", "", 2, "R", false, 0, "")
		p.SetX(pw - 140)
		issued, _ := time.Parse(time.RFC3339, c.IssuedAt)
		p.CellFormat(110, 9, issued.Format("2006年1月2日"), "", 2, "R", false, 0, "")
		if c.Revoked {
			p.SetFont(assets.FontName, "", 40)
			p.SetTextColor(200, 0, 0)
			p.SetXY(0, ph/2-10)
			p.CellFormat(pw, 20, "已注销："+c.RevokeReason, "", 0, "C", false, 0, "")
			p.SetTextColor(0, 0, 0)
		}
		if progress != nil && !progress(i+1) {
			return &data.Error{Code: data.CodeConflict, Message: "已取消"}
		}
	}
	return nil
}
