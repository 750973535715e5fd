package sample_test

import (
	"strings"
	"testing"

	"linli/data"
)

func TestSampleHouseholds(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	viewer := as(t, s, "viewer")
	hs, err := s.Households(viewer, data.HouseholdFilter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("households with 低保户 and 困难家庭", func(t *testing.T) {
		kinds := map[string]int{}
		for _, h := range hs {
			for _, k := range h.Attributes {
				kinds[k]++
			}
		}
		if len(hs) < 20 || kinds["低保户"] == 0 || kinds["困难家庭"] == 0 {
			t.Fatalf("%d households, attributes %v", len(hs), kinds)
		}
	})
	t.Run("children living with grandparents", func(t *testing.T) {
		found := false
		for _, h := range hs {
			ms, err := s.HouseholdMembers(viewer, h.ID, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				found = found || m.Relation == "孙子女"
			}
		}
		if !found {
			t.Fatal("no 孙子女 in any household")
		}
	})
	t.Run("every 低保 tag placed", func(t *testing.T) {
		left, err := s.UnplacedHouseholdTags(viewer)
		if err != nil || len(left) != 0 {
			t.Fatalf("unplaced: %v %v", left, err)
		}
	})
}

// The first trainee who volunteers appears in every programme; each role sees what it may.
func TestResidentFileOfTheSample(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	admin := as(t, s, "admin")
	ts, err := s.Trainees(admin, false)
	if err != nil {
		t.Fatal(err)
	}
	var file data.ResidentFile
	for _, tr := range ts {
		f, err := s.ResidentFile(admin, tr.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		full := f.Household.ID != 0
		for _, sec := range f.Sections {
			full = full && len(sec.Lines) > 0
		}
		if full {
			file = f
		}
	}
	t.Run("one resident in every programme", func(t *testing.T) {
		if file.Person.ID == 0 || len(file.Sections) < 6 || len(file.Wards) == 0 {
			t.Fatalf("no trainee appears in every programme: %+v", file)
		}
	})
	t.Run("a 社工 does not see the workshop's money, a viewer sees masked numbers", func(t *testing.T) {
		f, err := s.ResidentFile(as(t, s, "staff"), file.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range f.Sections {
			if sec.Title == "灯彩工坊" {
				t.Fatal("社工 sees the workshop section")
			}
		}
		v, err := s.ResidentFile(as(t, s, "viewer"), file.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(v.Person.IDNumber, "*") || !strings.Contains(v.Person.Phone, "*") {
			t.Fatalf("viewer sees %s %s", v.Person.IDNumber, v.Person.Phone)
		}
	})
	t.Run("every role sees masked numbers (the whole ones are an audited step of their own)", func(t *testing.T) {
		for _, who := range []string{"admin", "staff"} {
			f, err := s.ResidentFile(as(t, s, who), file.Person.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(f.Person.IDNumber, "*") || !strings.Contains(f.Person.Phone, "*") {
				t.Errorf("%s sees %s %s", who, f.Person.IDNumber, f.Person.Phone)
			}
			for _, g := range append(append([]data.GuardianLink(nil), f.Guardians...), f.Wards...) {
				if g.Phone != "" && !strings.Contains(g.Phone, "*") {
					t.Errorf("%s sees %s's phone %s", who, g.Name, g.Phone)
				}
			}
		}
	})
}
