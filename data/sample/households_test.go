package sample_test

import (
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
