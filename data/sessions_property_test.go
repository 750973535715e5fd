package data

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var scheduleSeq atomic.Int64

// isoWeek names the ISO week a date falls in.
func isoWeek(day string) (string, error) {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return "", err
	}
	y, w := d.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w), nil
}

// TestSessionsComeBackNever: any sequence of generate / move (within its week) / cancel / generate
// leaves each scheduled week with exactly one session, and no session in any other week.
func TestSessionsComeBackNever(t *testing.T) {
	t.Parallel()
	f := newChildrenFixture(t)
	s, ctx := f.s, f.ctx
	rapid.Check(t, func(rt *rapid.T) {
		weekday := rapid.IntRange(0, 6).Draw(rt, "weekday")
		p := Programme{Name: fmt.Sprintf("冬季班%d", scheduleSeq.Add(1)), Kind: "课程", CommunityID: f.c.ID, Capacity: 5, AgeMin: 3, AgeMax: 17,
			Start: "2026-12-07", End: "2027-01-31", Weekdays: 1 << weekday, StartTime: "14:00", Minutes: 90}
		id, err := s.SaveProgramme(ctx, p)
		if err != nil {
			rt.Fatal(err)
		}
		if _, err := s.GenerateSessions(ctx, id); err != nil {
			rt.Fatal(err)
		}
		steps := rapid.IntRange(1, 12).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			ss, err := s.Sessions(ctx, id)
			if err != nil {
				rt.Fatal(err)
			}
			var open []Session
			for _, x := range ss {
				if !x.Cancelled {
					open = append(open, x)
				}
			}
			switch action := rapid.SampledFrom([]string{"generate", "move", "cancel"}).Draw(rt, "action"); {
			case action == "generate":
				_, err = s.GenerateSessions(ctx, id)
			case len(open) == 0:
				continue
			case action == "move":
				x := open[rapid.IntRange(0, len(open)-1).Draw(rt, "session")]
				d, perr := time.Parse("2006-01-02", x.Day)
				if perr != nil {
					rt.Fatal(perr)
				}
				monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
				to := monday.AddDate(0, 0, rapid.IntRange(0, 6).Draw(rt, "to")).Format("2006-01-02")
				if to == x.Day {
					continue
				}
				err = s.MoveSession(ctx, x.ID, to)
			default:
				err = s.CancelSession(ctx, open[rapid.IntRange(0, len(open)-1).Draw(rt, "session")].ID)
			}
			if err != nil {
				rt.Fatal(err)
			}
		}
		if _, err := s.GenerateSessions(ctx, id); err != nil {
			rt.Fatal(err)
		}
		checkOnePerWeek(rt, s, ctx, p, id)
	})
}

// checkOnePerWeek fails unless each week the schedule gives holds exactly one session (held,
// moved or cancelled) and no other week holds any.
func checkOnePerWeek(rt *rapid.T, s *Store, ctx context.Context, p Programme, id int64) {
	want := map[string]bool{}
	for _, d := range ScheduleDays(p) {
		w, err := isoWeek(d)
		if err != nil {
			rt.Fatal(err)
		}
		want[w] = true
	}
	ss, err := s.Sessions(ctx, id)
	if err != nil {
		rt.Fatal(err)
	}
	got := map[string][]string{}
	for _, x := range ss {
		w, err := isoWeek(x.Day)
		if err != nil {
			rt.Fatal(err)
		}
		got[w] = append(got[w], x.Day)
	}
	for w := range want {
		if len(got[w]) != 1 {
			rt.Fatalf("week %s has sessions %v, want exactly one", w, got[w])
		}
	}
	for w, days := range got {
		if !want[w] {
			rt.Fatalf("week %s is not scheduled but has sessions %v", w, days)
		}
	}
}
