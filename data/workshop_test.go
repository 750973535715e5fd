package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// workshopFixture: two trainees and a product on the sample database, as the workshop manager.
func workshopFixture(t *testing.T) (*Store, context.Context, []Trainee, Product) {
	t.Helper()
	s := mustSample(t)
	ctx := as(t, s, "workshop")
	admin := as(t, s, "admin")
	ps, _ := s.People(admin, PeopleFilter{CommunityID: 3, Limit: 40})
	existing, _ := s.Trainees(admin, false)
	taken := map[int64]bool{}
	for _, t := range existing {
		taken[t.PersonID] = true
	}
	var ids []int64
	for _, p := range ps {
		if a := p.Age(fixedNow); a >= 18 && a < 60 && !taken[p.ID] {
			ids = append(ids, p.ID)
		}
	}
	for i, pid := range ids[:2] {
		if _, err := s.SaveTrainee(ctx, Trainee{PersonID: pid, Nickname: []string{"小可爱", ""}[i], DisabilityCategory: "肢体", DisabilityLevel: "三级"}); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := s.Trainees(ctx, true)
	ts := all[len(all)-2:]
	id, err := s.SaveProduct(ctx, Product{Name: "测试宫灯", Spec: "60cm", UnitPriceFen: 33_333, MaterialFen: 11_111})
	if err != nil {
		t.Fatal(err)
	}
	return s, ctx, ts, Product{ID: id, UnitPriceFen: 33_333, MaterialFen: 11_111}
}

func TestOrderOf30LanternsAddsUpToTheFen(t *testing.T) {
	s, ctx, ts, prod := workshopFixture(t)
	oid, err := s.CreateOrder(ctx, Order{CustomerName: "王经理", CustomerOrg: "海宁市文化馆", CustomerPhone: "13800001111",
		Due: "2026-12-20", RetentionBP: 1500, SplitRule: RuleByPieces, Lines: []OrderLine{{ProductID: prod.ID, Quantity: 30}}})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(ctx, oid)
	if o.TotalFen != 999_990 || o.MaterialFen != 333_330 || !strings.HasPrefix(o.Number, "GF-2026-") {
		t.Fatalf("order %+v", o)
	}
	// A deposit before any production is held.
	pay, err := s.RecordPayment(ctx, oid, "2026-11-20", 300_000, "转账", "定金")
	if err != nil || pay.Split != nil {
		t.Fatalf("deposit: %+v %v", pay, err)
	}
	line := o.Lines[0].ID
	if n, err := s.LogProduction(ctx, line, ts[0].ID, "2026-11-22", 17, 600, false); err != nil || n != 1 {
		t.Fatalf("first production must split the held deposit: %d %v", n, err)
	}
	if _, err := s.LogProduction(ctx, line, ts[1].ID, "2026-11-23", 14, 480, false); !errors.Is(err, ErrOverProduction) {
		t.Fatalf("31 of 30 pieces: %v", err)
	}
	if _, err := s.LogProduction(ctx, line, ts[1].ID, "2026-11-23", 13, 480, false); err != nil {
		t.Fatal(err)
	}
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
	pays, _ := s.Payments(ctx, oid)
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
	for _, to := range []string{StatusDelivered, StatusSettled} {
		if err := s.SetOrderStatus(ctx, oid, to); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
	}
	all, _ := s.Earnings(ctx, "2026-11")
	var es []Earning
	var earned int64
	for _, e := range all {
		if e.Trainee.ID == ts[0].ID || e.Trainee.ID == ts[1].ID {
			es = append(es, e)
			earned += e.EarnedMonth
		}
	}
	if p, _ := s.Check(context.Background()); len(p) != 0 {
		t.Fatal(p)
	}
	if earned == 0 {
		t.Fatal("nobody earned anything")
	}
	// Payouts never exceed what is owed.
	if err := s.RecordPayout(ctx, es[0].Trainee.ID, "2026-11", "2026-11-30", es[0].Owed+1, "现金", ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("payout over the balance: %v", err)
	}
	if err := s.RecordPayout(ctx, es[0].Trainee.ID, "2026-11", "2026-11-30", es[0].Owed, "现金", ""); err != nil {
		t.Fatal(err)
	}
	slips, _ := s.PayoutSlips(ctx, "2026-11")
	// The deposit was split when only the first trainee had made anything; the final payment
	// went to both: three slip lines in all.
	mine, lines := 0, 0
	for _, sl := range slips {
		if sl.Trainee.ID == ts[0].ID || sl.Trainee.ID == ts[1].ID {
			mine++
			lines += len(sl.Lines)
		}
	}
	if mine != 2 || lines != 3 {
		t.Fatalf("%d slips with %d lines for the order's trainees", mine, lines)
	}
	ledger, _ := s.WorkshopLedger(ctx, "2026-11")
	var sum LedgerRow
	for _, r := range ledger {
		if r.OrderNo != o.Number {
			continue
		}
		sum.Payment += r.Payment
		sum.Materials += r.Materials
		sum.Retention += r.Retention
		sum.Trainees += r.Trainees
	}
	if sum.Payment != sum.Materials+sum.Retention+sum.Trainees || sum.Payment != o.TotalFen {
		t.Fatalf("ledger totals %+v", sum)
	}
}

func TestReversalRestoresBalances(t *testing.T) {
	s, ctx, ts, prod := workshopFixture(t)
	oid, _ := s.CreateOrder(ctx, Order{CustomerName: "散客", Due: "2026-12-01", RetentionBP: 1000, SplitRule: RuleByMinutes,
		Lines: []OrderLine{{ProductID: prod.ID, Quantity: 3}}})
	o, _ := s.Order(ctx, oid)
	s.LogProduction(ctx, o.Lines[0].ID, ts[0].ID, "2026-11-02", 2, 90, false)
	s.LogProduction(ctx, o.Lines[0].ID, ts[1].ID, "2026-11-02", 1, 31, false)
	before, _ := s.Earnings(ctx, "2026-11")
	ts = ts[len(ts)-2:]
	p, err := s.RecordPayment(ctx, oid, "2026-11-05", 50_000, "微信", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReversePayment(ctx, p.ID, "x"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("reason required: %v", err)
	}
	if err := s.ReversePayment(ctx, p.ID, "客户退款"); err != nil {
		t.Fatal(err)
	}
	if err := s.ReversePayment(ctx, p.ID, "再退一次"); !errors.Is(err, ErrConflict) {
		t.Fatalf("double reversal: %v", err)
	}
	after, _ := s.Earnings(ctx, "2026-11")
	for i := range before {
		if before[i].EarnedTotal != after[i].EarnedTotal {
			t.Fatalf("trainee %s: %d before, %d after reversal", before[i].Trainee.Number, before[i].EarnedTotal, after[i].EarnedTotal)
		}
	}
	o, _ = s.Order(ctx, oid)
	if o.PaidFen != 0 {
		t.Fatalf("paid %d after reversal", o.PaidFen)
	}
	if p, _ := s.Check(context.Background()); len(p) != 0 {
		t.Fatal(p)
	}
	if _, err := s.db.Exec("UPDATE split_line SET amount_fen = 1"); err == nil {
		t.Fatal("a split must not be editable")
	}
}

func TestOrderStatusTransitions(t *testing.T) {
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
	s, _, _, _ := workshopFixture(t)
	if _, err := s.Orders(as(t, s, "staff"), ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("社工 sees workshop money: %v", err)
	}
	if _, err := s.Orders(as(t, s, "viewer"), ""); err != nil {
		t.Errorf("只读 cannot view: %v", err)
	}
	if _, err := s.SaveProduct(as(t, s, "viewer"), Product{Name: "x", UnitPriceFen: 1}); !errors.Is(err, ErrForbidden) {
		t.Errorf("只读 changed a product: %v", err)
	}
	ts, _ := s.Trainees(as(t, s, "viewer"), false)
	if ts[0].DisabilityCategory != "" {
		t.Error("只读 sees disability data")
	}
	ts, _ = s.Trainees(as(t, s, "workshop"), false)
	if ts[0].DisabilityCategory == "" {
		t.Error("工坊管理员 cannot see disability data")
	}
}

func TestHeldPaymentReversedDoesNotBlockSettlement(t *testing.T) {
	s, ctx, ts, prod := workshopFixture(t)
	oid, _ := s.CreateOrder(ctx, Order{CustomerName: "散客", Due: "2026-12-01", RetentionBP: 0, SplitRule: RuleEqual,
		Lines: []OrderLine{{ProductID: prod.ID, Quantity: 1}}})
	p, err := s.RecordPayment(ctx, oid, "2026-11-05", 10_000, "现金", "定金")
	if err != nil || p.Split != nil {
		t.Fatalf("held deposit: %+v %v", p, err)
	}
	if err := s.ReversePayment(ctx, p.ID, "记错了金额"); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(ctx, oid)
	if n, _ := s.LogProduction(ctx, o.Lines[0].ID, ts[0].ID, "2026-11-06", 1, 60, false); n != 0 {
		t.Fatalf("a reversed held payment was split (%d)", n)
	}
	if _, err := s.RecordPayment(ctx, oid, "2026-11-07", o.TotalFen, "转账", "全款"); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{StatusDelivered, StatusSettled} {
		if err := s.SetOrderStatus(ctx, oid, to); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
	}
	if p, _ := s.Check(context.Background()); len(p) != 0 {
		t.Fatal(p)
	}
}
