package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/assets"
	"linli/data"
)

// The 民情议事 documents: 民情台账, 议事会签到表, 会议纪要, the 公示 poster and the Excel export.

var concernLedgerColumns = []Column{
	{Header: "序号", Width: 11, Align: "C"},
	{Header: "编号", Width: 25},
	{Header: "反映日期", Width: 19, Align: "C"},
	{Header: "地点", Width: 30},
	{Header: "类别", Width: 16},
	{Header: "反映内容", Width: 45},
	{Header: "反映人", Width: 16},
	{Header: "责任人", Width: 18},
	{Header: "承诺日期", Width: 19, Align: "C"},
	{Header: "办理结果", Width: 32},
	{Header: "办理经过", Width: 36},
}

// ConcernLedger writes the 民情台账: every concern of the period with its state history, owner,
// dates, outcome and satisfaction, on A4 landscape, with signature lines.
func ConcernLedger(w io.Writer, m Meta, rows []data.LedgerConcern, mask bool) error {
	m.Landscape = true
	if m.Title == "" {
		m.Title = "民情台账"
	}
	d := NewDoc(m)
	table := make([][]string, 0, len(rows))
	closed := 0
	for i, r := range rows {
		if !r.State.Open() {
			closed++
		}
		table = append(table, []string{strconv.Itoa(i + 1), r.Number, r.RaisedOn, concernPlace(r.Concern), r.Category, r.Text,
			r.ReporterLabel(mask), r.Owner, r.PromisedOn, concernOutcome(r.Concern), historyText(r.History)})
	}
	d.Table(concernLedgerColumns, table)
	d.pdf.Ln(3)
	d.Text(10, fmt.Sprintf("本期共登记民情 %d 件，已办结或已结案 %d 件，在办 %d 件。", len(rows), closed, len(rows)-closed))
	d.Signatures("登记人", "审核人", "社区负责人（盖章）")
	return d.Write(w)
}

// concernPlace is 社区 · 网格 · 地点.
func concernPlace(c data.Concern) string {
	parts := []string{c.Community}
	for _, p := range []string{c.Grid, c.Place} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// concernOutcome is the state and what came of it.
func concernOutcome(c data.Concern) string {
	out := string(c.State)
	switch c.State {
	case data.StateResolved:
		out += "：" + c.Resolution
	case data.StateDeclined:
		out += "：" + c.Reason
	case data.StateReferred:
		out += "：" + c.ReferredTo + "（" + c.ReferralRef + "）"
	case data.StateDuplicate:
		out += "：同 " + c.DuplicateNo
	}
	if c.Satisfaction != "" {
		out += "；回访" + c.Satisfaction
	}
	if c.Reopened > 0 {
		out += fmt.Sprintf("；重办 %d 次", c.Reopened)
	}
	return out
}

// historyText is the day of each change of state, the states short, two to a line so that no
// day is split: 登记11-20 核实11-21 / 办理11-24 办结12-01 (a row of a year's ledger stays two lines).
func historyText(hs []data.StateChange) string {
	var b strings.Builder
	for i, h := range hs {
		switch {
		case i > 0 && i%2 == 0:
			b.WriteByte('\n')
		case i > 0:
			b.WriteByte(' ')
		}
		b.WriteString(shortState[h.To])
		if len(h.At) >= 10 {
			b.WriteString(h.At[5:10])
		}
	}
	return b.String()
}

// shortState is each state in two characters, for the ledger's 办理经过.
var shortState = map[data.ConcernState]string{data.StateRecorded: "登记", data.StateVerified: "核实", data.StateAgenda: "待议",
	data.StateDecided: "议定", data.StateInHand: "办理", data.StateResolved: "办结", data.StateDeclined: "不予",
	data.StateReferred: "转办", data.StateDuplicate: "重复"}

var signInColumns = []Column{
	{Header: "序号", Width: 14, Align: "C"},
	{Header: "姓名", Width: 40},
	{Header: "身份或单位", Width: 62},
	{Header: "签到", Width: 64},
}

// MeetingSignIn writes a meeting's 签到表: the expected attendees and blank rows for walk-ins.
func MeetingSignIn(w io.Writer, m Meta, mt data.TeaMeeting) error {
	if m.Title == "" {
		m.Title = "「三杯茶」议事会签到表"
	}
	m.Subtitle = fmt.Sprintf("%s · %s · 主持人 %s", mt.Day, mt.Place, mt.Host)
	d := NewDoc(m)
	d.Text(12, "议题："+mt.Topic)
	d.pdf.Ln(2)
	var rows [][]string
	for i, a := range mt.Attendees {
		rows = append(rows, []string{strconv.Itoa(i + 1), a.Name, attendeeRole(a), ""})
	}
	for i := len(rows); i < len(mt.Attendees)+8 || i < 20; i++ {
		rows = append(rows, []string{strconv.Itoa(i + 1), "", "", ""})
	}
	d.lineH = 8
	d.Table(signInColumns, rows)
	d.lineH = 5.2
	d.Signatures("主持人", "记录人")
	return d.Write(w)
}

func attendeeRole(a data.Attendee) string {
	switch {
	case a.Unit != "":
		return a.Unit
	case a.Kind == data.AttendeeResident:
		return "居民"
	case a.Kind == data.AttendeeStaff:
		return "社区工作人员"
	}
	return a.Kind
}

var minutesColumns = []Column{
	{Header: "序号", Width: 10, Align: "C"},
	{Header: "民情", Width: 58},
	{Header: "议定事项", Width: 58},
	{Header: "责任人", Width: 28},
	{Header: "完成期限", Width: 26, Align: "C"},
}

// MeetingMinutes writes a meeting's 会议纪要; a draft is marked as such, and notes added after
// finalization follow as 更正说明.
func MeetingMinutes(w io.Writer, m Meta, mt data.TeaMeeting) error {
	if m.Title == "" {
		m.Title = "「三杯茶」议事会会议纪要"
	}
	status := "定稿"
	if !mt.Final() {
		status = "草稿（未定稿）"
	}
	m.Subtitle = status
	d := NewDoc(m)
	names := make([]string, len(mt.Attendees))
	for i, a := range mt.Attendees {
		names[i] = a.Name
		if a.Unit != "" {
			names[i] += "（" + a.Unit + "）"
		}
	}
	for _, line := range []string{"时间：" + mt.Day, "地点：" + mt.Place, "主持人：" + mt.Host, "议题：" + mt.Topic,
		fmt.Sprintf("参会人员（%d 人）：%s", len(names), strings.Join(names, "、"))} {
		d.Text(11, line)
	}
	d.pdf.Ln(3)
	var rows [][]string
	for i, it := range mt.Items {
		rows = append(rows, []string{strconv.Itoa(i + 1), it.Number + " " + it.Text, it.Decision, it.Owner, it.DueOn})
	}
	if len(rows) > 0 {
		d.Table(minutesColumns, rows)
		d.pdf.Ln(3)
	}
	d.Text(11, "会议记录：")
	d.Text(11, mt.Minutes)
	for _, n := range mt.Notes {
		d.pdf.Ln(2)
		d.Text(10.5, fmt.Sprintf("更正说明（%s，%s）：%s", n.At[:10], n.Username, n.Text))
	}
	if mt.Final() {
		d.pdf.Ln(2)
		d.Text(9.5, fmt.Sprintf("本纪要于 %s 由 %s 定稿，定稿后不再修改，更正以更正说明附后。", mt.FinalizedAt[:10], mt.FinalizedBy))
	}
	d.Signatures("主持人", "记录人", "日期")
	return d.Write(w)
}

// ConcernNotice writes the month's 公示 poster: one A4 page in large type listing the concerns
// resolved that month and what was done, reporters masked (王**) and no phone numbers.
func ConcernNotice(w io.Writer, m Meta, month string, cs []data.Concern) error {
	m.Title = ""
	d := NewDoc(Meta{Office: m.Office, PrintedAt: m.PrintedAt, AuditHead: m.AuditHead})
	p := d.pdf
	p.SetY(28)
	p.SetFont(assets.FontName, "", 30)
	p.CellFormat(0, 16, "民情办理公示", "", 1, "C", false, 0, "")
	y, mo := month[:4], strings.TrimPrefix(month[5:], "0")
	p.SetFont(assets.FontName, "", 15)
	p.CellFormat(0, 9, fmt.Sprintf("%s年%s月 · 已办结 %d 件", y, mo, len(cs)), "", 1, "C", false, 0, "")
	p.Ln(6)
	size := 15.0
	if len(cs) > 8 {
		size = 12.5
	}
	for i, c := range cs {
		_, pageH := p.GetPageSize()
		if p.GetY() > pageH-60 {
			p.SetFont(assets.FontName, "", 12.5)
			p.MultiCell(0, 7, fmt.Sprintf("……另有 %d 件，详见民情台账。", len(cs)-i), "", "L", false)
			break
		}
		p.SetFont(assets.FontName, "", size)
		p.MultiCell(0, size*0.5, fmt.Sprintf("%d．%s（%s反映，%s）", i+1, c.Text, c.ReporterLabel(true), c.Place), "", "L", false)
		p.SetTextColor(40, 90, 40)
		p.MultiCell(0, size*0.5, "　　办理结果："+c.Resolution, "", "L", false)
		p.SetTextColor(0, 0, 0)
		p.Ln(2.5)
	}
	if len(cs) == 0 {
		p.SetFont(assets.FontName, "", size)
		p.MultiCell(0, 8, "本月没有办结的民情。", "", "C", false)
	}
	p.SetY(-58)
	p.SetFont(assets.FontName, "", 12.5)
	p.MultiCell(0, 7, "欢迎居民朋友到「三杯」茶室喝茶议事，对办理结果有意见请联系社区。", "", "L", false)
	p.Ln(6)
	p.CellFormat(0, 8, m.Office, "", 1, "R", false, 0, "")
	p.CellFormat(0, 8, m.PrintedAt.Format("2006年1月2日"), "", 1, "R", false, 0, "")
	return d.Write(w)
}

// ConcernsXLSX writes concerns as a spreadsheet; mask hides reporters' names (只读).
func ConcernsXLSX(w io.Writer, cs []data.Concern, mask bool) error {
	cols := []XCol{{Header: "编号"}, {Header: "反映日期"}, {Header: "社区"}, {Header: "网格"}, {Header: "地点"}, {Header: "类别"},
		{Header: "反映内容", Width: 40}, {Header: "反映人"}, {Header: "渠道"}, {Header: "登记人"}, {Header: "状态"},
		{Header: "责任人"}, {Header: "承诺日期"}, {Header: "办结日期"}, {Header: "办理结果", Width: 30}, {Header: "回访"}, {Header: "重办次数"}}
	rows := make([][]any, len(cs))
	for i, c := range cs {
		rows[i] = []any{c.Number, c.RaisedOn, c.Community, c.Grid, c.Place, c.Category, c.Text, c.ReporterLabel(mask), c.Channel,
			c.Recorder, string(c.State), c.Owner, c.PromisedOn, c.ResolvedOn, concernOutcome(c), c.Satisfaction, c.Reopened}
	}
	return WriteXLSX(w, "民情", cols, rows)
}
