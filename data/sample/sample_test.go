package sample_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"linli/data"
	"linli/data/sample"
)

// TestLoad checks the sample as a whole: it is sound, rich, and holds nothing the rules forbid.
func TestLoad(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	admin := as(t, s, "admin")
	t.Run("check finds nothing", func(t *testing.T) {
		problems, err := s.Check(context.Background())
		if err != nil || len(problems) > 0 {
			t.Fatalf("check: %v %v", problems, err)
		}
	})
	t.Run("six communities, 240 residents, every tag", func(t *testing.T) {
		h, err := s.HomeStats(admin)
		if err != nil || len(h.ByCommunity) != 6 || h.People != 240 {
			t.Fatalf("home stats = %+v, %v", h, err)
		}
		for _, tag := range []string{"独居", "高龄", "残疾", "低保", "困境儿童"} {
			if n, err := s.CountPeople(admin, data.PeopleFilter{Tag: tag}); err != nil || n == 0 {
				t.Errorf("nobody tagged %s: %v", tag, err)
			}
		}
	})
	t.Run("60 volunteers of every kind", func(t *testing.T) {
		vs := volunteers(t, s, admin)
		kinds := map[string]bool{}
		signedUp := 0 // besides the students the 爱心岗位 timesheets made volunteers
		for _, v := range vs {
			for _, k := range v.Kinds {
				kinds[k] = true
			}
			if v.Notes != "爱心岗位学生" {
				signedUp++
			}
		}
		if signedUp != 60 || len(kinds) != len(data.VolunteerKinds) {
			t.Errorf("%d volunteers of kinds %v", len(vs), kinds)
		}
	})
	t.Run("most children have a guardian", func(t *testing.T) {
		ps, err := s.People(admin, data.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		children, guarded := 0, 0
		for _, p := range ps {
			if a := p.Age(fixedNow); a >= 0 && a < 18 {
				children++
				gs, err := s.Guardians(admin, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(gs) > 0 {
					guarded++
				}
			}
		}
		if children == 0 || guarded < children*8/10 {
			t.Errorf("%d of %d children have a guardian", guarded, children)
		}
	})
	t.Run("the database is marked as the sample", func(t *testing.T) {
		if !s.IsSample(context.Background()) {
			t.Error("sample flag not set")
		}
	})
	t.Run("a second load is refused", func(t *testing.T) {
		if err := sample.Load(context.Background(), s); !errors.Is(err, data.ErrRefused) {
			t.Fatalf("second sample load: %v", err)
		}
	})
}

func volunteers(t *testing.T, s *data.Store, ctx context.Context) []data.Volunteer {
	t.Helper()
	vs, err := s.Volunteers(ctx, data.VolunteerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

// TestSampleHoldsNothingTheRulesForbid: no one is paired with themselves, and a child volunteer
// never serves an elder alone: no pairing, delivery or home service of theirs, and every visit
// they join has an adult volunteer too.
func TestSampleHoldsNothingTheRulesForbid(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	ctx := as(t, s, "admin")
	child := map[int64]bool{}
	adultName := map[string]bool{}
	personOf := map[int64]int64{}
	for _, v := range volunteers(t, s, ctx) {
		personOf[v.ID] = v.PersonID
		if v.Person.Age(fixedNow) < 18 {
			child[v.ID] = true
		} else {
			adultName[v.Person.Name] = true
		}
	}
	if len(child) == 0 {
		t.Fatal("the sample has no child volunteers to check")
	}
	rs, err := s.CareRecipients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recipientPerson := map[int64]int64{}
	for _, r := range rs {
		recipientPerson[r.ID] = r.PersonID
	}
	t.Run("pairings", func(t *testing.T) {
		ps, err := s.Pairings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if personOf[p.VolunteerID] == recipientPerson[p.RecipientID] {
				t.Errorf("%s is paired with themselves", p.Volunteer)
			}
			if child[p.VolunteerID] {
				t.Errorf("child volunteer %s paired alone with %s", p.Volunteer, p.Recipient)
			}
		}
	})
	t.Run("deliveries and services", func(t *testing.T) {
		rounds, err := s.Rounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rounds {
			ds, err := s.Deliveries(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				if child[d.VolunteerID] {
					t.Errorf("child volunteer %s carries soup alone", d.Volunteer)
				}
			}
		}
		reqs, err := s.Requests(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range reqs {
			if child[r.VolunteerID] {
				t.Errorf("child volunteer %s serves %s alone", r.Volunteer, r.Recipient)
			}
		}
	})
	t.Run("visits: 「社会妈妈」 are adults, and sometimes two go together", func(t *testing.T) {
		vs, err := s.Visits(ctx, fixedNow.Year())
		if err != nil {
			t.Fatal(err)
		}
		together := 0
		for _, v := range vs {
			names := strings.Split(v.Names, "、")
			for _, n := range names {
				if !adultName[n] {
					t.Errorf("visit to %s on %s by %s, who is not an adult volunteer", v.Child, v.Day, n)
				}
			}
			if len(names) > 1 {
				together++
			}
		}
		if together == 0 {
			t.Error("no visit by two volunteers together")
		}
	})
}

// TestSampleWorkshop: twenty orders in every status, every payment split to the fen, payouts
// within earnings.
func TestSampleWorkshop(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	ctx := as(t, s, "workshop")
	os, err := s.Orders(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every status", func(t *testing.T) {
		by := map[string]int{}
		for _, o := range os {
			by[o.Status]++
		}
		if len(os) != 20 || len(by) != len(data.OrderStatuses) {
			t.Fatalf("%d orders: %v", len(os), by)
		}
	})
	t.Run("payments split to the fen", func(t *testing.T) {
		n := 0
		for _, o := range os {
			pays, err := s.Payments(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pays {
				if p.Split == nil {
					continue
				}
				n++
				sum := p.Split.Materials + p.Split.Retention
				for _, l := range p.Split.Lines {
					sum += l.Amount
				}
				if sum != p.AmountFen {
					t.Errorf("order %s: parts %d ≠ payment %d", o.Number, sum, p.AmountFen)
				}
			}
		}
		if n < 12 {
			t.Errorf("only %d split payments", n)
		}
	})
	t.Run("payouts", func(t *testing.T) {
		es, err := s.Earnings(ctx, fixedNow.AddDate(0, -1, 0).Format("2006-01"))
		if err != nil {
			t.Fatal(err)
		}
		paid := false
		for _, e := range es {
			if e.Owed < 0 {
				t.Errorf("%s was paid more than earned", e.Trainee.Name)
			}
			paid = paid || e.PaidTotal > 0
		}
		if !paid {
			t.Error("no payouts in the sample")
		}
	})
}

func TestAddPeople(t *testing.T) {
	t.Parallel()
	s := mustSample(t)
	t.Run("on the sample without a sign-in", func(t *testing.T) {
		if err := sample.AddPeople(context.Background(), s, 1000, nil); err != nil {
			t.Fatal(err)
		}
		n, err := s.CountPeople(as(t, s, "viewer"), data.PeopleFilter{})
		if err != nil || n != 1240 {
			t.Fatalf("%d people: %v", n, err)
		}
		problems, err := s.Check(context.Background())
		if err != nil || len(problems) > 0 {
			t.Fatalf("check after synthetic people: %v %v", problems, err)
		}
	})
	t.Run("again gives new ID numbers", func(t *testing.T) {
		if err := sample.AddPeople(context.Background(), s, 10, nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a viewer may not", func(t *testing.T) {
		if err := sample.AddPeople(as(t, s, "viewer"), s, 1, nil); !errors.Is(err, data.ErrForbidden) {
			t.Fatalf("viewer: %v", err)
		}
	})
}

func TestAddPeopleNeedsASignInOnARealDatabase(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	if _, err := s.Setup(context.Background(), data.Office{Name: "城东街道"}, "boss", "主任", "password1"); err != nil {
		t.Fatal(err)
	}
	if err := sample.AddPeople(context.Background(), s, 1, nil); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("no sign-in: %v", err)
	}
}

func TestSampleSetsTheWorkshopIdentity(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	w, err := s.WorkshopIdentity(as(t, s, "viewer"))
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != sample.WorkshopName || w.Community != sample.WorkshopCommunity || w.Craft != sample.WorkshopCraft {
		t.Fatalf("workshop identity %+v", w)
	}
}
