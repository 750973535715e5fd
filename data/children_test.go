package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// childrenFixture is an office with a guitar class for next month (Saturdays, one skipped, two
// places), two children under 14, two over, and a parent, as 社工.
type childrenFixture struct {
	s               *Store
	ctx             context.Context
	p               Programme
	c               Community
	under14, over14 []Person
	adult           Person
}

func newChildrenFixture(tb testing.TB) childrenFixture {
	tb.Helper()
	s := mustOpen(tb)
	admin := mustOffice(tb, s)
	f := childrenFixture{s: s, ctx: as(tb, s, "staff"), c: mustCommunity(tb, s, admin, "赞山社区")}
	f.p = mustProgramme(tb, s, f.ctx, Programme{Name: "公益吉他班（冬季）", Kind: "课程", CommunityID: f.c.ID, Place: "活动室", Capacity: 2,
		AgeMin: 3, AgeMax: 17, Start: "2026-12-01", End: "2026-12-31", Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90,
		SkipDays: []string{"2026-12-26"}})
	f.under14 = []Person{mustPerson(tb, s, f.ctx, f.c, "王欣怡", Female, 9), mustPerson(tb, s, f.ctx, f.c, "李浩宇", Male, 11)}
	f.over14 = []Person{mustPerson(tb, s, f.ctx, f.c, "张梓萱", Female, 15), mustPerson(tb, s, f.ctx, f.c, "陈宇轩", Male, 16)}
	f.adult = mustPerson(tb, s, f.ctx, f.c, "王丽萍", Female, 38)
	return f
}

func TestSessionsIdempotentWithSkips(t *testing.T) {
	t.Parallel()
	f := newChildrenFixture(t)
	s, ctx, p := f.s, f.ctx, f.p
	n, err := s.GenerateSessions(ctx, p.ID)
	if err != nil || n != 3 { // Saturdays 5, 12, 19 (26 skipped)
		t.Fatalf("generated %d, %v", n, err)
	}
	ss, err := s.Sessions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow.AddDate(0, 0, 10) }) // the 5th has been held
	if err := s.SaveAttendance(ctx, map[[2]int64]string{{ss[0].ID, f.over14[0].ID}: "出勤"}); err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	t.Run("again adds nothing", func(t *testing.T) {
		if again, err := s.GenerateSessions(ctx, p.ID); err != nil || again != 0 {
			t.Fatalf("second generation added %d, %v", again, err)
		}
	})
	t.Run("a new skip cancels only sessions without attendance", func(t *testing.T) {
		// Skip the 5th (it has attendance) and the 12th (it has none): only the 12th is cancelled.
		p.SkipDays = []string{"2026-12-26", "2026-12-05", "2026-12-12"}
		if _, err := s.SaveProgramme(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GenerateSessions(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		after, err := s.Sessions(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		state := map[string]bool{}
		for _, x := range after {
			state[x.Day] = x.Cancelled
		}
		if state["2026-12-05"] || !state["2026-12-12"] || state["2026-12-19"] {
			t.Fatalf("sessions after a new skip: %v", state)
		}
	})
	t.Run("a session moves", func(t *testing.T) {
		if err := s.MoveSession(ctx, ss[2].ID, "2026-12-20"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestEnrolmentConsentAndWaitingList(t *testing.T) {
	t.Parallel()
	f := newChildrenFixture(t)
	s, ctx, p := f.s, f.ctx, f.p
	under, over, adult := f.under14, f.over14, f.adult
	t.Run("under 14 needs consent", func(t *testing.T) {
		_, err := s.Enroll(ctx, p.ID, under[0].ID, adult.ID, Consent{})
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "第三十一条") {
			t.Fatalf("under 14 without consent: %v", err)
		}
	})
	e1, err := s.Enroll(ctx, p.ID, under[0].ID, adult.ID, Consent{Day: "2026-11-27", By: "母亲", How: "书面签字"})
	if err != nil || e1.Status != EnrolActive {
		t.Fatalf("with consent: %+v %v", e1, err)
	}
	t.Run("14 and over need none", func(t *testing.T) {
		e2, err := s.Enroll(ctx, p.ID, over[0].ID, adult.ID, Consent{})
		if err != nil || e2.Status != EnrolActive {
			t.Fatalf("14 and over without consent: %+v %v", e2, err)
		}
	})
	t.Run("past capacity waits", func(t *testing.T) {
		e3, err := s.Enroll(ctx, p.ID, over[1].ID, adult.ID, Consent{})
		if err != nil || e3.Status != EnrolWaiting {
			t.Fatalf("past capacity: %+v %v", e3, err)
		}
	})
	t.Run("an adult is refused", func(t *testing.T) {
		if _, err := s.Enroll(ctx, p.ID, adult.ID, adult.ID, Consent{}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("an adult enrolled: %v", err)
		}
	})
	t.Run("a withdrawal promotes the first waiting", func(t *testing.T) {
		promoted, err := s.Withdraw(ctx, e1.ID)
		if err != nil || promoted != over[1].Name {
			t.Fatalf("promotion: %q %v", promoted, err)
		}
		es, err := s.Enrollments(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		active := 0
		for _, e := range es {
			if e.Status == EnrolActive {
				active++
			}
		}
		if active != 2 {
			t.Fatalf("%d active after promotion", active)
		}
	})
}

func TestThresholdAtExactlyEightyPercent(t *testing.T) {
	t.Parallel()
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

func TestFestivalDays(t *testing.T) {
	t.Parallel()
	want := map[string]string{"春节": "2026-02-17", "中秋": "2026-09-25", "六一儿童节": "2026-06-01", "端午": "2026-06-19"}
	for _, f := range Festivals(2026) {
		if d, ok := want[f.Name]; ok && d != f.Day {
			t.Errorf("%s on %s, want %s", f.Name, f.Day, d)
		}
	}
}

func TestVisitCreditsTheVolunteerAndLeavesTheNotYetVisited(t *testing.T) {
	t.Parallel()
	f := newChildrenFixture(t)
	s, ctx := f.s, f.ctx
	child := mustPerson(t, s, ctx, f.c, "赵一诺", Female, 8, "困境儿童")
	mustPerson(t, s, ctx, f.c, "钱天佑", Male, 10, "特殊家庭")
	mother := mustVolunteer(t, s, ctx, f.adult, "巾帼志愿者")
	before, err := s.NotYetVisited(ctx, 2026, "重阳")
	if err != nil || len(before) != 2 {
		t.Fatalf("not yet visited on 重阳: %v %v", before, err)
	}
	t.Run("only children of struggling families", func(t *testing.T) {
		if _, err := s.RecordVisit(ctx, Visit{ChildID: f.under14[0].ID, Day: "2026-10-29", Festival: "重阳", Volunteers: []int64{mother.ID}}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("visit to a child without the tag: %v", err)
		}
	})
	if _, err := s.RecordVisit(ctx, Visit{ChildID: child.ID, Day: "2026-10-29", Festival: "重阳", Gifts: "重阳糕", Volunteers: []int64{mother.ID}}); err != nil {
		t.Fatal(err)
	}
	t.Run("the visited child leaves the list", func(t *testing.T) {
		after, err := s.NotYetVisited(ctx, 2026, "重阳")
		if err != nil || len(after) != 1 || after[0].ID == child.ID {
			t.Fatalf("not yet visited after the visit: %v %v", after, err)
		}
	})
	t.Run("the volunteer is credited", func(t *testing.T) {
		hs, err := s.VolunteerHours(ctx, mother.ID, "2026-10-29", "2026-10-29")
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != 1 || hs[0].Source != SourceVisit || hs[0].Minutes != 60 {
			t.Fatalf("hours %+v", hs)
		}
		mustCheck(t, s)
	})
}

// BenchmarkAttendanceGrid40x30: load a grid of 40 children × 30 sessions, and save it in one
// transaction.
func BenchmarkAttendanceGrid40x30(b *testing.B) {
	f := newChildrenFixture(b)
	s, ctx, p := f.s, f.ctx, f.p
	p.Capacity, p.End, p.Weekdays = 40, "2027-06-30", 1<<5|1<<6
	if _, err := s.SaveProgramme(ctx, p); err != nil {
		b.Fatal(err)
	}
	if _, err := s.GenerateSessions(ctx, p.ID); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		k := mustPerson(b, s, ctx, f.c, fmt.Sprintf("学员%d", i), []string{Male, Female}[i%2], 8+i%8)
		if _, err := s.Enroll(ctx, p.ID, k.ID, f.adult.ID, Consent{Day: "2026-11-27", By: "母亲", How: "书面"}); err != nil {
			b.Fatal(err)
		}
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		b.Fatal(err)
	}
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

func TestEnrolmentWarnsOfAClashingProgramme(t *testing.T) {
	t.Parallel()
	f := newChildrenFixture(t)
	s, ctx := f.s, f.ctx
	child := f.over14[0]
	if _, err := s.Enroll(ctx, f.p.ID, child.ID, f.adult.ID, Consent{}); err != nil { // Saturdays 14:00–15:30
		t.Fatal(err)
	}
	add := func(name string, weekdays uint8, start string) Programme {
		return mustProgramme(t, s, ctx, Programme{Name: name, Kind: "课程", CommunityID: f.c.ID, Capacity: 5, AgeMin: 3, AgeMax: 17,
			Start: "2026-12-10", End: "2027-01-31", Weekdays: weekdays, StartTime: start, Minutes: 60})
	}
	t.Run("same Saturday afternoon", func(t *testing.T) {
		e, err := s.Enroll(ctx, add("围棋班", 1<<5, "15:00").ID, child.ID, f.adult.ID, Consent{})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Clashes) != 1 || !strings.Contains(e.Clashes[0], "吉他班") || !strings.Contains(e.Clashes[0], "2026-12-12") {
			t.Fatalf("clashes: %v", e.Clashes)
		}
	})
	t.Run("Saturday morning does not clash", func(t *testing.T) {
		e, err := s.Enroll(ctx, add("舞蹈班", 1<<5, "09:00").ID, child.ID, f.adult.ID, Consent{})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Clashes) != 0 {
			t.Fatalf("clashes: %v", e.Clashes)
		}
	})
}

func TestFestivalVisitsBelongToTheRightOccurrence(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, day, want string }{
		{"春节", "2026-11-25", "2027-02-06"}, // late November: the coming 春节
		{"春节", "2026-12-31", "2027-02-06"},
		{"春节", "2027-01-01", "2027-02-06"},
		{"春节", "2026-02-19", "2026-02-17"}, // 初三: the 春节 just passed
		{"中秋", "2026-11-25", "2027-09-15"},
	} {
		if f, ok := FestivalOccurrence(tc.name, tc.day); !ok || f.Day != tc.want {
			t.Errorf("%s visit on %s belongs to %v, want %s", tc.name, tc.day, f, tc.want)
		}
	}
	f := newChildrenFixture(t)
	s, ctx := f.s, f.ctx
	child := mustPerson(t, s, ctx, f.c, "赵一诺", Female, 8, "困境儿童")
	mother := mustVolunteer(t, s, ctx, f.adult, "巾帼志愿者")
	if _, err := s.RecordVisit(ctx, Visit{ChildID: child.ID, Day: "2026-11-25", Festival: "春节", Volunteers: []int64{mother.ID}}); err != nil {
		t.Fatal(err)
	}
	pending := func(year int) []Person {
		t.Helper()
		ps, err := s.NotYetVisited(ctx, year, "春节")
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	t.Run("the coming 春节's list follows the visit", func(t *testing.T) {
		if ps := pending(2027); len(ps) != 0 {
			t.Fatalf("春节 2027 not yet visited: %v", ps)
		}
	})
	t.Run("the past 春节 is not credited", func(t *testing.T) {
		if ps := pending(2026); len(ps) != 1 {
			t.Fatalf("春节 2026 not yet visited: %v", ps)
		}
	})
	t.Run("a picked occurrence must be that festival's date", func(t *testing.T) {
		_, err := s.RecordVisit(ctx, Visit{ChildID: child.ID, Day: "2026-11-25", Festival: "春节", FestivalDay: "2027-02-07", Volunteers: []int64{mother.ID}})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("春节 on 2027-02-07: %v", err)
		}
	})
}
