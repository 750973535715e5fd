package data

import (
	"context"
	"testing"
)

func TestNextNumberCountsPerPrefix(t *testing.T) {
	ctx := context.Background()
	s, community := rulesStore(t)
	for _, name := range []string{"李小红", "王小明"} {
		person, err := s.SavePerson(ctx, Person{Name: name, CommunityID: community})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveTrainee(ctx, Trainee{PersonID: person}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ table, prefix, want string }{
		{"trainee", "XY-", "XY-003"},
		{"volunteer", "ZY-", "ZY-0001"},
	} {
		width := len(tc.want) - len(tc.prefix)
		got, err := nextNumber(ctx, s.db, tc.table, tc.prefix, width)
		if err != nil || got != tc.want {
			t.Errorf("nextNumber(%s, %s) = %q, %v; want %q", tc.table, tc.prefix, got, err, tc.want)
		}
	}
}

func TestNextNumberRefusesAnUnknownSeries(t *testing.T) {
	s, _ := rulesStore(t)
	if _, err := nextNumber(context.Background(), s.db, "person", "P-", 4); err == nil {
		t.Error("a number for person was issued")
	}
}
