package data

import (
	"testing"
	"time"
)

func TestRatesRoundHalfUp(t *testing.T) {
	for _, tc := range []struct{ num, den, want int }{
		{2, 3, 67}, {30, 35, 86}, {1, 8, 13}, {1, 3, 33}, {0, 5, 0}, {5, 5, 100}, {1, 200, 1}, {1, 201, 0}, {3, 0, 0},
	} {
		if got := Percent(tc.num, tc.den); got != tc.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tc.num, tc.den, got, tc.want)
		}
	}
	if got := PercentText(30, 35); got != "86%（30/35）" {
		t.Errorf("PercentText(30, 35) = %q", got)
	}
}

func TestSoupRateRoundsHalfUp(t *testing.T) {
	at := func(min int) string { return fixedNow.Add(time.Duration(min) * time.Minute).Format(time.RFC3339) }
	ds := []Delivery{
		{Outcome: OutcomeDelivered, LeftAt: at(0), ArrivedAt: at(5)},
		{Outcome: OutcomeDelivered, LeftAt: at(0), ArrivedAt: at(8)},
		{Outcome: OutcomeDelivered, LeftAt: at(0), ArrivedAt: at(25)},
	}
	if got := Summarize(ds, 10*time.Minute); got.Rate != 67 {
		t.Fatalf("2 of 3 within the standard: 达标率 %d, want 67", got.Rate)
	}
}

func TestAttendanceRateRoundsHalfUpAndDecidesCompletion(t *testing.T) {
	var g AttendanceSheet
	g.Marks = map[[2]int64]string{}
	g.Children = []Enrollment{{ChildID: 1, Child: "王欣怡"}}
	for i := 0; i < 35; i++ {
		g.Sessions = append(g.Sessions, Session{ID: int64(i + 1), Day: fixedNow.AddDate(0, 0, -40+i).Format("2006-01-02")})
		if i < 30 {
			g.Marks[[2]int64{int64(i + 1), 1}] = "出勤"
		}
	}
	r := Rates(g, 86, fixedNow.Format("2006-01-02"))[0]
	if r.Pct() != 86 || !r.Meets {
		t.Fatalf("30/35 shows %d%%, meets 86: %v", r.Pct(), r.Meets)
	}
}

func TestCompletionNotDueBeforeTheLastSession(t *testing.T) {
	g := AttendanceSheet{Sessions: []Session{{Day: "2026-12-05"}, {Day: "2026-12-19"}, {Day: "2026-12-26", Cancelled: true}}}
	if err := CheckCompletionDue(g, "2026-12-18"); err == nil {
		t.Error("结业证书 allowed before the last session")
	}
	if err := CheckCompletionDue(g, "2026-12-19"); err != nil {
		t.Errorf("结业证书 refused on the last session's day: %v", err)
	}
}

func TestRateTextIsADashWhenNothingWasCounted(t *testing.T) {
	for _, c := range []struct {
		num, den int
		want     string
	}{{0, 0, "—"}, {0, 4, "0%"}, {30, 35, "86%"}} {
		if got := RateText(c.num, c.den); got != c.want {
			t.Errorf("RateText(%d, %d) = %q, want %q", c.num, c.den, got, c.want)
		}
	}
}
