package data

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWithinStandardBoundaryAndMidnight(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// careFixture is an office with three elders, each paired with an adult volunteer and taking
// soup, and next month's round, as 社工.
type careFixture struct {
	s          *Store
	ctx        context.Context
	c          Community
	vols       []Volunteer
	recipients []int64
	round      int64
}

func newCareFixture(t *testing.T) careFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	f := careFixture{s: s, ctx: as(t, s, "staff"), c: mustCommunity(t, s, admin, "竦秀社区")}
	for i, name := range []string{"陈美华", "周海峰"} {
		f.vols = append(f.vols, mustVolunteer(t, s, f.ctx, mustPerson(t, s, f.ctx, f.c, name, []string{Female, Male}[i], 40+i), "党员"))
	}
	for i, name := range []string{"王秀英", "李阿福", "张桂兰"} {
		r := mustRecipient(t, s, f.ctx, mustPerson(t, s, f.ctx, f.c, name, []string{Female, Male, Female}[i], 80+i, "独居"))
		mustPair(t, s, f.ctx, f.vols[i%2].ID, r)
		f.recipients = append(f.recipients, r)
	}
	id, err := s.SaveRound(f.ctx, SoupRound{Day: "2026-12-21", SolarTerm: "冬至", Soup: "桂花酒酿圆子", CostFen: 36_000})
	if err != nil {
		t.Fatal(err)
	}
	f.round = id
	return f
}

// deliveries generates the round's deliveries and lists them.
func (f careFixture) deliveries(t *testing.T) []Delivery {
	t.Helper()
	if _, err := f.s.GenerateDeliveries(f.ctx, f.round); err != nil {
		t.Fatal(err)
	}
	ds, err := f.s.Deliveries(f.ctx, f.round)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		t.Fatal("no deliveries")
	}
	return ds
}

func TestGenerateIsIdempotent(t *testing.T) {
	t.Parallel()
	f := newCareFixture(t)
	s, ctx := f.s, f.ctx
	n, err := s.GenerateDeliveries(ctx, f.round)
	if err != nil || n != 3 {
		t.Fatalf("first generation: %d %v", n, err)
	}
	ds, err := s.Deliveries(ctx, f.round)
	if err != nil {
		t.Fatal(err)
	}
	left := time.Date(2026, 12, 21, 11, 0, 0, 0, time.Local)
	s.SetClock(func() time.Time { return left.Add(8 * time.Hour) }) // recorded that evening
	if err := s.RecordDelivery(ctx, ds[0].ID, left, left.Add(8*time.Minute), OutcomeDelivered, ""); err != nil {
		t.Fatal(err)
	}
	t.Run("a newcomer is added, a recorded delivery kept", func(t *testing.T) {
		newcomer := mustRecipient(t, s, ctx, mustPerson(t, s, ctx, f.c, "新来的", Male, 75))
		if _, err := s.Pair(ctx, f.vols[0].ID, newcomer, "2026-11-20", ""); err != nil {
			t.Fatal(err)
		}
		again, err := s.GenerateDeliveries(ctx, f.round)
		if err != nil || again != 1 {
			t.Fatalf("second generation added %d, %v", again, err)
		}
		after, err := s.Deliveries(ctx, f.round)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range after {
			if d.ID == ds[0].ID && (d.Outcome != OutcomeDelivered || d.ArrivedAt == "") {
				t.Fatalf("a recorded delivery changed: %+v", d)
			}
		}
		sum := Summarize(after, s.SoupStandard(ctx))
		if sum.Delivered != 1 || sum.WithinStd != 1 || sum.Rate != 100 {
			t.Fatalf("summary %+v", sum)
		}
	})
	t.Run("nothing new adds nothing", func(t *testing.T) {
		if third, err := s.GenerateDeliveries(ctx, f.round); err != nil || third != 0 {
			t.Fatalf("third generation added %d, %v", third, err)
		}
	})
}

func TestHoursTracedAndReversed(t *testing.T) {
	t.Parallel()
	f := newCareFixture(t)
	s, ctx := f.s, f.ctx
	d := f.deliveries(t)[0]
	left := time.Date(2026, 12, 21, 11, 0, 0, 0, time.Local)
	s.SetClock(func() time.Time { return left.Add(8 * time.Hour) }) // recorded that evening
	hours := func(t *testing.T) []HoursEntry {
		t.Helper()
		hs, err := s.VolunteerHours(ctx, d.VolunteerID, "2026-12-21", "2026-12-21")
		if err != nil {
			t.Fatal(err)
		}
		return hs
	}
	t.Run("送达 credits the volunteer", func(t *testing.T) {
		if err := s.RecordDelivery(ctx, d.ID, left, left.Add(12*time.Minute), OutcomeDelivered, ""); err != nil {
			t.Fatal(err)
		}
		hs := hours(t)
		if len(hs) != 1 || hs[0].Minutes != DefaultDeliveryMinutes || hs[0].Source != SourceDelivery || hs[0].SourceID != d.ID {
			t.Fatalf("hours %+v", hs)
		}
	})
	t.Run("a correction reverses, not deletes", func(t *testing.T) {
		if err := s.RecordDelivery(ctx, d.ID, left, time.Time{}, OutcomeNotHome, ""); err != nil {
			t.Fatal(err)
		}
		hs := hours(t)
		total := 0
		for _, h := range hs {
			total += h.Minutes
		}
		if len(hs) != 2 || total != 0 || hs[1].Reverses != hs[0].ID {
			t.Fatalf("after correction %+v", hs)
		}
	})
	t.Run("其他 needs a note", func(t *testing.T) {
		if err := s.RecordDelivery(ctx, d.ID, left, left.Add(time.Minute), OutcomeOther, ""); !errors.Is(err, ErrInvalid) {
			t.Fatalf("其他 without a note: %v", err)
		}
	})
}

func TestServiceRequestFlow(t *testing.T) {
	t.Parallel()
	f := newCareFixture(t)
	s, ctx := f.s, f.ctx
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	id, err := s.CreateRequest(ctx, ServiceRequest{RecipientID: f.recipients[0], Type: "配药", Channel: "电话", Detail: "降压药",
		RequestedAt: now.Format(time.RFC3339), DueAt: now.Add(4 * time.Hour).Format(time.RFC3339)})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the paired volunteer is suggested first", func(t *testing.T) {
		sug, err := s.SuggestVolunteers(ctx, id)
		if err != nil || len(sug) == 0 || sug[0].Why != "结对志愿者" || sug[0].VolunteerID != f.vols[0].ID {
			t.Fatalf("suggestions %+v %v", sug, err)
		}
	})
	t.Run("no completion before dispatch", func(t *testing.T) {
		if err := s.CompleteRequest(ctx, id, now, 45, "已送药"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("complete before dispatch: %v", err)
		}
	})
	t.Run("dispatch, complete, follow up", func(t *testing.T) {
		if err := s.Dispatch(ctx, id, f.vols[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteRequest(ctx, id, now.Add(2*time.Hour), 45, "已送药"); err != nil {
			t.Fatal(err)
		}
		if err := s.FollowUp(ctx, id, "满意", "老人说药很及时"); err != nil {
			t.Fatal(err)
		}
		reqs, err := s.Requests(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(reqs) != 1 || reqs[0].Stage() != "已回访" || reqs[0].Overdue(now.Add(10*time.Hour)) {
			t.Fatalf("requests %+v", reqs)
		}
	})
	t.Run("reopening reverses the minutes", func(t *testing.T) {
		if err := s.ReopenRequest(ctx, id); err != nil {
			t.Fatal(err)
		}
		hs, err := s.VolunteerHours(ctx, f.vols[0].ID, "2026-11-27", "2026-11-27")
		if err != nil {
			t.Fatal(err)
		}
		sum, n := 0, 0
		for _, h := range hs {
			if h.Source == SourceService && h.SourceID == id {
				sum, n = sum+h.Minutes, n+1
			}
		}
		if n != 2 || sum != 0 {
			t.Fatalf("reopened request: %d records, %d minutes", n, sum)
		}
	})
}

func TestCertificateNumbersUniqueUnderConcurrency(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	ctx := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "竦秀社区")
	ps := []Person{mustPerson(t, s, ctx, c, "陈美华", Female, 40), mustPerson(t, s, ctx, c, "周海峰", Male, 41)}
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
	cs, err := s.Certificates(ctx, CertVolunteer)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a revoked certificate stays", func(t *testing.T) {
		if err := s.RevokeCertificate(ctx, cs[0].ID, "信息有误"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("DELETE FROM certificate WHERE id = ?", cs[0].ID); err == nil {
			t.Fatal("a certificate was deleted")
		}
	})
	t.Run("numbers are never reused", func(t *testing.T) {
		next, err := s.IssueCertificate(ctx, []Certificate{{Kind: CertVolunteer, PersonID: ps[0].ID, From: "2026-01-01", To: "2026-11-30"}})
		if err != nil {
			t.Fatal(err)
		}
		if seen[next[0].Number] {
			t.Fatal("a number was reused")
		}
	})
}

func TestPairRefusesSelfAndChildVolunteers(t *testing.T) {
	t.Parallel()
	f := newCareFixture(t)
	s, ctx := f.s, f.ctx
	t.Run("a volunteer is not paired with themselves", func(t *testing.T) {
		elder := mustPerson(t, s, ctx, f.c, "邹阿囡", Female, 70, "独居")
		v := mustVolunteer(t, s, ctx, elder, "银立方老干部")
		r := mustRecipient(t, s, ctx, elder)
		if _, err := s.Pair(ctx, v.ID, r, "2026-11-01", ""); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "本人") {
			t.Fatalf("self-pairing: %v", err)
		}
	})
	kid := mustVolunteer(t, s, ctx, mustPerson(t, s, ctx, f.c, "小志愿者", Male, 10), "小小志愿者")
	t.Run("a child volunteer is not paired alone", func(t *testing.T) {
		alone := mustRecipient(t, s, ctx, mustPerson(t, s, ctx, f.c, "孙阿婆", Female, 85, "独居"))
		if _, err := s.Pair(ctx, kid.ID, alone, "2026-11-01", ""); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "18") {
			t.Fatalf("child volunteer paired: %v", err)
		}
	})
	t.Run("a child volunteer joins beside an adult volunteer", func(t *testing.T) {
		if _, err := s.Pair(ctx, kid.ID, f.recipients[0], "2026-11-01", ""); err != nil { // 王秀英 has 陈美华
			t.Fatal(err)
		}
	})
	t.Run("a 小小志愿者 counts as a child whatever the age", func(t *testing.T) {
		grown := mustVolunteer(t, s, ctx, mustPerson(t, s, ctx, f.c, "大个子", Male, 19), "小小志愿者")
		alone := mustRecipient(t, s, ctx, mustPerson(t, s, ctx, f.c, "钱阿公", Male, 88, "独居"))
		c, err := s.CheckPairing(ctx, grown.ID, alone, "2026-11-01")
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Refused) != 1 {
			t.Fatalf("check: %+v", c)
		}
	})
	t.Run("the check warns before saving when the limit is passed", func(t *testing.T) {
		for _, name := range []string{"赵阿婆", "吴阿公"} {
			mustPair(t, s, ctx, f.vols[0].ID, mustRecipient(t, s, ctx, mustPerson(t, s, ctx, f.c, name, Female, 81, "独居")))
		}
		next := mustRecipient(t, s, ctx, mustPerson(t, s, ctx, f.c, "郑阿婆", Female, 83, "独居"))
		c, err := s.CheckPairing(ctx, f.vols[0].ID, next, "2026-11-01")
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Refused) != 0 || len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "超过 3 位") {
			t.Fatalf("check: %+v", c)
		}
	})
	t.Run("the check refuses self-pairing before saving", func(t *testing.T) {
		elder := mustPerson(t, s, ctx, f.c, "邹阿妹", Female, 72, "独居")
		v := mustVolunteer(t, s, ctx, elder, "银立方老干部")
		c, err := s.CheckPairing(ctx, v.ID, mustRecipient(t, s, ctx, elder), "2026-11-01")
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Refused) != 1 || !strings.Contains(c.Refused[0], "本人") {
			t.Fatalf("check: %+v", c)
		}
	})
	t.Run("an adult volunteer is", func(t *testing.T) {
		if _, err := s.Pair(ctx, f.vols[1].ID, f.recipients[0], "2026-11-01", ""); err != nil {
			t.Fatal(err)
		}
	})
}
