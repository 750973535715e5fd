package documents

import (
	"context"
	"fmt"
	"io"

	"linli/data"
	"linli/reports"
)

// WorkshopLedger is the month's 工坊收入台账.
var WorkshopLedger = Doc{Verb: Print, Name: "workshop-ledger", Title: "工坊收入台账", Perm: data.PermWorkshopView,
	Params: []Param{monthParam}, file: monthFile("工坊收入台账"), render: printWorkshopLedger}

func printWorkshopLedger(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	ws, err := s.WorkshopIdentity(ctx)
	if err != nil {
		return err
	}
	rows, err := s.WorkshopLedger(ctx, v["month"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "工坊收入台账", 0, "打印工坊收入台账 "+v["month"]); err != nil {
		return err
	}
	m, err := meta(ctx, s, "工坊收入台账")
	if err != nil {
		return err
	}
	m.Subtitle = ws.Title() + " · " + v["month"]
	return reports.WorkshopLedger(w, m, rows)
}

// Payouts is one 收入分配单 per trainee for the month.
var Payouts = Doc{Verb: Print, Name: "payouts", Title: "收入分配单", Perm: data.PermWorkshopView,
	Params: []Param{monthParam}, file: monthFile("收入分配单"), render: printPayouts}

func printPayouts(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	ws, err := s.WorkshopIdentity(ctx)
	if err != nil {
		return err
	}
	slips, err := s.PayoutSlips(ctx, v["month"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "收入分配单", 0, fmt.Sprintf("打印收入分配单 %s（%d 人）", v["month"], len(slips))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "收入分配单")
	if err != nil {
		return err
	}
	m.Subtitle = ws.Title()
	return reports.PayoutSlips(w, m, slips)
}

// OrderConfirmation is an order's 订单确认单 for the customer.
var OrderConfirmation = Doc{Verb: Print, Name: "order", Title: "订单确认单", Perm: data.PermWorkshopView,
	Params: []Param{{Name: "number", Label: "订单号", Required: true, Hint: "如 GF-2026-0001"}},
	file:   func(v Values) string { return "订单确认单-" + v["number"] }, render: printOrder}

func printOrder(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	ws, err := s.WorkshopIdentity(ctx)
	if err != nil {
		return err
	}
	o, err := s.OrderByNumber(ctx, v["number"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "订单", o.ID, "打印订单确认单 "+o.Number); err != nil {
		return err
	}
	m, err := meta(ctx, s, "订单确认单")
	if err != nil {
		return err
	}
	return reports.OrderConfirmation(w, m, ws.Title(), o)
}

// TrainingCerts issues 培训证书 to the trainees with enough training hours (all, or the one whose
// number is given) and prints them. Every certificate goes in the register, so a workshop without
// a name issues none.
var TrainingCerts = Doc{Verb: Print, Name: "training-cert", Title: "培训证书", Perm: data.PermWorkshop,
	Params: []Param{{Name: "trainee", Label: "学员编号", Hint: "如 XY-001；不填为全部满时长的学员"}},
	file: func(v Values) string {
		if v["trainee"] == "" {
			return "培训证书"
		}
		return "培训证书-" + v["trainee"]
	},
	render: printTrainingCerts}

func printTrainingCerts(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	ws, err := s.WorkshopIdentity(ctx)
	if err != nil {
		return err
	}
	if !ws.Configured() {
		return &data.Error{Code: data.CodeInvalid, Message: "尚未设置工坊名称，不能出具培训证书：请管理员先在「设置 → 工坊信息」中填写"}
	}
	ts, err := traineesForCert(ctx, s, v["trainee"])
	if err != nil {
		return err
	}
	today := s.Today()
	var certs []data.Certificate
	for _, t := range ts {
		certs = append(certs, data.Certificate{Kind: data.CertTraining, PersonID: t.PersonID, From: t.Joined, To: today,
			Minutes: t.TrainingMinutes, Content: ws.CraftOrDefault()})
	}
	if len(certs) > 0 {
		if certs, err = s.IssueCertificate(ctx, certs); err != nil {
			return err
		}
	}
	m, err := meta(ctx, s, "培训证书")
	if err != nil {
		return err
	}
	return reports.Certificates(w, m, certs, func(c data.Certificate) reports.CertText {
		return reports.CertText{Title: "培训证书", Body: fmt.Sprintf("%s（身份证号 %s）于 %s 至 %s 在%s参加%s培训，累计 %s，经考核合格，特发此证。",
			c.Name, c.IDNumber, dateCN(c.From), dateCN(c.To), ws.Name, c.Content, reports.Hours(c.Minutes))}
	}, nil)
}

// traineesForCert is the one trainee asked for (refused when short of hours), or every trainee
// with enough hours.
func traineesForCert(ctx context.Context, s *data.Store, number string) ([]data.Trainee, error) {
	if number != "" {
		t, err := s.TraineeByNumber(ctx, number)
		if err != nil {
			return nil, err
		}
		if !t.EarnsTrainingCert() {
			return nil, &data.Error{Code: data.CodeInvalid, Message: fmt.Sprintf("%s 培训时长 %s，不足 %d 小时，不能出具培训证书", t.DisplayName(), reports.Hours(t.TrainingMinutes), data.TrainingCertHours)}
		}
		return []data.Trainee{t}, nil
	}
	all, err := s.Trainees(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []data.Trainee
	for _, t := range all {
		if t.EarnsTrainingCert() {
			out = append(out, t)
		}
	}
	return out, nil
}

// OrdersXLSX is the orders taken between two days as Excel.
var OrdersXLSX = Doc{Verb: Export, Name: "orders", Title: "订单", Perm: data.PermWorkshopView,
	Params: []Param{{Name: "from", Label: "起始日期", Kind: Date, Hint: "不填为不限"}, {Name: "to", Label: "截止日期", Kind: Date, Hint: "不填为不限"}},
	check:  checkPeriod("from", "to"), render: exportOrders}

func exportOrders(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	os, err := s.OrdersCreated(ctx, v["from"], v["to"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "订单", 0, fmt.Sprintf("导出订单 %d 个", len(os))); err != nil {
		return err
	}
	return reports.OrdersXLSX(w, os)
}

// SplitsXLSX is the month's payments and their splits as Excel.
var SplitsXLSX = Doc{Verb: Export, Name: "splits", Title: "收入分配", Perm: data.PermWorkshopView,
	Params: []Param{monthParam}, file: monthFile("收入分配"), render: exportSplits}

func exportSplits(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	rows, err := s.WorkshopLedger(ctx, v["month"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "收入分配", 0, "导出收入分配 "+v["month"]); err != nil {
		return err
	}
	return reports.SplitsXLSX(w, rows)
}
