package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// concernFixture is an office with one community and a staff context.
type concernFixture struct {
	s            *Store
	admin, staff context.Context
	c            Community
}

func newConcernFixture(t *testing.T) concernFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	return concernFixture{s: s, admin: admin, staff: as(t, s, "staff"), c: mustCommunity(t, s, admin, "南关厢社区")}
}

// mustConcern records an anonymous concern raised on fixedNow's day.
func (f concernFixture) mustConcern(t *testing.T, text string) Concern {
	t.Helper()
	c, err := f.s.CreateConcern(f.staff, Concern{Text: text, CommunityID: f.c.ID, GridID: f.c.Grids[0].ID, Place: "3 幢",
		Category: "噪音", ReporterKind: ReporterAnonymous, Channel: "茶室", RaisedOn: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mustMove moves a concern through the given states.
func (f concernFixture) mustMove(t *testing.T, id int64, moves ...Move) {
	t.Helper()
	for _, m := range moves {
		if err := f.s.MoveConcern(f.staff, id, m); err != nil {
			t.Fatalf("move to %s: %v", m.To, err)
		}
	}
}

var toAgenda = []Move{{To: StateVerified}, {To: StateAgenda}}

func TestCreateConcernNumbersAndRecordsHistory(t *testing.T) {
	f := newConcernFixture(t)
	a := f.mustConcern(t, "广场舞噪音扰民")
	b := f.mustConcern(t, "公共厕所地面滑")
	if a.Number != "MQ-2026-0001" || b.Number != "MQ-2026-0002" || a.State != StateRecorded || a.Recorder != "staff" {
		t.Fatalf("got %s %s %s %s", a.Number, b.Number, a.State, a.Recorder)
	}
	h, err := f.s.ConcernHistory(f.staff, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].To != StateRecorded || h[0].Username != "staff" {
		t.Fatalf("history %+v", h)
	}
}

func TestCreateConcernChecksReferences(t *testing.T) {
	f := newConcernFixture(t)
	t.Run("unknown category", func(t *testing.T) {
		_, err := f.s.CreateConcern(f.staff, Concern{Text: "x", CommunityID: f.c.ID, Category: "天气", Channel: "电话", RaisedOn: "2026-11-20"})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("resident from the registry", func(t *testing.T) {
		p := mustPerson(t, f.s, f.admin, f.c, "王秀英", Female, 70)
		c, err := f.s.CreateConcern(f.staff, Concern{Text: "楼道灯坏了", CommunityID: f.c.ID, Category: "设施维修", PersonID: p.ID,
			Channel: "上门", RaisedOn: "2026-11-20"})
		if err != nil {
			t.Fatal(err)
		}
		if c.ReporterKind != ReporterResident || c.ReporterName != "王秀英" {
			t.Fatalf("reporter %q %q", c.ReporterKind, c.ReporterName)
		}
	})
}

func TestConcernRoles(t *testing.T) {
	f := newConcernFixture(t)
	viewer := as(t, f.s, "viewer")
	c := f.mustConcern(t, "电动车乱停")
	t.Run("只读 sees", func(t *testing.T) {
		if _, err := f.s.Concerns(viewer, ConcernFilter{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("只读 cannot record", func(t *testing.T) {
		_, err := f.s.CreateConcern(viewer, Concern{Text: "x", CommunityID: f.c.ID, Category: "噪音", Channel: "电话", RaisedOn: "2026-11-20"})
		if !errors.Is(err, ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("只读 cannot move", func(t *testing.T) {
		if err := f.s.MoveConcern(viewer, c.ID, Move{To: StateVerified}); !errors.Is(err, ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("社工 cannot add categories", func(t *testing.T) {
		if err := f.s.AddConcernCategory(f.staff, "宠物"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("管理员 adds categories", func(t *testing.T) {
		if err := f.s.AddConcernCategory(f.admin, "流浪宠物"); err != nil {
			t.Fatal(err)
		}
		cats, err := f.s.ConcernCategories(f.staff)
		if err != nil {
			t.Fatal(err)
		}
		if len(cats) != 9 || cats[8] != "流浪宠物" {
			t.Fatalf("categories %v", cats)
		}
		if err := f.s.AddConcernCategory(f.admin, "流浪宠物"); !errors.Is(err, ErrConflict) {
			t.Fatalf("twice: %v", err)
		}
	})
}

func TestMoveConcernThroughTheStore(t *testing.T) {
	f := newConcernFixture(t)
	t.Run("whole main line with history", func(t *testing.T) {
		c := f.mustConcern(t, "路灯不亮")
		f.mustMove(t, c.ID, append(toAgenda, Move{To: StateDecided, OwnerUnit: "物业", PromisedOn: "2026-12-01"},
			Move{To: StateInHand}, Move{To: StateResolved, Note: "已更换灯泡"})...)
		got, err := f.s.Concern(f.staff, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != StateResolved || got.Owner != "物业" || got.ResolvedOn != "2026-11-27" || got.Resolution != "已更换灯泡" {
			t.Fatalf("got %+v", got)
		}
		h, err := f.s.ConcernHistory(f.staff, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 6 {
			t.Fatalf("history %d lines", len(h))
		}
	})
	t.Run("refused move changes nothing", func(t *testing.T) {
		c := f.mustConcern(t, "垃圾桶满了")
		if err := f.s.MoveConcern(f.staff, c.ID, Move{To: StateResolved, Note: "x"}); !errors.Is(err, ErrConflict) {
			t.Fatalf("got %v", err)
		}
		if got, err := f.s.Concern(f.staff, c.ID); err != nil || got.State != StateRecorded {
			t.Fatalf("state %s %v", got.State, err)
		}
	})
	t.Run("不予办理 keeps the reason", func(t *testing.T) {
		c := f.mustConcern(t, "要求免物业费")
		if err := f.s.MoveConcern(f.staff, c.ID, Move{To: StateDeclined}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("no reason: %v", err)
		}
		f.mustMove(t, c.ID, Move{To: StateDeclined, Note: "不属社区职责，已解释"})
		if got, err := f.s.Concern(f.staff, c.ID); err != nil || got.Reason != "不属社区职责，已解释" {
			t.Fatalf("reason %q %v", got.Reason, err)
		}
	})
	t.Run("转办 keeps department and reference", func(t *testing.T) {
		c := f.mustConcern(t, "占道经营")
		f.mustMove(t, c.ID, Move{To: StateReferred, ReferredTo: "综合行政执法队", ReferralRef: "ZF-2026-118"})
		if got, err := f.s.Concern(f.staff, c.ID); err != nil || got.ReferredTo != "综合行政执法队" || got.ReferralRef != "ZF-2026-118" {
			t.Fatalf("got %+v %v", got, err)
		}
	})
}

func TestDuplicateLinking(t *testing.T) {
	f := newConcernFixture(t)
	orig := f.mustConcern(t, "广场舞噪音")
	dup := f.mustConcern(t, "晚上广场舞太吵")
	f.mustMove(t, dup.ID, Move{To: StateDuplicate, DuplicateOf: orig.ID})
	t.Run("the original lists its duplicates", func(t *testing.T) {
		ds, err := f.s.Duplicates(f.staff, orig.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 1 || ds[0].ID != dup.ID || ds[0].DuplicateNo != orig.Number {
			t.Fatalf("duplicates %+v", ds)
		}
	})
	t.Run("not a duplicate of itself", func(t *testing.T) {
		c := f.mustConcern(t, "x")
		if err := f.s.MoveConcern(f.staff, c.ID, Move{To: StateDuplicate, DuplicateOf: c.ID}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("not a duplicate of one of its own duplicates", func(t *testing.T) {
		if err := f.s.MoveConcern(f.staff, orig.ID, Move{To: StateDuplicate, DuplicateOf: dup.ID}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("not a duplicate of a duplicate", func(t *testing.T) {
		c := f.mustConcern(t, "又是广场舞")
		if err := f.s.MoveConcern(f.staff, c.ID, Move{To: StateDuplicate, DuplicateOf: dup.ID}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("not of a missing concern", func(t *testing.T) {
		c := f.mustConcern(t, "y")
		if err := f.s.MoveConcern(f.staff, c.ID, Move{To: StateDuplicate, DuplicateOf: 9999}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestFollowUpReopensWhenUnsatisfied(t *testing.T) {
	f := newConcernFixture(t)
	c := f.mustConcern(t, "电梯经常停")
	f.mustMove(t, c.ID, Move{To: StateVerified}, Move{To: StateInHand, OwnerUnit: "物业", PromisedOn: "2026-11-25"},
		Move{To: StateResolved, Note: "已维修"})
	t.Run("not due before N days", func(t *testing.T) {
		due, err := f.s.FollowUpsDue(f.staff)
		if err != nil || len(due) != 0 {
			t.Fatalf("due %d %v", len(due), err)
		}
	})
	f.s.SetClock(func() time.Time { return fixedNow.AddDate(0, 0, 7) })
	t.Run("due after N days", func(t *testing.T) {
		due, err := f.s.FollowUpsDue(f.staff)
		if err != nil || len(due) != 1 {
			t.Fatalf("due %d %v", len(due), err)
		}
	})
	t.Run("不满意 reopens and counts", func(t *testing.T) {
		if err := f.s.FollowUpConcern(f.staff, c.ID, "不满意", "还是经常停"); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.Concern(f.staff, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != StateInHand || got.Reopened != 1 || got.Satisfaction != "不满意" || got.ResolvedOn != "" {
			t.Fatalf("got %s reopened %d %q", got.State, got.Reopened, got.Satisfaction)
		}
	})
	t.Run("only a resolved concern is followed up", func(t *testing.T) {
		if err := f.s.FollowUpConcern(f.staff, c.ID, "满意", ""); !errors.Is(err, ErrConflict) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("satisfied closes the follow-up", func(t *testing.T) {
		f.mustMove(t, c.ID, Move{To: StateResolved, Note: "更换控制板"})
		if err := f.s.FollowUpConcern(f.staff, c.ID, "满意", ""); err != nil {
			t.Fatal(err)
		}
		f.s.SetClock(func() time.Time { return fixedNow.AddDate(0, 0, 30) })
		due, err := f.s.FollowUpsDue(f.staff)
		if err != nil || len(due) != 0 {
			t.Fatalf("due %d %v", len(due), err)
		}
	})
}

func TestConcernOverdueInTheStore(t *testing.T) {
	f := newConcernFixture(t)
	c := f.mustConcern(t, "井盖松动")
	if err := f.s.SetConcernPlan(f.staff, c.ID, 0, "市政", "2026-11-27"); err != nil {
		t.Fatal(err)
	}
	figures := func() CommunityConcerns {
		t.Helper()
		fg, err := f.s.ConcernFigures(f.staff)
		if err != nil || len(fg.ByCommunity) != 1 {
			t.Fatalf("%+v %v", fg, err)
		}
		return fg.ByCommunity[0]
	}
	if got := figures(); got.Open != 1 || got.Overdue != 0 {
		t.Fatalf("on the promised day: %+v", got)
	}
	f.s.SetClock(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, fixedNow.Location()) })
	if got := figures(); got.Overdue != 1 {
		t.Fatalf("the day after: %+v", got)
	}
}

func TestLinkConcernToTheRecordThatAnswersIt(t *testing.T) {
	f := newConcernFixture(t)
	c := f.mustConcern(t, "孩子暑假没人看管")
	t.Run("any other record by its label", func(t *testing.T) {
		if err := f.s.LinkConcern(f.staff, c.ID, "其他", 0, "暑期公益托管班"); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.Concern(f.staff, c.ID)
		if err != nil || got.LinkKind != "其他" || got.LinkLabel != "暑期公益托管班" {
			t.Fatalf("got %q %q %v", got.LinkKind, got.LinkLabel, err)
		}
	})
	t.Run("a programme that does not exist is refused", func(t *testing.T) {
		if err := f.s.LinkConcern(f.staff, c.ID, "儿童项目", 999, "公益吉他班"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("an unknown kind is refused", func(t *testing.T) {
		if err := f.s.LinkConcern(f.staff, c.ID, "订单", 1, "x"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestConcernOwnersAndFollowUpDays(t *testing.T) {
	f := newConcernFixture(t)
	t.Run("the accounts offered are those whose role may handle concerns", func(t *testing.T) {
		os, err := f.s.ConcernOwners(f.staff)
		if err != nil || len(os) != 2 || os[0].Name != "管理员" || os[1].Name != "staff" {
			t.Fatalf("%+v %v (want 管理员 and staff: not the 只读 or 工坊管理员 accounts)", os, err)
		}
		c := f.mustConcern(t, "楼道灯坏了")
		f.mustMove(t, c.ID, Move{To: StateVerified}, Move{To: StateInHand, OwnerUserID: os[1].ID, PromisedOn: "2026-12-01"})
		got, err := f.s.Concern(f.staff, c.ID)
		if err != nil || got.OwnerUserID != os[1].ID || got.Owner != os[1].Name {
			t.Fatalf("owner %d %q %v", got.OwnerUserID, got.Owner, err)
		}
	})
	t.Run("a concern is not given to an account that may not handle it", func(t *testing.T) {
		viewer, err := queryOne(context.Background(), f.s.db, scanValue[int64], "SELECT id FROM app_user WHERE username = 'viewer'")
		if err != nil {
			t.Fatal(err)
		}
		c := f.mustConcern(t, "路灯不亮")
		f.mustMove(t, c.ID, Move{To: StateVerified})
		err = f.s.MoveConcern(f.staff, c.ID, Move{To: StateInHand, OwnerUserID: viewer, PromisedOn: "2026-12-01"})
		var e *Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "责任人" || !strings.Contains(e.Fields[0].Message, "只读") {
			t.Fatalf("got %v", err)
		}
		if got, err := f.s.Concern(f.staff, c.ID); err != nil || got.State != StateVerified {
			t.Fatalf("the refused move changed the concern: %s %v", got.State, err)
		}
	})
	t.Run("days between 1 and 90, set by 管理员", func(t *testing.T) {
		for _, d := range []int{0, 91} {
			if err := f.s.SetFollowUpDays(f.admin, d); !errors.Is(err, ErrInvalid) {
				t.Fatalf("%d days: %v", d, err)
			}
		}
		if err := f.s.SetFollowUpDays(f.staff, 10); !errors.Is(err, ErrForbidden) {
			t.Fatalf("社工: %v", err)
		}
		if err := f.s.SetFollowUpDays(f.admin, 10); err != nil {
			t.Fatal(err)
		}
		if got := f.s.FollowUpDays(f.staff); got != 10 {
			t.Fatalf("days %d", got)
		}
	})
}
