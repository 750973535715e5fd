package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
)

// A rate with nothing to count reads 「—」 on the home screen, never 「0%（0/0）」.
func TestConcernRatesWithNothingCountedReadADash(t *testing.T) {
	test.NewTempApp(t)
	h := newConcernsHome(nil)
	t.Run("nothing counted", func(t *testing.T) {
		h.apply(data.ConcernFigures{From: "2026-01-01"})
		if strings.Contains(h.summary.Text, "0/0") || strings.Count(h.summary.Text, "—") != 3 {
			t.Fatalf("summary %q", h.summary.Text)
		}
	})
	t.Run("counted", func(t *testing.T) {
		h.apply(data.ConcernFigures{From: "2026-01-01", Raised: 4, Counted: 4, Resolved: 3, Promised: 2, OnTime: 1, FollowUps: 3, Satisfied: 3})
		for _, want := range []string{"办结率 75%（3/4）", "按期办结率 50%（1/2）", "满意率 100%（3/3）"} {
			if !strings.Contains(h.summary.Text, want) {
				t.Errorf("summary %q lacks %q", h.summary.Text, want)
			}
		}
	})
}
