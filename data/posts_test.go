package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

type postsFixture struct {
	s      *Store
	staff  context.Context
	c      Community
	shop   int64
	parent Person
}

func mustPosts(t *testing.T) postsFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	f := postsFixture{s: s, staff: as(t, s, "staff"), c: mustCommunity(t, s, admin, "赞山社区")}
	f.parent = mustPerson(t, s, f.staff, f.c, "王丽", Female, 42)
	id, err := s.SaveShop(f.staff, Shop{Name: "赞山烘焙坊", Address: "赞山路 8 号", ContactName: "陈立", CreditCode: "91350100M000100Y43"})
	if err != nil {
		t.Fatal(err)
	}
	f.shop = id
	return f
}

// student adds a resident born on birth (YYYY-MM-DD), with the fixture's parent as guardian.
func (f postsFixture) student(t *testing.T, name, birth string, tags ...string) Person {
	t.Helper()
	b, err := time.Parse("2006-01-02", birth)
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.s.SavePerson(f.staff, Person{Name: name, IDNumber: testID(b, Male), CommunityID: f.c.ID, Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetGuardian(f.staff, id, f.parent.ID, "母亲"); err != nil {
		t.Fatal(err)
	}
	p, err := f.s.Person(f.staff, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f postsFixture) post(t *testing.T, kind PostKind, minAge, places int) Post {
	t.Helper()
	p := lawfulPost(kind, minAge)
	p.ShopID, p.Places = f.shop, places
	id, err := f.s.SavePost(f.staff, p)
	if err != nil {
		t.Fatal(err)
	}
	p.ID = id
	return p
}

// apply records and reviews an application with consent given.
func (f postsFixture) apply(t *testing.T, p Person, posts ...int64) int64 {
	t.Helper()
	id, err := f.s.SaveApplication(f.staff, Application{Season: 2026, PersonID: p.ID, School: "海宁市第一中学", Grade: "高一",
		GuardianID: f.parent.ID, Consent: consent, Choices: posts})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReviewApplication(f.staff, id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPostsWritesNeedStaffAndAreAudited(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	viewer := as(t, f.s, "viewer")
	if _, err := f.s.SaveShop(viewer, Shop{Name: "只读小店", Address: "赞山路 9 号", ContactName: "某某"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("只读 saved a shop: %v", err)
	}
	p := lawfulPost(PostPractice, 12)
	p.ShopID = f.shop
	if _, err := f.s.SavePost(viewer, p); !errors.Is(err, ErrForbidden) {
		t.Fatalf("只读 saved a post: %v", err)
	}
	if _, err := f.s.Shops(viewer); err != nil {
		t.Fatalf("只读 cannot list shops: %v", err)
	}
	es, err := f.s.ListAudit(as(t, f.s, "admin"), AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range es {
		found = found || e.Entity == "爱心商铺"
	}
	if !found {
		t.Error("saving a shop left no audit entry")
	}
}

func TestPostsStoreRefusesAPaidPostOpenToFifteen(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	p := lawfulPost(PostPaid, 15)
	p.ShopID = f.shop
	if _, err := f.s.SavePost(f.staff, p); err == nil || !strings.Contains(Message(err), "劳动法第十五条") {
		t.Fatalf("got %v", err)
	}
}

func TestPostsMatchingBarsPaidWorkUnderSixteenOnTheFirstDay(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	paid := f.post(t, PostPaid, 16, 5)                             // starts 2026-07-06
	young := f.apply(t, f.student(t, "李一", "2010-07-07"), paid.ID) // 15 years 364 days on the first day
	ready := f.apply(t, f.student(t, "李二", "2010-07-06"), paid.ID) // 16 that day
	res, err := f.s.PreviewMatching(f.staff, 2026, "2026-06-30", 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range res.Lines {
		switch l.ApplicationID {
		case young:
			if l.PostID != 0 || !strings.Contains(l.Why, "劳动法第十五条") {
				t.Errorf("15y364d: placed %d, why %q", l.PostID, l.Why)
			}
		case ready:
			if l.PostID != paid.ID {
				t.Errorf("16: not placed: %q", l.Why)
			}
		}
	}
}

func TestPostsMatchingPutsHardshipFirstAndRecordsTheSeed(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	post := f.post(t, PostPractice, 12, 1)
	poor := f.student(t, "张困", "2011-03-01")
	hh, err := f.s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "赞山路 20 号", HeadID: f.parent.ID, Since: "2020-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MoveIn(f.staff, HouseholdMember{HouseholdID: hh, PersonID: poor.ID, Relation: "子女", From: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: hh, Kind: "低保户", From: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	var others []int64
	for i := 0; i < 4; i++ {
		others = append(others, f.apply(t, f.student(t, fmt.Sprintf("普通%d", i), "2011-05-01"), post.ID))
	}
	first := f.apply(t, poor, post.ID)
	for seed := int64(1); seed <= 5; seed++ {
		res, err := f.s.PreviewMatching(f.staff, 2026, "2026-06-30", seed)
		if err != nil {
			t.Fatal(err)
		}
		if res.Lines[0].ApplicationID != first || res.Lines[0].PostID != post.ID || res.Lines[0].Hardship != "低保户" {
			t.Fatalf("seed %d: first line %+v", seed, res.Lines[0])
		}
	}
	res, err := f.s.ConfirmMatching(f.staff, 2026, "2026-06-30", 42)
	if err != nil {
		t.Fatal(err)
	}
	duringTheRun(f.s) // places freed while the posts run call the waiting list in
	if res.Placed != 1 || res.Unplaced != 4 || !strings.Contains(res.Lines[1].Why, "名额已满") {
		t.Fatalf("result %+v", res)
	}
	recs, err := f.s.MatchRecords(f.staff, 2026)
	if err != nil || len(recs) != 1 || recs[0].Seed != 42 {
		t.Fatalf("records %+v, %v", recs, err)
	}
	t.Run("a place given up goes to the waiting list's first", func(t *testing.T) {
		filled, err := f.s.StopApplication(f.staff, first, "家中有事")
		if err != nil {
			t.Fatal(err)
		}
		if filled != res.Lines[1].ApplicationID {
			t.Fatalf("filled by %d, want %d (of %v)", filled, res.Lines[1].ApplicationID, others)
		}
	})
}

func TestPostsTimesheetKeepsMinorsCapsAndCountsServiceHours(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	post := f.post(t, PostPractice, 12, 2)
	id := f.apply(t, f.student(t, "周明", "2010-09-01"), post.ID)
	if _, err := f.s.ConfirmMatching(f.staff, 2026, "2026-06-30", 1); err != nil {
		t.Fatal(err)
	}
	if err := f.s.StartPlacement(f.staff, id); err != nil {
		t.Fatal(err)
	}
	add := func(day, start, end string) error {
		_, err := f.s.AddTimesheet(f.staff, Timesheet{ApplicationID: id, Day: day, Start: start, End: end, SignedBy: "陈立"})
		return err
	}
	t.Run("19:59–20:00 is allowed, 20:00–20:01 is not", func(t *testing.T) {
		if err := add("2026-07-06", "19:59", "20:00"); err != nil {
			t.Fatal(err)
		}
		if err := add("2026-07-06", "20:00", "20:01"); err == nil || !strings.Contains(Message(err), "20:00") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("8 hours a day with the day's other entries", func(t *testing.T) {
		if err := add("2026-07-07", "09:00", "17:00"); err != nil {
			t.Fatal(err)
		}
		if err := add("2026-07-07", "17:00", "17:01"); err == nil || !strings.Contains(Message(err), "8 小时") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("40 hours a week", func(t *testing.T) {
		for _, d := range []string{"2026-07-08", "2026-07-09", "2026-07-10"} { // 8 h + 3 × 8 h + 1 min = 32 h 1 min
			if err := add(d, "09:00", "17:00"); err != nil {
				t.Fatal(err)
			}
		}
		if err := add("2026-07-11", "09:00", "16:59"); err != nil { // 40 h exactly
			t.Fatal(err)
		}
		if err := add("2026-07-12", "09:00", "09:01"); err == nil || !strings.Contains(Message(err), "40 小时") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("hours are service hours traced to the timesheet", func(t *testing.T) {
		hs, err := f.s.VolunteerHours(f.staff, 0, "2026-07-01", "2026-07-31")
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, h := range hs {
			if h.Source != SourcePost || h.SourceID == 0 {
				t.Fatalf("entry %+v", h)
			}
			total += h.Minutes
		}
		if total != 40*60 {
			t.Fatalf("total %d minutes, want %d", total, 40*60)
		}
	})
}
