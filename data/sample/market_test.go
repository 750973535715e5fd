package sample_test

import (
	"io"
	"testing"

	"linli/data"
	"linli/data/sample"
	"linli/documents"
)

// TestSampleMarket checks the sample's 共富集市: a year of weekend markets with the 11-item 公约
// (signed again in its second version), two 帮扶 families with their 增收台账, refusals with
// their reasons, cancelled days, violations and no-shows.
func TestSampleMarket(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	viewer := as(t, s, "viewer")
	t.Run("the 11-item pact in two versions", func(t *testing.T) {
		ps, err := s.Pacts(viewer)
		if err != nil || len(ps) != 2 || len(ps[0].Items) != len(sample.MarketPact) || len(sample.MarketPact) != 11 {
			t.Fatalf("pacts %d %v", len(ps), err)
		}
		if ps[0].Items[0].Title != "市容环境" || ps[0].Items[1].Title != "停车管理" || ps[0].Items[2].Title != "设摊秩序" {
			t.Fatalf("items %+v", ps[0].Items[:3])
		}
	})
	t.Run("a year of weekend markets", func(t *testing.T) {
		l, err := s.MarketLedger(viewer, "2026")
		if err != nil {
			t.Fatal(err)
		}
		if l.Held < 80 || l.Total.Taken < 800 || l.Total.TakingsFen == 0 || l.Total.FundFen == 0 || l.Total.Violations == 0 {
			t.Fatalf("ledger totals %+v, %d held", l.Total, l.Held)
		}
		cancelled := 0
		for _, d := range l.Days {
			if d.Cancelled != "" {
				cancelled++
			}
		}
		if cancelled == 0 {
			t.Error("no cancelled day")
		}
	})
	t.Run("two 帮扶 families with income", func(t *testing.T) {
		fams, err := s.HelpedIncome(viewer, 2026)
		if err != nil || len(fams) != 2 {
			t.Fatalf("%d families, %v", len(fams), err)
		}
		for _, f := range fams {
			if f.TotalFen == 0 || len(f.Days) < 30 {
				t.Errorf("family %s: %d days, %d 分", f.Number, len(f.Days), f.TotalFen)
			}
		}
	})
	t.Run("refusals carry their reasons", func(t *testing.T) {
		days, err := s.MarketDays(viewer, data.MarketDayFilter{From: "2026-01-01", To: "2026-11-27"})
		if err != nil {
			t.Fatal(err)
		}
		reasons := map[string]bool{}
		for _, d := range days {
			_, lines, err := s.MarketDaySheet(viewer, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range lines {
				reasons[l.Reason] = true
			}
		}
		for _, r := range []string{data.RefuseFull, data.RefuseCategory} {
			if !reasons[r] {
				t.Errorf("no vendor refused %s (%v)", r, reasons)
			}
		}
	})
}

// BenchmarkMarketLedgerYear prints the sample's 集市台账 for 2026: every market day, the 帮扶增收台账
// and every stall's line (about 95 days, 1,300 lines, 60 landscape pages).
func BenchmarkMarketLedgerYear(b *testing.B) {
	s := sharedSample(b)
	ctx := as(b, s, "staff")
	for b.Loop() {
		if err := documents.MarketLedgerDoc.Run(ctx, s, documents.Values{"year": "2026"}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
