// Package importer reads the spreadsheets offices really have — .xlsx with merged title rows,
// Excel 97–2003 and WPS .xls, LibreOffice .ods, CSV in UTF-8 or GB18030 — into plain rows, finds the header row and maps its columns to Linli's
// fields. It knows nothing of the database; data validates and commits what it returns.
package importer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Row is one data row of a sheet, with its row number as the user sees it in Excel.
type Row struct {
	Number int
	Cells  []string
}

// Table is a sheet after the header row was found.
type Table struct {
	Header    []string
	HeaderRow int // row number of the header
	Rows      []Row
	Encoding  string // for CSV: UTF-8 or GB18030
}

// MaxRows bounds what one import reads.
const MaxRows = 200_000

// Extensions are the file names ReadFile reads, for file pickers.
var Extensions = []string{".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"}

// ReadFile reads a workbook (.xlsx, Excel 97–2003 and WPS .xls, LibreOffice .ods) or CSV. What the
// file is comes from its content, so a renamed file still reads, and a file that is no sheet at
// all (a picture, a Word document, a web page saved as .xls, a workbook with a password) is named
// for what it is.
func ReadFile(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("找不到文件 %s：%w", path, err)
		case errors.Is(err, fs.ErrPermission):
			return nil, fmt.Errorf("没有权限读取文件 %s：%w", path, err)
		}
		return nil, fmt.Errorf("无法打开文件 %s：%w", filepath.Base(path), err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, 512<<20))
	if err != nil {
		return nil, fmt.Errorf("无法读取文件 %s：%w", filepath.Base(path), err)
	}
	return ReadBytes(raw, filepath.Ext(path))
}

// ReadBytes reads a file's content; ext (".xls", …) decides only what its content cannot.
func ReadBytes(raw []byte, ext string) (*Table, error) {
	ext = strings.ToLower(ext)
	r := bytes.NewReader(raw)
	switch k := Sniff(raw); k {
	case KindXLSX:
		return ReadXLSX(r)
	case KindXLS:
		return ReadXLS(r)
	case KindODS:
		return ReadODS(r)
	case KindText:
		switch ext {
		case ".csv", ".txt", ".tsv":
			return ReadCSV(r)
		case ".xls", ".ods":
			return nil, fmt.Errorf("这是纯文本文件，只是扩展名为 %s；请把扩展名改为 .csv 后导入，或用 Excel、WPS 打开后另存为 .xlsx", ext)
		}
	case KindUnknown:
	default:
		return nil, errors.New(what[k])
	}
	switch ext {
	case ".xlsx", ".xlsm":
		return ReadXLSX(r)
	case ".xls":
		return ReadXLS(r)
	case ".ods":
		return ReadODS(r)
	case ".csv", ".txt":
		return ReadCSV(r)
	}
	return nil, fmt.Errorf("不支持的文件类型 %s（可导入 .xlsx、.xls、.ods 或 .csv）", ext)
}

// ReadCSV reads CSV in UTF-8 (with or without BOM) or GB18030/GBK, as Chinese Excel saves it.
func ReadCSV(r io.Reader) (*Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		return nil, err
	}
	enc := "UTF-8"
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, errors.New("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）")
		}
		raw, enc = dec, "GB18030"
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("CSV 第 %d 行格式有误：%v", len(rows)+1, err)
		}
		line, _ := cr.FieldPos(0) // csv skips blank lines; keep the line numbers a text editor shows
		rows, lines = append(rows, rec), append(lines, line)
		if len(rows) > MaxRows+20 {
			return nil, fmt.Errorf("文件超过 %d 行，请分批导入", MaxRows)
		}
	}
	t, err := detect(rows, lines)
	if t != nil {
		t.Encoding = enc
	}
	return t, err
}

// ReadXLSX reads the first worksheet with raw cell values (dates stay Excel serials, numbers are
// not reformatted) and fills merged cells with their top-left value.
func ReadXLSX(r io.Reader) (*Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("文件不是有效的 Excel 文件，可能已损坏；请用 Excel 另存为 .xlsx 后重试：%w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("工作簿中没有工作表")
	}
	sheet := sheets[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("无法读取工作表“%s”：%v", sheet, err)
	}
	if len(rows) > MaxRows+20 {
		return nil, fmt.Errorf("工作表超过 %d 行，请分批导入", MaxRows)
	}
	// Reading merged cells makes excelize parse the whole sheet, which costs more than reading its
	// rows; do it only when the sheet has any.
	var merged []excelize.MergeCell
	if hasMergedCells(raw) {
		merged, _ = f.GetMergeCells(sheet)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2-r1 > MaxRows {
			continue
		}
		v := m.GetCellValue()
		for y := r1; y <= r2 && y <= len(rows); y++ {
			for x := c1; x <= c2; x++ {
				row := rows[y-1]
				for len(row) < x {
					row = append(row, "")
				}
				if row[x-1] == "" {
					row[x-1] = v
				}
				rows[y-1] = row
			}
		}
	}
	return Detect(rows)
}

// hasMergedCells looks for a <mergeCell> element in any worksheet of the package.
func hasMergedCells(pkg []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return true // let excelize decide
	}
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return true
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<mergeCell ")) || bytes.Contains(b, []byte(":mergeCell ")) {
			return true
		}
	}
	return false
}

// Detect finds the header row among the first ten rows (the row naming the most known fields,
// at least two) and returns the data rows below it, without blank rows.
func Detect(rows [][]string) (*Table, error) { return detect(rows, nil) }

func detect(rows [][]string, lines []int) (*Table, error) {
	best, bestScore := -1, 1
	for i := 0; i < len(rows) && i < 10; i++ {
		if n := len(AutoMap(rows[i])); n > bestScore {
			best, bestScore = i, n
		}
	}
	if best < 0 {
		return nil, errors.New("找不到表头：前 10 行中没有一行包含“姓名”“身份证号”“联系电话”等列名")
	}
	t := &Table{HeaderRow: best + 1}
	for _, h := range rows[best] {
		t.Header = append(t.Header, clean(h))
	}
	for i := best + 1; i < len(rows); i++ {
		cells := make([]string, len(t.Header))
		blank := true
		for j := range cells {
			if j < len(rows[i]) {
				cells[j] = clean(rows[i][j])
				blank = blank && cells[j] == ""
			}
		}
		if !blank {
			n := i + 1
			if lines != nil {
				n = lines[i]
			}
			t.Rows = append(t.Rows, Row{Number: n, Cells: cells})
		}
	}
	if lines != nil {
		t.HeaderRow = lines[best]
	}
	return t, nil
}

// clean trims spaces and invisible characters; full-width folding is left to each field's rule.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000':
			return true
		}
		return false
	})
}
