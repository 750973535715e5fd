package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/data"
)

// RosterColumns is the layout of the 居民名册 (landscape A4, 267 mm).
var rosterColumns = []Column{
	{Header: "序号", Width: 12, Align: "C"},
	{Header: "姓名", Width: 20},
	{Header: "性别", Width: 10, Align: "C"},
	{Header: "年龄", Width: 10, Align: "C"},
	{Header: "身份证号", Width: 38},
	{Header: "联系电话", Width: 30},
	{Header: "社区", Width: 24},
	{Header: "网格", Width: 26},
	{Header: "住址", Width: 61},
	{Header: "标签", Width: 36},
}

// ResidentRoster writes the 居民名册: one row per person, ID and phone always masked.
func ResidentRoster(w io.Writer, m Meta, people []data.Person) error {
	m.Landscape = true
	if m.Title == "" {
		m.Title = "居民名册"
	}
	m.Subtitle += fmt.Sprintf("  共 %d 人", len(people))
	d := NewDoc(m)
	rows := make([][]string, len(people))
	for i, p := range people {
		age := ""
		if a := p.Age(m.PrintedAt); a >= 0 {
			age = strconv.Itoa(a)
		}
		rows[i] = []string{strconv.Itoa(i + 1), p.Name, p.Sex, age, data.MaskID(p.IDNumber), data.MaskPhone(p.Phone),
			p.Community, p.Grid, p.Address, strings.Join(p.Tags, "、")}
	}
	d.Table(rosterColumns, rows)
	d.Signatures("制表人", "审核人", "日期")
	return d.Write(w)
}

var volunteerColumns = []Column{
	{Header: "序号", Width: 12, Align: "C"},
	{Header: "编号", Width: 20},
	{Header: "姓名", Width: 20},
	{Header: "性别", Width: 10, Align: "C"},
	{Header: "年龄", Width: 10, Align: "C"},
	{Header: "社区", Width: 26},
	{Header: "联系电话", Width: 28},
	{Header: "志愿者类别", Width: 48},
	{Header: "技能特长", Width: 38},
	{Header: "可服务时间", Width: 30},
	{Header: "服务时长", Width: 25, Align: "R"},
}

// VolunteerRoster writes the 志愿者名册 (the 骨干资源库), phones masked.
func VolunteerRoster(w io.Writer, m Meta, vs []data.Volunteer) error {
	m.Landscape = true
	if m.Title == "" {
		m.Title = "志愿者名册"
	}
	total := 0
	rows := make([][]string, len(vs))
	for i, v := range vs {
		age := ""
		if a := v.Person.Age(m.PrintedAt); a >= 0 {
			age = strconv.Itoa(a)
		}
		total += v.Minutes
		rows[i] = []string{strconv.Itoa(i + 1), v.Number, v.Person.Name, v.Person.Sex, age, v.Person.Community,
			data.MaskPhone(v.Person.Phone), strings.Join(v.Kinds, "、"), strings.Join(v.Skills, "、"),
			data.WeekdaysString(v.Weekdays), Hours(v.Minutes)}
	}
	m.Subtitle += fmt.Sprintf("  共 %d 人，累计服务 %s", len(vs), Hours(total))
	d := NewDoc(m)
	d.Table(volunteerColumns, rows)
	d.Signatures("制表人", "审核人", "日期")
	return d.Write(w)
}

// Hours renders minutes as hours with one decimal, computed in integers (90 → "1.5 小时").
func Hours(minutes int) string {
	tenths := (minutes*10 + 30) / 60
	return fmt.Sprintf("%d.%d 小时", tenths/10, tenths%10)
}
