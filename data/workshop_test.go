package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// workshopFixture is an office with two trainees (one known as 小可爱) and a product, as the
// workshop manager.
func workshopFixture(t *testing.T) (*Store, context.Context, []Trainee, Product) {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "南苑社区")
	ctx := as(t, s, "workshop")
	ts := []Trainee{
		mustTrainee(t, s, ctx, mustPerson(t, s, admin, c, "钱小红", Female, 30, "残疾"), "小可爱"),
		mustTrainee(t, s, ctx, mustPerson(t, s, admin, c, "孙建华", Male, 45, "残疾"), ""),
	}
	prod := mustProduct(t, s, ctx, Product{Name: "测试宫灯", Spec: "60cm", UnitPriceFen: 33_333, MaterialFen: 11_111})
	return s, ctx, ts, prod
}

// earnings lists the trainees' earnings of a month.
func earnings(t *testing.T, s *Store, ctx context.Context, month string) []Earning {
	t.Helper()
	es, err := s.Earnings(ctx, month)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// mustLog records production.
func mustLog(t *testing.T, s *Store, ctx context.Context, line, trainee int64, day string, pieces, minutes int64) {
	t.Helper()
	if _, err := s.LogProduction(ctx, line, trainee, day, pieces, minutes, false); err != nil {
		t.Fatal(err)
	}
}

func TestOrderOf30LanternsAddsUpToTheFen(t *testing.T) {
	t.Parallel()
	s, ctx, ts, prod := workshopFixture(t)
	o := mustOrder(t, s, ctx, Order{CustomerName: "王经理", CustomerOrg: "海宁市文化馆", CustomerPhone: "13800001111",
		Due: "2026-12-20", RetentionBP: 1500, SplitRule: RuleByPieces, Lines: []OrderLine{{ProductID: prod.ID, Quantity: 30}}})
	oid, line := o.ID, o.Lines[0].ID
	// The steps run in order: each builds on the one before.
	t.Run("prices are frozen on the order", func(t *testing.T) {
		if o.TotalFen != 999_990 || o.MaterialFen != 333_330 || !strings.HasPrefix(o.Number, "GF-2026-") {
			t.Fatalf("order %+v", o)
		}
	})
	t.Run("a deposit before production is held, then split by the first production", func(t *testing.T) {
		pay, err := s.RecordPayment(ctx, oid, "2026-11-20", 300_000, "转账", "定金")
		if err != nil || pay.Split != nil {
			t.Fatalf("deposit: %+v %v", pay, err)
		}
		if n, err := s.LogProduction(ctx, line, ts[0].ID, "2026-11-22", 17, 600, false); err != nil || n != 1 {
			t.Fatalf("first production must split the held deposit: %d %v", n, err)
		}
	})
	t.Run("over-production asks first", func(t *testing.T) {
		if _, err := s.LogProduction(ctx, line, ts[1].ID, "2026-11-23", 14, 480, false); !errors.Is(err, ErrOverProduction) {
			t.Fatalf("31 of 30 pieces: %v", err)
		}
		mustLog(t, s, ctx, line, ts[1].ID, "2026-11-23", 13, 480)
	})
	t.Run("the balance, not a fen more", func(t *testing.T) {
		pv, err := s.PreviewPayment(ctx, oid, 699_990)
		if err != nil || pv.Held || pv.Formula == "" {
			t.Fatalf("preview %+v %v", pv, err)
		}
		if _, err := s.RecordPayment(ctx, oid, "2026-11-27", 699_991, "转账", "多收一分"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("overpayment: %v", err)
		}
		final, err := s.RecordPayment(ctx, oid, "2026-11-27", 699_990, "转账", "尾款")
		if err != nil || final.Split == nil {
			t.Fatalf("final payment: %+v %v", final, err)
		}
	})
	t.Run("every split adds up to its payment", func(t *testing.T) {
		pays, err := s.Payments(ctx, oid)
		if err != nil {
			t.Fatal(err)
		}
		var materials, total int64
		for _, p := range pays {
			sum := p.Split.Materials + p.Split.Retention
			for _, l := range p.Split.Lines {
				sum += l.Amount
			}
			if sum != p.AmountFen {
				t.Fatalf("payment %d: parts %d ≠ %d", p.ID, sum, p.AmountFen)
			}
			materials += p.Split.Materials
			total += p.AmountFen
		}
		if materials != o.MaterialFen || total != o.TotalFen {
			t.Fatalf("materials %d of %d, paid %d of %d", materials, o.MaterialFen, total, o.TotalFen)
		}
	})
	t.Run("delivered and settled", func(t *testing.T) {
		for _, to := range []string{StatusDelivered, StatusSettled} {
			if err := s.SetOrderStatus(ctx, oid, to); err != nil {
				t.Fatalf("→ %s: %v", to, err)
			}
		}
		mustCheck(t, s)
	})
	t.Run("payouts never exceed what is owed", func(t *testing.T) {
		es := earnings(t, s, ctx, "2026-11")
		if es[0].EarnedMonth == 0 || es[1].EarnedMonth == 0 {
			t.Fatalf("earnings %+v", es)
		}
		if err := s.RecordPayout(ctx, es[0].Trainee.ID, "2026-11", "2026-11-30", es[0].Owed+1, "现金", ""); !errors.Is(err, ErrInvalid) {
			t.Fatalf("payout over the balance: %v", err)
		}
		if err := s.RecordPayout(ctx, es[0].Trainee.ID, "2026-11", "2026-11-30", es[0].Owed, "现金", ""); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("payout slips", func(t *testing.T) {
		slips, err := s.PayoutSlips(ctx, "2026-11")
		if err != nil {
			t.Fatal(err)
		}
		// The deposit was split when only the first trainee had made anything; the final payment
		// went to both: three slip lines in all.
		lines := 0
		for _, sl := range slips {
			lines += len(sl.Lines)
		}
		if len(slips) != 2 || lines != 3 {
			t.Fatalf("%d slips with %d lines for the order's trainees", len(slips), lines)
		}
	})
	t.Run("the ledger adds up", func(t *testing.T) {
		ledger, err := s.WorkshopLedger(ctx, "2026-11")
		if err != nil {
			t.Fatal(err)
		}
		var sum LedgerRow
		for _, r := range ledger {
			sum.Payment += r.Payment
			sum.Materials += r.Materials
			sum.Retention += r.Retention
			sum.Trainees += r.Trainees
		}
		if sum.Payment != sum.Materials+sum.Retention+sum.Trainees || sum.Payment != o.TotalFen {
			t.Fatalf("ledger totals %+v", sum)
		}
	})
}

func TestReversalRestoresBalances(t *testing.T) {
	t.Parallel()
	s, ctx, ts, prod := workshopFixture(t)
	o := mustOrder(t, s, ctx, Order{CustomerName: "散客", Due: "2026-12-01", RetentionBP: 1000, SplitRule: RuleByMinutes,
		Lines: []OrderLine{{ProductID: prod.ID, Quantity: 3}}})
	oid := o.ID
	mustLog(t, s, ctx, o.Lines[0].ID, ts[0].ID, "2026-11-02", 2, 90)
	mustLog(t, s, ctx, o.Lines[0].ID, ts[1].ID, "2026-11-02", 1, 31)
	before := earnings(t, s, ctx, "2026-11")
	p, err := s.RecordPayment(ctx, oid, "2026-11-05", 50_000, "微信", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a reason is required", func(t *testing.T) {
		if err := s.ReversePayment(ctx, p.ID, "x"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("reason required: %v", err)
		}
	})
	if err := s.ReversePayment(ctx, p.ID, "客户退款"); err != nil {
		t.Fatal(err)
	}
	t.Run("a payment is reversed once", func(t *testing.T) {
		if err := s.ReversePayment(ctx, p.ID, "再退一次"); !errors.Is(err, ErrConflict) {
			t.Fatalf("double reversal: %v", err)
		}
	})
	t.Run("balances are as before the payment", func(t *testing.T) {
		after := earnings(t, s, ctx, "2026-11")
		for i := range before {
			if before[i].EarnedTotal != after[i].EarnedTotal {
				t.Fatalf("trainee %s: %d before, %d after reversal", before[i].Trainee.Number, before[i].EarnedTotal, after[i].EarnedTotal)
			}
		}
		got, err := s.Order(ctx, oid)
		if err != nil || got.PaidFen != 0 {
			t.Fatalf("paid %d after reversal: %v", got.PaidFen, err)
		}
		mustCheck(t, s)
	})
	t.Run("a split is never edited", func(t *testing.T) {
		if _, err := s.db.Exec("UPDATE split_line SET amount_fen = 1"); err == nil {
			t.Fatal("a split must not be editable")
		}
	})
}

func TestOrderStatusTransitions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{StatusInquiry, StatusAccepted, true}, {StatusInquiry, StatusMaking, false}, {StatusInquiry, StatusCancelled, true},
		{StatusAccepted, StatusMaking, true}, {StatusAccepted, StatusDelivered, false}, {StatusMaking, StatusDelivered, true},
		{StatusDelivered, StatusSettled, true}, {StatusDelivered, StatusCancelled, false}, {StatusSettled, StatusCancelled, false},
		{StatusCancelled, StatusAccepted, false}, {StatusMaking, StatusInquiry, false},
	} {
		if got := CanTransition(tc.from, tc.to); got != tc.ok {
			t.Errorf("%s → %s: %v, want %v", tc.from, tc.to, got, tc.ok)
		}
	}
}

func TestWorkshopRoles(t *testing.T) {
	t.Parallel()
	s, ctx, _, _ := workshopFixture(t)
	if _, err := s.Orders(ctx, ""); err != nil {
		t.Errorf("工坊管理员: %v", err)
	}
	if _, err := s.Orders(as(t, s, "staff"), ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("社工 sees workshop money: %v", err)
	}
	if _, err := s.Orders(as(t, s, "viewer"), ""); err != nil {
		t.Errorf("只读 cannot view: %v", err)
	}
	if _, err := s.SaveProduct(as(t, s, "viewer"), Product{Name: "x", UnitPriceFen: 1}); !errors.Is(err, ErrForbidden) {
		t.Errorf("只读 changed a product: %v", err)
	}
	ts, err := s.Trainees(as(t, s, "viewer"), false)
	if err != nil || ts[0].DisabilityCategory != "" {
		t.Errorf("只读 sees disability data: %v", err)
	}
	ts, err = s.Trainees(as(t, s, "workshop"), false)
	if err != nil || ts[0].DisabilityCategory == "" {
		t.Errorf("工坊管理员 cannot see disability data: %v", err)
	}
}

func TestHeldPaymentReversedDoesNotBlockSettlement(t *testing.T) {
	t.Parallel()
	s, ctx, ts, prod := workshopFixture(t)
	o := mustOrder(t, s, ctx, Order{CustomerName: "散客", Due: "2026-12-01", RetentionBP: 0, SplitRule: RuleEqual,
		Lines: []OrderLine{{ProductID: prod.ID, Quantity: 1}}})
	oid := o.ID
	p, err := s.RecordPayment(ctx, oid, "2026-11-05", 10_000, "现金", "定金")
	if err != nil || p.Split != nil {
		t.Fatalf("held deposit: %+v %v", p, err)
	}
	if err := s.ReversePayment(ctx, p.ID, "记错了金额"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.LogProduction(ctx, o.Lines[0].ID, ts[0].ID, "2026-11-06", 1, 60, false); err != nil || n != 0 {
		t.Fatalf("a reversed held payment was split (%d): %v", n, err)
	}
	if _, err := s.RecordPayment(ctx, oid, "2026-11-07", o.TotalFen, "转账", "全款"); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{StatusDelivered, StatusSettled} {
		if err := s.SetOrderStatus(ctx, oid, to); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
	}
	mustCheck(t, s)
}
