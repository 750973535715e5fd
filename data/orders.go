package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Product is a lantern in the catalogue.
type Product struct {
	ID           int64
	Name, Spec   string
	UnitPriceFen int64
	MaterialFen  int64 // material cost per piece
	Active       bool
}

// Order statuses and the transitions allowed between them.
const (
	StatusInquiry   = "询价"
	StatusAccepted  = "已接单"
	StatusMaking    = "制作中"
	StatusDelivered = "已交付"
	StatusSettled   = "已结清"
	StatusCancelled = "已取消"
)

// OrderStatuses lists the statuses in their natural order.
var OrderStatuses = []string{StatusInquiry, StatusAccepted, StatusMaking, StatusDelivered, StatusSettled, StatusCancelled}

var transitions = map[string][]string{
	StatusInquiry:   {StatusAccepted, StatusCancelled},
	StatusAccepted:  {StatusMaking, StatusCancelled},
	StatusMaking:    {StatusDelivered, StatusCancelled},
	StatusDelivered: {StatusSettled},
}

// CanTransition reports whether an order may go from one status to another.
func CanTransition(from, to string) bool { return inList(to, transitions[from]) }

// NextStatuses lists where an order may go from a status.
func NextStatuses(from string) []string { return transitions[from] }

// OrderLine is one product on an order; prices are frozen when the order is taken.
type OrderLine struct {
	ID           int64
	ProductID    int64
	Product      string
	Quantity     int64
	UnitPriceFen int64
	MaterialFen  int64 // per piece
	Produced     int64 // pieces logged so far
}

// Order is a customer's order.
type Order struct {
	ID            int64
	Number        string
	CustomerName  string
	CustomerOrg   string
	CustomerPhone string
	Due           string
	Status        string
	SplitRule     string
	RetentionBP   int64
	Notes         string
	Lines         []OrderLine
	TotalFen      int64 // Σ quantity × unit price
	MaterialFen   int64 // Σ quantity × material per piece
	PaidFen       int64 // Σ payments, reversals included
	Created       string
}

// Overdue reports whether the order is past due and not yet delivered.
func (o Order) Overdue(today string) bool {
	return o.Due < today && (o.Status == StatusInquiry || o.Status == StatusAccepted || o.Status == StatusMaking)
}

// Products lists the catalogue.
func (s *Store) Products(ctx context.Context) ([]Product, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return nil, err
	}
	out, err := findProducts(ctx, s.db)
	return out, mapErr(err, "产品")
}

// findProducts lists the catalogue, active products first.
func findProducts(ctx context.Context, q querier) ([]Product, error) {
	return queryAll(ctx, q, func(sc rowScanner) (Product, error) {
		var p Product
		err := sc.Scan(&p.ID, &p.Name, &p.Spec, &p.UnitPriceFen, &p.MaterialFen, &p.Active)
		return p, err
	}, "SELECT id, name, spec, unit_price_fen, material_fen, active FROM product ORDER BY active DESC, id")
}

// SaveProduct adds (ID 0) or changes a product. Orders keep the prices they were taken at.
func (s *Store) SaveProduct(ctx context.Context, p Product) (int64, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		if p.ID == 0 {
			res, err := execSQL(ctx, tx, "INSERT INTO product (name, spec, unit_price_fen, material_fen, active) VALUES (?, ?, ?, ?, 1)",
				p.Name, p.Spec, p.UnitPriceFen, p.MaterialFen)
			if err != nil {
				return mapErr(err, "品名“"+p.Name+"”")
			}
			if p.ID, err = lastID(res); err != nil {
				return err
			}
		} else if _, err := execSQL(ctx, tx, "UPDATE product SET name = ?, spec = ?, unit_price_fen = ?, material_fen = ?, active = ? WHERE id = ?",
			p.Name, p.Spec, p.UnitPriceFen, p.MaterialFen, boolInt(p.Active), p.ID); err != nil {
			return mapErr(err, "品名“"+p.Name+"”")
		}
		return s.audit(ctx, tx, a, ActUpdate, "产品", p.ID, "保存产品 "+p.Name)
	})
	return p.ID, err
}

const orderCols = `o.id, o.number, o.customer_name, o.customer_org, o.customer_phone, o.due, o.status, o.split_rule, o.retention_bp,
	o.notes, o.created_at,
	coalesce((SELECT sum(quantity * unit_price_fen) FROM order_line WHERE order_id = o.id), 0),
	coalesce((SELECT sum(quantity * material_fen) FROM order_line WHERE order_id = o.id), 0),
	coalesce((SELECT sum(amount_fen) FROM payment WHERE order_id = o.id), 0)`

func scanOrder(sc rowScanner) (Order, error) {
	var o Order
	err := sc.Scan(&o.ID, &o.Number, &o.CustomerName, &o.CustomerOrg, &o.CustomerPhone, &o.Due, &o.Status, &o.SplitRule,
		&o.RetentionBP, &o.Notes, &o.Created, &o.TotalFen, &o.MaterialFen, &o.PaidFen)
	return o, err
}

// Orders lists orders, newest first; status "" for all.
func (s *Store) Orders(ctx context.Context, status string) ([]Order, error) {
	a, err := s.authorize(ctx, s.db, PermWorkshopView)
	if err != nil {
		return nil, err
	}
	out, err := findOrders(ctx, s.db, orderFilter{Status: status})
	if err != nil {
		return nil, mapErr(err, "订单")
	}
	maskOrders(a, out)
	return out, nil
}

// orderFilter narrows findOrders; zero values match everything.
type orderFilter struct {
	Status   string
	From, To string // days the order was taken, inclusive
}

// findOrders lists orders with their totals, newest first.
func findOrders(ctx context.Context, q querier, f orderFilter) ([]Order, error) {
	var w where
	if f.Status != "" {
		w.add("o.status = ?", f.Status)
	}
	if f.From != "" {
		w.add("substr(o.created_at, 1, 10) >= ?", f.From)
	}
	if f.To != "" {
		w.add("substr(o.created_at, 1, 10) <= ?", f.To)
	}
	return queryAll(ctx, q, scanOrder, "SELECT "+orderCols+" FROM work_order o"+w.String()+" ORDER BY o.id DESC", w.args...)
}

// maskOrders hides customers' phones from callers who may neither reveal nor run the workshop.
func maskOrders(a *Actor, os []Order) {
	if !a.Role.Can(PermReveal) && !a.Role.Can(PermWorkshop) {
		for i := range os {
			os[i].CustomerPhone = MaskPhone(os[i].CustomerPhone)
		}
	}
}

// Order returns one order with its lines and how many pieces each has produced.
func (s *Store) Order(ctx context.Context, id int64) (Order, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return Order{}, err
	}
	return loadOrder(ctx, s.db, id)
}

// loadOrder reads one order with its lines and how many pieces each has produced.
func loadOrder(ctx context.Context, q querier, id int64) (Order, error) {
	o, err := queryOne(ctx, q, scanOrder, "SELECT "+orderCols+" FROM work_order o WHERE o.id = ?", id)
	if err != nil {
		return o, mapErr(err, "订单")
	}
	o.Lines, err = queryAll(ctx, q, func(sc rowScanner) (OrderLine, error) {
		var l OrderLine
		err := sc.Scan(&l.ID, &l.ProductID, &l.Product, &l.Quantity, &l.UnitPriceFen, &l.MaterialFen, &l.Produced)
		return l, err
	}, `SELECT l.id, l.product_id, p.name, l.quantity, l.unit_price_fen, l.material_fen,
		coalesce((SELECT sum(pieces) FROM production WHERE order_line_id = l.id), 0)
		FROM order_line l JOIN product p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.id`, id)
	return o, mapErr(err, "订单")
}

// CreateOrder takes an order: prices and material costs are copied from the catalogue unless a
// line gives its own price. Status starts at 询价 or 已接单.
func (s *Store) CreateOrder(ctx context.Context, o Order) (int64, error) {
	o.ID = 0
	o.Normalize()
	if err := o.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		if o.Number, err = nextNumber(ctx, tx, "work_order", "GF-"+s.now().Format("2006")+"-", 4); err != nil {
			return mapErr(err, "订单")
		}
		now := s.stamp()
		res, err := execSQL(ctx, tx, `INSERT INTO work_order (number, customer_name, customer_org, customer_phone, due, status,
			split_rule, retention_bp, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.Number, o.CustomerName,
			o.CustomerOrg, o.CustomerPhone, o.Due, o.Status, o.SplitRule, o.RetentionBP, o.Notes, now, now)
		if err != nil {
			return mapErr(err, "订单")
		}
		if o.ID, err = lastID(res); err != nil {
			return err
		}
		for i, l := range o.Lines {
			if _, err := insertOrderLine(ctx, tx, o.ID, fmt.Sprintf("第 %d 行", i+1), l); err != nil {
				return err
			}
		}
		if _, err := checkOrderTotal(ctx, tx, o.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "订单", o.ID, "接单 "+o.Number)
	})
	return o.ID, err
}

// SetOrderStatus moves an order along the allowed transitions. 已结清 needs the order fully paid
// and every payment split; 已取消 needs no money received.
func (s *Store) SetOrderStatus(ctx context.Context, id int64, to string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		o, err := loadOrder(ctx, tx, id)
		if err != nil {
			return err
		}
		if !CanTransition(o.Status, to) {
			return &Error{Code: CodeInvalid, Message: fmt.Sprintf("订单不能从“%s”改为“%s”（可改为：%s）", o.Status, to, strings.Join(NextStatuses(o.Status), "、"))}
		}
		switch to {
		case StatusSettled:
			unsplit, err := heldCount(ctx, tx, id)
			if err != nil {
				return err
			}
			if o.PaidFen != o.TotalFen || unsplit > 0 {
				return &Error{Code: CodeInvalid, Message: fmt.Sprintf("订单尚未结清：应收 %s 元，已收 %s 元，待分配收款 %d 笔", Yuan(o.TotalFen), Yuan(o.PaidFen), unsplit)}
			}
		case StatusCancelled:
			if o.PaidFen != 0 {
				return &Error{Code: CodeInvalid, Message: "订单已有收款，请先冲销收款再取消"}
			}
		}
		if _, err := execSQL(ctx, tx, "UPDATE work_order SET status = ?, updated_at = ? WHERE id = ?", to, s.stamp(), id); err != nil {
			return mapErr(err, "订单")
		}
		return s.audit(ctx, tx, a, ActUpdate, "订单", id, fmt.Sprintf("订单 %s：%s → %s", o.Number, o.Status, to))
	})
}

// ErrOverProduction is returned when production would exceed the ordered quantity; the caller
// asks the user and calls again with allowOver.
var ErrOverProduction = errors.New("生产数量超过订购数量")

// LogProduction records what a trainee made for an order line. The first log of an accepted
// order moves it to 制作中, and payments held for lack of production are split now, in order.
func (s *Store) LogProduction(ctx context.Context, lineID, traineeID int64, day string, pieces, minutes int64, allowOver bool) (int, error) {
	pl := ProductionLog{LineID: lineID, TraineeID: traineeID, Day: day, Pieces: pieces, Minutes: minutes}
	pl.Normalize()
	if err := pl.Validate(); err != nil {
		return 0, err
	}
	var split int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		var orderID, qty, produced int64
		var status string
		if err := queryRow(ctx, tx, `SELECT l.order_id, l.quantity, o.status, coalesce((SELECT sum(pieces) FROM production WHERE order_line_id = l.id), 0)
			FROM order_line l JOIN work_order o ON o.id = l.order_id WHERE l.id = ?`, lineID).Scan(&orderID, &qty, &status, &produced); err != nil {
			return mapErr(err, "订单明细")
		}
		if status != StatusAccepted && status != StatusMaking {
			return &Error{Code: CodeInvalid, Message: "只有“已接单”或“制作中”的订单可以登记生产（当前：" + status + "）"}
		}
		if produced+pieces > qty && !allowOver {
			return fmt.Errorf("%w：订购 %d 件，已登记 %d 件，本次 %d 件", ErrOverProduction, qty, produced, pieces)
		}
		if _, err := execSQL(ctx, tx, `INSERT INTO production (order_line_id, trainee_id, day, pieces, minutes, username, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, lineID, traineeID, pl.Day, pieces, minutes, a.Username, s.stamp()); err != nil {
			return mapErr(err, "学员")
		}
		if status == StatusAccepted {
			if _, err := execSQL(ctx, tx, "UPDATE work_order SET status = ?, updated_at = ? WHERE id = ?", StatusMaking, s.stamp(), orderID); err != nil {
				return mapErr(err, "订单")
			}
		}
		if split, err = s.splitHeld(ctx, tx, orderID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "生产记录", lineID, fmt.Sprintf("学员 #%d 生产 %d 件、%d 分钟", traineeID, pieces, minutes))
	})
	return split, err
}
