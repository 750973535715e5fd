package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Payment is money received for an order (or, negative, a reversal of one).
type Payment struct {
	ID         int64
	OrderID    int64
	Day        string
	AmountFen  int64
	Method     string
	Reverses   int64 // the payment this one reverses
	ReversedBy int64 // the reversal of this payment, 0 while it stands
	Note       string
	Username   string
	Split      *SplitResult // nil while held for lack of production
	Formula    string
}

// PaymentMethods are offered by the payment form.
var PaymentMethods = []string{"转账", "现金", "微信", "支付宝"}

// planSplit computes the split a payment of amount would get now: the order's split payments so
// far plus this one are split as a whole by the order's frozen rule and today's production, and
// this payment gets each party's share less what the earlier splits gave it. held is true when
// the order has no production yet.
func planSplit(ctx context.Context, q querier, orderID, amount int64) (a Allocation, held bool, err error) {
	o, err := loadOrder(ctx, q, orderID)
	if err != nil {
		return a, false, err
	}
	before, err := splitSoFar(ctx, q, orderID)
	if err != nil {
		return a, false, err
	}
	cum := SplitInput{Payment: before.Materials + before.Retention + before.Trainees + amount, RetentionBP: o.RetentionBP,
		Rule: o.SplitRule, OrderTotal: o.TotalFen, OrderMaterials: o.MaterialFen}
	cum.Materials = MaterialsFor(cum.Payment, o.TotalFen, o.MaterialFen)
	weight := map[string]string{RuleByPieces: "sum(pr.pieces)", RuleByMinutes: "sum(pr.minutes)", RuleEqual: "1",
		RuleByValue: "sum(pr.pieces * l.unit_price_fen)"}[o.SplitRule]
	cum.Shares, err = queryAll(ctx, q, func(sc rowScanner) (Share, error) {
		var sh Share
		err := sc.Scan(&sh.TraineeID, &sh.Number, &sh.Name, &sh.Weight)
		return sh, err
	}, `SELECT t.id, t.number, `+traineeNameSQL+`, `+weight+`
		FROM production pr JOIN order_line l ON l.id = pr.order_line_id JOIN trainee t ON t.id = pr.trainee_id
		JOIN person p ON p.id = t.person_id WHERE l.order_id = ? GROUP BY t.id, p.id ORDER BY t.number`, orderID)
	if err != nil {
		return a, false, mapErr(err, "生产记录")
	}
	if len(cum.Shares) == 0 {
		return Allocation{Cumulative: cum, Before: before, Amount: amount}, true, nil // held: no production yet
	}
	a, err = Allocate(cum, amount, before)
	return a, false, err
}

// traineeNameSQL is a trainee's name as splits show it: 钱小红（小可爱）. It needs t (trainee) and p (person).
const traineeNameSQL = `p.name || CASE WHEN t.nickname <> '' THEN '（' || t.nickname || '）' ELSE '' END`

// splitSoFar is what the order's splits (reversals included) have given each party so far.
func splitSoFar(ctx context.Context, q querier, orderID int64) (SplitResult, error) {
	var r SplitResult
	if err := queryRow(ctx, q, `SELECT coalesce(sum(s.materials_fen), 0), coalesce(sum(s.retention_fen), 0), coalesce(sum(s.trainees_fen), 0)
		FROM split s JOIN payment p ON p.id = s.payment_id WHERE p.order_id = ?`, orderID).Scan(&r.Materials, &r.Retention, &r.Trainees); err != nil {
		return r, mapErr(err, "收入分配")
	}
	var err error
	r.Lines, err = queryAll(ctx, q, func(sc rowScanner) (SplitLine, error) {
		var l SplitLine
		err := sc.Scan(&l.TraineeID, &l.Number, &l.Name, &l.Amount)
		return l, err
	}, `SELECT t.id, t.number, `+traineeNameSQL+`, sum(sl.amount_fen)
		FROM split_line sl JOIN split s ON s.id = sl.split_id JOIN payment pa ON pa.id = s.payment_id
		JOIN trainee t ON t.id = sl.trainee_id JOIN person p ON p.id = t.person_id
		WHERE pa.order_id = ? GROUP BY t.id, p.id ORDER BY t.number`, orderID)
	return r, mapErr(err, "收入分配")
}

// PaymentPreview is what the window shows before a payment is saved.
type PaymentPreview struct {
	Held    bool        // no production yet (or an earlier payment is held): split when production is logged
	Input   SplitInput  // the order's cumulative split payments, this one included
	Result  SplitResult // this payment's part
	Formula string
}

func heldCount(ctx context.Context, q querier, orderID int64) (int, error) {
	var n int
	err := queryRow(ctx, q, `SELECT count(*) FROM payment p WHERE p.order_id = ? AND p.amount_fen > 0
		AND NOT EXISTS (SELECT 1 FROM split WHERE payment_id = p.id) AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.reverses = p.id)`, orderID).Scan(&n)
	return n, mapErr(err, "收款")
}

// PreviewPayment computes the split a payment would get, without saving anything.
func (s *Store) PreviewPayment(ctx context.Context, orderID, amount int64) (PaymentPreview, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshop); err != nil {
		return PaymentPreview{}, err
	}
	o, err := loadOrder(ctx, s.db, orderID)
	if err != nil {
		return PaymentPreview{}, err
	}
	if err := o.AcceptsPayment(amount); err != nil {
		return PaymentPreview{}, err
	}
	held, err := heldCount(ctx, s.db, orderID)
	if err != nil {
		return PaymentPreview{}, err
	}
	a, noProduction, err := planSplit(ctx, s.db, orderID, amount)
	if err != nil {
		return PaymentPreview{}, err
	}
	if held > 0 || noProduction {
		return PaymentPreview{Held: true, Input: a.Cumulative, Formula: "订单还没有生产记录，收款先登记，待登记生产后按当时的生产记录自动分配。"}, nil
	}
	return PaymentPreview{Input: a.Cumulative, Result: a.Part, Formula: a.Formula()}, nil
}

// RecordPayment saves a payment and, when the order has production, its split, in one
// transaction. A payment before any production is held and split when production is logged.
func (s *Store) RecordPayment(ctx context.Context, orderID int64, day string, amount int64, method, note string) (Payment, error) {
	p := Payment{OrderID: orderID, Day: day, AmountFen: amount, Method: method, Note: note}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		o, err := loadOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if err := o.AcceptsPayment(amount); err != nil {
			return err
		}
		p.Username = a.Username
		res, err := execSQL(ctx, tx, `INSERT INTO payment (order_id, day, amount_fen, method, note, username, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, orderID, p.Day, amount, method, note, a.Username, s.stamp())
		if err != nil {
			return mapErr(err, "收款")
		}
		if p.ID, err = lastID(res); err != nil {
			return err
		}
		if _, err := s.splitHeld(ctx, tx, orderID); err != nil {
			return err
		}
		if r, f, ok, err := splitOf(ctx, tx, p.ID); err != nil {
			return err
		} else if ok {
			p.Split, p.Formula = &r, f
		}
		return s.audit(ctx, tx, a, ActCreate, "收款", p.ID, fmt.Sprintf("订单 %s 收款 %s 元", o.Number, Yuan(amount)))
	})
	return p, err
}

// splitHeld splits, in order, the order's payments that wait for production. It stops at the
// first that still cannot be split. It returns how many it split.
func (s *Store) splitHeld(ctx context.Context, tx *sql.Tx, orderID int64) (int, error) {
	type held struct{ id, amount int64 }
	hs, err := queryAll(ctx, tx, func(sc rowScanner) (held, error) {
		var h held
		err := sc.Scan(&h.id, &h.amount)
		return h, err
	}, `SELECT p.id, p.amount_fen FROM payment p WHERE p.order_id = ? AND p.amount_fen > 0 AND NOT EXISTS (SELECT 1 FROM split WHERE payment_id = p.id)
		AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.reverses = p.id) ORDER BY p.id`, orderID)
	if err != nil {
		return 0, mapErr(err, "收款")
	}
	for i, h := range hs {
		a, noProduction, err := planSplit(ctx, tx, orderID, h.amount)
		if err != nil {
			return i, err
		}
		if noProduction {
			return i, nil
		}
		if err := s.writeSplit(ctx, tx, h.id, a.Cumulative, a.Part, a.Formula()); err != nil {
			return i, err
		}
	}
	return len(hs), nil
}

// writeSplit freezes a payment's split. A line that takes money back from a trainee who was
// already paid it (a reversal, or a share moved by later production) records what they now owe
// back (应退), to be netted against their later earnings.
func (s *Store) writeSplit(ctx context.Context, tx *sql.Tx, paymentID int64, in SplitInput, r SplitResult, formula string) error {
	res, err := execSQL(ctx, tx, `INSERT INTO split (payment_id, rule, retention_bp, materials_fen, retention_fen, trainees_fen, formula, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, paymentID, in.Rule, in.RetentionBP, r.Materials, r.Retention, r.Trainees, formula, s.stamp())
	if err != nil {
		return mapErr(err, "收入分配")
	}
	id, err := lastID(res)
	if err != nil {
		return err
	}
	for _, l := range r.Lines {
		if _, err := execSQL(ctx, tx, "INSERT INTO split_line (split_id, trainee_id, weight, amount_fen) VALUES (?, ?, ?, ?)",
			id, l.TraineeID, l.Weight, l.Amount); err != nil {
			return mapErr(err, "收入分配")
		}
		if l.Amount < 0 {
			if err := s.recordClawback(ctx, tx, paymentID, l); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordClawback records, after a negative split line was written, how much more the trainee
// now owes back: their payouts beyond their earnings, less what was owed before this line.
func (s *Store) recordClawback(ctx context.Context, tx *sql.Tx, paymentID int64, l SplitLine) error {
	earned, paid, err := traineeBalance(ctx, tx, l.TraineeID)
	if err != nil {
		return mapErr(err, "收入")
	}
	owedBack := max(paid-earned, 0) - max(paid-(earned-l.Amount), 0)
	if owedBack <= 0 {
		return nil
	}
	if _, err := execSQL(ctx, tx, "INSERT INTO clawback (trainee_id, payment_id, amount_fen, created_at) VALUES (?, ?, ?, ?)",
		l.TraineeID, paymentID, owedBack, s.stamp()); err != nil {
		return mapErr(err, "应退")
	}
	return nil
}

// splitOf reads a payment's split back.
func splitOf(ctx context.Context, q querier, paymentID int64) (SplitResult, string, bool, error) {
	var r SplitResult
	var id int64
	var formula string
	err := queryRow(ctx, q, "SELECT id, materials_fen, retention_fen, trainees_fen, formula FROM split WHERE payment_id = ?", paymentID).
		Scan(&id, &r.Materials, &r.Retention, &r.Trainees, &formula)
	if err == sql.ErrNoRows {
		return r, "", false, nil
	}
	if err != nil {
		return r, "", false, mapErr(err, "收入分配")
	}
	r.Lines, err = queryAll(ctx, q, func(sc rowScanner) (SplitLine, error) {
		var l SplitLine
		err := sc.Scan(&l.TraineeID, &l.Number, &l.Name, &l.Weight, &l.Amount)
		return l, err
	}, `SELECT sl.trainee_id, t.number, p.name, sl.weight, sl.amount_fen FROM split_line sl
		JOIN trainee t ON t.id = sl.trainee_id JOIN person p ON p.id = t.person_id WHERE sl.split_id = ? ORDER BY t.number`, id)
	if err != nil {
		return r, "", false, mapErr(err, "收入分配")
	}
	return r, formula, true, nil
}

// Payments lists an order's payments with their splits.
func (s *Store) Payments(ctx context.Context, orderID int64) ([]Payment, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return nil, err
	}
	return findPayments(ctx, s.db, orderID)
}

// findPayments lists an order's payments with their splits, in order.
func findPayments(ctx context.Context, q querier, orderID int64) ([]Payment, error) {
	out, err := queryAll(ctx, q, func(sc rowScanner) (Payment, error) {
		var p Payment
		err := sc.Scan(&p.ID, &p.OrderID, &p.Day, &p.AmountFen, &p.Method, &p.Reverses, &p.ReversedBy, &p.Note, &p.Username)
		return p, err
	}, `SELECT id, order_id, day, amount_fen, method, coalesce(reverses, 0),
		coalesce((SELECT r.id FROM payment r WHERE r.reverses = p.id), 0), note, username
		FROM payment p WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, mapErr(err, "收款")
	}
	for i := range out {
		r, f, ok, err := splitOf(ctx, q, out[i].ID)
		if err != nil {
			return nil, err
		}
		if ok {
			out[i].Split, out[i].Formula = &r, f
		}
	}
	return out, nil
}

// ReversePayment records a refund or correction: a negative payment that reverses the original
// and, when it was split, a split with every line negated. Nothing is edited in place. A trainee
// who was already paid out of the reversed money now owes it back (应退): it is recorded, shown on
// their payout slip and netted against their later earnings. A payment is reversed once.
func (s *Store) ReversePayment(ctx context.Context, paymentID int64, reason string) error {
	if err := checkReason("冲销原因", reason); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		var orderID, amount, reversedBy int64
		if err := queryRow(ctx, tx, `SELECT order_id, amount_fen, coalesce((SELECT r.id FROM payment r WHERE r.reverses = p.id), 0)
			FROM payment p WHERE id = ?`, paymentID).Scan(&orderID, &amount, &reversedBy); err != nil {
			return mapErr(err, "收款")
		}
		if amount < 0 {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("第 %d 笔本身就是冲销记录，不能再冲销", paymentID)}
		}
		if reversedBy != 0 {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("第 %d 笔收款已经冲销过（冲销记录第 %d 笔），不能重复冲销", paymentID, reversedBy)}
		}
		o, err := loadOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if o.Status == StatusSettled || o.Status == StatusCancelled {
			return &Error{Code: CodeInvalid, Message: "已结清或已取消的订单不能冲销收款"}
		}
		res, err := execSQL(ctx, tx, `INSERT INTO payment (order_id, day, amount_fen, method, reverses, note, username, created_at)
			VALUES (?, ?, ?, '冲销', ?, ?, ?, ?)`, orderID, s.now().Format("2006-01-02"), -amount, paymentID, reason, a.Username, s.stamp())
		if err != nil {
			return mapErr(err, "收款")
		}
		rev, err := lastID(res)
		if err != nil {
			return err
		}
		r, _, ok, err := splitOf(ctx, tx, paymentID)
		if err != nil {
			return err
		}
		if ok {
			neg := SplitResult{Materials: -r.Materials, Retention: -r.Retention, Trainees: -r.Trainees}
			for _, l := range r.Lines {
				l.Amount = -l.Amount
				neg.Lines = append(neg.Lines, l)
			}
			in := SplitInput{Payment: -amount, Rule: o.SplitRule, RetentionBP: o.RetentionBP}
			if err := s.writeSplit(ctx, tx, rev, in, neg, ReversalFormula(paymentID, reason, neg, -amount)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, "收款", paymentID, fmt.Sprintf("冲销订单 %s 收款 %s 元（%s）", o.Number, Yuan(amount), reason))
	})
}
