package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// The crash test's world: what the parent sets up before the first child starts, so that the
// child has every kind of write to make.
const crashCapacity = 3 // the class the child enrols into has three seats

// crashWorld sets up, beside mustOffice's accounts, two communities, two trainees and a product,
// a guardian and a class of three seats, and three soup recipients paired with a volunteer.
func crashWorld(t testing.TB, s *Store, admin context.Context) {
	t.Helper()
	c := mustCommunity(t, s, admin, "东山社区")
	mustCommunity(t, s, admin, "西山社区")
	shop, staff := as(t, s, "workshop"), as(t, s, "staff")
	mustTrainee(t, s, shop, mustPerson(t, s, admin, c, "钱小红", Female, 30, "残疾"), "小可爱")
	mustTrainee(t, s, shop, mustPerson(t, s, admin, c, "孙建华", Male, 45, "残疾"), "")
	mustProduct(t, s, shop, Product{Name: "测试宫灯", Spec: "60cm", UnitPriceFen: 33_333, MaterialFen: 11_111})
	mustProgramme(t, s, staff, Programme{Name: "公益吉他班", Kind: "课程", CommunityID: c.ID, Place: "活动室", Capacity: crashCapacity,
		AgeMin: 3, AgeMax: 17, Start: "2026-12-01", End: "2026-12-31", Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90})
	mustPerson(t, s, staff, c, "家长王丽萍", Female, 38) // every teenager's guardian
	v := mustVolunteer(t, s, staff, mustPerson(t, s, staff, c, "陈美华", Female, 40), "党员")
	for i := 0; i < 3; i++ {
		mustPair(t, s, staff, v.ID, mustRecipient(t, s, staff, mustPerson(t, s, staff, c, fmt.Sprintf("老人%d", i), Female, 80+i, "独居")))
	}
}

// crashWriter is the child's side: one write of some kind per call, each reported after it
// returned as "committed TABLE ID" (and "number TABLE ID NUMBER" for numbered rows).
type crashWriter struct {
	s                   *Store
	path                string
	admin, staff, shop  context.Context
	rng                 *rand.Rand
	report              func(string)
	communities         []Community
	trainees            []Trainee
	product             Product
	programme, guardian int64
	round               int64
	roundMonth          time.Time
	lastBackup, restore string
}

func (w *crashWriter) fail(err error) {
	fmt.Println("error", err)
	os.Exit(3)
}

// signIn (re)opens the store and signs the three accounts in: after a restore everyone must.
func (w *crashWriter) signIn() {
	ctx := context.Background()
	s, err := Open(ctx, w.path)
	if err != nil {
		w.fail(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	w.s = s
	for _, u := range []struct {
		name string
		ctx  *context.Context
	}{{"admin", &w.admin}, {"staff", &w.staff}, {"workshop", &w.shop}} {
		a, err := s.Login(ctx, u.name, testPassword)
		if err != nil {
			w.fail(err)
		}
		*u.ctx = WithActor(ctx, a)
	}
}

// load finds the world crashWorld set up.
func (w *crashWriter) load() {
	var err error
	if w.communities, err = w.s.Communities(w.staff); err != nil {
		w.fail(err)
	}
	if w.trainees, err = w.s.Trainees(w.shop, true); err != nil {
		w.fail(err)
	}
	ps, err := w.s.Products(w.shop)
	if err != nil || len(ps) == 0 {
		w.fail(fmt.Errorf("products: %v %v", ps, err))
	}
	w.product = ps[0]
	p, err := w.s.ProgrammeByName(w.staff, "公益吉他班")
	if err != nil {
		w.fail(err)
	}
	w.programme = p.ID
	people, err := w.s.People(w.staff, PeopleFilter{Query: "家长王丽萍"})
	if err != nil || len(people) != 1 {
		w.fail(fmt.Errorf("guardian: %v %v", people, err))
	}
	w.guardian = people[0].ID
	w.roundMonth = time.Date(2025, 1, 6, 0, 0, 0, 0, fixedNow.Location()) // the pairings start on 2025-01-01
	rs, err := w.s.Rounds(w.staff)
	if err != nil {
		w.fail(err)
	}
	if len(rs) > 0 { // the newest round: the next one is a month later
		d, err := time.ParseInLocation("2006-01-02", rs[0].Day, fixedNow.Location())
		if err != nil {
			w.fail(err)
		}
		w.round, w.roundMonth = rs[0].ID, d.AddDate(0, 1, 0)
	}
}

// step makes the i-th write.
func (w *crashWriter) step(i int) {
	switch {
	case i%29 == 28:
		w.restoreJustBacked()
	case i%13 == 12:
		w.backup(i)
	default:
		[]func(){w.person, w.people, w.order, w.payment, w.payout, w.enrol, w.soupRound, w.delivery}[i%8]()
	}
}

func (w *crashWriter) person() {
	c := w.communities[w.rng.IntN(len(w.communities))]
	id, err := w.s.SavePerson(w.staff, Person{Name: fmt.Sprintf("崩溃测试%d", w.rng.IntN(1_000_000)), CommunityID: c.ID, GridID: c.Grids[0].ID,
		Tags: []string{"独居", "高龄"}, Phone: "13800000000"})
	if err != nil {
		w.fail(err)
	}
	w.report(fmt.Sprintf("committed person %d", id))
}

func (w *crashWriter) people() {
	batch := make([]Person, 20)
	for k := range batch {
		batch[k] = Person{Name: fmt.Sprintf("批量%d-%d", w.rng.IntN(1_000_000), k), CommunityID: w.communities[k%len(w.communities)].ID, Tags: []string{"独居"}}
	}
	ids, err := w.s.AddPeople(w.staff, batch, nil)
	if err != nil {
		w.fail(err)
	}
	for _, id := range ids {
		w.report(fmt.Sprintf("committed person %d", id))
	}
}

// order takes an order of a few lanterns and logs the trainees' production of all of it.
func (w *crashWriter) order() {
	qty := int64(2 + w.rng.IntN(5))
	id, err := w.s.CreateOrder(w.shop, Order{CustomerName: "崩溃测试客户", CustomerPhone: "13800001111", Due: "2026-12-20",
		RetentionBP: 1500, SplitRule: RuleByPieces, Lines: []OrderLine{{ProductID: w.product.ID, Quantity: qty}}})
	if err != nil {
		w.fail(err)
	}
	o, err := w.s.Order(w.shop, id)
	if err != nil {
		w.fail(err)
	}
	w.report(fmt.Sprintf("committed work_order %d", id))
	w.report(fmt.Sprintf("number work_order %d %s", id, o.Number))
	for k, t := range w.trainees {
		n := qty / 2
		if k == 0 {
			n = qty - qty/2
		}
		if _, err := w.s.LogProduction(w.shop, o.Lines[0].ID, t.ID, "2026-11-26", n, n*60, false); err != nil {
			w.fail(err)
		}
	}
}

// payment receives part of an order's balance, split at once among the trainees who made it.
func (w *crashWriter) payment() {
	orders, err := w.s.Orders(w.shop, "")
	if err != nil {
		w.fail(err)
	}
	for _, o := range orders {
		if left := o.TotalFen - o.PaidFen; left > 0 && o.Status != StatusCancelled {
			amount := min(left, int64(1+w.rng.IntN(100_000)))
			p, err := w.s.RecordPayment(w.shop, o.ID, "2026-11-27", amount, "转账", "崩溃测试")
			if err != nil {
				w.fail(err)
			}
			w.report(fmt.Sprintf("committed payment %d", p.ID))
			return
		}
	}
	w.order()
}

// payout pays a trainee part of the balance, or reverses the trainee's latest payout.
func (w *crashWriter) payout() {
	es, err := w.s.Earnings(w.shop, "2026-11")
	if err != nil {
		w.fail(err)
	}
	e := es[w.rng.IntN(len(es))]
	if ps, err := w.s.Payouts(w.shop, e.Trainee.ID); err != nil {
		w.fail(err)
	} else if last := len(ps) - 1; last >= 0 && w.rng.IntN(3) == 0 && ps[last].AmountFen > 0 && ps[last].ReversedBy == 0 {
		if err := w.s.ReversePayout(w.shop, ps[last].ID, "崩溃测试冲销"); err != nil {
			w.fail(err)
		}
		w.report(fmt.Sprintf("reversed payout %d", ps[last].ID))
		return
	}
	if e.Owed <= 0 {
		w.payment()
		return
	}
	if err := w.s.RecordPayout(w.shop, e.Trainee.ID, "2026-11", "2026-11-27", min(e.Owed, int64(1+w.rng.IntN(20_000))), "转账", ""); err != nil {
		w.fail(err)
	}
	ps, err := w.s.Payouts(w.shop, e.Trainee.ID)
	if err != nil || len(ps) == 0 {
		w.fail(fmt.Errorf("payout not listed: %v", err))
	}
	w.report(fmt.Sprintf("committed payout %d", ps[len(ps)-1].ID))
}

// enrol enrols a new teenager into the nearly full class (waiting once it is full), or
// withdraws one (which promotes the first on the waiting list).
func (w *crashWriter) enrol() {
	es, err := w.s.Enrollments(w.staff, w.programme)
	if err != nil {
		w.fail(err)
	}
	var in []Enrollment
	for _, e := range es {
		if e.Status == EnrolActive || e.Status == EnrolWaiting {
			in = append(in, e)
		}
	}
	if len(in) > 0 && w.rng.IntN(2) == 0 {
		e := in[w.rng.IntN(len(in))]
		if _, err := w.s.Withdraw(w.staff, e.ID); err != nil {
			w.fail(err)
		}
		w.report(fmt.Sprintf("withdrew enrollment %d", e.ID))
		return
	}
	child, err := w.s.SavePerson(w.staff, Person{Name: fmt.Sprintf("少年%d", w.rng.IntN(1_000_000)), Sex: Female,
		BirthDate: "2011-06-01", CommunityID: w.communities[0].ID})
	if err != nil {
		w.fail(err)
	}
	e, err := w.s.Enroll(w.staff, w.programme, child, w.guardian, Consent{})
	if err != nil {
		w.fail(err)
	}
	w.report(fmt.Sprintf("committed enrollment %d", e.ID))
}

// soupRound plans the next month's round and generates its deliveries; once the rounds reach
// this month, it records a delivery instead.
func (w *crashWriter) soupRound() {
	if w.roundMonth.After(fixedNow) {
		w.delivery()
		return
	}
	id, err := w.s.SaveRound(w.staff, SoupRound{Day: w.roundMonth.Format("2006-01-02"), SolarTerm: "小寒", Soup: "桂花酒酿圆子", CostFen: 36_000})
	if err != nil {
		w.fail(err)
	}
	w.report(fmt.Sprintf("committed soup_round %d", id))
	if _, err := w.s.GenerateDeliveries(w.staff, id); err != nil {
		w.fail(err)
	}
	w.report(fmt.Sprintf("generated soup_round %d", id))
	w.round, w.roundMonth = id, w.roundMonth.AddDate(0, 1, 0)
}

// delivery records a delivery of the newest round as delivered, or takes that back (which
// reverses the volunteer's minutes).
func (w *crashWriter) delivery() {
	if w.round == 0 {
		w.soupRound()
		return
	}
	ds, err := w.s.Deliveries(w.staff, w.round)
	if err != nil {
		w.fail(err)
	}
	if len(ds) == 0 {
		if _, err := w.s.GenerateDeliveries(w.staff, w.round); err != nil {
			w.fail(err)
		}
		return
	}
	d := ds[w.rng.IntN(len(ds))]
	left := w.roundMonth.AddDate(0, -1, 0).Add(11 * time.Hour) // the newest round's day
	if d.Outcome == OutcomeDelivered {
		err = w.s.RecordDelivery(w.staff, d.ID, left, time.Time{}, OutcomeNotHome, "")
	} else {
		err = w.s.RecordDelivery(w.staff, d.ID, left, left.Add(8*time.Minute), OutcomeDelivered, "")
	}
	if err != nil {
		w.fail(err)
	}
	w.report(fmt.Sprintf("recorded delivery %d", d.ID))
}

func (w *crashWriter) backup(i int) {
	dest := fmt.Sprintf("%s.crash-backup-%d-%d", w.path, os.Getpid(), i)
	if err := w.s.Backup(w.admin, dest); err != nil {
		w.fail(err)
	}
	w.report("backup " + dest)
}

// restoreJustBacked backs up and at once restores that backup: nothing is lost, so every commit
// reported before stays, and a kill at any moment of it must leave a sound database.
func (w *crashWriter) restoreJustBacked() {
	dest := fmt.Sprintf("%s.crash-restore-%d", w.path, os.Getpid())
	if err := w.s.Backup(w.admin, dest); err != nil {
		w.fail(err)
	}
	b, err := w.s.OpenBackup(w.admin, dest, "")
	if err != nil {
		w.fail(err)
	}
	res, err := w.s.Restore(w.admin, b)
	b.Close()
	if err != nil {
		w.fail(err)
	}
	for _, f := range []string{dest, res.Kept} {
		if f != "" {
			removeDB(f)
		}
	}
	w.signIn()
	w.report("restored")
}

// crashSeen is what the children reported committed, over every round.
type crashSeen struct {
	committed map[string][]int64 // table -> IDs
	numbers   map[string]int64   // order number -> the order it was issued to
	reversed  []int64            // payouts reported reversed
	withdrawn []int64            // enrolments reported withdrawn
	generated []int64            // soup rounds whose deliveries were reported generated
}

// take records one line the child printed; it reports whether the line was a commit.
func (c *crashSeen) take(t *testing.T, line string) bool {
	t.Helper()
	var what, table, number string
	var id int64
	if n, err := fmt.Sscanf(line, "number %s %d %s", &table, &id, &number); err == nil && n == 3 { // other lines are not numbers
		if was, ok := c.numbers[number]; ok && was != id {
			t.Fatalf("order number %s issued to order %d and again to %d", number, was, id)
		}
		c.numbers[number] = id
		return false
	}
	if _, err := fmt.Sscanf(line, "%s %s %d", &what, &table, &id); err != nil {
		if line == "restored" {
			return false
		}
		t.Fatalf("child printed %q", line)
	}
	switch what {
	case "committed":
		c.committed[table] = append(c.committed[table], id)
		return true
	case "reversed":
		c.reversed = append(c.reversed, id)
	case "withdrew":
		c.withdrawn = append(c.withdrawn, id)
	case "generated":
		c.generated = append(c.generated, id)
	case "recorded":
	default:
		t.Fatalf("child printed %q", line)
	}
	return false
}

// crashInvariants checks, after a kill, that the database is sound (check: every split sums to
// its payment, no payout over earnings, reversals whole), that every reported write is wholly
// there, that every multi-row write is wholly there or wholly absent, that the class is not
// over capacity and that no number was issued twice.
func crashInvariants(t *testing.T, round int, r *Store, seen *crashSeen) {
	t.Helper()
	if p, err := r.Check(context.Background()); err != nil || len(p) != 0 {
		t.Fatalf("round %d: check: %v %v", round, p, err)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := r.db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatalf("round %d: %s: %v", round, q, err)
		}
		return n
	}
	for table, ids := range seen.committed {
		for _, id := range ids {
			if count("SELECT count(*) FROM "+table+" WHERE id = ?", id) != 1 {
				t.Fatalf("round %d: committed %s %d is missing", round, table, id)
			}
		}
	}
	for number, id := range seen.numbers {
		if count("SELECT count(*) FROM work_order WHERE id = ? AND number = ?", id, number) != 1 {
			t.Fatalf("round %d: order %d no longer has number %s", round, id, number)
		}
	}
	for _, id := range seen.reversed {
		if count("SELECT count(*) FROM payout WHERE reverses = ?", id) != 1 {
			t.Fatalf("round %d: payout %d reported reversed has no reversal", round, id)
		}
	}
	for _, id := range seen.withdrawn {
		if count("SELECT count(*) FROM enrollment WHERE id = ? AND status = ?", id, EnrolLeft) != 1 {
			t.Fatalf("round %d: enrolment %d reported withdrawn is not", round, id)
		}
	}
	for _, id := range seen.generated {
		if count("SELECT count(*) FROM delivery WHERE round_id = ?", id) != 3 {
			t.Fatalf("round %d: soup round %d reported generated lacks deliveries", round, id)
		}
	}
	checks := []struct{ what, q string }{
		{"numbers issued twice", "SELECT count(*) FROM (SELECT number FROM work_order GROUP BY number HAVING count(*) > 1)"},
		{"payments with no split although their order has production", `SELECT count(*) FROM payment p WHERE p.reverses IS NULL
			AND (SELECT count(*) FROM split WHERE payment_id = p.id) <> 1
			AND EXISTS (SELECT 1 FROM production pr JOIN order_line l ON l.id = pr.order_line_id WHERE l.order_id = p.order_id)`},
		{"classes over capacity", `SELECT count(*) FROM programme g WHERE
			(SELECT count(*) FROM enrollment WHERE programme_id = g.id AND status = '在读') > g.capacity`},
		{"classes with a free seat and a waiting list (a promotion half done)", `SELECT count(*) FROM programme g WHERE
			(SELECT count(*) FROM enrollment WHERE programme_id = g.id AND status = '在读') < g.capacity
			AND EXISTS (SELECT 1 FROM enrollment WHERE programme_id = g.id AND status = '候补')`},
		{"soup rounds with part of their deliveries", `SELECT count(*) FROM soup_round r WHERE
			(SELECT count(*) FROM delivery WHERE round_id = r.id) NOT IN (0, 3)`},
		{"deliveries whose volunteer minutes do not match 送达", `SELECT count(*) FROM delivery d WHERE
			(d.outcome = '送达') <> (coalesce((SELECT sum(minutes) FROM volunteer_minutes WHERE source = ? AND source_id = d.id), 0) > 0)`},
	}
	for _, c := range checks {
		var args []any
		if strings.Contains(c.q, "?") {
			args = append(args, SourceDelivery)
		}
		if n := count(c.q, args...); n != 0 {
			t.Fatalf("round %d: %d %s", round, n, c.what)
		}
	}
}
