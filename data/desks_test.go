package data

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// desksFixture is an office with a workshop order in production, a nearly full class and its
// applicants, on one database that every desk opens.
type desksFixture struct {
	s         *Store
	order     int64
	trainees  []Trainee
	prod      Product
	programme Programme
	children  []Person
	guardian  Person
	round     int64 // a soup round with one recipient per desk, its deliveries not yet generated
}

func newDesksFixture(t *testing.T, desks int) desksFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "南苑社区")
	ws, staff := as(t, s, "workshop"), as(t, s, "staff")
	f := desksFixture{s: s}
	f.trainees = []Trainee{
		mustTrainee(t, s, ws, mustPerson(t, s, admin, c, "钱小红", Female, 30, "残疾"), ""),
		mustTrainee(t, s, ws, mustPerson(t, s, admin, c, "孙建华", Male, 45, "残疾"), ""),
	}
	f.prod = mustProduct(t, s, ws, Product{Name: "并发宫灯", UnitPriceFen: 10_000, MaterialFen: 2_000})
	o := mustOrder(t, s, ws, Order{CustomerName: "王经理", Due: "2026-12-20", RetentionBP: 1000, SplitRule: RuleByPieces,
		Lines: []OrderLine{{ProductID: f.prod.ID, Quantity: 1000}}})
	f.order = o.ID
	for i, tr := range f.trainees {
		mustLog(t, s, ws, o.Lines[0].ID, tr.ID, "2026-11-20", int64(10+i), 0)
	}
	f.programme = mustProgramme(t, s, staff, Programme{Name: "并发书法班", Kind: "课程", CommunityID: c.ID, Place: "活动室", Capacity: 3,
		AgeMin: 3, AgeMax: 17, Start: "2026-12-01", End: "2026-12-31", Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90})
	f.guardian = mustPerson(t, s, staff, c, "王丽萍", Female, 38)
	for i := 0; i < desks; i++ {
		f.children = append(f.children, mustPerson(t, s, staff, c, fmt.Sprintf("学生%d", i), Female, 15))
	}
	v := mustVolunteer(t, s, staff, mustPerson(t, s, staff, c, "陈美华", Female, 40), "党员")
	for i := 0; i < desks; i++ {
		mustPair(t, s, staff, v.ID, mustRecipient(t, s, staff, mustPerson(t, s, staff, c, fmt.Sprintf("老人%d", i), Female, 80+i, "独居")))
	}
	round, err := s.SaveRound(staff, SoupRound{Day: "2026-11-21", SolarTerm: "小雪", Soup: "萝卜牛腩汤", CostFen: 36_000})
	if err != nil {
		t.Fatal(err)
	}
	f.round = round
	return f
}

// deskIDs are what a desk's writes name, from the fixture: plain values, so that a desk in
// another process is handed them too.
type deskIDs struct {
	Order, Product, Programme, Guardian, Round int64
	Trainees, Children                         []int64
}

func (f desksFixture) ids() deskIDs {
	ids := deskIDs{Order: f.order, Product: f.prod.ID, Programme: f.programme.ID, Guardian: f.guardian.ID, Round: f.round}
	for _, tr := range f.trainees {
		ids.Trainees = append(ids.Trainees, tr.ID)
	}
	for _, c := range f.children {
		ids.Children = append(ids.Children, c.ID)
	}
	return ids
}

// deskWork is desk i's share of the writes: three orders, two payments, a payout larger than a
// fair share (some are refused), an enrolment, the round's deliveries and a certificate. The
// numbers it is given go to numbers, what fails to errs.
func deskWork(d *Store, ws, staff context.Context, ids deskIDs, i int, numbers chan<- string, errs chan<- error) {
	for k := 0; k < 3; k++ {
		id, err := d.CreateOrder(ws, Order{CustomerName: fmt.Sprintf("客户%d-%d", i, k), Due: "2026-12-20", RetentionBP: 500,
			SplitRule: RuleEqual, Lines: []OrderLine{{ProductID: ids.Product, Quantity: 2}}})
		if err != nil {
			errs <- fmt.Errorf("desk %d order: %w", i, err)
			continue
		}
		o, err := d.Order(ws, id)
		if err != nil {
			errs <- err
			continue
		}
		numbers <- o.Number
	}
	for k := 0; k < 2; k++ {
		if _, err := d.RecordPayment(ws, ids.Order, "2026-11-25", 10_000, "转账", ""); err != nil {
			errs <- fmt.Errorf("desk %d payment: %w", i, err)
		}
	}
	// Each desk tries to pay the first trainee more than a fair share: some are refused.
	_ = d.RecordPayout(ws, ids.Trainees[0], "2026-11", "2026-11-27", 4_000, "现金", "")
	if _, err := d.Enroll(staff, ids.Programme, ids.Children[i], ids.Guardian, Consent{}); err != nil {
		errs <- fmt.Errorf("desk %d enrol: %w", i, err)
	}
	if err := deliver(d, staff, ids.Round, i); err != nil {
		errs <- err
	}
	cs, err := d.IssueCertificate(staff, []Certificate{{Kind: CertVolunteer, PersonID: ids.Guardian, From: "2026-01-01",
		To: "2026-11-30", Minutes: 60}})
	if err != nil {
		errs <- fmt.Errorf("desk %d certificate: %w", i, err)
		return
	}
	numbers <- cs[0].Number
}

// deliver generates the round's deliveries (every desk does, at once: none may be added twice)
// and records the desk's own one as delivered.
func deliver(d *Store, staff context.Context, round int64, desk int) error {
	if _, err := d.GenerateDeliveries(staff, round); err != nil {
		return fmt.Errorf("desk %d deliveries: %w", desk, err)
	}
	ds, err := d.Deliveries(staff, round)
	if err != nil {
		return err
	}
	for _, x := range ds {
		if x.Recipient == fmt.Sprintf("老人%d", desk) {
			left := time.Date(2026, 11, 21, 11, 0, 0, 0, fixedNow.Location())
			return d.RecordDelivery(staff, x.ID, left, left.Add(time.Duration(5+desk)*time.Minute), OutcomeDelivered, "")
		}
	}
	return fmt.Errorf("desk %d: no delivery for 老人%d among %d", desk, desk, len(ds))
}

// openDesk opens the fixture's database again, as another desk (its own connections).
func openDesk(t *testing.T, s *Store) *Store {
	t.Helper()
	d, err := Open(context.Background(), s.source())
	if err != nil {
		t.Fatal(err)
	}
	d.SetClock(func() time.Time { return fixedNow })
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Error(err)
		}
	})
	return d
}

// TestConcurrencyOfEightDesks: eight desks, each on its own connections, take orders, record
// payments and payouts, enrol children into a class with fewer places than applicants, generate
// and record a soup round's deliveries and issue certificates at the same time. No number is
// issued twice, every split adds up, nobody is paid more than they earned, the class is not over
// its capacity, no delivery is made twice or credited twice, and check finds nothing.
func TestConcurrencyOfEightDesks(t *testing.T) {
	const desks = 8
	f := newDesksFixture(t, desks)
	type deskCtx struct {
		d          *Store
		ws, staffC context.Context
	}
	ds := make([]deskCtx, desks)
	for i := range ds {
		d := openDesk(t, f.s)
		ds[i] = deskCtx{d: d, ws: as(t, d, "workshop"), staffC: as(t, d, "staff")}
	}
	numbers := make(chan string, desks*8)
	errs := make(chan error, desks*8)
	var wg sync.WaitGroup
	for i, dc := range ds {
		wg.Add(1)
		go func(i int, d *Store, ws, staff context.Context) {
			defer wg.Done()
			deskWork(d, ws, staff, f.ids(), i, numbers, errs)
		}(i, dc.d, dc.ws, dc.staffC)
	}
	wg.Wait()
	close(numbers)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var got []string
	for n := range numbers {
		got = append(got, n)
	}
	f.verify(t, desks, got)
}

// verify checks what the desks' writes left: no number issued twice, no payout over earnings,
// every payment split to the fen, the class within its capacity, every delivery once and credited
// once, and check finds nothing.
func (f desksFixture) verify(t *testing.T, desks int, numbers []string) {
	t.Run("no number is issued twice", func(t *testing.T) {
		seen := map[string]bool{}
		for _, n := range numbers {
			if seen[n] {
				t.Fatalf("number %s issued twice", n)
			}
			seen[n] = true
		}
		if len(seen) != desks*4 {
			t.Fatalf("%d numbers, want %d", len(seen), desks*4)
		}
	})
	ws := as(t, f.s, "workshop")
	t.Run("no payout over earnings", func(t *testing.T) {
		for _, tr := range f.trainees {
			earned, paid, err := traineeBalance(context.Background(), f.s.db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			if paid > earned {
				t.Fatalf("%s paid %d of %d earned", tr.Number, paid, earned)
			}
		}
	})
	t.Run("every payment is split to the fen", func(t *testing.T) {
		ps, err := f.s.Payments(ws, f.order)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != desks*2 {
			t.Fatalf("%d payments, want %d", len(ps), desks*2)
		}
		var bad int
		if err := queryRow(context.Background(), f.s.db, `SELECT count(*) FROM payment p JOIN split s ON s.payment_id = p.id
			WHERE s.materials_fen + s.retention_fen + s.trainees_fen <> p.amount_fen
			OR s.trainees_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM split_line WHERE split_id = s.id)`).Scan(&bad); err != nil {
			t.Fatal(err)
		}
		var unsplit int
		if err := queryRow(context.Background(), f.s.db, `SELECT count(*) FROM payment p WHERE NOT EXISTS
			(SELECT 1 FROM split s WHERE s.payment_id = p.id)`).Scan(&unsplit); err != nil {
			t.Fatal(err)
		}
		if bad > 0 || unsplit > 0 {
			t.Fatalf("%d splits do not add up to their payment, %d payments have no split", bad, unsplit)
		}
	})
	t.Run("the class is not over its capacity", func(t *testing.T) {
		es, err := f.s.Enrollments(as(t, f.s, "staff"), f.programme.ID)
		if err != nil {
			t.Fatal(err)
		}
		active, waiting := 0, 0
		for _, e := range es {
			switch e.Status {
			case EnrolActive:
				active++
			case EnrolWaiting:
				waiting++
			}
		}
		if active != f.programme.Capacity || active+waiting != desks {
			t.Fatalf("%d enrolled and %d waiting in a class of %d", active, waiting, f.programme.Capacity)
		}
	})
	t.Run("every delivery once, delivered and credited once", func(t *testing.T) {
		ds, err := f.s.Deliveries(as(t, f.s, "staff"), f.round)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != desks {
			t.Fatalf("%d deliveries for %d recipients", len(ds), desks)
		}
		for _, d := range ds {
			var credits, minutes int
			if err := queryRow(context.Background(), f.s.db, `SELECT count(*), coalesce(sum(minutes), 0) FROM volunteer_minutes
				WHERE source = ? AND source_id = ?`, SourceDelivery, d.ID).Scan(&credits, &minutes); err != nil {
				t.Fatal(err)
			}
			if d.Outcome != OutcomeDelivered || credits != 1 || minutes <= 0 {
				t.Fatalf("delivery %d to %s: %q, credited %d times (%d minutes)", d.ID, d.Recipient, d.Outcome, credits, minutes)
			}
		}
	})
	t.Run("check is ok", func(t *testing.T) { mustCheck(t, f.s) })
}
