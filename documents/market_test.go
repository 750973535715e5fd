package documents

import (
	"strings"
	"testing"

	"linli/data"
)

// marketRows: the market of 城东社区 on 2026-11-14 — 李阿婆 (低保户, after householdRows) at the
// 帮扶 stall, 周大勇 at a 普通 stall, the bank's 公益 stall whose takings are not entered yet;
// 周大勇 broke item 3 that morning.
func (o *office) marketRows() {
	o.t.Helper()
	stalls := []data.Stall{{Number: "A01", Kind: data.StallHelp, Size: "2×1.5 米"}, {Number: "B01", Kind: data.StallCharity, Size: "3×2 米"},
		{Number: "D01", Kind: data.StallRegular, Size: "2×2 米"}}
	o.must(o.s.SaveStallLayout(o.ctx, data.StallLayout{Stalls: stalls}))
	pact := o.must(o.s.SavePact(o.ctx, data.Pact{Title: "共富集市公约", InForce: "2026-01-01", Items: []data.PactItem{{Title: "市容环境", Text: "摊位整洁"},
		{Title: "停车管理", Text: "车辆停在指定区域"}, {Title: "设摊秩序", Text: "按分配的摊位设摊"}}}))
	ps, err := o.s.People(o.ctx, data.PeopleFilter{Query: "李阿婆"})
	if err != nil || len(ps) != 1 {
		o.t.Fatalf("李阿婆: %v %v", ps, err)
	}
	helped := o.must(o.s.SaveVendor(o.ctx, data.Vendor{PersonID: ps[0].ID, Phone: "13800002222", Category: "熟食点心", Kind: data.VendorHelped}))
	trader := o.must(o.s.SaveVendor(o.ctx, data.Vendor{Name: "周大勇", Phone: "13905730001", IDNumber: data.MakeID("330482", birth(50), 7),
		Category: "日用百货", Kind: data.VendorRegular}))
	bank := o.must(o.s.SaveVendor(o.ctx, data.Vendor{Name: "爱心粮油供应点", Phone: "13905730002", IDNumber: data.MakeID("330482", birth(40), 9),
		Category: "粮油", Kind: data.VendorCharity, Partner: "农商银行"}))
	for _, v := range []int64{helped, trader, bank} {
		if err := o.s.SignPact(o.ctx, pact, v, "2026-11-01", "郭丹明"); err != nil {
			o.t.Fatal(err)
		}
	}
	if _, err := o.s.GenerateMarketDays(o.ctx, data.MarketDayRule{From: "2026-11-14", To: "2026-11-15", Weekdays: 1<<5 | 1<<6, Start: "07:00", End: "11:00"}); err != nil {
		o.t.Fatal(err)
	}
	ds, err := o.s.MarketDays(o.ctx, data.MarketDayFilter{Day: "2026-11-14"})
	if err != nil || len(ds) != 1 {
		o.t.Fatal(ds, err)
	}
	if _, err := o.s.ApplyForMarketDay(o.ctx, ds[0].ID, []int64{trader, helped, bank}); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.s.ConfirmAllocation(o.ctx, ds[0].ID); err != nil {
		o.t.Fatal(err)
	}
	if err := o.s.RecordTakings(o.ctx, ds[0].ID, []data.TakingsEntry{{VendorID: helped, TakingsFen: 12345}, {VendorID: trader, TakingsFen: 30000}}); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.s.RecordViolation(o.ctx, data.Violation{VendorID: trader, Day: "2026-11-14", Item: 3, Party: "物业", Recorder: "物业王经理", What: "越线设摊"}); err != nil {
		o.t.Fatal(err)
	}
}

// marketCases are the 共富集市 documents' cases for TestEveryDocumentRendersFromASmallStore.
func marketCases() map[*Doc]struct {
	v    Values
	want []string
} {
	return map[*Doc]struct {
		v    Values
		want []string
	}{
		&MarketDayDoc:         {Values{"date": "2026-11-14"}, []string{"共富集市摊位安排表", "A01", "李阿婆", "周大勇", "免租", "分配规则"}},
		&MarketPactDoc:        {Values{}, []string{"共富集市公约", "第一条", "市容环境", "公约签署表", "周大勇", "郭丹明"}},
		&MarketLedgerDoc:      {Values{"month": "2026-11"}, []string{"共富集市台账", "帮扶增收台账", "李阿婆", "123.45", "未录入", "合计"}},
		&HelpedIncomeDoc:      {Values{"year": "2026"}, []string{"帮扶增收台账", "李阿婆", "全年", "123.45"}},
		&MarketAllocationXLSX: {Values{"date": "2026-11-14"}, []string{"周大勇", "A01", "帮扶户"}},
		&MarketTakingsXLSX:    {Values{"month": "2026-11"}, []string{"123.45", "未录入", "是"}},
		&MarketViolationsXLSX: {Values{"year": "2026"}, []string{"周大勇", "设摊秩序", "提醒"}},
	}
}

func TestMarketDayPublicCopyMasksNames(t *testing.T) {
	o := newOffice(t)
	o.careRows()
	o.householdRows()
	o.marketRows()
	text := pdfText(t, o.run(&MarketDayDoc, Values{"date": "2026-11-14", "public": "true"}))
	mustContain(t, text, "公示版", "李**", "周**")
	for _, leak := range []string{"李阿婆", "周大勇", "139"} {
		if strings.Contains(text, leak) {
			t.Errorf("public copy shows %q", leak)
		}
	}
	office := pdfText(t, o.run(&MarketDayDoc, Values{"date": "2026-11-14"}))
	mustContain(t, office, "李阿婆", "139****0001")
}

func TestMarketPeriodParameters(t *testing.T) {
	for _, v := range []Values{{}, {"month": "2026-11", "year": "2026"}, {"year": "26"}} {
		if err := MarketLedgerDoc.Validate(v); err == nil {
			t.Errorf("accepted %v", v)
		}
	}
	if err := MarketLedgerDoc.Validate(Values{"year": "2026"}); err != nil {
		t.Fatal(err)
	}
}
