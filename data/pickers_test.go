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
	s := mustSample(t)
	ctx := as(t, s, "staff")
	from, to := BirthRange(6, 11, fixedNow)
	ps, err := s.People(ctx, PeopleFilter{BornFrom: from, BornTo: to})
	if err != nil || len(ps) == 0 {
		t.Fatalf("children 6–11: %d, %v", len(ps), err)
	}
	for _, p := range ps {
		if a := p.Age(fixedNow); a < 6 || a > 11 {
			t.Errorf("%s, %d, offered for 6–11", p.Name, a)
		}
	}
}

func TestMatchPeopleUsesTheSearchIndex(t *testing.T) {
	s := mustSample(t)
	ctx := as(t, s, "staff")
	id, err := s.SavePerson(ctx, Person{Name: "钟金娣", Sex: Female, BirthDate: "1941-05-06", CommunityID: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"钟金", "zjd", "zhongjin"} {
		ids, err := s.MatchPeople(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !ids[id] {
			t.Errorf("%q does not find 钟金娣", q)
		}
	}
	ids, err := s.MatchPeople(ctx, "qqqqq")
	if err != nil || len(ids) != 0 {
		t.Fatalf("a search for nobody: %v, %v", ids, err)
	}
}
