package data

import (
	"context"
	"testing"
)

// Migration 0014 rebuilds work_order: on a database with orders, lines, production and
// payments, it keeps every row and every reference.
func TestMigration0014KeepsOrdersAndTheirReferences(t *testing.T) {
	skipOnServer(t, "re-runs SQLite's table rebuild of work_order; the server's twin alters the table in place")
	s, ctx, ts, prod := workshopFixture(t)
	o := mustOrder(t, s, ctx, Order{CustomerName: "王经理", Due: "2026-12-20", RetentionBP: 1500, SplitRule: RuleByPieces,
		Lines: []OrderLine{{ProductID: prod.ID, Quantity: 3}}})
	mustLog(t, s, ctx, o.Lines[0].ID, ts[0].ID, "2026-11-22", 2, 60)
	if _, err := s.RecordPayment(ctx, o.ID, "2026-11-25", 10_000, "转账", "定金"); err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var m migration
	for _, x := range ms {
		if x.version == 14 {
			m = x
		}
	}
	tx, err := s.DB().BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(m.sql); err != nil {
		t.Fatalf("migration 0014 again on a database with orders: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("commit (foreign keys): %v", err)
	}
	mustCheck(t, s)
	got, err := s.Order(ctx, o.ID)
	if err != nil || got.Number != o.Number || len(got.Lines) != 1 || got.PaidFen != 10_000 {
		t.Fatalf("after the rebuild: %+v %v", got, err)
	}
}
