package documents

import (
	"context"
	"fmt"
	"io"

	"linli/data"
	"linli/reports"
)

// Completion issues 结业证书 to the children who met the programme's threshold (numbered in the
// shared register) and prints them after a page listing every child with their rate.
var Completion = Doc{Verb: Print, Name: "completion", Title: "结业证书", Perm: data.PermChildrenWrite,
	Params: []Param{progParam}, file: func(v Values) string { return "结业证书-" + v["programme"] }, render: printCompletion,
	ready: completionReady}

// completionReady refuses 结业证书 before the programme's last session.
func completionReady(ctx context.Context, s *data.Store, v Values) error {
	p, err := s.ProgrammeByName(ctx, v["programme"])
	if err != nil {
		return err
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		return err
	}
	return data.CheckCompletionDue(g, s.Today())
}

func printCompletion(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	p, err := s.ProgrammeByName(ctx, v["programme"])
	if err != nil {
		return err
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		return err
	}
	if err := data.CheckCompletionDue(g, s.Today()); err != nil {
		return err
	}
	rates := data.Rates(g, p.ThresholdPct, s.Today())
	var certs []data.Certificate
	for _, r := range rates {
		if r.Meets {
			certs = append(certs, data.Certificate{Kind: data.CertCompletion, PersonID: r.ChildID, From: p.Start, To: p.End,
				Minutes: r.Present, Content: p.Name})
		}
	}
	if len(certs) > 0 {
		if certs, err = s.IssueCertificate(ctx, certs); err != nil {
			return err
		}
	}
	m, err := meta(ctx, s, "结业证书")
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "结业证书", p.ID, fmt.Sprintf("打印“%s”结业证书 %d 张", p.Name, len(certs))); err != nil {
		return err
	}
	office := m.Office
	return reports.CompletionCertificates(w, m, p, rates, certs, func(c data.Certificate) reports.CertText {
		return reports.CertText{Title: "结业证书", Body: fmt.Sprintf("%s 小朋友于 %s 至 %s 参加%s组织的“%s”，出勤 %d 次，达到结业要求，准予结业，特发此证。",
			c.Name, dateCN(c.From), dateCN(c.To), office, c.Content, c.Minutes)}
	})
}

// AttendanceSheet is the 活动签到表 for the programme's session on a day.
var AttendanceSheet = Doc{Verb: Print, Name: "attendance-sheet", Title: "活动签到表", Perm: data.PermView, Personal: true,
	Params: []Param{progParam, {Name: "date", Label: "日期", Kind: Date, Required: true}},
	file:   func(v Values) string { return "签到表-" + v["programme"] + "-" + v["date"] }, render: printSignIn,
	ready: signInReady}

// signInReady refuses a sign-in sheet for a day without a session.
func signInReady(ctx context.Context, s *data.Store, v Values) error {
	p, err := s.ProgrammeByName(ctx, v["programme"])
	if err != nil {
		return err
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, x := range g.Sessions {
		if x.Day == v["date"] {
			return nil
		}
	}
	return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("“%s”在 %s 没有活动（请先生成场次，或检查日期）", p.Name, v["date"])}
}

func printSignIn(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	p, err := s.ProgrammeByName(ctx, v["programme"])
	if err != nil {
		return err
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, x := range g.Sessions {
		if x.Day != v["date"] {
			continue
		}
		if err := s.RecordPersonal(ctx, data.ActPrint, "活动签到表", x.ID, fmt.Sprintf("打印签到表 %s %s（%d 名儿童）", p.Name, x.Day, len(g.Children))); err != nil {
			return err
		}
		m, err := meta(ctx, s, "活动签到表")
		if err != nil {
			return err
		}
		return reports.SignInSheet(w, m, p, x, g.Children)
	}
	return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("“%s”在 %s 没有活动（请先生成场次，或检查日期）", p.Name, v["date"])}
}

// ChildrenLedger is the month's 儿童活动台账.
var ChildrenLedger = Doc{Verb: Print, Name: "children-ledger", Title: "儿童活动台账", Perm: data.PermView,
	Params: []Param{monthParam}, file: monthFile("儿童活动台账"), render: printChildrenLedger,
	Personal: true} // children's names with their activities: minors' data is sensitive (PIPL Art. 28, 31)

func printChildrenLedger(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	rows, err := s.ChildrenLedger(ctx, v["month"])
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "儿童活动台账", 0, fmt.Sprintf("打印儿童活动台账 %s（%d 行）", v["month"], len(rows))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "儿童活动台账")
	if err != nil {
		return err
	}
	m.Subtitle = v["month"]
	return reports.ChildrenLedger(w, m, rows)
}

// AttendanceXLSX is a programme's attendance grid as Excel.
var AttendanceXLSX = Doc{Verb: Export, Name: "attendance", Title: "考勤表", Perm: data.PermView, Personal: true,
	Params: []Param{progParam}, file: func(v Values) string { return "考勤-" + v["programme"] }, render: exportAttendance}

func exportAttendance(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	p, err := s.ProgrammeByName(ctx, v["programme"])
	if err != nil {
		return err
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "考勤", p.ID, fmt.Sprintf("导出考勤 %s（%d 名儿童）", p.Name, len(g.Children))); err != nil {
		return err
	}
	return reports.AttendanceXLSX(w, p, g, data.Rates(g, p.ThresholdPct, s.Today()))
}
