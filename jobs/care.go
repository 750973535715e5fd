package jobs

import (
	"context"
	"fmt"
	"io"
	"strings"

	"linli/data"
	"linli/reports"
)

func roundOf(ctx context.Context, s *data.Store, month string) (data.SoupRound, error) {
	if err := ParseMonth(month); err != nil {
		return data.SoupRound{}, err
	}
	rs, err := s.Rounds(ctx)
	if err != nil {
		return data.SoupRound{}, err
	}
	for _, r := range rs {
		if r.Month == month {
			return r, nil
		}
	}
	return data.SoupRound{}, &data.Error{Code: data.CodeNotFound, Message: month + " 还没有一碗汤配送计划，请先在「助老服务 → 一碗汤」中新建"}
}

// PrintRoster writes the month's 一碗汤配送单.
func PrintRoster(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	r, err := roundOf(ctx, s, month)
	if err != nil {
		return err
	}
	ds, err := s.Deliveries(ctx, r.ID)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "一碗汤配送单", r.ID, fmt.Sprintf("打印 %s 配送单（%d 户）", month, len(ds))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "「老宝贝一碗汤」配送单")
	if err != nil {
		return err
	}
	return reports.SoupRoster(w, m, r, ds, int(s.SoupStandard(ctx).Minutes()))
}

// PrintCareLedger writes the month's 助老服务台账.
func PrintCareLedger(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	if err := ParseMonth(month); err != nil {
		return err
	}
	rows, err := s.CareLedger(ctx, month)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "助老服务台账", 0, "打印助老服务台账 "+month); err != nil {
		return err
	}
	m, err := meta(ctx, s, "助老服务台账")
	if err != nil {
		return err
	}
	m.Subtitle = month
	return reports.CareLedger(w, m, rows)
}

// PrintVolunteerCerts issues and prints 志愿服务证明 for one volunteer (name or number) or all with
// hours in the period. Each page states the service time, the content and the recording
// organisation (《志愿服务记录与证明出具办法（试行）》第十五条). progress is called per page and may
// return false to cancel; nothing is issued when it is cancelled before the first page.
func PrintVolunteerCerts(ctx context.Context, s *data.Store, who, from, to string, w io.Writer, progress func(done, total int) bool) error {
	df, err1 := data.ParseDate(from)
	dt, err2 := data.ParseDate(to)
	if err1 != nil || err2 != nil || dt.Before(df) {
		return &data.Error{Code: data.CodeInvalid, Message: "请给出有效的期间（-from 和 -to，起始不晚于结束）"}
	}
	from, to = df.Format("2006-01-02"), dt.Format("2006-01-02")
	var vid int64
	if who != "" {
		vs, err := s.Volunteers(ctx, data.VolunteerFilter{})
		if err != nil {
			return err
		}
		for _, v := range vs {
			if v.Number == who || v.Person.Name == who {
				vid = v.ID
				break
			}
		}
		if vid == 0 {
			return &data.Error{Code: data.CodeNotFound, Message: "没有名为或编号为“" + who + "”的志愿者"}
		}
	}
	totals, err := s.VolunteerTotals(ctx, vid, from, to)
	if err != nil {
		return err
	}
	if len(totals) == 0 {
		return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("%s 至 %s 没有志愿服务时长记录", from, to)}
	}
	if progress != nil && !progress(0, len(totals)) {
		return &data.Error{Code: data.CodeConflict, Message: "已取消"}
	}
	var certs []data.Certificate
	for _, t := range totals {
		certs = append(certs, data.Certificate{Kind: data.CertVolunteer, PersonID: t.PersonID, From: from, To: to, Minutes: t.Minutes, Content: t.Content})
	}
	if certs, err = s.IssueCertificate(ctx, certs); err != nil {
		return err
	}
	m, err := meta(ctx, s, "志愿服务证明")
	if err != nil {
		return err
	}
	office := m.Office
	return reports.Certificates(w, m, certs, func(c data.Certificate) reports.CertText {
		return reports.CertText{Title: "志愿服务证明", Body: fmt.Sprintf("兹证明 %s（身份证号 %s）于 %s 至 %s 参加%s组织的志愿服务，服务内容为：%s，累计志愿服务时间 %s。以上记录由%s记录并出具。",
			c.Name, c.IDNumber, dateCN(c.From), dateCN(c.To), office, strings.ReplaceAll(c.Content, "、", "，"), reports.Hours(c.Minutes), office)}
	}, func(done int) bool { return progress == nil || progress(done, len(certs)) })
}

// ExportDeliveries writes the month's deliveries as .xlsx.
func ExportDeliveries(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	r, err := roundOf(ctx, s, month)
	if err != nil {
		return err
	}
	ds, err := s.Deliveries(ctx, r.ID)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "一碗汤配送", r.ID, "导出配送记录 "+month); err != nil {
		return err
	}
	return reports.DeliveriesXLSX(w, r, ds, int(s.SoupStandard(ctx).Minutes()))
}

// ExportServices writes home-service requests (of a month, or all) as .xlsx.
func ExportServices(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	rs, err := s.Requests(ctx, false)
	if err != nil {
		return err
	}
	var sel []data.ServiceRequest
	for _, r := range rs {
		if month == "" || strings.HasPrefix(r.RequestedAt, month) {
			sel = append(sel, r)
		}
	}
	if err := s.Record(ctx, data.ActExport, "上门服务", 0, fmt.Sprintf("导出上门服务 %d 条", len(sel))); err != nil {
		return err
	}
	return reports.ServicesXLSX(w, sel)
}
