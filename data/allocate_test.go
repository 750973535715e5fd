package data

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// parties is a split as totals per party: materials, retention, and each trainee by ID.
func parties(r SplitResult) map[string]int64 {
	m := map[string]int64{"materials": r.Materials, "retention": r.Retention}
	for _, l := range r.Lines {
		if l.Amount != 0 {
			m[fmt.Sprint(l.TraineeID)] += l.Amount
		}
	}
	return m
}

// addTo adds a payment's part to the running totals, as splitSoFar sums them.
func addTo(sum *SplitResult, part SplitResult) {
	sum.Materials += part.Materials
	sum.Retention += part.Retention
	sum.Trainees += part.Trainees
	for _, l := range part.Lines {
		found := false
		for i := range sum.Lines {
			if sum.Lines[i].TraineeID == l.TraineeID {
				sum.Lines[i].Amount += l.Amount
				found = true
			}
		}
		if !found {
			l.Weight = 0
			sum.Lines = append(sum.Lines, l)
		}
	}
	sort.Slice(sum.Lines, func(i, j int) bool { return sum.Lines[i].Number < sum.Lines[j].Number })
}

// TestAllocationDoesNotDependOnTheSchedule: for any order and any partition of its total into
// payments (production possibly growing between them), every payment's parts add up to it
// exactly, and after the last payment each party holds exactly its part of the one-payment split.
func TestAllocationDoesNotDependOnTheSchedule(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		total := rapid.Int64Range(1, MaxFen).Draw(t, "total")
		materials := rapid.Int64Range(0, total).Draw(t, "materials")
		bp := rapid.Int64Range(0, 10000).Draw(t, "bp")
		n := rapid.IntRange(1, 6).Draw(t, "trainees")
		shares := make([]Share, n)
		for i := range shares {
			shares[i] = Share{TraineeID: int64(i + 1), Number: fmt.Sprintf("XY-%03d", n-i), Name: fmt.Sprintf("学员%d", i),
				Weight: rapid.Int64Range(0, 1000).Draw(t, fmt.Sprintf("w%d", i))}
		}
		shares[0].Weight++ // someone has made something
		k := rapid.IntRange(1, 8).Draw(t, "payments")
		cuts := map[int64]bool{}
		for i := 1; i < k && int64(len(cuts)) < total-1; i++ {
			cuts[rapid.Int64Range(1, total-1).Draw(t, fmt.Sprintf("cut%d", i))] = true
		}
		points := []int64{total}
		for c := range cuts {
			points = append(points, c)
		}
		sort.Slice(points, func(i, j int) bool { return points[i] < points[j] })
		grow := rapid.Bool().Draw(t, "production grows between payments")
		var given SplitResult
		var paid int64
		for i, p := range points {
			step := make([]Share, n)
			copy(step, shares)
			if grow && i < len(points)-1 { // earlier payments saw less production
				for j := range step {
					step[j].Weight = step[j].Weight * int64(i+1) / int64(len(points))
				}
				step[0].Weight++
			}
			amount := p - paid
			cum := SplitInput{Payment: p, Materials: MaterialsFor(p, total, materials), RetentionBP: bp, Rule: RuleByPieces, Shares: step,
				OrderTotal: total, OrderMaterials: materials}
			a, err := Allocate(cum, amount, given)
			if err != nil {
				t.Fatal(err)
			}
			sum := a.Part.Materials + a.Part.Retention
			for _, l := range a.Part.Lines {
				sum += l.Amount
			}
			if sum != amount || a.Part.Materials+a.Part.Retention+a.Part.Trainees != amount {
				t.Fatalf("payment %d of %d: parts add to %d", i, amount, sum)
			}
			addTo(&given, a.Part)
			paid = p
		}
		whole, err := ComputeSplit(SplitInput{Payment: total, Materials: materials, RetentionBP: bp, Rule: RuleByPieces, Shares: shares})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := parties(given), parties(whole); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("after %d payments %v, one payment %v", len(points), got, want)
		}
	})
}

func TestMaterialsFor(t *testing.T) {
	for _, tc := range []struct{ paid, total, materials, want int64 }{
		{0, 100, 30, 0}, {50, 100, 30, 15}, {1, 3, 1, 0}, {2, 3, 1, 0}, {3, 3, 1, 1}, {999_999_999, MaxFen, MaxFen - 1, 999_999_998},
	} {
		if got := MaterialsFor(tc.paid, tc.total, tc.materials); got != tc.want {
			t.Errorf("MaterialsFor(%d, %d, %d) = %d, want %d", tc.paid, tc.total, tc.materials, got, tc.want)
		}
	}
}

func TestFormulaWords(t *testing.T) {
	in := SplitInput{Payment: 50_000, Materials: MaterialsFor(50_000, 99_999, 33_333), RetentionBP: 1500, Rule: RuleByPieces,
		OrderTotal: 99_999, OrderMaterials: 33_333, Shares: []Share{{TraineeID: 1, Number: "XY-001", Name: "叶强", Weight: 3}}}
	a, err := Allocate(in, 50_000, SplitResult{})
	if err != nil {
		t.Fatal(err)
	}
	f := a.Formula()
	t.Run("materials in proportion to the payment", func(t *testing.T) {
		if !strings.Contains(f, "材料费按收款比例扣除") || !strings.Contains(f, "500.00元 × 材料成本 333.33元 ÷ 订单金额 999.99元 = 166.66元") {
			t.Fatalf("%s", f)
		}
	})
	t.Run("an amount keeps its 元", func(t *testing.T) {
		if strings.Contains(f, " 元") || strings.Contains(f, "\u00a0元") {
			t.Fatalf("an amount and its 元 can be broken apart: %s", f)
		}
	})
	t.Run("a later payment says what it adds", func(t *testing.T) {
		in.Payment = 99_999
		in.Materials = MaterialsFor(99_999, 99_999, 33_333)
		b, err := Allocate(in, 49_999, a.Part)
		if err != nil {
			t.Fatal(err)
		}
		if f := b.Formula(); !strings.Contains(f, "累计 999.99元") || !strings.Contains(f, "本笔 = 累计应得 − 此前已分") {
			t.Fatalf("%s", f)
		}
	})
}
