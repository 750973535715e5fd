package data

import (
	"errors"
	"strings"
	"testing"
)

func TestOrderLines(t *testing.T) {
	t.Parallel()
	s, ctx, ts, gong := workshopFixture(t)
	zou := mustProduct(t, s, ctx, Product{Name: "走马灯", UnitPriceFen: 10_000, MaterialFen: 2_000})
	o := mustOrder(t, s, ctx, Order{CustomerName: "王经理", Due: "2026-12-20", RetentionBP: 1500, SplitRule: RuleByPieces,
		Lines: []OrderLine{{ProductID: gong.ID, Quantity: 2}, {ProductID: zou.ID, Quantity: 5}}})
	t.Run("an order takes several lines, each with its own price", func(t *testing.T) {
		if len(o.Lines) != 2 || o.TotalFen != 2*33_333+5*10_000 || o.MaterialFen != 2*11_111+5*2_000 {
			t.Fatalf("%+v", o)
		}
	})
	// The catalogue changes after the order was taken: the order keeps its prices.
	zou.UnitPriceFen, zou.MaterialFen = 12_000, 3_000
	if _, err := s.SaveProduct(ctx, zou); err != nil {
		t.Fatal(err)
	}
	t.Run("a changed quantity keeps the frozen price", func(t *testing.T) {
		if err := s.ChangeOrderLine(ctx, OrderLine{ID: o.Lines[1].ID, ProductID: zou.ID, Quantity: 6}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Order(ctx, o.ID)
		if err != nil || got.Lines[1].Quantity != 6 || got.Lines[1].UnitPriceFen != 10_000 || got.Lines[1].MaterialFen != 2_000 {
			t.Fatalf("%+v %v", got.Lines, err)
		}
	})
	var added int64
	t.Run("a new line is frozen at today's catalogue", func(t *testing.T) {
		id, err := s.AddOrderLine(ctx, o.ID, OrderLine{ProductID: zou.ID, Quantity: 1})
		if err != nil {
			t.Fatal(err)
		}
		added = id
		got, err := s.Order(ctx, o.ID)
		if err != nil || len(got.Lines) != 3 || got.Lines[2].UnitPriceFen != 12_000 || got.Lines[2].MaterialFen != 3_000 {
			t.Fatalf("%+v %v", got.Lines, err)
		}
	})
	t.Run("a line can be removed, but not the last", func(t *testing.T) {
		if err := s.RemoveOrderLine(ctx, added); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveOrderLine(ctx, o.Lines[0].ID); err != nil {
			t.Fatal(err)
		}
		err := s.RemoveOrderLine(ctx, o.Lines[1].ID)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "至少保留一种产品") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("bad quantities change nothing", func(t *testing.T) {
		if _, err := s.AddOrderLine(ctx, o.ID, OrderLine{ProductID: zou.ID, Quantity: 0}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("%v", err)
		}
		if err := s.ChangeOrderLine(ctx, OrderLine{ID: o.Lines[1].ID, ProductID: zou.ID, Quantity: 2, UnitPriceFen: MaxFen}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("an order over the limit: %v", err)
		}
	})
	t.Run("not below what was received", func(t *testing.T) {
		mustPay(t, s, ctx, o.ID, "2026-11-20", 50_000)
		err := s.ChangeOrderLine(ctx, OrderLine{ID: o.Lines[1].ID, ProductID: zou.ID, Quantity: 4})
		if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "少于已收") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("locked once production is logged", func(t *testing.T) {
		mustLog(t, s, ctx, o.Lines[1].ID, ts[0].ID, "2026-11-21", 1, 30)
		if _, err := s.AddOrderLine(ctx, o.ID, OrderLine{ProductID: gong.ID, Quantity: 1}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("%v", err)
		}
		if err := s.ChangeOrderLine(ctx, OrderLine{ID: o.Lines[1].ID, ProductID: zou.ID, Quantity: 9}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("%v", err)
		}
	})
	t.Run("audited", func(t *testing.T) {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM audit WHERE entity = '订单' AND entity_id = ? AND summary LIKE '%明细%'", o.ID).Scan(&n); err != nil || n != 4 {
			t.Fatalf("%d entries: %v", n, err)
		}
	})
	mustCheck(t, s)
}
