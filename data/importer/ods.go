package importer

// OpenDocument spreadsheets (.ods), LibreOffice's own format, common on UOS and Kylin desks.
//
// Why a reader of our own: the Go module proxy has no maintained .ods reader (the few packages
// found read no merged cells or repeated rows, or are unmaintained), and the part an import
// needs is small: an .ods file is a zip whose content.xml holds table:table-row and
// table:table-cell elements. This file reads the first table of it with archive/zip and
// encoding/xml, expanding table:number-rows-repeated and table:number-columns-repeated (without
// materialising the empty rows and columns LibreOffice repeats to the sheet's end), filling merged
// ranges (table:number-columns-spanned / number-rows-spanned) and giving float, percentage,
// currency and date cells the raw values ReadXLSX gives (dates as Excel serials).

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

const odsDamaged = "文件不是有效的 .ods 文件，可能已损坏；请用 LibreOffice 或 WPS 打开后另存为 .xlsx 再导入"

const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// ReadODS reads the first table of an OpenDocument spreadsheet.
func ReadODS(r io.Reader) (*Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		return nil, err
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fmt.Errorf("%s：%w", odsDamaged, err)
	}
	var content *zip.File
	for _, f := range z.File {
		switch f.Name {
		case "content.xml":
			content = f
		case "META-INF/manifest.xml":
			if b, err := readZipEntry(f, 1<<20); err == nil && bytes.Contains(b, []byte("encryption-data")) {
				return nil, ErrEncrypted
			}
		}
	}
	if content == nil {
		return nil, errors.New(odsDamaged)
	}
	rc, err := content.Open()
	if err != nil {
		return nil, fmt.Errorf("%s：%w", odsDamaged, err)
	}
	defer rc.Close()
	rows, merges, err := parseODS(io.LimitReader(rc, 1<<30))
	if err != nil {
		return nil, err
	}
	return Detect(fillMerged(rows, merges))
}

func readZipEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}

// odsSheet gathers the first table's rows while content.xml is read.
type odsSheet struct {
	rows   [][]string
	merges []cellRange
	row    []string // the row being read
	empty  bool     // the row being read has no value yet
	col    int
	repeat int  // the row's table:number-rows-repeated
	beyond bool // empty rows went past MaxRows: any later value makes the sheet too long
	cells  int  // kept so far, padding included
}

func parseODS(r io.Reader) ([][]string, []cellRange, error) {
	d := xml.NewDecoder(r)
	sh := &odsSheet{}
	depth, tables := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s：%w", odsDamaged, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != nsTable {
				continue
			}
			switch t.Name.Local {
			case "table":
				tables++
				depth++
			case "table-row":
				if tables == 1 && depth == 1 {
					sh.row, sh.empty, sh.col = nil, true, 0
					sh.repeat = attrInt(t, "number-rows-repeated")
				}
			case "table-cell", "covered-table-cell":
				if tables != 1 || depth != 1 {
					continue
				}
				if err := sh.cell(d, t); err != nil {
					return nil, nil, err
				}
			}
		case xml.EndElement:
			if t.Name.Space != nsTable {
				continue
			}
			switch t.Name.Local {
			case "table":
				depth--
				if tables == 1 && depth == 0 {
					return sh.rows, sh.merges, nil
				}
			case "table-row":
				if tables == 1 && depth == 1 {
					if err := sh.endRow(); err != nil {
						return nil, nil, err
					}
				}
			}
		}
	}
	if tables == 0 {
		return nil, nil, errors.New("工作簿中没有工作表")
	}
	return sh.rows, sh.merges, nil
}

// attrInt reads a table: count attribute; absent or bad, it is 1. Counts are capped at a sheet's
// size (LibreOffice repeats to row 1,048,576 and column 16,384).
func attrInt(t xml.StartElement, name string) int {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == nsTable {
			if n, err := strconv.Atoi(a.Value); err == nil && n >= 1 {
				return min(n, 1<<21)
			}
		}
	}
	return 1
}

func attr(t xml.StartElement, space, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// endRow keeps the row read, repeated as many times as it says; rows with no value only move the
// row count on, so the million empty rows LibreOffice may repeat to the sheet's end cost nothing.
func (sh *odsSheet) endRow() error {
	if sh.empty {
		if sh.beyond || len(sh.rows)+sh.repeat > MaxRows+20 {
			sh.beyond = true
			return nil
		}
		for i := 0; i < sh.repeat; i++ {
			sh.rows = append(sh.rows, nil)
		}
		return nil
	}
	if sh.beyond || len(sh.rows)+sh.repeat > MaxRows+20 {
		return fmt.Errorf("工作表超过 %d 行，请分批导入", MaxRows)
	}
	if sh.cells += len(sh.row) * sh.repeat; sh.cells > maxCells {
		return errTooManyCells()
	}
	for i := 0; i < sh.repeat; i++ {
		sh.rows = append(sh.rows, append([]string(nil), sh.row...))
	}
	return nil
}

// cell reads one table:table-cell (or covered cell) to its end element.
func (sh *odsSheet) cell(d *xml.Decoder, t xml.StartElement) error {
	n := attrInt(t, "number-columns-repeated")
	if cs, rs := attrInt(t, "number-columns-spanned"), attrInt(t, "number-rows-spanned"); cs > 1 || rs > 1 {
		y := len(sh.rows) + 1
		sh.merges = append(sh.merges, cellRange{r1: y, c1: sh.col + 1, r2: y + rs - 1, c2: sh.col + cs})
	}
	text, err := cellText(d)
	if err != nil {
		return err
	}
	v := odsValue(t, text)
	if v == "" {
		sh.col += n
		return nil
	}
	sh.empty = false
	for i := 0; i < n && sh.col < maxCols; i++ {
		for len(sh.row) < sh.col {
			sh.row = append(sh.row, "")
		}
		sh.row = append(sh.row, v)
		sh.col++
	}
	return nil
}

// odsValue is a cell's value as ReadXLSX would give it.
func odsValue(t xml.StartElement, text string) string {
	switch attr(t, nsOffice, "value-type") {
	case "float", "percentage", "currency":
		if f, err := strconv.ParseFloat(attr(t, nsOffice, "value"), 64); err == nil {
			return FormatNumber(f)
		}
	case "date":
		if v, ok := odsDateSerial(attr(t, nsOffice, "date-value")); ok {
			return v
		}
	case "boolean":
		if b, err := strconv.ParseBool(attr(t, nsOffice, "boolean-value")); err == nil {
			return map[bool]string{true: "TRUE", false: "FALSE"}[b]
		}
	}
	return text
}

// odsDateSerial turns 1945-03-12 or 1945-03-12T08:30:00 into the Excel serial excelize reads.
func odsDateSerial(s string) (string, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999"} {
		if d, err := time.Parse(layout, s); err == nil {
			days := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
			return FormatNumber(days), true
		}
	}
	return "", false
}

// cellText reads a cell's paragraphs (text:p, lines joined by a line break), with text:s spaces,
// tabs and line breaks, up to the cell's end element.
func cellText(d *xml.Decoder) (string, error) {
	var sb strings.Builder
	depth, paras := 1, 0
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("%s：%w", odsDamaged, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsOffice && t.Name.Local == "annotation" { // a comment, not the value
				if err := d.Skip(); err != nil {
					return "", fmt.Errorf("%s：%w", odsDamaged, err)
				}
				continue
			}
			depth++
			if t.Name.Space != nsText {
				continue
			}
			switch t.Name.Local {
			case "p":
				if paras > 0 {
					sb.WriteByte('\n')
				}
				paras++
			case "s":
				n := 1
				if c, err := strconv.Atoi(attr(t, nsText, "c")); err == nil && c > 1 && c < 1000 {
					n = c
				}
				sb.WriteString(strings.Repeat(" ", n))
			case "tab":
				sb.WriteByte('\t')
			case "line-break":
				sb.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth >= 2 {
				sb.Write(t)
			}
		}
		if sb.Len() > 1<<20 {
			return "", errors.New(odsDamaged)
		}
	}
	return sb.String(), nil
}
