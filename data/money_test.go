package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// orderTotals is what an order's splits gave each party, summed over its payments.
func orderTotals(t *testing.T, s *Store, ctx context.Context, orderID int64) map[string]int64 {
	t.Helper()
	r, err := splitSoFar(ctx, s.db, orderID)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int64{"materials": r.Materials, "retention": r.Retention}
	for _, l := range r.Lines {
		m[l.Number] = l.Amount
	}
	return m
}

// mustPay records a payment.
func mustPay(t *testing.T, s *Store, ctx context.Context, orderID int64, day string, amount int64) Payment {
	t.Helper()
	p, err := s.RecordPayment(ctx, orderID, day, amount, "转账", "")
	if err != nil {
		t.Fatalf("payment of %d: %v", amount, err)
	}
	return p
}

// twoOrders takes two identical orders of 3 lanterns at 100 元 (no materials), 15% retention,
// with the same production: 2 pieces by the first trainee, 1 by the second.
func twoOrders(t *testing.T) (*Store, context.Context, []Trainee, Order, Order) {
	t.Helper()
	s, ctx, ts, _ := workshopFixture(t)
	prod := mustProduct(t, s, ctx, Product{Name: "走马灯", UnitPriceFen: 10_000})
	var os []Order
	for range 2 {
		o := mustOrder(t, s, ctx, Order{CustomerName: "散客", Due: "2026-12-20", RetentionBP: 1500, SplitRule: RuleByPieces,
			Lines: []OrderLine{{ProductID: prod.ID, Quantity: 3}}})
		os = append(os, o)
	}
	return s, ctx, ts, os[0], os[1]
}

func logTwoAndOne(t *testing.T, s *Store, ctx context.Context, ts []Trainee, o Order) {
	t.Helper()
	mustLog(t, s, ctx, o.Lines[0].ID, ts[0].ID, "2026-11-10", 2, 0)
	mustLog(t, s, ctx, o.Lines[0].ID, ts[1].ID, "2026-11-10", 1, 0)
}

// The case: two payments gave the workshop 1 分 less than one payment of the same total.
func TestSplitsDoNotDependOnHowTheCustomerPays(t *testing.T) {
	t.Parallel()
	s, ctx, ts, whole, parts := twoOrders(t)
	logTwoAndOne(t, s, ctx, ts, whole)
	logTwoAndOne(t, s, ctx, ts, parts)
	mustPay(t, s, ctx, whole.ID, "2026-11-20", 30_000)
	mustPay(t, s, ctx, parts.ID, "2026-11-20", 10_001)
	mustPay(t, s, ctx, parts.ID, "2026-11-21", 19_999)
	want, got := orderTotals(t, s, ctx, whole.ID), orderTotals(t, s, ctx, parts.ID)
	if want["retention"] != 4_500 || got["retention"] != want["retention"] || got[ts[0].Number] != want[ts[0].Number] || got[ts[1].Number] != want[ts[1].Number] {
		t.Fatalf("paid in two parts %v, in one %v", got, want)
	}
	mustCheck(t, s)
}

// Held deposits, reversals and payments after them: the order still ends with the split of the whole.
func TestHeldAndReversedPaymentsStillEndWithTheWholeSplit(t *testing.T) {
	t.Parallel()
	s, ctx, ts, whole, parts := twoOrders(t)
	logTwoAndOne(t, s, ctx, ts, whole)
	mustPay(t, s, ctx, whole.ID, "2026-11-20", 30_000)

	if p := mustPay(t, s, ctx, parts.ID, "2026-11-05", 10_001); p.Split != nil {
		t.Fatalf("a deposit before production is held: %+v", p.Split)
	}
	logTwoAndOne(t, s, ctx, ts, parts)
	wrong := mustPay(t, s, ctx, parts.ID, "2026-11-20", 5_003)
	if err := s.ReversePayment(ctx, wrong.ID, "金额记错"); err != nil {
		t.Fatal(err)
	}
	mustPay(t, s, ctx, parts.ID, "2026-11-21", 19_999)
	want, got := orderTotals(t, s, ctx, whole.ID), orderTotals(t, s, ctx, parts.ID)
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s: %d after deposit, reversal and final payment, %d in one payment (%v vs %v)", k, got[k], v, got, want)
		}
	}
	for _, to := range []string{StatusDelivered, StatusSettled} {
		if err := s.SetOrderStatus(ctx, parts.ID, to); err != nil {
			t.Fatal(err)
		}
	}
	mustCheck(t, s)
}

func TestReversalShowsNegativeSharesAndHappensOnce(t *testing.T) {
	t.Parallel()
	s, ctx, ts, o, _ := twoOrders(t)
	logTwoAndOne(t, s, ctx, ts, o)
	p := mustPay(t, s, ctx, o.ID, "2026-11-20", 30_000)
	if err := s.ReversePayment(ctx, p.ID, "客户退货"); err != nil {
		t.Fatal(err)
	}
	pays, err := s.Payments(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pays) != 2 || pays[0].ReversedBy != pays[1].ID || pays[1].Reverses != p.ID {
		t.Fatalf("payments %+v", pays)
	}
	rev := pays[1]
	t.Run("lines are negative", func(t *testing.T) {
		for _, l := range rev.Split.Lines {
			if l.Amount >= 0 || !strings.Contains(rev.Formula, l.Name+" "+Yuan(l.Amount)+"元") || !strings.HasPrefix(Yuan(l.Amount), "-") {
				t.Fatalf("line %+v in %q", l, rev.Formula)
			}
		}
		if !strings.Contains(rev.Formula, "冲销第") || !strings.Contains(rev.Formula, "客户退货") || !strings.Contains(rev.Formula, "收款 -300.00元") {
			t.Fatalf("%s", rev.Formula)
		}
	})
	t.Run("twice is refused with a message", func(t *testing.T) {
		err := s.ReversePayment(ctx, p.ID, "再退一次")
		if !errors.Is(err, ErrConflict) || !strings.Contains(Message(err), "已经冲销过") {
			t.Fatalf("%v", err)
		}
		err = s.ReversePayment(ctx, rev.ID, "冲销冲销")
		if !errors.Is(err, ErrConflict) || !strings.Contains(Message(err), "冲销记录") {
			t.Fatalf("%v", err)
		}
	})
	mustCheck(t, s)
}

// payAll pays a trainee everything owed for the month.
func payAll(t *testing.T, s *Store, ctx context.Context, month string, trainee Trainee) int64 {
	t.Helper()
	for _, e := range earnings(t, s, ctx, month) {
		if e.Trainee.ID == trainee.ID {
			if err := s.RecordPayout(ctx, trainee.ID, month, "2026-11-25", e.Owed, "现金", ""); err != nil {
				t.Fatal(err)
			}
			return e.Owed
		}
	}
	t.Fatalf("no earnings for %s", trainee.Number)
	return 0
}

func earningOf(t *testing.T, s *Store, ctx context.Context, month string, trainee Trainee) Earning {
	t.Helper()
	for _, e := range earnings(t, s, ctx, month) {
		if e.Trainee.ID == trainee.ID {
			return e
		}
	}
	t.Fatalf("no earnings for %s", trainee.Number)
	return Earning{}
}

func TestReversingAPaidOutPaymentRecordsWhatIsOwedBack(t *testing.T) {
	t.Parallel()
	s, ctx, ts, o, next := twoOrders(t)
	logTwoAndOne(t, s, ctx, ts, o)
	p := mustPay(t, s, ctx, o.ID, "2026-11-20", 30_000)
	paid := payAll(t, s, ctx, "2026-11", ts[0])
	if err := s.ReversePayment(ctx, p.ID, "银行退票"); err != nil {
		t.Fatalf("a paid-out payment must be reversible: %v", err)
	}
	e := earningOf(t, s, ctx, "2026-11", ts[0])
	t.Run("the trainee owes it back", func(t *testing.T) {
		if e.Owed != -paid || e.OwedBack != paid {
			t.Fatalf("%+v, paid %d", e, paid)
		}
		var recorded int64
		if err := s.db.QueryRow("SELECT sum(amount_fen) FROM clawback WHERE trainee_id = ?", ts[0].ID).Scan(&recorded); err != nil || recorded != paid {
			t.Fatalf("应退 recorded %d of %d: %v", recorded, paid, err)
		}
		if other := earningOf(t, s, ctx, "2026-11", ts[1]); other.Owed != 0 || other.OwedBack != 0 {
			t.Fatalf("a trainee who was not paid owes nothing: %+v", other)
		}
	})
	t.Run("the slip shows it", func(t *testing.T) {
		slips, err := s.PayoutSlips(ctx, "2026-11")
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range slips {
			if sl.Trainee.ID != ts[0].ID {
				continue
			}
			last := sl.Lines[len(sl.Lines)-1]
			if sl.OwedBack != paid || !last.Reversal || last.Amount >= 0 || last.OwedBack != paid {
				t.Fatalf("slip %+v", sl)
			}
			return
		}
		t.Fatal("no slip for the trainee who owes money back")
	})
	t.Run("no payout while it is owed", func(t *testing.T) {
		err := s.RecordPayout(ctx, ts[0].ID, "2026-11", "2026-11-28", 1, "现金", "")
		if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "应退") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("later earnings are netted", func(t *testing.T) {
		logTwoAndOne(t, s, ctx, ts, next)
		mustPay(t, s, ctx, next.ID, "2026-11-27", 30_000)
		after := earningOf(t, s, ctx, "2026-11", ts[0])
		if paid != 17_000 || after.EarnedTotal != 17_000 || after.Owed != 0 || after.OwedBack != 0 {
			t.Fatalf("%+v", after)
		}
	})
	mustCheck(t, s)
}

func TestReversePayout(t *testing.T) {
	t.Parallel()
	s, ctx, ts, o, _ := twoOrders(t)
	logTwoAndOne(t, s, ctx, ts, o)
	mustPay(t, s, ctx, o.ID, "2026-11-20", 30_000)
	paid := payAll(t, s, ctx, "2026-11", ts[0])
	pos, err := s.Payouts(ctx, ts[0].ID)
	if err != nil || len(pos) != 1 {
		t.Fatalf("%+v %v", pos, err)
	}
	if err := s.ReversePayout(ctx, pos[0].ID, ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a reason is needed: %v", err)
	}
	if err := s.ReversePayout(ctx, pos[0].ID, "转账被退回"); err != nil {
		t.Fatal(err)
	}
	t.Run("the balance returns", func(t *testing.T) {
		if e := earningOf(t, s, ctx, "2026-11", ts[0]); e.Owed != paid || e.PaidTotal != 0 {
			t.Fatalf("%+v", e)
		}
	})
	t.Run("the slip shows the reversal", func(t *testing.T) {
		slips, err := s.PayoutSlips(ctx, "2026-11")
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range slips {
			if sl.Trainee.ID == ts[0].ID {
				if len(sl.Payouts) != 2 || sl.Payouts[1].AmountFen != -paid || sl.Payouts[1].Note != "转账被退回" {
					t.Fatalf("%+v", sl.Payouts)
				}
				return
			}
		}
		t.Fatal("no slip")
	})
	t.Run("once only", func(t *testing.T) {
		pos, err := s.Payouts(ctx, ts[0].ID)
		if err != nil || len(pos) != 2 || pos[0].ReversedBy != pos[1].ID {
			t.Fatalf("%+v %v", pos, err)
		}
		for _, id := range []int64{pos[0].ID, pos[1].ID} {
			if err := s.ReversePayout(ctx, id, "再冲一次"); !errors.Is(err, ErrConflict) {
				t.Fatalf("%v", err)
			}
		}
	})
	t.Run("audited", func(t *testing.T) {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM audit WHERE summary LIKE '%转账被退回%'").Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d audit entries: %v", n, err)
		}
	})
	t.Run("frozen", func(t *testing.T) {
		if _, err := s.db.Exec("UPDATE payout SET amount_fen = 1"); err == nil {
			t.Fatal("a payout must not be editable")
		}
	})
	t.Run("paid again", func(t *testing.T) {
		if err := s.RecordPayout(ctx, ts[0].ID, "2026-11", "2026-11-28", paid, "现金", "重新转账"); err != nil {
			t.Fatal(err)
		}
	})
	mustCheck(t, s)
}

func TestCheckNamesAnOverpaymentWithoutOwedBack(t *testing.T) {
	t.Parallel()
	s, ctx, ts, o, _ := twoOrders(t)
	logTwoAndOne(t, s, ctx, ts, o)
	mustPay(t, s, ctx, o.ID, "2026-11-20", 30_000)
	if _, err := s.db.Exec(`INSERT INTO payout (trainee_id, month, day, amount_fen, username, created_at)
		VALUES (?, '2026-11', '2026-11-25', 99999999, 'x', 'x')`, ts[1].ID); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "没有应退记录") {
		t.Fatalf("%v", problems)
	}
}
