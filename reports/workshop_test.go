package reports

import (
	"bytes"
	"strings"
	"testing"

	"linli/data"
)

// A slip after a paid-out payment was reversed and a payout bounced: the reversal's line is
// negative and says so, the 应退 shows, and the reversed payout is listed with its reason.
func TestPayoutSlipShowsReversalsAndOwedBack(t *testing.T) {
	slip := data.PayoutSlip{Month: "2026-11", Earning: data.Earning{Trainee: data.Trainee{Number: "XY-001", Name: "叶强"},
		EarnedMonth: 0, PaidMonth: 134_258, EarnedTotal: 0, PaidTotal: 134_258, Owed: -134_258, OwedBack: 134_258},
		Lines: []data.SlipLine{
			{Day: "2026-11-05", OrderNo: "GF-2026-0001", Customer: "王经理", Rule: data.RuleByPieces, Weight: 17, Amount: 134_258},
			{Day: "2026-11-27", OrderNo: "GF-2026-0001", Customer: "王经理", Rule: data.RuleByPieces, Weight: 17, Amount: -134_258, Reversal: true, OwedBack: 134_258},
		},
		Payouts: []data.Payout{
			{ID: 1, Day: "2026-11-20", Method: "转账", AmountFen: 134_258},
			{ID: 2, Day: "2026-11-26", Method: "冲销", AmountFen: -134_258, Note: "转账被退回", Reverses: 1},
			{ID: 3, Day: "2026-11-27", Method: "现金", AmountFen: 134_258},
		}}
	var buf bytes.Buffer
	if err := PayoutSlips(&buf, Meta{Office: "测试街道办事处", PrintedAt: printedAt}, []data.PayoutSlip{slip}); err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, buf.Bytes())
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"冲销收款 -1,342.58", "（已领取，其中应退 1,342.58 元）", "本月合计 0.00", "冲销发放：转账被退回 -1,342.58", "应退：1,342.58 元"} {
		if !strings.Contains(flat, want) {
			t.Errorf("slip lacks %q:\n%s", want, flat)
		}
	}
	if pages != 1 {
		t.Errorf("one trainee's slip takes %d pages", pages)
	}
}

func TestOrderConfirmationListsEveryLine(t *testing.T) {
	o := data.Order{Number: "GF-2026-0021", CustomerName: "王经理", Due: "2026-12-20", Status: data.StatusAccepted, TotalFen: 4*33_333 + 8*12_000,
		Lines: []data.OrderLine{{Product: "宫灯", Quantity: 4, UnitPriceFen: 33_333}, {Product: "走马灯", Quantity: 8, UnitPriceFen: 12_000}}}
	var buf bytes.Buffer
	if err := OrderConfirmation(&buf, Meta{Office: "测试街道办事处", PrintedAt: printedAt}, "城东共富工坊", o); err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, buf.Bytes())
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"1 宫灯 4 333.33 1,333.32", "2 走马灯 8 120.00 960.00", "合计 2,293.32"} {
		if !strings.Contains(flat, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, flat)
		}
	}
}
