// Package reports writes Linli's documents: PDFs with gofpdf and spreadsheets with excelize.
// Writers take plain values and an io.Writer; they never touch the database.
package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"linli/assets"
	"linli/data"
	"linli/version"
)

// Meta is what every document carries: who prints it, what it is, and when.
type Meta struct {
	Office    string    // printed at the top of every page
	Title     string    // the document's title, e.g. 居民名册
	Subtitle  string    // a line under the title, e.g. the community and the count
	PrintedAt time.Time // shown in the footer; also the PDF's creation date
	AuditHead string    // the audit chain's head hash; its short form anchors paper copies
	Landscape bool
}

// Column is one table column.
type Column struct {
	Header string
	Width  float64 // mm
	Align  string  // "L", "C" or "R"; default L
}

// Doc is an A4 document with the office header, page numbers and wrapped tables.
type Doc struct {
	pdf      *gofpdf.Fpdf
	meta     Meta
	cols     []Column // the table in progress, for repeating its header on new pages
	inTable  bool
	bare     bool // no header or footer on the pages added from now on (certificates)
	lineH    float64
	fontSize float64
	widths   map[rune]float64 // each character's advance in font units, filled as met
}

const margin = 15.0

// NewDoc starts a document. The output is deterministic for a given Meta and content.
func NewDoc(m Meta) *Doc {
	pdf := newBarePDF(m)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, 18)
	pdf.AliasNbPages("{nb}")
	d := &Doc{pdf: pdf, meta: m, lineH: 5.2, fontSize: 9.5}
	pdf.SetHeaderFuncMode(d.header, false)
	pdf.SetFooterFunc(d.footer)
	pdf.AddPage()
	return d
}

// PDF gives document writers access to gofpdf for special layouts (certificates).
func (d *Doc) PDF() *gofpdf.Fpdf { return d.pdf }

// ContentWidth is the printable width in mm.
func (d *Doc) ContentWidth() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - 2*margin
}

func (d *Doc) header() {
	if d.bare {
		return
	}
	p := d.pdf
	p.SetFont(assets.FontName, "", 10)
	p.SetTextColor(90, 90, 90)
	p.CellFormat(0, 5, d.meta.Office, "", 1, "C", false, 0, "")
	p.SetTextColor(0, 0, 0)
	p.SetFont(assets.FontName, "", 17)
	p.CellFormat(0, 10, d.meta.Title, "", 1, "C", false, 0, "")
	if d.meta.Subtitle != "" {
		p.SetFont(assets.FontName, "", 9.5)
		p.CellFormat(0, 6, d.meta.Subtitle, "", 1, "C", false, 0, "")
	}
	p.Ln(2)
	if d.inTable {
		d.tableHeader()
	}
}

func (d *Doc) footer() {
	if d.bare {
		return
	}
	p := d.pdf
	p.SetY(-13)
	p.SetFont(assets.FontName, "", 8)
	p.SetTextColor(90, 90, 90)
	w := d.ContentWidth()
	p.CellFormat(w/3, 5, "打印时间："+d.meta.PrintedAt.Format("2006-01-02 15:04"), "", 0, "L", false, 0, "")
	p.CellFormat(w/3, 5, fmt.Sprintf("第 %d 页 共 {nb} 页", p.PageNo()), "", 0, "C", false, 0, "")
	anchor := ""
	if d.meta.AuditHead != "" {
		anchor = "审计链 " + data.ShortHash(d.meta.AuditHead)
	}
	p.CellFormat(w/3, 5, anchor, "", 0, "R", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// Table draws a table whose header repeats on every page and whose cells wrap Chinese text.
//
// It is the hot path of every long document (a 名册 of 10,000 residents is 500 pages), so it
// writes as little as the page needs: each cell line is one text operator placed directly, each
// row adds one rule under itself, and the column rules are drawn once per page, from the header
// down to the last row on that page.
func (d *Doc) Table(cols []Column, rows [][]string) {
	d.cols, d.inTable = cols, true
	d.tableHeader()
	p := d.pdf
	_, pageH := p.GetPageSize()
	_, _, _, bottom := p.GetMargins()
	top := p.GetY()
	lines := make([][]string, len(cols))
	for _, row := range rows {
		n := d.rowLines(cols, row, lines)
		h := float64(n)*d.lineH + 1.6
		if p.GetY()+h > pageH-bottom {
			d.columnRules(top, p.GetY())
			p.AddPage() // the header callback redraws the table header
			top = p.GetY()
		}
		d.drawRow(cols, lines, h)
	}
	d.columnRules(top, p.GetY())
	d.inTable = false
}

// rowLines wraps each cell of row into lines (reusing its slices) and returns the tallest count.
func (d *Doc) rowLines(cols []Column, row []string, lines [][]string) int {
	n := 1
	for i, c := range cols {
		txt := ""
		if i < len(row) {
			txt = row[i]
		}
		lines[i] = d.wrapInto(lines[i][:0], txt, c.Width-2)
		n = max(n, len(lines[i]))
	}
	return n
}

// drawRow writes one row of h mm at the current position: its text, then the rule under it.
func (d *Doc) drawRow(cols []Column, lines [][]string, h float64) {
	p := d.pdf
	x, y := p.GetXY()
	_, unit := p.GetFontSize()
	cm := p.GetCellMargin()
	base := y + 0.8 + 0.5*d.lineH + 0.3*unit // where CellFormat would put the first baseline
	for i, c := range cols {
		inner := c.Width - 2
		for j, line := range lines[i] {
			if line == "" {
				continue
			}
			dx := cm
			switch align(c.Align) {
			case "C":
				dx = (inner - d.width(line)) / 2
			case "R":
				dx = inner - cm - d.width(line)
			}
			p.Text(x+1+dx, base+float64(j)*d.lineH, line)
		}
		x += c.Width
	}
	p.Line(margin, y+h, x, y+h)
	p.SetXY(margin, y+h)
}

// columnRules draws the table's vertical rules from y0 to y1 (one page's part of the table).
func (d *Doc) columnRules(y0, y1 float64) {
	if y1 <= y0 {
		return
	}
	x := margin
	d.pdf.Line(x, y0, x, y1)
	for _, c := range d.cols {
		x += c.Width
		d.pdf.Line(x, y0, x, y1)
	}
}

// closers never start a line (避头): they stay with what they close.
const closers = "，。、；：？！）」』》”"

// wrap breaks text into lines no wider than w, between any two characters (Chinese has no
// spaces to break at), and at newlines. gofpdf's SplitText drops the character at each break
// of UTF-8 text (v1.16.2), so Linli measures itself, with each character's width looked up once
// per document.
func (d *Doc) wrap(txt string, w float64) []string { return d.wrapInto(nil, txt, w) }

// wrapInto appends the lines of txt to lines; the lines are slices of txt, not copies.
func (d *Doc) wrapInto(lines []string, txt string, w float64) []string {
	_, unit := d.pdf.GetFontSize()
	limit := w * 1000 / unit // in the font's units (1/1000 em), so no rune needs a multiplication
	for {
		para, rest, more := strings.Cut(txt, "\n")
		start, width := 0, 0.0
		for i, r := range para {
			cw := d.runeWidth(r)
			if width+cw > limit && i > start && !strings.ContainsRune(closers, r) {
				lines = append(lines, para[start:i])
				start, width = i, 0
			}
			width += cw
		}
		lines = append(lines, para[start:])
		if !more {
			return lines
		}
		txt = rest
	}
}

// width is the width of s in mm at the current font size.
func (d *Doc) width(s string) float64 {
	_, unit := d.pdf.GetFontSize()
	total := 0.0
	for _, r := range s {
		total += d.runeWidth(r)
	}
	return total * unit / 1000
}

// runeWidth is r's advance in the font's units, measured once per document (the document has
// one font; only its size changes, and the size is applied by the callers).
func (d *Doc) runeWidth(r rune) float64 {
	if w, ok := d.widths[r]; ok {
		return w
	}
	if d.widths == nil {
		d.widths = make(map[rune]float64, 512)
	}
	w := float64(d.pdf.GetStringSymbolWidth(string(r)))
	d.widths[r] = w
	return w
}

func (d *Doc) tableHeader() {
	p := d.pdf
	p.SetFont(assets.FontName, "", d.fontSize)
	p.SetFillColor(232, 236, 242)
	for _, c := range d.cols {
		p.CellFormat(c.Width, 7, c.Header, "1", 0, "C", true, 0, "")
	}
	p.Ln(-1)
	// Fill and text colours equal again: gofpdf then writes cell text without saving and
	// restoring the colour around every string.
	p.SetFillColor(0, 0, 0)
}

func align(a string) string {
	if a == "" {
		return "L"
	}
	return a
}

// Text writes a wrapped paragraph.
func (d *Doc) Text(size float64, txt string) {
	d.pdf.SetFont(assets.FontName, "", size)
	d.pdf.MultiCell(0, size*0.55, txt, "", "L", false)
}

// Signatures draws a row of signature lines, e.g. 制表人, 审核人, and the seal text.
func (d *Doc) Signatures(labels ...string) {
	p := d.pdf
	p.Ln(8)
	_, pageH := p.GetPageSize()
	if p.GetY() > pageH-40 {
		p.AddPage()
	}
	p.SetFont(assets.FontName, "", 10.5)
	w := d.ContentWidth() / float64(len(labels))
	for _, l := range labels {
		p.CellFormat(w, 8, l+"："+strings.Repeat("_", 14), "", 0, "L", false, 0, "")
	}
	p.Ln(10)
}

// Write finishes the document and writes it; gofpdf's error is sticky and checked once here.
func (d *Doc) Write(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("生成 PDF 失败：%w", err)
	}
	return nil
}

// newBarePDF is an A4 document with the embedded font and no header or footer (certificates).
func newBarePDF(m Meta) *gofpdf.Fpdf {
	orient := "P"
	if m.Landscape {
		orient = "L"
	}
	pdf := gofpdf.New(orient, "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(assets.FontName, "", assets.Font)
	pdf.SetCreationDate(m.PrintedAt)
	pdf.SetModificationDate(m.PrintedAt)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(m.Office, true)
	pdf.SetCreator(version.Creator(), true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetFont(assets.FontName, "", 12)
	return pdf
}

func imageOptions() gofpdf.ImageOptions { return gofpdf.ImageOptions{ImageType: "PNG", ReadDpi: false} }

func durationMinutes(n int) time.Duration { return time.Duration(n) * time.Minute }
