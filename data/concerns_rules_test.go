package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestConcernTransitionTable(t *testing.T) {
	allowed := map[[2]ConcernState]bool{}
	for _, p := range [][2]ConcernState{
		{StateRecorded, StateVerified}, {StateRecorded, StateDeclined}, {StateRecorded, StateReferred}, {StateRecorded, StateDuplicate},
		{StateVerified, StateAgenda}, {StateVerified, StateInHand}, {StateVerified, StateDeclined}, {StateVerified, StateReferred},
		{StateVerified, StateDuplicate},
		{StateAgenda, StateDecided}, {StateAgenda, StateDeclined}, {StateAgenda, StateReferred}, {StateAgenda, StateDuplicate},
		{StateDecided, StateInHand},
		{StateInHand, StateResolved},
	} {
		allowed[p] = true
	}
	for _, from := range ConcernStates {
		for _, to := range ConcernStates {
			from, to := from, to
			want := allowed[[2]ConcernState{from, to}]
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				if got := CanMove(from, to); got != want {
					t.Fatalf("CanMove = %v, want %v", got, want)
				}
				err := Move{To: to, Note: "说明", ReferredTo: "城管", ReferralRef: "CG-1", DuplicateOf: 9, OwnerUnit: "物业",
					PromisedOn: "2026-12-01"}.Validate(from, 1)
				if want && err != nil {
					t.Fatalf("allowed move refused: %v", err)
				}
				if !want && !errors.Is(err, ErrConflict) {
					t.Fatalf("refused move: got %v, want a conflict", err)
				}
			})
		}
	}
}

func TestConcernStatesClosedAreFinal(t *testing.T) {
	for _, st := range []ConcernState{StateDeclined, StateReferred, StateDuplicate} {
		if len(NextStates(st)) != 0 || st.Open() {
			t.Errorf("%s must be final and closed", st)
		}
	}
	if CanMove(StateResolved, StateInHand) {
		t.Error("已办结 → 办理中 only through an unsatisfied follow-up, never by hand")
	}
}

func TestMoveNeedsWhatItsStateNeeds(t *testing.T) {
	cases := []struct {
		name  string
		from  ConcernState
		move  Move
		field string
	}{
		{"不予办理 needs a reason", StateRecorded, Move{To: StateDeclined}, "不予办理原因"},
		{"转办 needs the department", StateVerified, Move{To: StateReferred, ReferralRef: "X"}, "转办部门"},
		{"转办 needs the reference", StateVerified, Move{To: StateReferred, ReferredTo: "城管"}, "转办单号"},
		{"重复 needs the original", StateRecorded, Move{To: StateDuplicate}, "重复于"},
		{"重复 not of itself", StateRecorded, Move{To: StateDuplicate, DuplicateOf: 7}, "重复于"},
		{"已议定 needs an owner", StateAgenda, Move{To: StateDecided, PromisedOn: "2026-12-01"}, "责任人"},
		{"已议定 needs a date", StateAgenda, Move{To: StateDecided, OwnerUnit: "物业"}, "承诺日期"},
		{"已办结 needs the result", StateInHand, Move{To: StateResolved}, "办理结果"},
		{"owner is one of account or unit", StateDecided, Move{To: StateInHand, OwnerUserID: 1, OwnerUnit: "物业"}, "责任人"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.move.Validate(c.from, 7)
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeInvalid || len(e.Fields) == 0 || e.Fields[0].Field != c.field {
				t.Fatalf("got %v, want invalid %s", err, c.field)
			}
		})
	}
}

func TestConcernValidate(t *testing.T) {
	ok := Concern{Text: "广场舞噪音扰民", CommunityID: 1, Category: "噪音", ReporterKind: ReporterAnonymous, Channel: "茶室", RaisedOn: "2026-11-01"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid concern refused: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(c *Concern)
		field string
	}{
		{"text required", func(c *Concern) { c.Text = "" }, "反映内容"},
		{"text at most 1000", func(c *Concern) { c.Text = strings.Repeat("字", 1001) }, "反映内容"},
		{"community required", func(c *Concern) { c.CommunityID = 0 }, "社区"},
		{"category required", func(c *Concern) { c.Category = "" }, "类别"},
		{"resident must be picked", func(c *Concern) { c.ReporterKind = ReporterResident }, "反映人"},
		{"named needs a name", func(c *Concern) { c.ReporterKind = ReporterNamed }, "反映人"},
		{"channel from the list", func(c *Concern) { c.Channel = "微信" }, "反映渠道"},
		{"date required", func(c *Concern) { c.RaisedOn = "" }, "反映日期"},
		{"promised not before raised", func(c *Concern) { c.PromisedOn = "2026-10-01" }, "承诺日期"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			var e *Error
			if err := c.Validate(); !errors.As(err, &e) || e.Fields[0].Field != tc.field {
				t.Fatalf("got %v, want %s", err, tc.field)
			}
		})
	}
}

func TestConcernNormalize(t *testing.T) {
	t.Run("anonymous drops any name", func(t *testing.T) {
		c := Concern{ReporterKind: ReporterAnonymous, ReporterName: "张三", PersonID: 3}
		c.Normalize()
		if c.ReporterName != "" || c.PersonID != 0 {
			t.Fatalf("got %+v", c)
		}
	})
	t.Run("kind follows what was given", func(t *testing.T) {
		c := Concern{ReporterName: " 李老板 "}
		c.Normalize()
		if c.ReporterKind != ReporterNamed || c.ReporterName != "李老板" {
			t.Fatalf("got %q %q", c.ReporterKind, c.ReporterName)
		}
	})
	t.Run("dates in any form", func(t *testing.T) {
		c := Concern{RaisedOn: "2026/11/3"}
		c.Normalize()
		if c.RaisedOn != "2026-11-03" {
			t.Fatalf("got %q", c.RaisedOn)
		}
	})
}

func TestConcernOverdueAtDayBoundaries(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	c := Concern{State: StateInHand, PromisedOn: "2026-05-10"}
	cases := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 5, 10, 0, 0, 0, 0, cst), false},
		{time.Date(2026, 5, 10, 23, 59, 59, 0, cst), false},
		{time.Date(2026, 5, 11, 0, 0, 0, 0, cst), true},
		{time.Date(2026, 5, 9, 12, 0, 0, 0, cst), false},
	}
	for _, tc := range cases {
		t.Run(tc.at.Format(time.RFC3339), func(t *testing.T) {
			if got := c.Overdue(tc.at); got != tc.want {
				t.Fatalf("Overdue = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("a closed concern is never overdue", func(t *testing.T) {
		done := Concern{State: StateResolved, PromisedOn: "2026-05-10"}
		if done.Overdue(time.Date(2027, 1, 1, 0, 0, 0, 0, cst)) {
			t.Fatal("resolved concern overdue")
		}
	})
	t.Run("no promised date, never overdue", func(t *testing.T) {
		if (Concern{State: StateInHand}).Overdue(time.Date(2027, 1, 1, 0, 0, 0, 0, cst)) {
			t.Fatal("overdue without a date")
		}
	})
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{"王秀英": "王**", "李四": "李**", "欧阳明华": "欧**", "茶叶店沈老板": "茶**", "": ""} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (Concern{ReporterKind: ReporterAnonymous}).ReporterLabel(false); got != "匿名" {
		t.Errorf("anonymous shown as %q", got)
	}
}

func TestMeetingValidate(t *testing.T) {
	ok := TeaMeeting{Day: "2026-11-05", Host: "李书记", Topic: "街区环境"}
	ok.Normalize()
	if ok.Place != DefaultMeetingPlace {
		t.Fatalf("default place %q", ok.Place)
	}
	cases := []struct {
		name  string
		edit  func(m *TeaMeeting)
		field string
	}{
		{"host required", func(m *TeaMeeting) { m.Host = "" }, "主持人"},
		{"decision is whole", func(m *TeaMeeting) { m.Items = []MeetingItem{{ConcernID: 1, Decision: "修"}} }, "议程第 1 项"},
		{"due not before the meeting", func(m *TeaMeeting) {
			m.Items = []MeetingItem{{ConcernID: 1, Decision: "修", OwnerUnit: "物业", DueOn: "2026-11-01"}}
		}, "议程第 1 项"},
		{"item once", func(m *TeaMeeting) { m.Items = []MeetingItem{{ConcernID: 1}, {ConcernID: 1}} }, "议程第 2 项"},
		{"guest needs a name", func(m *TeaMeeting) { m.Attendees = []Attendee{{Kind: AttendeeGuest, Unit: "物业"}} }, "参会人第 1 位"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			var e *Error
			if err := m.Validate(); !errors.As(err, &e) || e.Fields[0].Field != tc.field {
				t.Fatalf("got %v, want %s", err, tc.field)
			}
		})
	}
}

func TestFollowUpNeedsRemarkWhenUnsatisfied(t *testing.T) {
	if err := ValidateFollowUp("不满意", ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v", err)
	}
	if err := ValidateFollowUp("满意", ""); err != nil {
		t.Fatal(err)
	}
	if err := ValidateFollowUp("还行", "x"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v", err)
	}
}
