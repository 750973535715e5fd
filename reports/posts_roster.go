package reports

import (
	"fmt"
	"io"
	"strconv"

	"linli/data"
)

// The 在岗学生名单: for each 爱心商铺, the students placed in its posts that season, on a page of
// its own that the shop's supervisor signs.

var postRosterColumns = []Column{
	{Header: "序号", Width: 10, Align: "C"},
	{Header: "岗位", Width: 40},
	{Header: "学生", Width: 20},
	{Header: "身份证号", Width: 40, Align: "C"},
	{Header: "学校 · 年级", Width: 42},
	{Header: "监护人 · 电话", Width: 38},
	{Header: "日期", Width: 34, Align: "C"},
	{Header: "指导人", Width: 18},
	{Header: "工时", Width: 18, Align: "R"},
	{Header: "状态", Width: 17, Align: "C"},
}

// RosterLine is one student placed in a post; IDNumber and Phone are masked by the caller.
type RosterLine struct {
	Post     data.Post
	App      data.Application
	IDNumber string
	Guardian string // name and masked phone
}

// RosterShop is one shop's page of the roster.
type RosterShop struct {
	Shop  data.Shop
	Lines []RosterLine
}

// PostRoster writes the 在岗学生名单 of a season, A4 landscape, a page per shop.
func PostRoster(w io.Writer, m Meta, shops []RosterShop) error {
	m.Landscape = true
	d := NewDoc(m)
	for i, sh := range shops {
		if i > 0 {
			d.pdf.AddPage()
		}
		contact := sh.Shop.ContactName
		if sh.Shop.Phone != "" {
			contact += " " + sh.Shop.Phone
		}
		d.Text(11.5, fmt.Sprintf("%s（%s · 联系人 %s）", sh.Shop.Name, sh.Shop.Address, contact))
		d.pdf.Ln(1)
		rows := make([][]string, len(sh.Lines))
		total := 0
		for j, l := range sh.Lines {
			total += l.App.Minutes
			rows[j] = []string{strconv.Itoa(j + 1), l.Post.Title + "\n" + string(l.Post.Kind), l.App.Student, l.IDNumber,
				l.App.School + " · " + l.App.Grade, l.Guardian, l.Post.From + "\n至 " + l.Post.To + "\n" + l.Post.Start + "–" + l.Post.End,
				l.Post.Supervisor, Hours(l.App.Minutes), string(l.App.State)}
		}
		d.Table(postRosterColumns, rows)
		d.pdf.Ln(3)
		d.Text(10, fmt.Sprintf("共 %d 名学生，已登记工时合计 %s。未成年学生不在 20:00 至次日 06:00 工作，每日不超过 8 小时、每周不超过 40 小时；请指导人每日签认工时。",
			len(sh.Lines), Hours(total)))
		d.Signatures("商铺指导人", "经办人", "社区负责人（盖章）")
	}
	return d.Write(w)
}
