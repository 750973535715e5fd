package data

import (
	"strings"
	"testing"
	"time"
)

// TestResidentFileShowsEveryProgrammeByRole: an old lady who takes soup (delivered by a
// volunteer), lives in a 低保户 and is a workshop trainee; each role sees what it may.
func TestResidentFileShowsEveryProgrammeByRole(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "南苑社区")
	lady := mustPerson(t, s, staff, c, "李阿婆", Female, 58)
	vol := mustVolunteer(t, s, staff, mustPerson(t, s, staff, c, "张志愿", Male, 45), "党员")
	mustPair(t, s, staff, vol.ID, mustRecipient(t, s, staff, lady))
	round, err := s.SaveRound(staff, SoupRound{Day: "2026-11-07", SolarTerm: "立冬", Soup: "萝卜排骨汤"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GenerateDeliveries(staff, round); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Deliveries(staff, round)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries %v %v", ds, err)
	}
	left := time.Date(2026, 11, 7, 11, 0, 0, 0, fixedNow.Location())
	if err := s.RecordDelivery(staff, ds[0].ID, left, left.Add(8*time.Minute), OutcomeDelivered, ""); err != nil {
		t.Fatal(err)
	}
	hh, err := s.SaveHousehold(staff, Household{CommunityID: c.ID, Address: "南苑路1号", HeadID: lady.ID, Since: "2020-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddHouseholdAttribute(staff, HouseholdAttribute{HouseholdID: hh, Kind: "低保户", From: "2024-01-01"}); err != nil {
		t.Fatal(err)
	}
	mustTrainee(t, s, as(t, s, "workshop"), lady, "")
	section := func(f ResidentFile, title string) (FileSection, bool) {
		for _, sec := range f.Sections {
			if sec.Title == title {
				return sec, true
			}
		}
		return FileSection{}, false
	}
	t.Run("管理员 sees care, household and the workshop with disability", func(t *testing.T) {
		f, err := s.ResidentFile(admin, lady.ID)
		if err != nil {
			t.Fatal(err)
		}
		care, _ := section(f, "助老服务")
		shop, ok := section(f, "灯彩工坊")
		if f.Household.ID != hh || len(f.Attributes) != 1 || len(care.Lines) < 3 || !ok || !strings.Contains(shop.Lines[0].Text, "肢体") {
			t.Fatalf("file %+v", f)
		}
		if !strings.Contains(care.Lines[2].Text, "萝卜排骨汤 送达") || care.Lines[2].Kind != FileRecipient {
			t.Fatalf("delivery line %+v", care.Lines)
		}
	})
	t.Run("社工 does not see the workshop", func(t *testing.T) {
		f, err := s.ResidentFile(staff, lady.ID)
		if _, ok := section(f, "灯彩工坊"); err != nil || ok {
			t.Fatalf("社工 sees the workshop: %v", err)
		}
	})
	t.Run("只读 sees the workshop's money without disability, ID masked", func(t *testing.T) {
		f, err := s.ResidentFile(as(t, s, "viewer"), lady.ID)
		shop, ok := section(f, "灯彩工坊")
		if err != nil || !ok || strings.Contains(shop.Lines[0].Text, "肢体") || f.Person.IDNumber == lady.IDNumber {
			t.Fatalf("viewer: %+v %v", shop, err)
		}
	})
	t.Run("the household file has the member's summary", func(t *testing.T) {
		f, err := s.HouseholdFile(staff, hh)
		if err != nil || len(f.Members) != 1 || !strings.Contains(f.Summaries[lady.ID], "一碗汤 1 次") {
			t.Fatalf("household file %+v %v", f, err)
		}
	})
}
