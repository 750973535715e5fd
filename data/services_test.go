package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// requestFixture: an office with one care recipient, two volunteers and a new, undispatched
// request, worked on as 社工.
type requestFixture struct {
	s      *Store
	ctx    context.Context // 社工
	admin  context.Context
	id     int64
	vA, vB Volunteer
}

func newRequestFixture(t *testing.T) requestFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	rec := mustRecipient(t, s, admin, mustPerson(t, s, admin, c, "王秀英", Female, 82))
	vA := mustVolunteer(t, s, admin, mustPerson(t, s, admin, c, "郭金林", Male, 45), "党员")
	vB := mustVolunteer(t, s, admin, mustPerson(t, s, admin, c, "李春燕", Female, 38), "居民骨干")
	ctx := as(t, s, "staff")
	vs, err := s.Volunteers(ctx, VolunteerFilter{})
	if err != nil || len(vs) != 2 {
		t.Fatalf("volunteers: %d, %v", len(vs), err)
	}
	for _, v := range vs { // with their numbers, as listed
		if v.ID == vA.ID {
			vA = v
		} else {
			vB = v
		}
	}
	now := fixedNow
	id, err := s.CreateRequest(ctx, ServiceRequest{RecipientID: rec, Type: "配药", Channel: "电话", Detail: "降压药",
		RequestedAt: now.Format(time.RFC3339), DueAt: now.Add(4 * time.Hour).Format(time.RFC3339)})
	if err != nil {
		t.Fatal(err)
	}
	return requestFixture{s: s, ctx: ctx, admin: admin, id: id, vA: vA, vB: vB}
}

func (f requestFixture) request(t *testing.T) ServiceRequest {
	t.Helper()
	rs, err := f.s.Requests(f.ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ID == f.id {
			return r
		}
	}
	t.Fatalf("request #%d not listed", f.id)
	return ServiceRequest{}
}

// lastAudit is the newest audit entry about the fixture's request.
func (f requestFixture) lastAudit(t *testing.T) string {
	t.Helper()
	es, err := f.s.ListAudit(f.admin, AuditFilter{Entity: "上门服务"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.EntityID == f.id {
			return e.Summary
		}
	}
	t.Fatal("no audit entry for the request")
	return ""
}

func (f requestFixture) dispatch(t *testing.T, v Volunteer) {
	t.Helper()
	if err := f.s.Dispatch(f.ctx, f.id, v.ID); err != nil {
		t.Fatal(err)
	}
}

func TestDispatchAuditNamesTheVolunteer(t *testing.T) {
	f := newRequestFixture(t)
	f.dispatch(t, f.vA)
	if got := f.request(t); got.VolunteerID != f.vA.ID {
		t.Fatalf("dispatched to %d, want %d", got.VolunteerID, f.vA.ID)
	}
	if a := f.lastAudit(t); a != "派单给 "+f.vA.Person.Name+"（"+f.vA.Number+"）" {
		t.Fatalf("audit %q does not say to whom", a)
	}
}

func TestDispatchRefusesADispatchedRequest(t *testing.T) {
	f := newRequestFixture(t)
	f.dispatch(t, f.vA)
	if err := f.s.Dispatch(f.ctx, f.id, f.vB.ID); !errors.Is(err, ErrConflict) {
		t.Fatalf("second 派单: %v, want a conflict pointing to 改派", err)
	}
	if got := f.request(t); got.VolunteerID != f.vA.ID {
		t.Fatalf("a second 派单 changed the volunteer to %d", got.VolunteerID)
	}
}

func TestReassign(t *testing.T) {
	t.Run("needs a reason", func(t *testing.T) {
		f := newRequestFixture(t)
		f.dispatch(t, f.vA)
		err := f.s.Reassign(f.ctx, f.id, f.vB.ID, "  ")
		var e *Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "原因" {
			t.Fatalf("改派 without a reason: %v", err)
		}
		if got := f.request(t); got.VolunteerID != f.vA.ID {
			t.Fatal("a refused 改派 changed the volunteer")
		}
	})
	t.Run("audit names both volunteers and the reason", func(t *testing.T) {
		f := newRequestFixture(t)
		f.dispatch(t, f.vA)
		if err := f.s.Reassign(f.ctx, f.id, f.vB.ID, "生病了"); err != nil {
			t.Fatal(err)
		}
		if got := f.request(t); got.VolunteerID != f.vB.ID {
			t.Fatalf("after 改派 volunteer %d, want %d", got.VolunteerID, f.vB.ID)
		}
		a := f.lastAudit(t)
		if !strings.Contains(a, f.vA.Person.Name) || !strings.Contains(a, "→ "+f.vB.Person.Name) || !strings.Contains(a, "生病了") {
			t.Fatalf("audit %q", a)
		}
	})
	t.Run("not before dispatch", func(t *testing.T) {
		f := newRequestFixture(t)
		if err := f.s.Reassign(f.ctx, f.id, f.vB.ID, "换人"); !errors.Is(err, ErrConflict) {
			t.Fatalf("改派 of an undispatched request: %v", err)
		}
	})
	t.Run("not to the same volunteer", func(t *testing.T) {
		f := newRequestFixture(t)
		f.dispatch(t, f.vA)
		if err := f.s.Reassign(f.ctx, f.id, f.vA.ID, "换人"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("改派 to the same volunteer: %v", err)
		}
	})
}

func TestCompleteNeverChangesTheVolunteer(t *testing.T) {
	f := newRequestFixture(t)
	f.dispatch(t, f.vA)
	if err := f.s.CompleteRequest(f.ctx, f.id, fixedNow.Add(time.Hour), 45, "已送药"); err != nil {
		t.Fatal(err)
	}
	got := f.request(t)
	if got.VolunteerID != f.vA.ID || got.Minutes != 45 || got.Result != "已送药" || got.Stage() != "已完成" {
		t.Fatalf("after 完成: %+v", got)
	}
	if a := f.lastAudit(t); !strings.Contains(a, f.vA.Person.Name) || !strings.Contains(a, "45 分钟") {
		t.Fatalf("audit %q", a)
	}
	if err := f.s.Reassign(f.ctx, f.id, f.vB.ID, "换人"); !errors.Is(err, ErrConflict) {
		t.Fatalf("改派 after 完成: %v", err)
	}
}

func TestCompleteRequiresMinutesAndResult(t *testing.T) {
	for _, tc := range []struct {
		name    string
		minutes int
		result  string
		field   string
	}{
		{"no minutes", 0, "已送药", "用时"},
		{"a day and more", 24*60 + 1, "已送药", "用时"},
		{"no result", 30, " ", "结果"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newRequestFixture(t)
			f.dispatch(t, f.vA)
			err := f.s.CompleteRequest(f.ctx, f.id, fixedNow, tc.minutes, tc.result)
			var e *Error
			if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
				t.Fatalf("got %v, want an error on %s", err, tc.field)
			}
			if got := f.request(t); got.Stage() != "已派单" {
				t.Fatalf("a refused completion changed the request: %+v", got)
			}
		})
	}
}

func TestFollowUpAuditSaysTheSatisfaction(t *testing.T) {
	f := newRequestFixture(t)
	f.dispatch(t, f.vA)
	if err := f.s.FollowUp(f.ctx, f.id, "满意", ""); !errors.Is(err, ErrConflict) {
		t.Fatalf("回访 before 完成: %v", err)
	}
	if err := f.s.CompleteRequest(f.ctx, f.id, fixedNow, 30, "已送药"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.FollowUp(f.ctx, f.id, "基本满意", "希望早一点"); err != nil {
		t.Fatal(err)
	}
	if a := f.lastAudit(t); a != "回访：基本满意，希望早一点" {
		t.Fatalf("audit %q", a)
	}
}
