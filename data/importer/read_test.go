package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestHeaderVariants(t *testing.T) {
	tests := []struct {
		header string
		field  Field
	}{
		{"姓名", Name}, {"名字", Name}, {"身份证号", IDNumber}, {"身份证号码", IDNumber}, {"公民身份号码", IDNumber},
		{"手机", Phone}, {"手机号", Phone}, {"联系电话", Phone}, {"社区", Community}, {"网格", Grid},
		{"地址", Address}, {"住址", Address}, {"家庭住址", Address}, {"性别", Sex}, {"出生日期", BirthDate},
		{"标签", Tags}, {"类别", Tags}, {"人员类别", Tags}, {"备注", Notes},
		{" 姓　名 ", Name}, {"*身份证号码", IDNumber}, {"联系电话（必填）", Phone}, {"ＩＤ", ""},
	}
	for _, tc := range tests {
		m := AutoMap([]string{"无关", tc.header})
		got, ok := "", false
		for f, i := range m {
			if i == 1 {
				got, ok = string(f), true
			}
		}
		if tc.field == "" {
			if ok {
				t.Errorf("%q mapped to %s", tc.header, got)
			}
			continue
		}
		if got != string(tc.field) {
			t.Errorf("%q mapped to %q, want %s", tc.header, got, tc.field)
		}
	}
}

func TestCSVEncodings(t *testing.T) {
	text := "序号,姓名,身份证号,联系电话\n1,王秀英,330481194503120026,１３８０００５６７８\n\n2,李桂兰,,13900001111\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string]string{"utf8": text, "bom": "\ufeff" + text, "gbk": gbk} {
		tb, err := ReadCSV(strings.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(tb.Rows) != 2 || tb.Rows[0].Cells[1] != "王秀英" || tb.Rows[1].Number != 4 {
			t.Fatalf("%s: rows %+v", name, tb.Rows)
		}
		if name == "gbk" && tb.Encoding != "GB18030" {
			t.Errorf("gbk detected as %s", tb.Encoding)
		}
	}
}

func TestXLSXMergedTitleAndSerialDates(t *testing.T) {
	f := excelize.NewFile()
	errs := []error{
		f.SetCellValue("Sheet1", "A1", "南苑社区居民花名册"),
		f.MergeCell("Sheet1", "A1", "E1"),
		f.SetSheetRow("Sheet1", "A2", &[]any{"姓名", "身份证号码", "出生日期", "社区", "网格"}),
		f.SetCellValue("Sheet1", "A3", "王秀英"),
		f.SetCellStr("Sheet1", "B3", "330481194503120026"),
		f.SetCellValue("Sheet1", "C3", 16508), // 1945-03-12 as an Excel serial
		f.SetCellValue("Sheet1", "D3", "南苑社区"),
		f.MergeCell("Sheet1", "D3", "D4"), // the community cell spans both people
		f.SetCellValue("Sheet1", "A4", "李桂兰"),
		f.SetCellValue("Sheet1", "B4", 330481194503120026.0), // stored as a number: digits lost
	}
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	for _, err := range append(errs, err) {
		if err != nil {
			t.Fatal(err)
		}
	}
	tb, err := ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if tb.HeaderRow != 2 || len(tb.Rows) != 2 {
		t.Fatalf("header row %d, %d rows", tb.HeaderRow, len(tb.Rows))
	}
	r := tb.Rows[0]
	if r.Cells[2] != "16508" || r.Cells[3] != "南苑社区" || tb.Rows[1].Cells[3] != "南苑社区" {
		t.Fatalf("cells %v / %v", r.Cells, tb.Rows[1].Cells)
	}
	if id := tb.Rows[1].Cells[1]; id == "330481194503120026" {
		t.Fatalf("a numeric ID must not read back whole: %q", id)
	}
}

func TestNoHeader(t *testing.T) {
	if _, err := ReadCSV(strings.NewReader("a,b,c\n1,2,3\n")); err == nil || !strings.Contains(err.Error(), "表头") {
		t.Fatalf("no header: %v", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("姓名,身份证号\n王秀英,330481194503120026\n"))
	f.Add([]byte("\xef\xbb\xbf姓名,手机\n\"a\"\"b\",1\n"))
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("姓名,电话\n张三,138\n")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(gbk))
	f.Add([]byte("姓名,社区\n\"unterminated,1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := ReadCSV(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, r := range tb.Rows {
			if len(r.Cells) != len(tb.Header) || r.Number <= tb.HeaderRow {
				t.Fatalf("row %+v against header %v", r, tb.Header)
			}
		}
	})
}
