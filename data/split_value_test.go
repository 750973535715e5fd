package data

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// 按产值: a 680-元 宫灯 weighs more than a 120-元 荷花灯; the rule is frozen in the split.
func TestSplitByValueWeighsPiecesByTheirPrice(t *testing.T) {
	s, ctx, ts, _ := workshopFixture(t)
	palace := mustProduct(t, s, ctx, Product{Name: "宫灯", Spec: "大", UnitPriceFen: 68_000, MaterialFen: 0})
	lotus := mustProduct(t, s, ctx, Product{Name: "荷花灯", Spec: "小", UnitPriceFen: 12_000, MaterialFen: 0})
	o := mustOrder(t, s, ctx, Order{CustomerName: "王经理", Due: "2026-12-20", RetentionBP: 0, SplitRule: RuleByValue,
		Lines: []OrderLine{{ProductID: palace.ID, Quantity: 1}, {ProductID: lotus.ID, Quantity: 1}}})
	mustLog(t, s, ctx, o.Lines[0].ID, ts[0].ID, "2026-11-22", 1, 60)
	mustLog(t, s, ctx, o.Lines[1].ID, ts[1].ID, "2026-11-22", 1, 60)
	p, err := s.RecordPayment(ctx, o.ID, "2026-11-25", 80_000, "转账", "全款")
	if err != nil || p.Split == nil {
		t.Fatalf("payment: %+v %v", p, err)
	}
	got := map[int64]int64{}
	for _, l := range p.Split.Lines {
		got[l.TraineeID] = l.Amount
	}
	if got[ts[0].ID] != 68_000 || got[ts[1].ID] != 12_000 {
		t.Fatalf("按产值 split %v, want 680.00 and 120.00", got)
	}
	if !strings.Contains(p.Formula, "按产值") || !strings.Contains(p.Formula, "产值 680.00") {
		t.Fatalf("formula %q", p.Formula)
	}
}

// The value weights (pieces × price in 分) split any payment exactly to the 分.
func TestSplitByValueSumsExactly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		payment := rapid.Int64Range(1, MaxFen).Draw(t, "payment")
		materials := rapid.Int64Range(0, payment).Draw(t, "materials")
		bp := rapid.Int64Range(0, 10000).Draw(t, "bp")
		n := rapid.IntRange(1, 8).Draw(t, "trainees")
		in := SplitInput{Payment: payment, Materials: materials, RetentionBP: bp, Rule: RuleByValue}
		for i := 0; i < n; i++ {
			pieces := rapid.Int64Range(0, 500).Draw(t, fmt.Sprintf("pieces%d", i))
			price := rapid.Int64Range(1, 200_000).Draw(t, fmt.Sprintf("price%d", i))
			in.Shares = append(in.Shares, Share{TraineeID: int64(i + 1), Number: fmt.Sprintf("XY-%03d", i), Weight: pieces * price})
		}
		r, err := ComputeSplit(in)
		var total int64
		for _, sh := range in.Shares {
			total += sh.Weight
		}
		if total == 0 {
			if err == nil {
				t.Fatal("no production was split")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, l := range r.Lines {
			sum += l.Amount
			quota := float64(r.Trainees) * float64(l.Weight) / float64(total) // only to bound the rounding
			if d := float64(l.Amount) - quota; d <= -1.0001 || d >= 1.0001 {
				t.Fatalf("%s got %d, quota %.2f", l.Number, l.Amount, quota)
			}
		}
		if sum != r.Trainees || r.Materials+r.Retention+r.Trainees != payment {
			t.Fatalf("parts %d+%d+%d (lines %d) ≠ payment %d", r.Materials, r.Retention, r.Trainees, sum, payment)
		}
	})
}
