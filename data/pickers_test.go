package data

import (
	"testing"
	"time"
)

func TestBirthRange(t *testing.T) {
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		birth string
		in    bool
	}{
		{"2020-11-28", true},  // 6 today
		{"2020-11-29", false}, // 6 tomorrow: still 5
		{"2014-11-29", true},  // 11 until tomorrow
		{"2014-11-28", false}, // 12 today
		{"1944-03-01", false}, // 82
	} {
		from, to := BirthRange(6, 11, day)
		if got := tc.birth >= from && tc.birth <= to; got != tc.in {
			t.Errorf("born %s: in 6–11 on %s = %v, want %v (%s..%s)", tc.birth, day.Format("2006-01-02"), got, tc.in, from, to)
		}
		if age := (Person{BirthDate: tc.birth}).Age(day); (age >= 6 && age <= 11) != tc.in {
			t.Errorf("born %s: Age %d disagrees", tc.birth, age)
		}
	}
}

func TestPeopleFilterAgeRangeLeavesOutAdults(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	mustPerson(t, s, admin, c, "朱一诺", Female, 5)
	child := mustPerson(t, s, admin, c, "林语嫣", Female, 8)
	mustPerson(t, s, admin, c, "钟金娣", Female, 82)
	from, to := BirthRange(6, 11, fixedNow)
	ps, err := s.People(as(t, s, "staff"), PeopleFilter{BornFrom: from, BornTo: to})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].ID != child.ID {
		t.Fatalf("6–11 year olds: %+v", ps)
	}
}

func TestMatchPeopleUsesTheSearchIndex(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	p := mustPerson(t, s, admin, c, "钟金娣", Female, 85)
	mustPerson(t, s, admin, c, "王秀英", Female, 82)
	ctx := as(t, s, "staff")
	for _, q := range []string{"钟金", "zjd", "zhongjin"} {
		ids, err := s.MatchPeople(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != 1 || !ids[p.ID] {
			t.Errorf("%q finds %v, want only 钟金娣", q, ids)
		}
	}
	ids, err := s.MatchPeople(ctx, "qqqqq")
	if err != nil || len(ids) != 0 {
		t.Fatalf("a search for nobody: %v, %v", ids, err)
	}
}
