package data

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

func TestComputeSplitExample(t *testing.T) {
	in := SplitInput{Payment: 100_000, Materials: 30_001, RetentionBP: 1500, Rule: RuleByPieces, Shares: []Share{
		{TraineeID: 1, Number: "XY-001", Name: "甲", Weight: 1},
		{TraineeID: 2, Number: "XY-002", Name: "乙", Weight: 1},
		{TraineeID: 3, Number: "XY-003", Name: "丙", Weight: 1},
		{TraineeID: 4, Number: "XY-004", Name: "丁", Weight: 0},
	}}
	r, err := ComputeSplit(in)
	if err != nil {
		t.Fatal(err)
	}
	// net 69,999; retention floor(69,999 × 0.15) = 10,499; trainees 59,500 → 19,833.33 each:
	// 19,833 ×3 = 59,499, the 1 分 left goes to the lowest number on a tie.
	if r.Retention != 10_499 || r.Trainees != 59_500 || len(r.Lines) != 3 {
		t.Fatalf("%+v", r)
	}
	if r.Lines[0].Amount != 19_834 || r.Lines[1].Amount != 19_833 || r.Lines[2].Amount != 19_833 {
		t.Fatalf("lines %+v", r.Lines)
	}
	if f := r.Formula(in); f == "" {
		t.Fatal("no formula")
	}
}

func TestComputeSplitRefuses(t *testing.T) {
	for name, in := range map[string]SplitInput{
		"zero payment":       {Payment: 0, Shares: []Share{{Weight: 1}}},
		"all-zero weights":   {Payment: 100, Shares: []Share{{Weight: 0}, {Weight: 0}}},
		"no shares":          {Payment: 100},
		"materials too high": {Payment: 100, Materials: 101, Shares: []Share{{Weight: 1}}},
		"rate over 100%":     {Payment: 100, RetentionBP: 10001, Shares: []Share{{Weight: 1}}},
		"too large":          {Payment: MaxFen + 1, Shares: []Share{{Weight: 1}}},
	} {
		if _, err := ComputeSplit(in); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

// TestSplitProperties: for any payment from 1 分 to ten million 元, any rate and any weights,
// the parts add up exactly, each trainee is within 1 分 of the exact quota, and the result is the
// same every time.
func TestSplitProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		payment := rapid.Int64Range(1, MaxFen).Draw(t, "payment")
		materials := rapid.Int64Range(0, payment).Draw(t, "materials")
		bp := rapid.Int64Range(0, 10000).Draw(t, "bp")
		n := rapid.IntRange(1, 12).Draw(t, "trainees")
		var shares []Share
		var total int64
		for i := 0; i < n; i++ {
			w := rapid.Int64Range(0, 100_000).Draw(t, fmt.Sprintf("w%d", i))
			total += w
			shares = append(shares, Share{TraineeID: int64(i + 1), Number: fmt.Sprintf("XY-%03d", n-i), Weight: w})
		}
		in := SplitInput{Payment: payment, Materials: materials, RetentionBP: bp, Rule: RuleByPieces, Shares: shares}
		r, err := ComputeSplit(in)
		if total == 0 {
			if err == nil {
				t.Fatal("all-zero weights accepted")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := r.Materials + r.Retention
		for _, l := range r.Lines {
			sum += l.Amount
			// |amount − trainees·w/total| < 1  ⇔  |amount·total − trainees·w| < total
			diff := l.Amount*total - r.Trainees*l.Weight
			if diff <= -total || diff >= total {
				t.Fatalf("%s gets %d, quota %d·%d/%d", l.Number, l.Amount, r.Trainees, l.Weight, total)
			}
			if l.Weight == 0 || l.Amount < 0 {
				t.Fatalf("line %+v", l)
			}
		}
		if sum != payment {
			t.Fatalf("parts add to %d, payment %d", sum, payment)
		}
		if r.Retention != (payment-materials)*bp/10000 {
			t.Fatalf("retention %d", r.Retention)
		}
		again, err := ComputeSplit(in)
		if err != nil || fmt.Sprint(again) != fmt.Sprint(r) {
			t.Fatal("not deterministic")
		}
	})
}

func TestYuan(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 1: "0.01", 123456: "1,234.56", -5: "-0.05", 100000000000: "1,000,000,000.00"} {
		if got := Yuan(fen); got != want {
			t.Errorf("Yuan(%d) = %s, want %s", fen, got, want)
		}
	}
	for in, want := range map[string]int64{"12": 1200, "12.5": 1250, "1,234.56": 123456, "￥0.01": 1, "３０元": 3000, ".5": 50} {
		if got, err := ParseYuan(in); err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "1.234", "abc", "1e5", "12.3.4"} {
		if _, err := ParseYuan(in); err == nil {
			t.Errorf("ParseYuan(%q) accepted", in)
		}
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"12.34", "1,000", "-0.5", "￥3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fen, err := ParseYuan(s)
		if err != nil {
			return
		}
		back, err := ParseYuan(Yuan(fen))
		if err != nil || back != fen {
			t.Fatalf("%q → %d → %q → %d", s, fen, Yuan(fen), back)
		}
	})
}
