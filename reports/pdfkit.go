// Package reports writes Linli's documents: PDFs with gofpdf and spreadsheets with excelize.
// Writers take plain values and an io.Writer; they never touch the database.
package reports

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

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

// closers never start a line (避头): they stay with what they close; openers never end one (避尾).
const (
	closers = "，。、；：？！）」』》”"
	openers = "（「『《“"
)

// separators end a list item or clause: a line rather breaks after one (names in 「周晓燕、王明」
// stay whole) when it is among the last few characters of the line.
const separators = "、，；： "

// units are address parts and measure words that stay with the number before them, written
// close or after a space (30/1室, 12 号, 3幢, 2单元, 8 分钟, 1.5 小时, 13 人).
const units = "号室栋幢楼层弄巷组户单元分秒岁人件次天个张条场小元"

// goodBreakReach is how many characters back a line looks for a break after a separator.
const goodBreakReach = 4

// wordRune reports whether r belongs to a run of digits and Latin letters that is never broken
// (with the joiners inside numbers, dates and room numbers: 3-2-501, 2026-11-28, 30/1, 8:30).
func wordRune(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("-/.:#_+%*", r)) ||
		r >= '０' && r <= '９'
}

// canBreak reports whether a line may break between prev and r (prev2 comes before prev).
func canBreak(prev2, prev, r rune) bool {
	switch {
	case strings.ContainsRune(closers, r), strings.ContainsRune(openers, prev):
		return false
	case wordRune(prev) && wordRune(r):
		return false // inside 30/1 or 2026-11-28
	case wordRune(prev) && strings.ContainsRune(units, r), prev == ' ' && wordRune(prev2) && strings.ContainsRune(units, r):
		return false // 1室, 12 号, 8 分钟
	case prev == '单' && r == '元' && wordRune(prev2):
		return false // 2单元
	}
	return true
}

// wrap breaks text into lines no wider than w, and at newlines. Chinese has no spaces, so a line
// may break between any two characters except inside a run of digits and Latin letters with the
// address part after it, before a closer or after an opener; near the end of a line it rather
// breaks after a list separator. Only a run wider than the whole line is cut. gofpdf's SplitText
// drops the character at each break of UTF-8 text (v1.16.2), so Linli measures itself, with each
// character's width looked up once per document.
func (d *Doc) wrap(txt string, w float64) []string { return d.wrapInto(nil, txt, w) }

// wrapInto appends the lines of txt to lines; the lines are slices of txt, not copies.
func (d *Doc) wrapInto(lines []string, txt string, w float64) []string {
	_, unit := d.pdf.GetFontSize()
	limit := w * 1000 / unit // in the font's units (1/1000 em), so no rune needs a multiplication
	for {
		para, rest, more := strings.Cut(txt, "\n")
		lines = d.wrapPara(lines, para, limit)
		if !more {
			return lines
		}
		txt = rest
	}
}

// wrapPara wraps one paragraph into lines of at most limit font units.
func (d *Doc) wrapPara(lines []string, para string, limit float64) []string {
	start, width := 0, 0.0
	last, good := -1, -1 // the latest allowed break in this line, and the latest after a separator
	var prev2, prev rune
	for i, r := range para {
		allowed := i > start && canBreak(prev2, prev, r)
		if allowed {
			last = i
			if strings.ContainsRune(separators, prev) {
				good = i
			}
		}
		cw := d.runeWidth(r)
		// A closer that does not fit hangs past the line's end (悬挂) rather than pulling the
		// character it closes down with it.
		if width+cw > limit && i > start && !strings.ContainsRune(closers, r) {
			b := i // cut here when nothing better is allowed (a run wider than the line)
			switch {
			case good > start && utf8.RuneCountInString(para[good:i]) <= goodBreakReach:
				b = good
			case allowed:
			case last > start:
				b = last
			}
			lines = append(lines, para[start:b])
			start, last, good = b, -1, -1
			width = d.runesWidth(para[b:i])
		}
		width += cw
		prev2, prev = prev, r
	}
	return append(lines, para[start:])
}

// runesWidth is the width of s in the font's units.
func (d *Doc) runesWidth(s string) float64 {
	total := 0.0
	for _, r := range s {
		total += d.runeWidth(r)
	}
	return total
}

// width is the width of s in mm at the current font size.
func (d *Doc) width(s string) float64 {
	_, unit := d.pdf.GetFontSize()
	return d.runesWidth(s) * unit / 1000
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

// JoinDots joins the non-empty parts with 「 · 」, so that a missing place or time leaves no
// empty 「 · · 」 in a subtitle.
func JoinDots(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}
