package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"linli/data"
	"linli/data/importer"
)

// XCol is one spreadsheet column.
type XCol struct {
	Header string
	Width  float64
	Text   bool // stored and formatted as text (ID numbers, phones), never as a number
}

// WithPassword makes this package's xlsx writers write a password-protected workbook to w, with
// the workbook encryption Excel and WPS open with the password (excelize's own). An empty password
// leaves w as it is.
func WithPassword(w io.Writer, password string) io.Writer {
	if password == "" {
		return w
	}
	return &protectedWriter{Writer: w, password: password}
}

type protectedWriter struct {
	io.Writer
	password string
}

// writeWorkbook writes f to w, encrypted when w came from WithPassword.
func writeWorkbook(f *excelize.File, w io.Writer) error {
	if p, ok := w.(*protectedWriter); ok {
		return f.Write(p.Writer, excelize.Options{Password: p.password})
	}
	return f.Write(w)
}

// WriteXLSX writes one styled sheet with the stream writer: a bold header row, the first row
// frozen, an Excel table with filter buttons, and text columns formatted as text.
func WriteXLSX(w io.Writer, sheet string, cols []XCol, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
		if c.Text {
			if err := sw.SetColStyle(i+1, i+1, textStyle); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: headStyle, Value: c.Header}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	for r, row := range rows {
		vals := make([]any, len(row))
		for i, v := range row {
			if i < len(cols) && cols[i].Text {
				vals[i] = excelize.Cell{StyleID: textStyle, Value: fmt.Sprint(v)}
			} else {
				vals[i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), max(len(rows)+1, 2))
	if len(rows) == 0 {
		empty, _ := excelize.CoordinatesToCellName(1, 2)
		if err := sw.SetRow(empty, []any{""}); err != nil {
			return err
		}
	}
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "T_" + sanitize(sheet), StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return writeWorkbook(f, w)
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, s)
}

// PeopleColumns are the columns of the people export; they match the importer's headers, so an
// exported sheet can be imported again.
var PeopleColumns = []XCol{
	{Header: "姓名", Width: 10}, {Header: "性别", Width: 6}, {Header: "出生日期", Width: 12},
	{Header: "身份证号", Width: 21, Text: true}, {Header: "联系电话", Width: 15, Text: true},
	{Header: "社区", Width: 14}, {Header: "网格", Width: 16}, {Header: "地址", Width: 44},
	{Header: "标签", Width: 18}, {Header: "备注", Width: 20},
}

// PeopleXLSX writes people as a sheet. ID numbers and phones are masked unless reveal is set
// (callers set it only for a role that may reveal, and record the export in the audit trail).
func PeopleXLSX(w io.Writer, people []data.Person, reveal bool) error {
	rows := make([][]any, len(people))
	for i, p := range people {
		id, phone := p.IDNumber, p.Phone
		if !reveal {
			id, phone = data.MaskID(id), data.MaskPhone(phone)
		}
		rows[i] = []any{p.Name, p.Sex, p.BirthDate, id, phone, p.Community, p.Grid, p.Address, strings.Join(p.Tags, "、"), p.Notes}
	}
	return WriteXLSX(w, "居民", PeopleColumns, rows)
}

// AuditXLSX writes audit lines as a sheet: first as people read them (local time, the account's
// display name, the record by name), then, under 「校验用」, the entry's fields as stored and its
// hashes, so that the chain can be rechecked.
func AuditXLSX(w io.Writer, lines []data.AuditLine) error {
	cols := []XCol{{Header: "序号", Width: 8}, {Header: "时间", Width: 20}, {Header: "操作人", Width: 12},
		{Header: "操作", Width: 12}, {Header: "对象", Width: 22}, {Header: "摘要", Width: 60},
		{Header: "校验用：用户名", Width: 14, Text: true}, {Header: "校验用：对象类别", Width: 12}, {Header: "校验用：对象编号", Width: 10},
		{Header: "校验用：原始时间", Width: 26, Text: true}, {Header: "校验用：哈希", Width: 70, Text: true},
		{Header: "校验用：恢复前原序号", Width: 12}, {Header: "校验用：恢复前原哈希", Width: 70, Text: true}}
	rows := make([][]any, len(lines))
	for i, l := range lines {
		e := l.Entry
		// An entry a restore carried over keeps where it was first written (see data.AuditEntry).
		var origID any
		if e.Carried() {
			origID = e.OrigID
		}
		rows[i] = []any{e.ID, l.At, l.User, l.Action, l.Object, l.Summary, e.Username, e.Entity, e.EntityID, e.At, e.Hash, origID, e.OrigHash}
	}
	return WriteXLSX(w, "审计记录", cols, rows)
}

// ImportErrorsXLSX writes the rows of a rejected import as they were, plus a column 错误说明
// naming each problem's field, so that staff can fix the sheet and import it again.
func ImportErrorsXLSX(w io.Writer, header []string, rows []importer.Row, errs []data.RowError) error {
	byRow := map[int][]string{}
	for _, e := range errs {
		byRow[e.Row] = append(byRow[e.Row], e.Column+"："+e.Message)
	}
	cols := []XCol{{Header: "原行号", Width: 8}}
	for _, h := range header {
		cols = append(cols, XCol{Header: h, Width: 16, Text: true})
	}
	cols = append(cols, XCol{Header: "错误说明", Width: 60})
	var out [][]any
	for _, r := range rows {
		msgs, bad := byRow[r.Number]
		if !bad {
			continue
		}
		row := []any{r.Number}
		for i := range header {
			v := ""
			if i < len(r.Cells) {
				v = r.Cells[i]
			}
			row = append(row, v)
		}
		out = append(out, append(row, strings.Join(msgs, "；")))
	}
	return WriteXLSX(w, "错误说明", uniqueHeaders(cols), out)
}

// uniqueHeaders makes header texts unique (Excel tables require it) and never empty.
func uniqueHeaders(cols []XCol) []XCol {
	seen := map[string]int{}
	for i := range cols {
		h := cols[i].Header
		if h == "" {
			h = fmt.Sprintf("列%d", i)
		}
		if n := seen[h]; n > 0 {
			seen[h]++
			h = fmt.Sprintf("%s(%d)", h, n+1)
		} else {
			seen[h] = 1
		}
		cols[i].Header = h
	}
	return cols
}

// VolunteerColumns match the volunteer importer's headers.
var VolunteerColumns = append(append([]XCol{{Header: "志愿者编号", Width: 11}}, PeopleColumns[:6]...),
	XCol{Header: "志愿者类别", Width: 24}, XCol{Header: "技能特长", Width: 18}, XCol{Header: "可服务时间", Width: 14},
	XCol{Header: "在册", Width: 6}, XCol{Header: "服务时长（小时）", Width: 12})

// VolunteersXLSX writes volunteers as a sheet; phones and IDs masked unless reveal.
func VolunteersXLSX(w io.Writer, vs []data.Volunteer, reveal bool) error {
	rows := make([][]any, len(vs))
	for i, v := range vs {
		p := v.Person
		id, phone := p.IDNumber, p.Phone
		if !reveal {
			id, phone = data.MaskID(id), data.MaskPhone(phone)
		}
		active := "是"
		if !v.Active {
			active = "否"
		}
		rows[i] = []any{v.Number, p.Name, p.Sex, p.BirthDate, id, phone, p.Community, strings.Join(v.Kinds, "、"),
			strings.Join(v.Skills, "、"), data.WeekdaysString(v.Weekdays), active, strings.TrimSuffix(Hours(v.Minutes), " 小时")}
	}
	return WriteXLSX(w, "志愿者", VolunteerColumns, rows)
}

// OrdersXLSX writes orders with their totals (amounts in 元 with two decimals, from 分).
func OrdersXLSX(w io.Writer, orders []data.Order) error {
	cols := []XCol{{Header: "订单号", Width: 14}, {Header: "客户", Width: 12}, {Header: "单位", Width: 20}, {Header: "交货日期", Width: 12},
		{Header: "状态", Width: 8}, {Header: "分配方式", Width: 8}, {Header: "订单金额（元）", Width: 14}, {Header: "材料成本（元）", Width: 14},
		{Header: "已收（元）", Width: 12}, {Header: "未收（元）", Width: 12}}
	rows := make([][]any, len(orders))
	for i, o := range orders {
		rows[i] = []any{o.Number, o.CustomerName, o.CustomerOrg, o.Due, o.Status, o.SplitRule, yuanCell(o.TotalFen),
			yuanCell(o.MaterialFen), yuanCell(o.PaidFen), yuanCell(o.TotalFen - o.PaidFen)}
	}
	return WriteXLSX(w, "订单", cols, rows)
}

// SplitsXLSX writes the month's ledger rows (each payment's split).
func SplitsXLSX(w io.Writer, rows []data.LedgerRow) error {
	cols := []XCol{{Header: "日期", Width: 12}, {Header: "订单号", Width: 14}, {Header: "客户", Width: 24}, {Header: "品名", Width: 24},
		{Header: "收款（元）", Width: 12}, {Header: "材料（元）", Width: 12}, {Header: "工坊留存（元）", Width: 14},
		{Header: "学员分配（元）", Width: 14}, {Header: "经手人", Width: 10}, {Header: "待分配", Width: 8}}
	out := make([][]any, len(rows))
	for i, r := range rows {
		held := ""
		if r.Held {
			held = "是"
		}
		out[i] = []any{r.Day, r.OrderNo, r.Customer, r.Products, yuanCell(r.Payment), yuanCell(r.Materials), yuanCell(r.Retention),
			yuanCell(r.Trainees), r.Handler, held}
	}
	return WriteXLSX(w, "收入分配", cols, out)
}

// yuanCell is an amount as text "1234.56": exact, and Excel still reads it as a number when asked.
func yuanCell(fen int64) string { return strings.ReplaceAll(data.Yuan(fen), ",", "") }
