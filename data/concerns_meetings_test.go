package data

import (
	"errors"
	"testing"
)

func TestMeetingDecisionMovesConcernInOneSave(t *testing.T) {
	f := newConcernFixture(t)
	c := f.mustConcern(t, "广场舞噪音扰民")
	f.mustMove(t, c.ID, toAgenda...)
	p := mustPerson(t, f.s, f.admin, f.c, "张大伯", Male, 68)
	m := TeaMeeting{Day: "2026-11-27", Host: "李书记", Topic: "街区噪音", Minutes: "商定跳舞时间和音量。",
		Items:     []MeetingItem{{ConcernID: c.ID, Decision: "晚 8 点半后停止，音量降低", OwnerUnit: "舞蹈队", DueOn: "2026-12-05"}},
		Attendees: []Attendee{{Kind: AttendeeResident, PersonID: p.ID}, {Kind: AttendeeGuest, Name: "赵经理", Unit: "物业"}}}
	id, err := f.s.SaveMeeting(f.staff, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("concern is 已议定 with owner and date", func(t *testing.T) {
		got, err := f.s.Concern(f.staff, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != StateDecided || got.Owner != "舞蹈队" || got.PromisedOn != "2026-12-05" {
			t.Fatalf("got %s %q %s", got.State, got.Owner, got.PromisedOn)
		}
	})
	t.Run("meeting reads back", func(t *testing.T) {
		got, err := f.s.Meeting(f.staff, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Place != DefaultMeetingPlace || len(got.Items) != 1 || len(got.Attendees) != 2 || got.Attendees[0].Name != "张大伯" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("saving the draft again keeps the decided item", func(t *testing.T) {
		m.ID = id
		if _, err := f.s.SaveMeeting(f.staff, m); err != nil {
			t.Fatal(err)
		}
	})
}

func TestMeetingAgendaOnlyTakesConcernsToDiscuss(t *testing.T) {
	f := newConcernFixture(t)
	c := f.mustConcern(t, "楼道堆物")
	_, err := f.s.SaveMeeting(f.staff, TeaMeeting{Day: "2026-11-27", Host: "李书记", Topic: "环境", Items: []MeetingItem{{ConcernID: c.ID}}})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v", err)
	}
	if ms, err := f.s.Meetings(f.staff); err != nil || len(ms) != 0 {
		t.Fatalf("a refused meeting was kept: %d %v", len(ms), err)
	}
}

func TestFinalizedMinutesAreLocked(t *testing.T) {
	f := newConcernFixture(t)
	m := TeaMeeting{Day: "2026-11-27", Host: "李书记", Topic: "停车", Minutes: "讨论停车。"}
	id, err := f.s.SaveMeeting(f.staff, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a note needs final minutes", func(t *testing.T) {
		if err := f.s.AddMeetingNote(f.staff, id, "补充"); !errors.Is(err, ErrConflict) {
			t.Fatalf("got %v", err)
		}
	})
	if err := f.s.FinalizeMeeting(f.staff, id); err != nil {
		t.Fatal(err)
	}
	t.Run("edit refused", func(t *testing.T) {
		m.ID, m.Minutes = id, "改过的纪要"
		if _, err := f.s.SaveMeeting(f.staff, m); !errors.Is(err, ErrConflict) {
			t.Fatalf("got %v", err)
		}
		got, err := f.s.Meeting(f.staff, id)
		if err != nil || got.Minutes != "讨论停车。" {
			t.Fatalf("minutes %q %v", got.Minutes, err)
		}
	})
	t.Run("finalize twice refused", func(t *testing.T) {
		if err := f.s.FinalizeMeeting(f.staff, id); !errors.Is(err, ErrConflict) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("correction is a linked note", func(t *testing.T) {
		if err := f.s.AddMeetingNote(f.staff, id, "参会人漏记物业王经理"); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.Meeting(f.staff, id)
		if err != nil || len(got.Notes) != 1 || got.Notes[0].Username != "staff" {
			t.Fatalf("notes %+v %v", got.Notes, err)
		}
	})
	t.Run("empty minutes cannot be finalized", func(t *testing.T) {
		id2, err := f.s.SaveMeeting(f.staff, TeaMeeting{Day: "2026-11-28", Host: "李书记", Topic: "空"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.FinalizeMeeting(f.staff, id2); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestConcernFiguresByCount(t *testing.T) {
	f := newConcernFixture(t)
	onTime := f.mustConcern(t, "a")
	late := f.mustConcern(t, "b")
	open := f.mustConcern(t, "c")
	dup := f.mustConcern(t, "d")
	f.mustMove(t, onTime.ID, Move{To: StateVerified}, Move{To: StateInHand, OwnerUnit: "物业", PromisedOn: "2026-11-30"},
		Move{To: StateResolved, Note: "好了"})
	f.mustMove(t, late.ID, Move{To: StateVerified}, Move{To: StateInHand, OwnerUnit: "物业", PromisedOn: "2026-11-21"},
		Move{To: StateResolved, Note: "好了"})
	f.mustMove(t, dup.ID, Move{To: StateDuplicate, DuplicateOf: open.ID})
	if err := f.s.FollowUpConcern(f.staff, onTime.ID, "满意", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.FollowUpConcern(f.staff, late.ID, "不满意", "慢"); err != nil {
		t.Fatal(err)
	}
	fg, err := f.s.ConcernFigures(f.staff)
	if err != nil {
		t.Fatal(err)
	}
	if fg.Raised != 4 || fg.Counted != 3 || fg.Resolved != 1 || fg.Promised != 1 || fg.OnTime != 1 || fg.FollowUps != 2 || fg.Satisfied != 1 || fg.Reopened != 1 {
		t.Fatalf("figures %+v", fg)
	}
	if fg.From != "2025-12-01" || fg.To != "2026-11-27" {
		t.Fatalf("window %s..%s", fg.From, fg.To)
	}
	if len(fg.Categories) != 1 || fg.Categories[0].Count != 4 || len(fg.Places) != 1 || fg.Places[0].Name != "3 幢" {
		t.Fatalf("top %+v %+v", fg.Categories, fg.Places)
	}
}
