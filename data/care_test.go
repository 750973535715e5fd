package data

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestWithinStandardBoundaryAndMidnight(t *testing.T) {
	at := func(s string) string { return s }
	for _, tc := range []struct {
		left, arrived, outcome string
		want                   bool
	}{
		{"2026-11-27T11:00:00+08:00", "2026-11-27T11:10:00+08:00", OutcomeDelivered, true},
		{"2026-11-27T11:00:00+08:00", "2026-11-27T11:10:01+08:00", OutcomeDelivered, false},
		{"2026-11-27T23:55:00+08:00", "2026-11-28T00:04:00+08:00", OutcomeDelivered, true},
		{"2026-11-27T23:55:00+08:00", "2026-11-28T00:06:00+08:00", OutcomeDelivered, false},
		{"2026-11-27T11:00:00+08:00", "2026-11-27T10:59:00+08:00", OutcomeDelivered, false},
		{"2026-11-27T11:00:00+08:00", "2026-11-27T11:05:00+08:00", OutcomeNotHome, false},
		{"", "2026-11-27T11:05:00+08:00", OutcomeDelivered, false},
	} {
		d := Delivery{LeftAt: at(tc.left), ArrivedAt: tc.arrived, Outcome: tc.outcome}
		if got := WithinStandard(d, 10*time.Minute); got != tc.want {
			t.Errorf("%s → %s %s: %v, want %v", tc.left, tc.arrived, tc.outcome, got, tc.want)
		}
	}
}

func TestSolarTerms(t *testing.T) {
	terms := SolarTerms(2026, time.December)
	if len(terms) != 2 || terms[0].Name != "大雪" || terms[1].Name != "冬至" || terms[1].Day != "2026-12-22" {
		t.Fatalf("December 2026: %+v", terms)
	}
	for _, m := range []time.Month{1, 4, 7, 10} {
		for _, term := range SolarTerms(2026, m) {
			if SoupSuggestions[term.Name] == "" {
				t.Errorf("no soup for %s", term.Name)
			}
		}
	}
}

// careFixture: sample database plus a fresh round next month, as 社工.
func careFixture(t *testing.T) (*Store, context.Context, int64) {
	s := mustSample(t)
	ctx := as(t, s, "staff")
	id, err := s.SaveRound(ctx, SoupRound{Day: "2026-12-21", SolarTerm: "冬至", Soup: "桂花酒酿圆子", CostFen: 36_000})
	if err != nil {
		t.Fatal(err)
	}
	return s, ctx, id
}

func TestGenerateIsIdempotent(t *testing.T) {
	s, ctx, round := careFixture(t)
	n, err := s.GenerateDeliveries(ctx, round)
	if err != nil || n == 0 {
		t.Fatalf("first generation: %d %v", n, err)
	}
	ds, _ := s.Deliveries(ctx, round)
	left := time.Date(2026, 12, 21, 11, 0, 0, 0, time.Local)
	if err := s.RecordDelivery(ctx, ds[0].ID, left, left.Add(8*time.Minute), OutcomeDelivered, ""); err != nil {
		t.Fatal(err)
	}
	// A newcomer is paired after the first generation.
	ps, _ := s.People(ctx, PeopleFilter{})
	var newcomer int64
	rs, _ := s.CareRecipients(ctx)
	cared := map[int64]bool{}
	for _, r := range rs {
		cared[r.PersonID] = true
	}
	for _, p := range ps {
		if !cared[p.ID] {
			if newcomer, err = s.SaveCareRecipient(ctx, CareRecipient{PersonID: p.ID, Living: "独居", Soup: true, Start: "2026-11-01"}); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if newcomer == 0 {
		t.Fatal("no newcomer found")
	}
	vs, _ := s.Volunteers(ctx, VolunteerFilter{})
	if _, err := s.Pair(ctx, vs[0].ID, newcomer, "2026-11-20", ""); err != nil {
		t.Fatal(err)
	}
	again, err := s.GenerateDeliveries(ctx, round)
	if err != nil || again != 1 {
		t.Fatalf("second generation added %d, %v", again, err)
	}
	after, _ := s.Deliveries(ctx, round)
	for _, d := range after {
		if d.ID == ds[0].ID && (d.Outcome != OutcomeDelivered || d.ArrivedAt == "") {
			t.Fatalf("a recorded delivery changed: %+v", d)
		}
	}
	if third, _ := s.GenerateDeliveries(ctx, round); third != 0 {
		t.Fatalf("third generation added %d", third)
	}
	sum := Summarize(after, s.SoupStandard(ctx))
	if sum.Delivered != 1 || sum.WithinStd != 1 || sum.Rate != 100 {
		t.Fatalf("summary %+v", sum)
	}
}

func TestHoursTracedAndReversed(t *testing.T) {
	s, ctx, round := careFixture(t)
	s.GenerateDeliveries(ctx, round)
	ds, _ := s.Deliveries(ctx, round)
	d := ds[0]
	left := time.Date(2026, 12, 21, 11, 0, 0, 0, time.Local)
	s.RecordDelivery(ctx, d.ID, left, left.Add(12*time.Minute), OutcomeDelivered, "")
	hs, _ := s.VolunteerHours(ctx, d.VolunteerID, "2026-12-21", "2026-12-21")
	if len(hs) != 1 || hs[0].Minutes != DefaultDeliveryMinutes || hs[0].Source != SourceDelivery || hs[0].SourceID != d.ID {
		t.Fatalf("hours %+v", hs)
	}
	// Corrected to 不在家: the hours are reversed, not deleted.
	if err := s.RecordDelivery(ctx, d.ID, left, time.Time{}, OutcomeNotHome, ""); err != nil {
		t.Fatal(err)
	}
	hs, _ = s.VolunteerHours(ctx, d.VolunteerID, "2026-12-21", "2026-12-21")
	total := 0
	for _, h := range hs {
		total += h.Minutes
	}
	if len(hs) != 2 || total != 0 || hs[1].Reverses != hs[0].ID {
		t.Fatalf("after correction %+v", hs)
	}
	if err := s.RecordDelivery(ctx, d.ID, left, left.Add(time.Minute), OutcomeOther, ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("其他 without a note: %v", err)
	}
}

func TestServiceRequestFlow(t *testing.T) {
	s, ctx, _ := careFixture(t)
	rs, _ := s.CareRecipients(ctx)
	var paired CareRecipient
	for _, r := range rs {
		if len(r.Volunteers) > 0 {
			paired = r
			break
		}
	}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	id, err := s.CreateRequest(ctx, ServiceRequest{RecipientID: paired.ID, Type: "配药", Channel: "电话", Detail: "降压药",
		RequestedAt: now.Format(time.RFC3339), DueAt: now.Add(4 * time.Hour).Format(time.RFC3339)})
	if err != nil {
		t.Fatal(err)
	}
	sug, err := s.SuggestVolunteers(ctx, id)
	if err != nil || len(sug) == 0 || sug[0].Why != "结对志愿者" {
		t.Fatalf("suggestions %+v %v", sug, err)
	}
	if err := s.CompleteRequest(ctx, id, now, 45, "已送药"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("complete before dispatch: %v", err)
	}
	if err := s.Dispatch(ctx, id, sug[0].VolunteerID); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteRequest(ctx, id, now.Add(2*time.Hour), 45, "已送药"); err != nil {
		t.Fatal(err)
	}
	if err := s.FollowUp(ctx, id, "满意", "老人说药很及时"); err != nil {
		t.Fatal(err)
	}
	reqs, _ := s.Requests(ctx, false)
	for _, r := range reqs {
		if r.ID == id && (r.Stage() != "已回访" || r.Overdue(now.Add(10*time.Hour))) {
			t.Fatalf("request %+v", r)
		}
	}
	if err := s.ReopenRequest(ctx, id); err != nil {
		t.Fatal(err)
	}
	hs, _ := s.VolunteerHours(ctx, sug[0].VolunteerID, "2026-11-27", "2026-11-27")
	sum := 0
	for _, h := range hs {
		if h.Source == SourceService && h.SourceID == id {
			sum += h.Minutes
		}
	}
	if sum != 0 {
		t.Fatalf("reopened request still credits %d minutes", sum)
	}
}

func TestCertificateNumbersUniqueUnderConcurrency(t *testing.T) {
	s := mustSample(t)
	ctx := as(t, s, "staff")
	ps, _ := s.People(ctx, PeopleFilter{Limit: 2})
	var wg sync.WaitGroup
	numbers := make(chan string, 20)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cs, err := s.IssueCertificate(ctx, []Certificate{{Kind: CertVolunteer, PersonID: ps[i%2].ID, From: "2026-01-01", To: "2026-11-30", Minutes: 600}})
			if err != nil {
				t.Error(err)
				return
			}
			numbers <- cs[0].Number
		}(i)
	}
	wg.Wait()
	close(numbers)
	seen := map[string]bool{}
	for n := range numbers {
		if seen[n] {
			t.Fatalf("number %s issued twice", n)
		}
		seen[n] = true
	}
	if len(seen) != 10 {
		t.Fatalf("%d certificates", len(seen))
	}
	cs, _ := s.Certificates(ctx, CertVolunteer)
	if err := s.RevokeCertificate(ctx, cs[0].ID, "信息有误"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("DELETE FROM certificate WHERE id = ?", cs[0].ID); err == nil {
		t.Fatal("a certificate was deleted")
	}
	next, _ := s.IssueCertificate(ctx, []Certificate{{Kind: CertVolunteer, PersonID: ps[0].ID, From: "2026-01-01", To: "2026-11-30"}})
	if seen[next[0].Number] {
		t.Fatal("a number was reused")
	}
}
