package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/data"
)

// The one-page files: 一人一档 (a resident and everything the office does for them) and 一户一档
// (a household, its members and its attributes over time). A4 portrait; ID and phone are always
// masked on paper.

var fieldColumns = []Column{{Header: "项目", Width: 26}, {Header: "内容", Width: 64}, {Header: "项目", Width: 26}, {Header: "内容", Width: 64}}

var lineColumns = []Column{{Header: "日期", Width: 26, Align: "C"}, {Header: "记录", Width: 154}}

var attributeColumns = []Column{{Header: "户属性", Width: 30}, {Header: "起始日期", Width: 28, Align: "C"},
	{Header: "结束日期", Width: 28, Align: "C"}, {Header: "说明", Width: 94}}

// pairs lays label-value pairs out two to a row.
func pairs(kv ...string) [][]string {
	var rows [][]string
	for i := 0; i < len(kv); i += 4 {
		row := make([]string, 4)
		copy(row, kv[i:min(i+4, len(kv))])
		rows = append(rows, row)
	}
	return rows
}

// heading writes a numbered section title.
func (d *Doc) heading(n int, title string) {
	p := d.pdf
	_, pageH := p.GetPageSize()
	if p.GetY() > pageH-45 {
		p.AddPage()
	}
	p.Ln(3)
	d.Text(11.5, fmt.Sprintf("%s、%s", cnNumber(n), title))
	p.Ln(1)
}

func cnNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n <= 10 {
		return digits[n]
	}
	if n < 20 {
		return "十" + digits[n-10]
	}
	return strconv.Itoa(n)
}

// ResidentFile writes a resident's 一人一档.
func ResidentFile(w io.Writer, m Meta, f data.ResidentFile) error {
	if m.Title == "" {
		m.Title = "居民一人一档"
	}
	p := f.Person
	m.Subtitle = fmt.Sprintf("%s  %s %s", p.Name, p.Community, p.Grid)
	d := NewDoc(m)
	age := ""
	if a := p.Age(m.PrintedAt); a >= 0 {
		age = strconv.Itoa(a) + " 岁"
	}
	n := 1
	d.heading(n, "基本信息")
	d.Table(fieldColumns, pairs("姓名", p.Name, "性别", p.Sex, "出生日期", p.BirthDate, "年龄", age,
		"证件号", data.MaskID(p.IDNumber), "联系电话", data.MaskPhone(p.Phone), "社区", p.Community, "网格", p.Grid,
		"住址", p.Address, "标签", strings.Join(p.Tags, "、"), "紧急联系人", p.EmergencyContact, "紧急联系电话", data.MaskPhone(p.EmergencyPhone)))
	n++
	d.heading(n, "户")
	if f.Household.ID == 0 {
		d.Text(10, "未登记在户。")
	} else {
		h := f.Household
		d.Table(fieldColumns, pairs("户号", h.Number, "户主", h.Head, "住址", h.AddressLine(), "与户主关系", f.Relation,
			"社区", h.Community, "现有成员", fmt.Sprintf("%d 人", h.Members)))
		if len(f.Attributes) > 0 {
			d.pdf.Ln(2)
			d.Table(attributeColumns, attributeRows(f.Attributes))
		}
	}
	if len(f.Guardians)+len(f.Wards) > 0 {
		n++
		d.heading(n, "监护关系")
		var rows [][]string
		for _, g := range f.Guardians {
			rows = append(rows, []string{"监护人", g.Name + "（" + g.Relation + "）  " + data.MaskPhone(g.Phone)})
		}
		for _, g := range f.Wards {
			rows = append(rows, []string{"被监护人", g.Name + "（本人为其" + g.Relation + "）"})
		}
		d.Table([]Column{{Header: "关系", Width: 26, Align: "C"}, {Header: "姓名", Width: 154}}, rows)
	}
	for _, sec := range f.Sections {
		n++
		d.heading(n, sec.Title+"  "+sec.Total)
		if len(sec.Lines) == 0 {
			d.Text(10, "无记录。")
			continue
		}
		rows := make([][]string, len(sec.Lines))
		for i, l := range sec.Lines {
			rows[i] = []string{l.Day, l.Text}
		}
		d.Table(lineColumns, rows)
	}
	d.Signatures("经办人", "审核人", "日期")
	return d.Write(w)
}

func attributeRows(as []data.HouseholdAttribute) [][]string {
	rows := make([][]string, len(as))
	for i, a := range as {
		to := a.To
		if to == "" {
			to = "至今"
		}
		rows[i] = []string{a.Kind, a.From, to, a.Note}
	}
	return rows
}

// HouseholdFile writes a household's 一户一档: the household, its members (current, then moved
// out) with each one's file in a line, and its attributes over time.
func HouseholdFile(w io.Writer, m Meta, f data.HouseholdFile) error {
	if m.Title == "" {
		m.Title = "一户一档"
	}
	h := f.Household
	m.Subtitle = fmt.Sprintf("户号 %s  户主 %s", h.Number, h.Head)
	d := NewDoc(m)
	d.heading(1, "户的基本情况")
	d.Table(fieldColumns, pairs("户号", h.Number, "户主", h.Head, "社区", h.Community, "网格", h.Grid,
		"住址", h.AddressLine(), "现有成员", fmt.Sprintf("%d 人", h.Members), "现有户属性", strings.Join(h.Attributes, "、"), "备注", h.Notes))
	d.heading(2, "家庭成员")
	rows := [][]string{}
	for _, mem := range f.Members {
		to, summary := mem.To, f.Summaries[mem.PersonID]
		if to == "" {
			to = "—"
		} else {
			summary = "已迁出"
		}
		rows = append(rows, []string{mem.Name, mem.Relation, mem.From, to, summary})
	}
	d.Table([]Column{{Header: "姓名", Width: 22}, {Header: "与户主关系", Width: 20, Align: "C"}, {Header: "迁入日期", Width: 22, Align: "C"},
		{Header: "迁出日期", Width: 22, Align: "C"}, {Header: "服务概况", Width: 94}}, rows)
	d.heading(3, "户属性（历史）")
	if len(f.Attributes) == 0 {
		d.Text(10, "无。")
	} else {
		d.Table(attributeColumns, attributeRows(f.Attributes))
	}
	d.Signatures("经办人", "审核人", "日期")
	return d.Write(w)
}
