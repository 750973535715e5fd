package data

import (
	"errors"
	"strings"
	"testing"
)

func TestVisitorsOfSocialMothersAreAdults(t *testing.T) {
	f := newChildrenFixture(t)
	s, ctx := f.s, f.ctx
	child := mustPerson(t, s, ctx, f.c, "赵一诺", Female, 8, "困境儿童")
	mother := mustVolunteer(t, s, ctx, f.adult, "巾帼志愿者")
	teen := mustVolunteer(t, s, ctx, f.over14[0], "学生")
	_, err := s.RecordVisit(ctx, Visit{ChildID: child.ID, Day: "2026-10-29", Festival: "重阳", Volunteers: []int64{mother.ID, teen.ID}})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "张梓萱 未满 18 周岁") {
		t.Fatalf("a 15-year-old visited: %v", err)
	}
}

// The 儿童活动台账's 记录人 is the account that recorded, by its display name: who saved a
// session's attendance, who recorded a visit (never the organising community, never a user name).
func TestChildrenLedgerNamesWhoRecorded(t *testing.T) {
	f := newChildrenFixture(t)
	s := f.s
	admin := as(t, s, "admin") // display name 管理员
	p := mustProgramme(t, s, admin, Programme{Name: "公益书法班", Kind: "课程", CommunityID: f.c.ID, Place: "活动室", Capacity: 5,
		AgeMin: 3, AgeMax: 17, Start: "2026-11-01", End: "2026-11-30", Weekdays: 1 << 6, StartTime: "09:30", Minutes: 90, Organiser: "赞山社区"})
	if _, err := s.GenerateSessions(admin, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enroll(admin, p.ID, f.over14[0].ID, f.adult.ID, Consent{}); err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(admin, p.ID)
	if err != nil || len(xs) == 0 {
		t.Fatalf("sessions %v %v", xs, err)
	}
	if err := s.SaveAttendance(admin, map[[2]int64]string{{xs[0].ID, f.over14[0].ID}: "出勤"}); err != nil {
		t.Fatal(err)
	}
	child := mustPerson(t, s, admin, f.c, "赵一诺", Female, 8, "困境儿童")
	mother := mustVolunteer(t, s, admin, f.adult, "巾帼志愿者")
	if _, err := s.RecordVisit(admin, Visit{ChildID: child.ID, Day: "2026-11-25", Festival: "春节", Volunteers: []int64{mother.ID}}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.ChildrenLedger(admin, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		want := ""
		if r.Day == xs[0].Day || r.Programme == "「社会妈妈」走访" {
			want = "管理员"
		}
		if r.Recorder != want {
			t.Errorf("%s %s: 记录人 %q, want %q", r.Day, r.Programme, r.Recorder, want)
		}
	}
}
