package data

import (
	"context"
	"errors"
	"testing"
)

// householdFixture is a community, three residents and a household with 老王 as its head.
type householdFixture struct {
	s                 *Store
	staff             context.Context
	c                 Community
	head, wife, child Person
	hh                int64
}

func mustHousehold(t *testing.T) householdFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	f := householdFixture{s: s, staff: as(t, s, "staff"), c: mustCommunity(t, s, admin, "南苑社区")}
	f.head = mustPerson(t, s, f.staff, f.c, "王建国", Male, 66)
	f.wife = mustPerson(t, s, f.staff, f.c, "李秀英", Female, 64)
	f.child = mustPerson(t, s, f.staff, f.c, "王浩宇", Male, 9)
	id, err := s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "南苑路12号", Building: "3", Room: "301",
		HeadID: f.head.ID, Since: "2020-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.hh = id
	return f
}

func (f householdFixture) moveIn(t *testing.T, p Person, relation, from string) int64 {
	t.Helper()
	id, err := f.s.MoveIn(f.staff, HouseholdMember{HouseholdID: f.hh, PersonID: p.ID, Relation: relation, From: from})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestHouseholdNumberedAndHeadIsMember(t *testing.T) {
	t.Parallel()
	f := mustHousehold(t)
	h, err := f.s.Household(f.staff, f.hh)
	if err != nil {
		t.Fatal(err)
	}
	if h.Number != "HH-00001" || h.Head != "王建国" || h.Members != 1 || h.AddressLine() != "南苑路12号3幢301室" {
		t.Fatalf("household: %+v (%s)", h, h.AddressLine())
	}
	mustCheck(t, f.s)
}

func TestPersonInOneHouseholdAtATime(t *testing.T) {
	t.Parallel()
	t.Run("moving in elsewhere moves out of the first, history kept", func(t *testing.T) {
		f := mustHousehold(t)
		f.moveIn(t, f.child, "孙子女", "2021-03-01")
		other, err := f.s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "文苑路3号", HeadID: f.wife.ID, Since: "2022-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.MoveIn(f.staff, HouseholdMember{HouseholdID: other, PersonID: f.child.ID, Relation: "孙子女", From: "2024-09-01"}); err != nil {
			t.Fatal(err)
		}
		all, err := f.s.HouseholdMembers(f.staff, f.hh, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[1].PersonID != f.child.ID || all[1].To != "2024-09-01" {
			t.Fatalf("history: %+v", all)
		}
		h, _, err := f.s.PersonHousehold(f.staff, f.child.ID, "2023-01-01")
		if err != nil || h.ID != f.hh {
			t.Fatalf("2023: %d %v", h.ID, err)
		}
		h, _, err = f.s.PersonHousehold(f.staff, f.child.ID, "2024-09-01")
		if err != nil || h.ID != other {
			t.Fatalf("2024-09-01: %d %v", h.ID, err)
		}
	})
	t.Run("a move-in before the current stay began is refused", func(t *testing.T) {
		f := mustHousehold(t)
		f.moveIn(t, f.child, "孙子女", "2021-03-01")
		other, err := f.s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "文苑路3号", HeadID: f.wife.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.s.MoveIn(f.staff, HouseholdMember{HouseholdID: other, PersonID: f.child.ID, Relation: "其他", From: "2021-01-01"})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("want ErrInvalid, got %v", err)
		}
	})
	t.Run("the schema refuses a second current stay", func(t *testing.T) {
		f := mustHousehold(t)
		other, err := f.s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "文苑路3号", HeadID: f.wife.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, err = execSQL(context.Background(), f.s.DB(), `INSERT INTO household_member (household_id, person_id, relation, from_day, created_at)
			VALUES (?, ?, '其他', '2026-01-01', '')`, other, f.head.ID)
		if err == nil {
			t.Fatal("a second current membership was stored")
		}
	})
}

func TestHeadMovesOutLastOrAfterANewHead(t *testing.T) {
	t.Parallel()
	f := mustHousehold(t)
	f.moveIn(t, f.wife, "配偶", "2020-01-01")
	members, err := f.s.HouseholdMembers(f.staff, f.hh, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.MoveOut(f.staff, members[0].ID, "2026-11-01"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("head moved out before others: %v", err)
	}
	if err := f.s.SetHouseholdHead(f.staff, f.hh, f.wife.ID, "配偶"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.MoveOut(f.staff, members[0].ID, "2026-11-01"); err != nil {
		t.Fatal(err)
	}
	h, err := f.s.Household(f.staff, f.hh)
	if err != nil || h.Head != "李秀英" || h.Members != 1 {
		t.Fatalf("after: %+v %v", h, err)
	}
}

func TestHouseholdRoles(t *testing.T) {
	t.Parallel()
	f := mustHousehold(t)
	viewer := as(t, f.s, "viewer")
	if _, err := f.s.Household(viewer, f.hh); err != nil {
		t.Fatalf("只读 may read: %v", err)
	}
	_, err := f.s.MoveIn(viewer, HouseholdMember{HouseholdID: f.hh, PersonID: f.wife.ID, Relation: "配偶", From: "2020-01-01"})
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("只读 moved someone in: %v", err)
	}
	_, err = f.s.AddHouseholdAttribute(as(t, f.s, "workshop"), HouseholdAttribute{HouseholdID: f.hh, Kind: "低保户", From: "2025-01-01"})
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("工坊管理员 added an attribute: %v", err)
	}
}

func TestAttributeAsOfADay(t *testing.T) {
	t.Parallel()
	f := mustHousehold(t)
	f.moveIn(t, f.child, "孙子女", "2024-03-01")
	id, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "困难家庭", From: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(day string) (bool, bool) {
		t.Helper()
		h, err := f.s.HouseholdHasAttribute(f.staff, f.hh, []string{"困难家庭"}, day)
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.s.PersonHasHouseholdAttribute(f.staff, f.child.ID, HardshipKinds, day)
		if err != nil {
			t.Fatal(err)
		}
		return h, p
	}
	t.Run("before the start, no", func(t *testing.T) {
		if h, p := ask("2024-12-31"); h || p {
			t.Fatalf("2024-12-31: %v %v", h, p)
		}
	})
	t.Run("a past day keeps its answer when the attribute ends", func(t *testing.T) {
		if h, p := ask("2026-06-01"); !h || !p {
			t.Fatalf("before ending: %v %v", h, p)
		}
		if err := f.s.EndHouseholdAttribute(f.staff, id, "2026-11-30"); err != nil {
			t.Fatal(err)
		}
		if h, p := ask("2026-06-01"); !h || !p {
			t.Fatalf("after ending: %v %v", h, p)
		}
		if h, p := ask("2026-12-01"); h || p {
			t.Fatalf("after the end day: %v %v", h, p)
		}
	})
	t.Run("an end before today is refused", func(t *testing.T) {
		id2, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "低保户", From: "2025-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.EndHouseholdAttribute(f.staff, id2, "2026-01-01"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("back-dated end: %v", err)
		}
	})
	t.Run("a person who moved in later has no attribute before", func(t *testing.T) {
		p, err := f.s.PersonHasHouseholdAttribute(f.staff, f.wife.ID, nil, "2026-06-01")
		if err != nil || p {
			t.Fatalf("not a member: %v %v", p, err)
		}
	})
	t.Run("overlapping periods of one kind are refused", func(t *testing.T) {
		_, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "困难家庭", From: "2026-03-01", To: "2026-04-01"})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("overlap: %v", err)
		}
	})
	t.Run("an unknown kind is refused", func(t *testing.T) {
		if _, err := f.s.HouseholdHasAttribute(f.staff, f.hh, []string{"低保"}, "2026-01-01"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("unknown kind: %v", err)
		}
	})
	t.Run("the bulk question agrees", func(t *testing.T) {
		m, err := f.s.PeopleWithHouseholdAttribute(f.staff, []string{"困难家庭"}, "2026-06-01")
		if err != nil {
			t.Fatal(err)
		}
		if len(m) != 2 || len(m[f.child.ID]) != 1 || len(m[f.head.ID]) != 1 {
			t.Fatalf("bulk: %v", m)
		}
	})
}

// The registry's 低保 filter asks the household attribute as of the store's today: one that
// starts tomorrow or ended yesterday does not count, one ending today does.
func TestRegistryHardshipFilterIsAsOfToday(t *testing.T) {
	t.Parallel()
	today := fixedNow.Format("2006-01-02")
	for _, tc := range []struct {
		name     string
		from, to string
		want     int
	}{
		{"holding today", "2025-01-01", "", 1},
		{"ends today", "2025-01-01", today, 1},
		{"ended yesterday", "2025-01-01", fixedNow.AddDate(0, 0, -1).Format("2006-01-02"), 0},
		{"starts tomorrow", fixedNow.AddDate(0, 0, 1).Format("2006-01-02"), "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := mustHousehold(t)
			if _, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "低保户", From: tc.from, To: tc.to}); err != nil {
				t.Fatal(err)
			}
			n, err := f.s.CountPeople(f.staff, PeopleFilter{Tag: "低保"})
			if err != nil || n != tc.want {
				t.Fatalf("低保 today: %d, want %d (%v)", n, tc.want, err)
			}
			ps, err := f.s.People(f.staff, PeopleFilter{Tag: "低保户", Day: "2025-06-01"})
			if err != nil || len(ps) != 1-boolInt(tc.from > "2025-06-01") {
				t.Fatalf("低保户 on 2025-06-01: %d %v", len(ps), err)
			}
		})
	}
	t.Run("a member who moved out no longer counts", func(t *testing.T) {
		t.Parallel()
		f := mustHousehold(t)
		member := f.moveIn(t, f.child, "子女", "2021-01-01")
		if _, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "低保户", From: "2021-01-01"}); err != nil {
			t.Fatal(err)
		}
		if err := f.s.MoveOut(f.staff, member, fixedNow.AddDate(0, 0, -10).Format("2006-01-02")); err != nil {
			t.Fatal(err)
		}
		n, err := f.s.CountPeople(f.staff, PeopleFilter{Tag: "低保"})
		if err != nil || n != 1 {
			t.Fatalf("低保 today: %d %v", n, err)
		}
	})
}

// The household list pages as the registry does: a count, then pages by offset.
func TestHouseholdsPageAndCount(t *testing.T) {
	t.Parallel()
	f := mustHousehold(t)
	for i, name := range []string{"张一", "张二", "李三"} {
		p := mustPerson(t, f.s, f.staff, f.c, name, Male, 50+i)
		if _, err := f.s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "文苑路3号", HeadID: p.ID, Since: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "低保户", From: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    HouseholdFilter
		want int
	}{
		{"all", HouseholdFilter{}, 4},
		{"by the head's name", HouseholdFilter{Query: "张"}, 2},
		{"by community and address", HouseholdFilter{CommunityID: f.c.ID, Query: "文苑"}, 3},
		{"by attribute today", HouseholdFilter{Kind: "低保户"}, 1},
		{"by attribute before it held", HouseholdFilter{Kind: "低保户", Day: "2024-12-31"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := f.s.CountHouseholds(f.staff, tc.f)
			if err != nil || n != tc.want {
				t.Fatalf("count %d, want %d (%v)", n, tc.want, err)
			}
		})
	}
	t.Run("pages", func(t *testing.T) {
		first, err := f.s.Households(f.staff, HouseholdFilter{Limit: 3})
		if err != nil || len(first) != 3 {
			t.Fatalf("%d %v", len(first), err)
		}
		rest, err := f.s.Households(f.staff, HouseholdFilter{Offset: 3, Limit: 3})
		if err != nil || len(rest) != 1 || rest[0].Number <= first[2].Number {
			t.Fatalf("%+v %v", rest, err)
		}
	})
}
