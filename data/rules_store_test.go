package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// The save methods apply the rules on the types: what Validate refuses is refused with nothing
// written, and what Normalize writes is what is stored.

func rulesStore(t *testing.T) (*Store, int64) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "rules.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	s.SetClock(func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)) })
	community, err := s.AddCommunity(ctx, "南苑社区")
	if err != nil {
		t.Fatal(err)
	}
	return s, community
}

func TestSaveMethodsRefuseWhatTheRulesRefuse(t *testing.T) {
	ctx := context.Background()
	s, community := rulesStore(t)
	cases := []struct {
		name  string
		table string
		save  func() error
	}{
		{"programme without a name", "programme", func() error {
			_, err := s.SaveProgramme(ctx, Programme{Kind: "课程", CommunityID: community, Capacity: 10, AgeMax: 12, Start: "2026-03-01", End: "2026-06-30"})
			return err
		}},
		{"product without a price", "product", func() error {
			_, err := s.SaveProduct(ctx, Product{Name: "荷花灯"})
			return err
		}},
		{"order without lines", "work_order", func() error {
			_, err := s.CreateOrder(ctx, Order{CustomerName: "城东小学", Due: "2026-05-01"})
			return err
		}},
		{"round without soup", "soup_round", func() error {
			_, err := s.SaveRound(ctx, SoupRound{Day: "2026-03-20"})
			return err
		}},
		{"request due before it was made", "service_request", func() error {
			_, err := s.CreateRequest(ctx, ServiceRequest{RecipientID: 1, Type: "买菜", Channel: "电话",
				RequestedAt: "2026-03-10T09:00:00+08:00", DueAt: "2026-03-09T09:00:00+08:00"})
			return err
		}},
		{"trainee without a person", "trainee", func() error {
			_, err := s.SaveTrainee(ctx, Trainee{})
			return err
		}},
		{"lesson nobody attended", "training_session", func() error {
			_, err := s.RecordTraining(ctx, TrainingSession{Day: "2026-03-09", Topic: "扎骨架", Minutes: 60})
			return err
		}},
		{"payout for no month", "payout", func() error {
			return s.RecordPayout(ctx, 1, "三月", "2026-03-10", 100, "现金", "")
		}},
		{"care profile of an unknown living", "care_recipient", func() error {
			_, err := s.SaveCareRecipient(ctx, CareRecipient{PersonID: 1, Living: "合租"})
			return err
		}},
		{"pairing without a recipient", "pairing", func() error {
			_, err := s.Pair(ctx, 1, 0, "2026-03-01", "")
			return err
		}},
		{"visit without volunteers", "care_visit", func() error {
			_, err := s.RecordVisit(ctx, Visit{ChildID: 1, Day: "2026-02-17"})
			return err
		}},
		{"volunteer without a person", "volunteer", func() error {
			_, err := s.SaveVolunteer(ctx, Volunteer{})
			return err
		}},
		{"grid without a name", "grid", func() error {
			_, err := s.AddGrid(ctx, community, " ")
			return err
		}},
		{"account with a one-letter name", "app_user", func() error {
			_, err := s.CreateUser(ctx, "w", "王", RoleStaff, "a-long-enough-password")
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.save(); !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want invalid input", err)
			}
			n, err := queryOne(ctx, s.db, scanValue[int], "SELECT count(*) FROM "+tc.table)
			if err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d rows written to %s", n, tc.table)
			}
		})
	}
}

func TestSaveProgrammeStoresTheNormalizedForm(t *testing.T) {
	ctx := context.Background()
	s, community := rulesStore(t)
	id, err := s.SaveProgramme(ctx, Programme{Name: " 剪纸课 ", Kind: "课程", CommunityID: community, Capacity: 10, AgeMin: 6, AgeMax: 12,
		Start: "2026/3/1", End: "2026年6月30日", SkipDays: []string{"2026.5.1"}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := findProgramme(ctx, s.db, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "剪纸课" || p.Start != "2026-03-01" || p.End != "2026-06-30" || len(p.SkipDays) != 1 || p.SkipDays[0] != "2026-05-01" {
		t.Errorf("stored %+v", p)
	}
	if p.StartTime != DefaultStartTime || p.Minutes != DefaultMinutes || p.ThresholdPct != DefaultThresholdPct {
		t.Errorf("defaults stored as %s, %d min, %d%%", p.StartTime, p.Minutes, p.ThresholdPct)
	}
}

func TestSaveTraineeJoinsTodayWhenNoDayIsGiven(t *testing.T) {
	ctx := context.Background()
	s, community := rulesStore(t)
	person, err := s.SavePerson(ctx, Person{Name: "李小红", CommunityID: community})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveTrainee(ctx, Trainee{PersonID: person}); err != nil {
		t.Fatal(err)
	}
	ts, err := findTrainees(ctx, s.db, traineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || ts[0].Joined != "2026-03-10" || ts[0].SkillLevel != "学徒" || ts[0].Number != "XY-001" {
		t.Errorf("stored %+v", ts)
	}
}
