package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// childrenFixture: the sample, a guitar class for next month (Saturdays, one skipped), and some
// children with their ages, as 社工.
func childrenFixture(t testing.TB) (*Store, context.Context, Programme) {
	s := mustSample(t)
	ctx := as(t, s, "staff")
	cs, _ := s.Communities(ctx)
	p := Programme{Name: "公益吉他班（冬季）", Kind: "课程", CommunityID: cs[0].ID, Place: "活动室", Capacity: 2, AgeMin: 3, AgeMax: 17,
		Start: "2026-12-01", End: "2026-12-31", Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90, SkipDays: []string{"2026-12-26"}}
	id, err := s.SaveProgramme(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	p.ID = id
	return s, ctx, p
}

func kids(t testing.TB, s *Store, ctx context.Context) (under14, over14 []Person, adult Person) {
	ps, _ := s.People(ctx, PeopleFilter{})
	for _, p := range ps {
		switch a := p.Age(fixedNow); {
		case a >= 3 && a < 14:
			under14 = append(under14, p)
		case a >= 14 && a < 18:
			over14 = append(over14, p)
		case a >= 30 && a < 60 && adult.ID == 0:
			adult = p
		}
	}
	return
}

func TestSessionsIdempotentWithSkips(t *testing.T) {
	s, ctx, p := childrenFixture(t)
	n, err := s.GenerateSessions(ctx, p.ID)
	if err != nil || n != 3 { // Saturdays 5, 12, 19 (26 skipped)
		t.Fatalf("generated %d, %v", n, err)
	}
	ss, _ := s.Sessions(ctx, p.ID)
	_, over, _ := kids(t, s, ctx)
	s.SetClock(func() time.Time { return fixedNow.AddDate(0, 0, 10) }) // the 5th has been held
	if err := s.SaveAttendance(ctx, map[[2]int64]string{{ss[0].ID, over[0].ID}: "出勤"}); err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	if again, _ := s.GenerateSessions(ctx, p.ID); again != 0 {
		t.Fatalf("second generation added %d", again)
	}
	// Skip the 5th (it has attendance) and the 12th (it has none): only the 12th is cancelled.
	p.SkipDays = []string{"2026-12-26", "2026-12-05", "2026-12-12"}
	if _, err := s.SaveProgramme(ctx, p); err != nil {
		t.Fatal(err)
	}
	s.GenerateSessions(ctx, p.ID)
	after, _ := s.Sessions(ctx, p.ID)
	state := map[string]bool{}
	for _, x := range after {
		state[x.Day] = x.Cancelled
	}
	if state["2026-12-05"] || !state["2026-12-12"] || state["2026-12-19"] {
		t.Fatalf("sessions after a new skip: %v", state)
	}
	if err := s.MoveSession(ctx, ss[2].ID, "2026-12-20"); err != nil {
		t.Fatal(err)
	}
}

func TestEnrolmentConsentAndWaitingList(t *testing.T) {
	s, ctx, p := childrenFixture(t)
	under, over, adult := kids(t, s, ctx)
	_, err := s.Enroll(ctx, p.ID, under[0].ID, adult.ID, Consent{})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "第三十一条") {
		t.Fatalf("under 14 without consent: %v", err)
	}
	e1, err := s.Enroll(ctx, p.ID, under[0].ID, adult.ID, Consent{Day: "2026-11-27", By: "母亲", How: "书面签字"})
	if err != nil || e1.Status != EnrolActive {
		t.Fatalf("with consent: %+v %v", e1, err)
	}
	e2, err := s.Enroll(ctx, p.ID, over[0].ID, adult.ID, Consent{})
	if err != nil || e2.Status != EnrolActive {
		t.Fatalf("14 and over without consent: %+v %v", e2, err)
	}
	e3, err := s.Enroll(ctx, p.ID, over[1].ID, adult.ID, Consent{})
	if err != nil || e3.Status != EnrolWaiting {
		t.Fatalf("past capacity: %+v %v", e3, err)
	}
	if _, err := s.Enroll(ctx, p.ID, adult.ID, adult.ID, Consent{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("an adult enrolled: %v", err)
	}
	promoted, err := s.Withdraw(ctx, e1.ID)
	if err != nil || promoted != over[1].Name {
		t.Fatalf("promotion: %q %v", promoted, err)
	}
	es, _ := s.Enrollments(ctx, p.ID)
	active := 0
	for _, e := range es {
		if e.Status == EnrolActive {
			active++
		}
	}
	if active != 2 {
		t.Fatalf("%d active after promotion", active)
	}
}

func TestThresholdAtExactlyEightyPercent(t *testing.T) {
	sessions := make([]Session, 10)
	marks := map[[2]int64]string{}
	for i := range sessions {
		sessions[i] = Session{ID: int64(i + 1), Day: "2026-11-01"}
		if i < 8 {
			marks[[2]int64{int64(i + 1), 1}] = "出勤"
		}
		if i < 7 {
			marks[[2]int64{int64(i + 1), 2}] = "出勤"
		}
	}
	g := AttendanceSheet{Children: []Enrollment{{ChildID: 1}, {ChildID: 2}}, Sessions: sessions, Marks: marks}
	rs := Rates(g, 80, "2026-11-27")
	if !rs[0].Meets || rs[1].Meets || rs[0].Present != 8 || rs[0].Held != 10 {
		t.Fatalf("rates %+v", rs)
	}
	if NextMark("出勤") != "缺勤" || NextMark("缺勤") != "请假" || NextMark("请假") != "出勤" || NextMark("") != "出勤" {
		t.Fatal("tap cycle")
	}
}

func TestVisitsAndFestivals(t *testing.T) {
	fs := Festivals(2026)
	want := map[string]string{"春节": "2026-02-17", "中秋": "2026-09-25", "六一儿童节": "2026-06-01", "端午": "2026-06-19"}
	for _, f := range fs {
		if d, ok := want[f.Name]; ok && d != f.Day {
			t.Errorf("%s on %s, want %s", f.Name, f.Day, d)
		}
	}
	s := mustSample(t)
	ctx := as(t, s, "staff")
	before, _ := s.NotYetVisited(ctx, 2026, "重阳")
	if len(before) == 0 {
		t.Fatal("nobody left to visit on 重阳")
	}
	vs, _ := s.Volunteers(ctx, VolunteerFilter{Kind: "巾帼志愿者"})
	if _, err := s.RecordVisit(ctx, Visit{ChildID: before[0].ID, Day: "2026-10-29", Festival: "重阳", Gifts: "重阳糕", Volunteers: []int64{vs[0].ID}}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.NotYetVisited(ctx, 2026, "重阳")
	if len(after) != len(before)-1 {
		t.Fatalf("not yet visited: %d → %d", len(before), len(after))
	}
	hs, _ := s.VolunteerHours(ctx, vs[0].ID, "2026-10-29", "2026-10-29")
	found := false
	for _, h := range hs {
		found = found || (h.Source == SourceVisit && h.Minutes == 60)
	}
	if !found {
		t.Fatal("the visit was not credited to the volunteer")
	}
	if p, _ := s.Check(context.Background()); len(p) != 0 {
		t.Fatal(p)
	}
}

// BenchmarkAttendanceGrid40x30: load a grid of 40 children × 30 sessions, and save it in one
// transaction.
func BenchmarkAttendanceGrid40x30(b *testing.B) {
	s, ctx, p := childrenFixture(b)
	p.Capacity, p.End, p.Weekdays = 40, "2027-06-30", 1<<5|1<<6
	s.SaveProgramme(ctx, p)
	s.GenerateSessions(ctx, p.ID)
	under, over, adult := kids(b, s, ctx)
	all := append(over, under...)
	n := 0
	for _, k := range all {
		if n == 40 {
			break
		}
		if _, err := s.Enroll(ctx, p.ID, k.ID, adult.ID, Consent{Day: "2026-11-27", By: "母亲", How: "书面"}); err == nil {
			n++
		}
	}
	g, _ := s.AttendanceGrid(ctx, p.ID)
	marks := map[[2]int64]string{}
	for i, x := range g.Sessions {
		if i == 30 {
			break
		}
		for _, c := range g.Children {
			marks[[2]int64{x.ID, c.ChildID}] = "出勤"
		}
	}
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.AttendanceGrid(ctx, p.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	s.SetClock(func() time.Time { return time.Date(2027, 7, 1, 10, 0, 0, 0, fixedNow.Location()) }) // every session held
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			if err := s.SaveAttendance(ctx, marks); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(len(g.Children)), "children")
}
