package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/assets"
	"linli/data"
)

var ledgerColumns = []Column{
	{Header: "日期", Width: 22, Align: "C"},
	{Header: "订单号", Width: 28},
	{Header: "客户", Width: 40},
	{Header: "品名", Width: 44},
	{Header: "数量", Width: 14, Align: "R"},
	{Header: "收款（元）", Width: 24, Align: "R"},
	{Header: "材料（元）", Width: 22, Align: "R"},
	{Header: "工坊留存（元）", Width: 24, Align: "R"},
	{Header: "学员分配（元）", Width: 24, Align: "R"},
	{Header: "经手人", Width: 18, Align: "C"},
	{Header: "备注", Width: 21},
}

// WorkshopLedger writes the 工坊收入台账 for a month: every payment with its split, and totals
// that reconcile (收款 = 材料 + 留存 + 学员分配, to the 分). Held payments are listed apart.
func WorkshopLedger(w io.Writer, m Meta, rows []data.LedgerRow) error {
	m.Landscape = true
	d := NewDoc(m)
	var split, held []data.LedgerRow
	for _, r := range rows {
		if r.Held {
			held = append(held, r)
		} else {
			split = append(split, r)
		}
	}
	var tot data.LedgerRow
	var table [][]string
	for _, r := range split {
		tot.Payment += r.Payment
		tot.Materials += r.Materials
		tot.Retention += r.Retention
		tot.Trainees += r.Trainees
		tot.Quantity += r.Quantity
		table = append(table, []string{r.Day, r.OrderNo, r.Customer, r.Products, strconv.FormatInt(r.Quantity, 10), data.Yuan(r.Payment),
			data.Yuan(r.Materials), data.Yuan(r.Retention), data.Yuan(r.Trainees), r.Handler, r.Note})
	}
	table = append(table, []string{"合计", fmt.Sprintf("%d 笔", len(split)), "", "", "", data.Yuan(tot.Payment), data.Yuan(tot.Materials),
		data.Yuan(tot.Retention), data.Yuan(tot.Trainees), "", ""})
	d.Table(ledgerColumns, table)
	d.pdf.Ln(3)
	check := "核对：收款 %s 元 = 材料 %s 元 + 工坊留存 %s 元 + 学员分配 %s 元"
	d.Text(10, fmt.Sprintf(check, data.Yuan(tot.Payment), data.Yuan(tot.Materials), data.Yuan(tot.Retention), data.Yuan(tot.Trainees)))
	if len(held) > 0 {
		var sum int64
		d.Text(10, "待分配收款（订单尚无生产记录，登记生产后自动分配）：")
		var t [][]string
		for _, r := range held {
			sum += r.Payment
			t = append(t, []string{r.Day, r.OrderNo, r.Customer, r.Products, strconv.FormatInt(r.Quantity, 10), data.Yuan(r.Payment), "", "", "", r.Handler, r.Note})
		}
		t = append(t, []string{"合计", "", "", "", "", data.Yuan(sum), "", "", "", "", ""})
		d.Table(ledgerColumns, t)
	}
	d.Signatures("制表人", "工坊负责人", "审核人")
	return d.Write(w)
}

// PayoutSlips writes one 收入分配单 per trainee per page, in large clear type, with the orders that
// earned the money and a signature line.
func PayoutSlips(w io.Writer, m Meta, slips []data.PayoutSlip) error {
	if m.Title == "" {
		m.Title = "收入分配单"
	}
	d := NewDoc(m)
	for i, s := range slips {
		if i > 0 {
			d.pdf.AddPage()
		}
		p := d.pdf
		p.SetFont(assets.FontName, "", 16)
		p.CellFormat(0, 12, fmt.Sprintf("学员：%s    编号：%s    月份：%s", s.Trainee.DisplayName(), s.Trainee.Number, monthCN(s.Month)), "", 1, "L", false, 0, "")
		p.Ln(2)
		d.fontSize, d.lineH = 13, 7
		d.Table([]Column{{Header: "日期", Width: 30, Align: "C"}, {Header: "订单号", Width: 38}, {Header: "客户", Width: 46},
			{Header: "依据", Width: 30, Align: "C"}, {Header: "金额（元）", Width: 36, Align: "R"}}, slipRows(s))
		if len(s.Payouts) > 0 {
			p.Ln(2)
			d.Table([]Column{{Header: "发放日期", Width: 30, Align: "C"}, {Header: "方式", Width: 38}, {Header: "说明", Width: 76},
				{Header: "金额（元）", Width: 36, Align: "R"}}, payoutRows(s.Payouts))
		}
		d.fontSize, d.lineH = 9.5, 5.2
		p.Ln(4)
		p.SetFont(assets.FontName, "", 15)
		for _, line := range slipSummary(s) {
			p.CellFormat(0, 10, line, "", 1, "L", false, 0, "")
		}
		p.Ln(8)
		p.SetFont(assets.FontName, "", 14)
		p.CellFormat(0, 10, "学员（或监护人）签字：________________    日期：____________", "", 1, "L", false, 0, "")
		p.Ln(4)
		p.CellFormat(0, 10, "经手人签字：________________    "+m.Office+"（盖章）", "", 1, "L", false, 0, "")
	}
	if len(slips) == 0 {
		d.Text(14, "本月没有学员收入或发放记录。")
	}
	return d.Write(w)
}

// slipRows are the month's split lines; a reversal's line is negative and says so, with the
// part of it already paid out that the trainee now owes back.
func slipRows(s data.PayoutSlip) [][]string {
	var rows [][]string
	for _, l := range s.Lines {
		basis := l.Rule + " " + strconv.FormatInt(l.Weight, 10)
		if l.Reversal {
			basis = "冲销收款"
		}
		rows = append(rows, []string{l.Day, l.OrderNo, l.Customer, basis, data.Yuan(l.Amount)})
		if l.OwedBack > 0 {
			rows = append(rows, []string{"", "", "已领取部分", "其中应退", data.Yuan(l.OwedBack)})
		}
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", "本月无新分配", "", "", ""})
	}
	return rows
}

// payoutRows are the month's payouts; a reversed payout (冲销发放) shows as a negative line with its reason.
func payoutRows(ps []data.Payout) [][]string {
	var rows [][]string
	for _, p := range ps {
		note := p.Note
		if p.Reverses != 0 {
			note = "冲销发放：" + p.Note
		}
		rows = append(rows, []string{p.Day, p.Method, note, data.Yuan(p.AmountFen)})
	}
	return rows
}

func slipSummary(s data.PayoutSlip) []string {
	last := fmt.Sprintf("尚欠发放：%s 元", data.Yuan(s.Owed))
	if s.OwedBack > 0 {
		last = fmt.Sprintf("应退：%s 元（已领取后被冲销的收入，从以后的收入中抵扣）", data.Yuan(s.OwedBack))
	}
	return []string{
		fmt.Sprintf("本月分配：%s 元", data.Yuan(s.EarnedMonth)),
		fmt.Sprintf("本月已发：%s 元", data.Yuan(s.PaidMonth)),
		fmt.Sprintf("累计应得：%s 元    累计已发：%s 元", data.Yuan(s.EarnedTotal), data.Yuan(s.PaidTotal)),
		last,
	}
}

func monthCN(month string) string {
	if len(month) != 7 {
		return month
	}
	m, _ := strconv.Atoi(month[5:])
	return month[:4] + "年" + strconv.Itoa(m) + "月"
}

// OrderConfirmation writes the 订单确认单 for the customer; workshop is the workshop's name.
func OrderConfirmation(w io.Writer, m Meta, workshop string, o data.Order) error {
	if m.Title == "" {
		m.Title = "订单确认单"
	}
	m.Subtitle = "订单号：" + o.Number
	d := NewDoc(m)
	d.Text(11, fmt.Sprintf("客户：%s%s\n联系电话：%s\n交货日期：%s\n订单状态：%s", o.CustomerName, orgSuffix(o.CustomerOrg), data.MaskPhone(o.CustomerPhone), o.Due, o.Status))
	d.pdf.Ln(3)
	var rows [][]string
	for i, l := range o.Lines {
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Product, strconv.FormatInt(l.Quantity, 10), data.Yuan(l.UnitPriceFen), data.Yuan(l.Quantity * l.UnitPriceFen)})
	}
	rows = append(rows, []string{"", "合计", "", "", data.Yuan(o.TotalFen)})
	d.Table([]Column{{Header: "序号", Width: 14, Align: "C"}, {Header: "品名", Width: 70}, {Header: "数量", Width: 22, Align: "R"},
		{Header: "单价（元）", Width: 34, Align: "R"}, {Header: "金额（元）", Width: 40, Align: "R"}}, rows)
	d.pdf.Ln(3)
	d.Text(11, fmt.Sprintf("已付：%s 元    未付：%s 元\n%s\n本工坊产品由%s残疾人学员手工制作，本订单收入扣除材料费和工坊留存 %d.%02d%% 后，%s分配给制作学员。",
		data.Yuan(o.PaidFen), data.Yuan(o.TotalFen-o.PaidFen), strings.TrimSpace(o.Notes), workshop, o.RetentionBP/100, o.RetentionBP%100, ruleWords(o.SplitRule)))
	d.Signatures("客户确认", "工坊经手人", "日期")
	return d.Write(w)
}

// ruleWords is how an order's split rule reads on paper.
func ruleWords(rule string) string {
	switch rule {
	case data.RuleByPieces:
		return "按各人制作的件数"
	case data.RuleByValue:
		return "按各人制作的产值（件数乘单价）"
	case data.RuleByMinutes:
		return "按各人的工时"
	case data.RuleEqual:
		return "由参与制作的学员平均"
	}
	return "按" + rule
}

func orgSuffix(org string) string {
	if org == "" {
		return ""
	}
	return "（" + org + "）"
}
