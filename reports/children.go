package reports

import (
	"fmt"
	"io"
	"strconv"

	"linli/data"
)

// SignInSheet writes the 活动签到表 for one session: the enrolled children with a blank column for
// the guardian's signature.
func SignInSheet(w io.Writer, m Meta, p data.Programme, s data.Session, children []data.Enrollment) error {
	if m.Title == "" {
		m.Title = "活动签到表"
	}
	m.Subtitle = JoinDots(p.Name, s.Day+" "+s.StartTime, p.Place)
	d := NewDoc(m)
	var rows [][]string
	for i, c := range children {
		age := ""
		if c.Age >= 0 {
			age = strconv.Itoa(c.Age)
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), c.Child, age, c.Guardian, "", "", ""})
	}
	d.lineH = 8
	d.Table([]Column{{Header: "序号", Width: 12, Align: "C"}, {Header: "儿童姓名", Width: 28}, {Header: "年龄", Width: 12, Align: "C"},
		{Header: "监护人", Width: 28}, {Header: "到达时间", Width: 26}, {Header: "监护人签字", Width: 44}, {Header: "备注", Width: 30}}, rows)
	d.lineH = 5.2
	d.Signatures("组织人", "志愿者", "日期")
	return d.Write(w)
}

// CompletionList is the page that lists every child with their rate, before the certificates.
func CompletionList(d *Doc, p data.Programme, rates []data.ChildRate) {
	var rows [][]string
	for i, r := range rates {
		result := "未达到"
		if r.Meets {
			result = "结业"
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), r.Child, fmt.Sprintf("%d/%d", r.Present, r.Held), data.PercentText(r.Present, r.Held), result})
	}
	d.Text(11, fmt.Sprintf("结业要求：出勤率不低于 %d%%（出勤率四舍五入到整数百分比）。", p.ThresholdPct))
	d.Table([]Column{{Header: "序号", Width: 14, Align: "C"}, {Header: "姓名", Width: 40}, {Header: "出勤/场次", Width: 36, Align: "C"},
		{Header: "出勤率", Width: 40, Align: "C"}, {Header: "结果", Width: 30, Align: "C"}}, rows)
}

// CompletionReport writes the list of children with their rates (who completes and who does not).
func CompletionReport(w io.Writer, m Meta, p data.Programme, rates []data.ChildRate) error {
	m.Title, m.Subtitle = "结业情况表", p.Name+" · "+p.Start+" 至 "+p.End
	d := NewDoc(m)
	CompletionList(d, p, rates)
	d.Signatures("组织人", "审核人", "日期")
	return d.Write(w)
}

var childrenLedgerColumns = []Column{
	{Header: "日期", Width: 22, Align: "C"},
	{Header: "项目", Width: 44},
	{Header: "活动", Width: 44},
	{Header: "地点", Width: 36},
	{Header: "到场儿童", Width: 18, Align: "R"},
	{Header: "志愿者", Width: 36},
	{Header: "时长", Width: 20, Align: "R"},
	{Header: "组织者", Width: 24},
	{Header: "记录人", Width: 23},
}

// ChildrenLedger writes the monthly 儿童活动台账 with totals.
func ChildrenLedger(w io.Writer, m Meta, rows []data.ChildrenLedgerRow) error {
	m.Landscape = true
	if m.Title == "" {
		m.Title = "儿童活动台账"
	}
	d := NewDoc(m)
	var table [][]string
	present, minutes := 0, 0
	for _, r := range rows {
		present += r.Present
		minutes += r.Minutes
		table = append(table, []string{r.Day, r.Programme, r.Activity, r.Place, strconv.Itoa(r.Present), r.Volunteers, Hours(r.Minutes), r.Organiser, r.Recorder})
	}
	table = append(table, []string{"合计", fmt.Sprintf("%d 场", len(rows)), "", "", strconv.Itoa(present), "", Hours(minutes), "", ""})
	d.Table(childrenLedgerColumns, table)
	d.Signatures("记录人", "社区负责人", "日期")
	return d.Write(w)
}

// AttendanceXLSX exports a programme's attendance grid: a row per child, a column per session.
func AttendanceXLSX(w io.Writer, p data.Programme, g data.AttendanceSheet, rates []data.ChildRate) error {
	cols := []XCol{{Header: "姓名", Width: 10}, {Header: "监护人", Width: 10}}
	for _, s := range g.Sessions {
		cols = append(cols, XCol{Header: s.Day, Width: 11})
	}
	cols = append(cols, XCol{Header: "出勤", Width: 7}, XCol{Header: "场次", Width: 7}, XCol{Header: "出勤率", Width: 8}, XCol{Header: "结业", Width: 7})
	var rows [][]any
	for i, c := range g.Children {
		row := []any{c.Child, c.Guardian}
		for _, s := range g.Sessions {
			row = append(row, g.Marks[[2]int64{s.ID, c.ChildID}])
		}
		meets := "否"
		if rates[i].Meets {
			meets = "是"
		}
		rows = append(rows, append(row, rates[i].Present, rates[i].Held, data.RateText(rates[i].Present, rates[i].Held), meets))
	}
	return WriteXLSX(w, "考勤", uniqueHeaders(cols), rows)
}
