package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// mapped is what an import takes from a table: header row, row numbers and mapped cells.
func mapped(tb *Table) [][]string {
	m := AutoMap(tb.Header)
	out := [][]string{{tb.Header[0], string(rune('0' + tb.HeaderRow))}}
	for _, r := range tb.Rows {
		row := []string{string(rune('0' + r.Number))}
		for _, f := range VolunteerFields {
			if i, ok := m[f]; ok {
				row = append(row, string(f)+"="+r.Cells[i])
			}
		}
		out = append(out, row)
	}
	return out
}

func TestFormatsReadAlike(t *testing.T) {
	for _, name := range fixtures {
		want, err := ReadFile(filepath.Join("testdata", name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{".xls", ".ods"} {
			t.Run(name+ext, func(t *testing.T) {
				got, err := ReadFile(filepath.Join("testdata", name+ext))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Header, want.Header) || !reflect.DeepEqual(mapped(got), mapped(want)) {
					t.Fatalf("%s reads\n%v\nwant (.xlsx)\n%v", ext, mapped(got), mapped(want))
				}
			})
		}
	}
}

func TestXLSFormulaResultsAndMergedTitle(t *testing.T) {
	tb, err := ReadFile(filepath.Join("testdata", "wps-title.xls"))
	if err != nil {
		t.Fatal(err)
	}
	if tb.HeaderRow != 4 || len(tb.Rows) != 2 || tb.Rows[1].Cells[0] != "2" || tb.Rows[0].Cells[1] != "沈桂英" {
		t.Fatalf("header row %d, rows %+v", tb.HeaderRow, tb.Rows)
	}
}

func TestXLSText(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	label := func(row, col uint16, s []byte, biff8 bool) []byte {
		b := binary.LittleEndian.AppendUint16(nil, row)
		b = binary.LittleEndian.AppendUint16(b, col)
		b = binary.LittleEndian.AppendUint16(b, 15)
		b = binary.LittleEndian.AppendUint16(b, uint16(len(s)))
		if biff8 {
			b = append(b, 0) // 8-bit characters
		}
		return append(b, s...)
	}
	t.Run("BIFF8 with GBK bytes under code page 936", func(t *testing.T) {
		s := workbookStream(0x0600, func(w *biffWriter) { w.rec(0x0042, uint16(936)) }, func(w *biffWriter) {
			w.raw(0x0204, label(0, 0, gbk("姓名"), true))
			w.raw(0x0204, label(0, 1, gbk("社区"), true))
			w.raw(0x0204, label(1, 0, gbk("王秀英"), true))
			w.raw(0x0204, label(1, 1, gbk("南苑社区"), true))
		})
		tb, err := ReadXLS(bytes.NewReader(compoundFile(s, "Workbook")))
		if err != nil {
			t.Fatal(err)
		}
		if tb.Rows[0].Cells[0] != "王秀英" || tb.Rows[0].Cells[1] != "南苑社区" {
			t.Fatalf("rows %+v", tb.Rows)
		}
	})
	t.Run("BIFF5 in code page 936", func(t *testing.T) {
		s := workbookStream(0x0500, func(w *biffWriter) { w.rec(0x0042, uint16(936)) }, func(w *biffWriter) {
			w.raw(0x0204, label(0, 0, gbk("姓名"), false))
			w.raw(0x0204, label(0, 1, gbk("电话"), false))
			w.raw(0x0204, label(1, 0, gbk("李桂兰"), false))
			w.rec(0x027E, uint16(1), uint16(1), uint16(15), uint32(87012345<<2|2))
		})
		tb, err := ReadXLS(bytes.NewReader(compoundFile(s, "Book")))
		if err != nil {
			t.Fatal(err)
		}
		if tb.Rows[0].Cells[0] != "李桂兰" || tb.Rows[0].Cells[1] != "87012345" {
			t.Fatalf("rows %+v", tb.Rows)
		}
	})
	t.Run("shared strings cut by CONTINUE, RK and MULRK numbers", func(t *testing.T) {
		long := strings.Repeat("长", 30)
		sst := binary.LittleEndian.AppendUint32(nil, 3)
		sst = binary.LittleEndian.AppendUint32(sst, 3)
		sst = append(sst, xlsString("姓名")...)
		sst = append(sst, xlsString("出生日期")...)
		whole := xlsString(long)
		cut := len(sst) + 3 + 20 // the header and ten characters in the SST record
		sst = append(sst, whole...)
		s := workbookStream(0x0600, func(w *biffWriter) {
			w.raw(0x00FC, sst[:cut])
			w.raw(0x003C, append([]byte{1}, sst[cut:]...))
		}, func(w *biffWriter) {
			w.rec(0x00FD, uint16(0), uint16(0), uint16(15), uint32(0))
			w.rec(0x00FD, uint16(0), uint16(1), uint16(15), uint32(1))
			w.rec(0x00FD, uint16(1), uint16(0), uint16(15), uint32(2))
			w.rec(0x027E, uint16(1), uint16(1), uint16(15), uint32(16508<<2|2))
			w.rec(0x00BD, uint16(2), uint16(0), uint16(15), uint32(1234<<2|3), uint16(15), uint32(16509<<2|2), uint16(1))
		})
		tb, err := ReadXLS(bytes.NewReader(compoundFile(s, "Workbook")))
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Rows) != 2 || tb.Rows[0].Cells[0] != long || tb.Rows[0].Cells[1] != "16508" ||
			tb.Rows[1].Cells[0] != "12.34" || tb.Rows[1].Cells[1] != "16509" {
			t.Fatalf("rows %+v", tb.Rows)
		}
	})
}

func TestFilesThatAreNoSheet(t *testing.T) {
	zipOf := func(files map[string]string) []byte {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		for name, body := range files {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte(body)); err != nil {
				t.Fatal(err)
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	f := excelize.NewFile()
	if err := f.SetCellValue("Sheet1", "A1", "姓名"); err != nil {
		t.Fatal(err)
	}
	var locked bytes.Buffer
	if err := f.Write(&locked, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	filepass := workbookStream(0x0600, func(w *biffWriter) { w.rec(0x002F, uint16(1)) }, func(*biffWriter) {})
	for _, tc := range []struct {
		name, ext string
		raw       []byte
		want      string
	}{
		{"encrypted xlsx", ".xlsx", locked.Bytes(), "工作簿有密码保护，请先取消密码"},
		{"encrypted xls", ".xls", compoundFile(filepass, "Workbook"), "工作簿有密码保护，请先取消密码"},
		{"encrypted ods", ".ods", zipOf(map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
			"content.xml": "x", "META-INF/manifest.xml": "<manifest:encryption-data/>"}), "工作簿有密码保护"},
		{"photo", ".xlsx", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "这是一张图片"},
		{"screenshot", ".xls", []byte("\x89PNG\r\n\x1a\n...."), "这是一张图片"},
		{"Word document", ".xlsx", zipOf(map[string]string{"word/document.xml": "<w:document/>"}), "这是 Word 文档"},
		{"Word 97 document", ".xls", compoundFile([]byte("x"), "WordDocument"), "这是 Word 文档"},
		{"PDF", ".xls", []byte("%PDF-1.7\n"), "这是 PDF 文件"},
		{"web page saved as xls", ".xls", []byte("<html><table><tr><td>姓名</td></tr></table></html>"), "网页（HTML）"},
		{"zip archive", ".xlsx", zipOf(map[string]string{"名单.xlsx": "x"}), "zip 压缩包"},
		{"text named xls", ".xls", []byte("姓名,电话\n"), "纯文本文件"},
		{"damaged xlsx", ".xlsx", []byte("this is not a zip file"), "文件不是有效的 Excel 文件"},
		{"damaged xls", ".xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 cut short"), "文件不是有效的 .xls 文件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBytes(tc.raw, tc.ext)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestRenamedFileReadsByContent(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "volunteers.xls"))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := ReadBytes(raw, ".xlsx")
	if err != nil || len(tb.Rows) != 2 {
		t.Fatalf("an .xls named .xlsx: %v", err)
	}
}

func TestODSRepeatsAndSpans(t *testing.T) {
	content := `<office:document-content xmlns:office="` + nsOffice + `" xmlns:table="` + nsTable + `" xmlns:text="` + nsText + `"><office:body><office:spreadsheet>
<table:table table:name="名单">
<table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>居民名单</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-repeated="16381"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell><text:p>出生日期</text:p></table:table-cell><table:table-cell><text:p>社区</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell><text:p>王<text:s text:c="2"/>一</text:p><office:annotation><text:p>批注</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="date" office:date-value="1945-03-12"><text:p>1945/3/12</text:p></table:table-cell><table:table-cell table:number-rows-spanned="3"><text:p>南苑社区</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="第二张"><table:table-row><table:table-cell><text:p>不读</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`
	rows, merges, err := parseODS(strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Detect(fillMerged(rows, merges))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{3, []string{"王  一", "16508", "南苑社区"}}, {4, []string{"王  一", "16508", "南苑社区"}}}
	if tb.HeaderRow != 2 || !reflect.DeepEqual(tb.Rows, want) || len(rows) > 10 {
		t.Fatalf("header %d rows %+v (%d read)", tb.HeaderRow, tb.Rows, len(rows))
	}
}

func FuzzReadXLS(f *testing.F) {
	maxCells = 100_000
	for _, name := range fixtures {
		raw, err := os.ReadFile(filepath.Join("testdata", name+".xls"))
		if err != nil {
			f.Fatal(err)
		}
		stream, err := xlsStream(raw)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(stream)
	}
	f.Add(workbookStream(0x0500, nil, func(w *biffWriter) { w.rec(0x00E5, uint16(1), [4]uint16{0, 9, 0, 9}) }))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, merges, err := parseBIFF(b)
		if err != nil {
			return
		}
		for _, r := range rows {
			if len(r) > maxCols {
				t.Fatalf("row of %d cells", len(r))
			}
		}
		fillMerged(rows, merges)
	})
}

func FuzzReadODS(f *testing.F) {
	maxCells = 100_000
	for _, name := range fixtures {
		z, err := zip.OpenReader(filepath.Join("testdata", name+".ods"))
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range z.File {
			if e.Name == "content.xml" {
				b, err := readZipEntry(e, 1<<20)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(b)
			}
		}
		if err := z.Close(); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, merges, err := parseODS(bytes.NewReader(b))
		if err != nil {
			return
		}
		if len(rows) > MaxRows+20 {
			t.Fatalf("%d rows", len(rows))
		}
		fillMerged(rows, merges)
	})
}

// FuzzReadBytes runs whole files — compound files, zips, text — through the content sniffing and
// every reader, as an import of a damaged or hostile file would.
func FuzzReadBytes(f *testing.F) {
	maxCells = 100_000
	for _, name := range fixtures {
		for _, ext := range []string{".xls", ".ods"} {
			raw, err := os.ReadFile(filepath.Join("testdata", name+ext))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(raw, ext)
		}
	}
	f.Add(compoundFile(workbookStream(0x0600, nil, func(w *biffWriter) { w.raw(0x0204, []byte{0, 0, 0, 0, 15, 0, 2, 0, 1, 'a', 0}) }), "Workbook"), ".xls")
	f.Add([]byte("姓名,电话\n王,1\n"), ".csv")
	f.Fuzz(func(t *testing.T, b []byte, ext string) {
		tb, err := ReadBytes(b, ext)
		if err != nil {
			return
		}
		for _, r := range tb.Rows {
			if len(r.Cells) != len(tb.Header) {
				t.Fatalf("row %+v against header %v", r, tb.Header)
			}
		}
	})
}

func TestODSRepeatedBeyondReason(t *testing.T) {
	content := `<office:document-content xmlns:office="` + nsOffice + `" xmlns:table="` + nsTable + `" xmlns:text="` + nsText + `"><office:body><office:spreadsheet><table:table>
<table:table-row table:number-rows-repeated="150000"><table:table-cell table:number-columns-repeated="1024"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>`
	if _, _, err := parseODS(strings.NewReader(content)); err == nil || !strings.Contains(err.Error(), "工作表太大") {
		t.Fatalf("a sheet of 150 million cells: %v", err)
	}
}
