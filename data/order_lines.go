package data

import (
	"context"
	"database/sql"
	"fmt"
)

// freezeLine fills a line's price (when it gives none) and its material cost per piece from the
// catalogue as it is now: from then on the line keeps them, whatever the catalogue becomes.
func freezeLine(ctx context.Context, q querier, row string, l *OrderLine) error {
	var p Product
	if err := queryRow(ctx, q, "SELECT name, unit_price_fen, material_fen FROM product WHERE id = ?", l.ProductID).
		Scan(&p.Name, &p.UnitPriceFen, &p.MaterialFen); err != nil {
		return mapErr(err, row+"的产品")
	}
	l.Product = p.Name
	if l.UnitPriceFen == 0 {
		l.UnitPriceFen = p.UnitPriceFen
	}
	l.MaterialFen = min(p.MaterialFen, l.UnitPriceFen)
	return nil
}

// insertOrderLine freezes a line and writes it.
func insertOrderLine(ctx context.Context, tx *sql.Tx, orderID int64, row string, l OrderLine) (int64, error) {
	if err := freezeLine(ctx, tx, row, &l); err != nil {
		return 0, err
	}
	res, err := execSQL(ctx, tx, `INSERT INTO order_line (order_id, product_id, quantity, unit_price_fen, material_fen)
		VALUES (?, ?, ?, ?, ?)`, orderID, l.ProductID, l.Quantity, l.UnitPriceFen, l.MaterialFen)
	if err != nil {
		return 0, mapErr(err, "订单明细")
	}
	return lastID(res)
}

// checkOrderTotal refuses an order whose lines add up to more than one order may be (so that its
// splits stay exact in 64 bits) or to less than has already been received.
func checkOrderTotal(ctx context.Context, q querier, orderID int64) (Order, error) {
	o, err := loadOrder(ctx, q, orderID)
	if err != nil {
		return o, err
	}
	if o.TotalFen > MaxFen {
		return o, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "订单金额", Message: fmt.Sprintf("合计 %s 元，超过一张订单的上限 %s 元", Yuan(o.TotalFen), Yuan(MaxFen))}}}
	}
	if o.TotalFen < o.PaidFen {
		return o, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "订单金额", Message: fmt.Sprintf("改后合计 %s 元，少于已收 %s 元；请先冲销收款", Yuan(o.TotalFen), Yuan(o.PaidFen))}}}
	}
	return o, nil
}

// LinesEditable reports whether the order's lines may still change: while it is 询价 or 已接单 and
// nothing has been produced for it.
func (o Order) LinesEditable() bool {
	if o.Status != StatusInquiry && o.Status != StatusAccepted {
		return false
	}
	for _, l := range o.Lines {
		if l.Produced > 0 {
			return false
		}
	}
	return true
}

// editableOrder loads an order whose lines may change, or says why they may not.
func editableOrder(ctx context.Context, q querier, orderID int64) (Order, error) {
	o, err := loadOrder(ctx, q, orderID)
	if err != nil {
		return o, err
	}
	var produced int
	if err := queryRow(ctx, q, `SELECT count(*) FROM production pr JOIN order_line l ON l.id = pr.order_line_id WHERE l.order_id = ?`,
		orderID).Scan(&produced); err != nil {
		return o, mapErr(err, "生产记录")
	}
	if produced > 0 || !o.LinesEditable() {
		return o, &Error{Code: CodeInvalid, Message: fmt.Sprintf("订单 %s 已登记生产或已不在“询价”“已接单”状态（当前：%s），明细不能再改", o.Number, o.Status)}
	}
	return o, nil
}

// lineOrder is the order a line belongs to.
func lineOrder(ctx context.Context, q querier, lineID int64) (int64, error) {
	id, err := queryOne(ctx, q, scanValue[int64], "SELECT order_id FROM order_line WHERE id = ?", lineID)
	return id, mapErr(err, "订单明细")
}

// AddOrderLine adds a product to an order that is still 询价 or 已接单 with nothing produced; its
// price (unless the line gives one) and material cost are frozen from the catalogue now.
func (s *Store) AddOrderLine(ctx context.Context, orderID int64, l OrderLine) (int64, error) {
	if err := l.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		o, err := editableOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if id, err = insertOrderLine(ctx, tx, orderID, "新增明细", l); err != nil {
			return err
		}
		if _, err := checkOrderTotal(ctx, tx, orderID); err != nil {
			return err
		}
		return s.orderLinesChanged(ctx, tx, a, o, fmt.Sprintf("添加明细 #%d：产品 #%d × %d", id, l.ProductID, l.Quantity))
	})
	return id, err
}

// ChangeOrderLine changes a line's product, quantity or price while the order's lines may change.
// The same product keeps its frozen price and material cost unless a new price is given; another
// product is frozen from the catalogue as it is now.
func (s *Store) ChangeOrderLine(ctx context.Context, l OrderLine) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		orderID, err := lineOrder(ctx, tx, l.ID)
		if err != nil {
			return err
		}
		o, err := editableOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		var old OrderLine
		for _, ol := range o.Lines {
			if ol.ID == l.ID {
				old = ol
			}
		}
		if l.ProductID == old.ProductID {
			if l.UnitPriceFen == 0 {
				l.UnitPriceFen = old.UnitPriceFen
			}
			l.MaterialFen = min(old.MaterialFen, l.UnitPriceFen)
		} else if err := freezeLine(ctx, tx, "明细", &l); err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "UPDATE order_line SET product_id = ?, quantity = ?, unit_price_fen = ?, material_fen = ? WHERE id = ?",
			l.ProductID, l.Quantity, l.UnitPriceFen, l.MaterialFen, l.ID); err != nil {
			return mapErr(err, "订单明细")
		}
		if _, err := checkOrderTotal(ctx, tx, orderID); err != nil {
			return err
		}
		return s.orderLinesChanged(ctx, tx, a, o, fmt.Sprintf("修改明细 #%d：%s × %d → 产品 #%d × %d，单价 %s 元", l.ID, old.Product, old.Quantity,
			l.ProductID, l.Quantity, Yuan(l.UnitPriceFen)))
	})
}

// RemoveOrderLine takes a line off an order while its lines may change; the last line stays.
func (s *Store) RemoveOrderLine(ctx context.Context, lineID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		orderID, err := lineOrder(ctx, tx, lineID)
		if err != nil {
			return err
		}
		o, err := editableOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if len(o.Lines) <= 1 {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "订单明细", Message: "至少保留一种产品；不要的订单请取消"}}}
		}
		var gone OrderLine
		for _, l := range o.Lines {
			if l.ID == lineID {
				gone = l
			}
		}
		if _, err := execSQL(ctx, tx, "DELETE FROM order_line WHERE id = ?", lineID); err != nil {
			return mapErr(err, "订单明细")
		}
		if _, err := checkOrderTotal(ctx, tx, orderID); err != nil {
			return err
		}
		return s.orderLinesChanged(ctx, tx, a, o, fmt.Sprintf("删除明细 #%d：%s × %d", lineID, gone.Product, gone.Quantity))
	})
}

// orderLinesChanged stamps the order and audits the change.
func (s *Store) orderLinesChanged(ctx context.Context, tx *sql.Tx, a *Actor, o Order, what string) error {
	if _, err := execSQL(ctx, tx, "UPDATE work_order SET updated_at = ? WHERE id = ?", s.stamp(), o.ID); err != nil {
		return mapErr(err, "订单")
	}
	return s.audit(ctx, tx, a, ActUpdate, "订单", o.ID, "订单 "+o.Number+" "+what)
}
