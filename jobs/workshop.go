package jobs

import (
	"context"
	"fmt"
	"io"
	"time"

	"linli/data"
	"linli/reports"
)

// ParseMonth checks a YYYY-MM month.
func ParseMonth(month string) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		return &data.Error{Code: data.CodeInvalid, Message: fmt.Sprintf("月份“%s”应写作 YYYY-MM，例如 2026-11", month)}
	}
	return nil
}

// PrintWorkshopLedger writes the month's 工坊收入台账.
func PrintWorkshopLedger(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	if err := ParseMonth(month); err != nil {
		return err
	}
	rows, err := s.WorkshopLedger(ctx, month)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "工坊收入台账", 0, "打印工坊收入台账 "+month); err != nil {
		return err
	}
	m, err := meta(ctx, s, "工坊收入台账")
	if err != nil {
		return err
	}
	m.Subtitle = "南苑社区「非遗点灯」共富工坊 · " + month
	return reports.WorkshopLedger(w, m, rows)
}

// PrintPayouts writes one 收入分配单 per trainee for the month.
func PrintPayouts(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	if err := ParseMonth(month); err != nil {
		return err
	}
	slips, err := s.PayoutSlips(ctx, month)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "收入分配单", 0, fmt.Sprintf("打印收入分配单 %s（%d 人）", month, len(slips))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "收入分配单")
	if err != nil {
		return err
	}
	m.Subtitle = "南苑社区「非遗点灯」共富工坊"
	return reports.PayoutSlips(w, m, slips)
}

// PrintOrder writes an order's 订单确认单.
func PrintOrder(ctx context.Context, s *data.Store, number string, w io.Writer) error {
	os, err := s.Orders(ctx, "")
	if err != nil {
		return err
	}
	for _, o := range os {
		if o.Number == number {
			full, err := s.Order(ctx, o.ID)
			if err != nil {
				return err
			}
			full.CustomerPhone = o.CustomerPhone
			if err := s.Record(ctx, data.ActPrint, "订单", o.ID, "打印订单确认单 "+number); err != nil {
				return err
			}
			m, err := meta(ctx, s, "订单确认单")
			if err != nil {
				return err
			}
			return reports.OrderConfirmation(w, m, full)
		}
	}
	return &data.Error{Code: data.CodeNotFound, Message: "没有订单号为“" + number + "”的订单"}
}

// TrainingCertHours is how many training hours earn a 培训证书.
const TrainingCertHours = 40

// PrintTrainingCerts issues 培训证书 to trainees with enough training hours (all, or the one
// whose number is given) and prints them. Every certificate goes in the register.
func PrintTrainingCerts(ctx context.Context, s *data.Store, number string, w io.Writer) error {
	ts, err := s.Trainees(ctx, false)
	if err != nil {
		return err
	}
	var certs []data.Certificate
	today := s.Now().Format("2006-01-02")
	for _, t := range ts {
		if number != "" && t.Number != number {
			continue
		}
		if t.TrainingMinutes < TrainingCertHours*60 {
			if number != "" {
				return &data.Error{Code: data.CodeInvalid, Message: fmt.Sprintf("%s 培训时长 %s，不足 %d 小时，不能出具培训证书", t.DisplayName(), reports.Hours(t.TrainingMinutes), TrainingCertHours)}
			}
			continue
		}
		certs = append(certs, data.Certificate{Kind: data.CertTraining, PersonID: t.PersonID, From: t.Joined, To: today,
			Minutes: t.TrainingMinutes, Content: "硖石灯彩制作技艺"})
	}
	if number != "" && len(certs) == 0 {
		return &data.Error{Code: data.CodeNotFound, Message: "没有编号为“" + number + "”的学员"}
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
		return reports.CertText{Title: "培训证书", Body: fmt.Sprintf("%s（身份证号 %s）于 %s 至 %s 在南苑社区「非遗点灯」共富工坊参加%s培训，累计 %s，经考核合格，特发此证。",
			c.Name, c.IDNumber, dateCN(c.From), dateCN(c.To), c.Content, reports.Hours(c.Minutes))}
	}, nil)
}

func dateCN(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("2006年1月2日")
}

// ExportOrders writes orders taken between two dates as .xlsx.
func ExportOrders(ctx context.Context, s *data.Store, from, to string, w io.Writer) error {
	os, err := s.Orders(ctx, "")
	if err != nil {
		return err
	}
	var sel []data.Order
	for _, o := range os {
		day := o.Created[:10]
		if (from == "" || day >= from) && (to == "" || day <= to) {
			sel = append(sel, o)
		}
	}
	if err := s.Record(ctx, data.ActExport, "订单", 0, fmt.Sprintf("导出订单 %d 个", len(sel))); err != nil {
		return err
	}
	return reports.OrdersXLSX(w, sel)
}

// ExportSplits writes the month's payments and splits as .xlsx.
func ExportSplits(ctx context.Context, s *data.Store, month string, w io.Writer) error {
	if err := ParseMonth(month); err != nil {
		return err
	}
	rows, err := s.WorkshopLedger(ctx, month)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "收入分配", 0, "导出收入分配 "+month); err != nil {
		return err
	}
	return reports.SplitsXLSX(w, rows)
}
