package data

import (
	"strings"
	"testing"
)

// workingStudent places one student in a 社会实践 post and puts them 在岗.
func (f postsFixture) workingStudent(t *testing.T, name string) (Post, int64) {
	t.Helper()
	post := f.post(t, PostPractice, 12, 2)
	id := f.apply(t, f.student(t, name, "2010-09-01"), post.ID)
	if _, err := f.s.ConfirmMatching(f.staff, 2026, "2026-06-30", 1); err != nil {
		t.Fatal(err)
	}
	if err := f.s.StartPlacement(f.staff, id); err != nil {
		t.Fatal(err)
	}
	return post, id
}

func serviceMinutes(t *testing.T, f postsFixture) (total int, rows []HoursEntry) {
	t.Helper()
	hs, err := f.s.VolunteerHours(f.staff, 0, "2026-07-01", "2026-07-31")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		total += h.Minutes
	}
	return total, hs
}

func TestPostsTimesheetCorrectedByReversal(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	_, app := f.workingStudent(t, "周明")
	wrong, err := f.s.AddTimesheet(f.staff, Timesheet{ApplicationID: app, Day: "2026-07-06", Start: "09:00", End: "17:00", SignedBy: "陈立"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a reversal needs a reason and changes nothing without one", func(t *testing.T) {
		if _, err := f.s.ReverseTimesheet(f.staff, wrong, " ", nil); err == nil || !strings.Contains(err.Error(), "冲销原因") {
			t.Fatalf("got %v", err)
		}
		if got, _ := serviceMinutes(t, f); got != 8*60 {
			t.Fatalf("service minutes %d after a refused reversal", got)
		}
	})
	t.Run("an entry overlapping a standing one is refused", func(t *testing.T) {
		_, err := f.s.AddTimesheet(f.staff, Timesheet{ApplicationID: app, Day: "2026-07-06", Start: "16:00", End: "18:00", SignedBy: "陈立"})
		if err == nil || !strings.Contains(err.Error(), "重叠") {
			t.Fatalf("got %v", err)
		}
	})
	fixed, err := f.s.ReverseTimesheet(f.staff, wrong, "结束时间登记错了", &Timesheet{Day: "2026-07-06", Start: "09:00", End: "12:00", SignedBy: "陈立"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the old row stays, a 冲销 row follows it, then the new row", func(t *testing.T) {
		ts, err := f.s.Timesheets(f.staff, app)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != 3 || ts[0].ID != wrong || !ts[0].Reversed || ts[0].Minutes != 480 || ts[1].Reverses != wrong ||
			ts[1].Minutes != -480 || ts[1].Reason != "结束时间登记错了" || ts[2].ID != fixed || ts[2].Minutes != 180 {
			t.Fatalf("rows %+v", ts)
		}
		ap, err := f.s.Application(f.staff, app)
		if err != nil || ap.Minutes != 180 {
			t.Fatalf("application minutes %d, %v", ap.Minutes, err)
		}
	})
	t.Run("the volunteer-hours trace follows the correction", func(t *testing.T) {
		total, rows := serviceMinutes(t, f)
		if total != 180 || len(rows) != 3 {
			t.Fatalf("total %d over %+v", total, rows)
		}
		if rows[1].Minutes != -480 || rows[1].SourceID != wrong || rows[1].Reverses != rows[0].ID || rows[2].SourceID != fixed {
			t.Fatalf("trace %+v", rows)
		}
	})
	t.Run("a row is reversed once, and a 冲销 row never", func(t *testing.T) {
		if _, err := f.s.ReverseTimesheet(f.staff, wrong, "再冲一次", nil); err == nil || !strings.Contains(err.Error(), "已冲销") {
			t.Fatalf("got %v", err)
		}
		ts, _ := f.s.Timesheets(f.staff, app)
		if _, err := f.s.ReverseTimesheet(f.staff, ts[1].ID, "冲销冲销", nil); err == nil || !strings.Contains(err.Error(), "冲销记录") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a replacement over the caps undoes the reversal too", func(t *testing.T) {
		_, err := f.s.ReverseTimesheet(f.staff, fixed, "改为全天", &Timesheet{Day: "2026-07-06", Start: "09:00", End: "21:00", SignedBy: "陈立"})
		if err == nil || !strings.Contains(Message(err), "20:00") {
			t.Fatalf("got %v", err)
		}
		if total, _ := serviceMinutes(t, f); total != 180 {
			t.Fatalf("service minutes %d after a refused correction", total)
		}
	})
	t.Run("only a writer may reverse", func(t *testing.T) {
		if _, err := f.s.ReverseTimesheet(as(t, f.s, "viewer"), fixed, "没有权限", nil); err == nil {
			t.Fatal("只读 reversed a timesheet")
		}
	})
}

// applied records a new student's application (not yet reviewed) with consent given.
func (f postsFixture) applied(t *testing.T, name string, posts ...int64) int64 {
	t.Helper()
	id, err := f.s.SaveApplication(f.staff, Application{Season: 2026, PersonID: f.student(t, name, "2010-05-01").ID, School: "海宁市第一中学",
		Grade: "高一", GuardianID: f.parent.ID, Consent: consent, Choices: posts})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPostsLateApplicantsJoinTheWaitingListInApplicationOrder(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	full := f.post(t, PostPractice, 12, 1)
	open := f.post(t, PostVolunteer, 12, 2)
	first := f.apply(t, f.student(t, "甲生", "2010-05-01"), full.ID)
	unplaced := f.apply(t, f.student(t, "乙生", "2010-05-01"), full.ID)
	if _, err := f.s.ConfirmMatching(f.staff, 2026, "2026-06-30", 3); err != nil {
		t.Fatal(err)
	}
	duringTheRun(f.s) // places freed while the posts run call the waiting list in
	placedFirst, err := f.s.Application(f.staff, first)
	if err != nil {
		t.Fatal(err)
	}
	if placedFirst.State != AppPlaced {
		first, unplaced = unplaced, first // the lottery picked the other
	}
	late := []int64{f.applied(t, "丙生", full.ID), f.applied(t, "丁生", full.ID)}
	for i := len(late) - 1; i >= 0; i-- { // reviewed in the other order: the list keeps application order
		if err := f.s.ReviewApplication(f.staff, late[i]); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("late applicants wait behind the matching's, in application order", func(t *testing.T) {
		wl, err := f.s.WaitList(f.staff, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(wl) != 3 || wl[0].ID != unplaced || wl[1].ID != late[0] || wl[2].ID != late[1] {
			t.Fatalf("waiting list %+v", wl)
		}
		if wl[1].State != AppUnplaced || !strings.Contains(wl[1].Reason, "候补") {
			t.Fatalf("late application %+v", wl[1])
		}
	})
	t.Run("a late applicant is placed at once where a place is free", func(t *testing.T) {
		id := f.applied(t, "戊生", full.ID, open.ID)
		if err := f.s.ReviewApplication(f.staff, id); err != nil {
			t.Fatal(err)
		}
		ap, err := f.s.Application(f.staff, id)
		if err != nil || ap.State != AppPlaced || ap.PostID != open.ID || ap.PlacedRank != 2 {
			t.Fatalf("application %+v, %v", ap, err)
		}
	})
	t.Run("places given up go down the list in order", func(t *testing.T) {
		for _, want := range []int64{unplaced, late[0]} {
			var holder int64 = first
			if want == late[0] {
				holder = unplaced
			}
			filled, err := f.s.StopApplication(f.staff, holder, "家中有事")
			if err != nil {
				t.Fatal(err)
			}
			if filled != want {
				t.Fatalf("filled by %d, want %d", filled, want)
			}
		}
	})
	t.Run("more places move the list up", func(t *testing.T) {
		p, err := f.s.Post(f.staff, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.Places = 2
		if _, err := f.s.SavePost(f.staff, p); err != nil {
			t.Fatal(err)
		}
		ap, err := f.s.Application(f.staff, late[1])
		if err != nil || ap.State != AppPlaced || ap.PostID != full.ID {
			t.Fatalf("application %+v, %v", ap, err)
		}
	})
}
