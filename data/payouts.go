package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Earning is one trainee's money: what the month's splits gave, and the running balance.
type Earning struct {
	Trainee     Trainee
	EarnedMonth int64
	PaidMonth   int64
	EarnedTotal int64 // to the end of the month
	PaidTotal   int64 // payouts for months up to this one (reversed payouts netted out)
	Owed        int64 // EarnedTotal − PaidTotal; negative while the trainee owes money back
	OwedBack    int64 // 应退 still outstanding: −Owed when negative, else 0
}

// Earnings lists every trainee's earnings for a month (YYYY-MM), by the payments' dates.
func (s *Store) Earnings(ctx context.Context, month string) ([]Earning, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return nil, err
	}
	ts, err := s.Trainees(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []Earning
	for _, t := range ts {
		e := Earning{Trainee: t}
		err := queryRow(ctx, s.db, `SELECT
			coalesce((SELECT sum(sl.amount_fen) FROM split_line sl JOIN split s ON s.id = sl.split_id JOIN payment p ON p.id = s.payment_id
				WHERE sl.trainee_id = ?1 AND substr(p.day, 1, 7) = ?2), 0),
			coalesce((SELECT sum(amount_fen) FROM payout WHERE trainee_id = ?1 AND month = ?2), 0),
			coalesce((SELECT sum(sl.amount_fen) FROM split_line sl JOIN split s ON s.id = sl.split_id JOIN payment p ON p.id = s.payment_id
				WHERE sl.trainee_id = ?1 AND substr(p.day, 1, 7) <= ?2), 0),
			coalesce((SELECT sum(amount_fen) FROM payout WHERE trainee_id = ?1 AND month <= ?2), 0)`, t.ID, month).
			Scan(&e.EarnedMonth, &e.PaidMonth, &e.EarnedTotal, &e.PaidTotal)
		if err != nil {
			return nil, mapErr(err, "收入")
		}
		e.Owed = e.EarnedTotal - e.PaidTotal
		e.OwedBack = max(-e.Owed, 0)
		out = append(out, e)
	}
	return out, nil
}

// RecordPayout records money handed to a trainee; it may not exceed what they are owed.
func (s *Store) RecordPayout(ctx context.Context, traineeID int64, month, day string, amount int64, method, note string) error {
	p := Payout{TraineeID: traineeID, Month: month, Day: day, AmountFen: amount, Method: method, Note: note}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		earned, paid, err := traineeBalance(ctx, tx, p.TraineeID)
		if err != nil {
			return mapErr(err, "收入")
		}
		if paid > earned {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "发放金额", Message: fmt.Sprintf("学员尚有应退 %s 元，先从以后的收入中抵扣，暂不能发放", Yuan(paid-earned))}}}
		}
		if paid+amount > earned {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "发放金额", Message: fmt.Sprintf("超过应发余额 %s 元", Yuan(earned-paid))}}}
		}
		res, err := execSQL(ctx, tx, `INSERT INTO payout (trainee_id, month, day, amount_fen, method, username, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.TraineeID, p.Month, p.Day, p.AmountFen, p.Method, a.Username, p.Note, s.stamp())
		if err != nil {
			return mapErr(err, "发放记录")
		}
		id, err := lastID(res)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "收入发放", id, fmt.Sprintf("向学员 #%d 发放 %s 元（%s）", traineeID, Yuan(amount), month))
	})
}

// LedgerRow is one line of the 工坊收入台账.
type LedgerRow struct {
	Day, OrderNo, Customer, Products string
	Quantity                         int64
	Payment                          int64
	Materials, Retention, Trainees   int64
	Handler                          string
	Held                             bool // not split yet: the three parts are not known
	Note                             string
}

// WorkshopLedger lists the month's payments with their splits; held payments come marked.
func (s *Store) WorkshopLedger(ctx context.Context, month string) ([]LedgerRow, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (LedgerRow, error) {
		var r LedgerRow
		err := sc.Scan(&r.Day, &r.OrderNo, &r.Customer, &r.Products, &r.Quantity, &r.Payment, &r.Materials, &r.Retention,
			&r.Trainees, &r.Handler, &r.Held, &r.Note)
		return r, err
	}, `SELECT p.day, o.number, o.customer_name || CASE WHEN o.customer_org <> '' THEN '（' || o.customer_org || '）' ELSE '' END,
		coalesce((SELECT group_concat(pr.name || '×' || l.quantity, '、') FROM order_line l JOIN product pr ON pr.id = l.product_id WHERE l.order_id = o.id), ''),
		coalesce((SELECT sum(quantity) FROM order_line WHERE order_id = o.id), 0),
		p.amount_fen, coalesce(s.materials_fen, 0), coalesce(s.retention_fen, 0), coalesce(s.trainees_fen, 0), p.username, s.id IS NULL,
		CASE WHEN p.reverses IS NOT NULL THEN '冲销：' || p.note ELSE p.note END
		FROM payment p JOIN work_order o ON o.id = p.order_id LEFT JOIN split s ON s.payment_id = p.id
		WHERE substr(p.day, 1, 7) = ? ORDER BY p.day, p.id`, month)
	return out, mapErr(err, "台账")
}

// SlipLine is one order's contribution to a trainee's month; a reversal's is negative.
type SlipLine struct {
	Day, OrderNo, Customer, Rule string
	Weight                       int64
	Amount                       int64
	Reversal                     bool  // the line takes back part of a reversed payment
	OwedBack                     int64 // 应退 this line created: money already paid out that it took back
}

// PayoutSlip is a trainee's 收入分配单 for a month.
type PayoutSlip struct {
	Earning
	Month   string
	Lines   []SlipLine
	Payouts []Payout // the month's payouts, reversals included
}

// PayoutSlips builds the month's slips for every trainee who earned or was paid anything.
func (s *Store) PayoutSlips(ctx context.Context, month string) ([]PayoutSlip, error) {
	es, err := s.Earnings(ctx, month)
	if err != nil {
		return nil, err
	}
	var out []PayoutSlip
	for _, e := range es {
		if e.EarnedMonth == 0 && e.PaidMonth == 0 && e.Owed == 0 {
			continue
		}
		slip := PayoutSlip{Earning: e, Month: month}
		slip.Lines, err = queryAll(ctx, s.db, func(sc rowScanner) (SlipLine, error) {
			var l SlipLine
			err := sc.Scan(&l.Day, &l.OrderNo, &l.Customer, &l.Rule, &l.Weight, &l.Amount, &l.Reversal, &l.OwedBack)
			return l, err
		}, `SELECT p.day, o.number, o.customer_name, s.rule, sl.weight, sl.amount_fen, p.reverses IS NOT NULL,
			coalesce((SELECT amount_fen FROM clawback c WHERE c.payment_id = p.id AND c.trainee_id = sl.trainee_id), 0)
			FROM split_line sl JOIN split s ON s.id = sl.split_id JOIN payment p ON p.id = s.payment_id JOIN work_order o ON o.id = p.order_id
			WHERE sl.trainee_id = ? AND substr(p.day, 1, 7) = ? ORDER BY p.day, p.id`, e.Trainee.ID, month)
		if err != nil {
			return nil, mapErr(err, "收入")
		}
		if slip.Payouts, err = findPayouts(ctx, s.db, e.Trainee.ID, month); err != nil {
			return nil, err
		}
		out = append(out, slip)
	}
	return out, nil
}

// checkWorkshop verifies the money invariants: each split's parts sum to its payment, each settled
// order's materials sum to its material cost, no trainee was paid more than they earned unless
// the excess is a recorded 应退, and each reversal (of a payment or a payout) is the exact
// negative of what it reverses.
func checkWorkshop(ctx context.Context, q querier) ([]string, error) {
	var problems []string
	queries := []struct {
		sql  string
		what string
	}{
		{`SELECT p.id FROM split s JOIN payment p ON p.id = s.payment_id
			WHERE s.materials_fen + s.retention_fen + s.trainees_fen <> p.amount_fen
			   OR s.trainees_fen <> coalesce((SELECT sum(amount_fen) FROM split_line WHERE split_id = s.id), 0)`, "收款 #%d 的分配各部分之和不等于收款金额"},
		{`SELECT o.id FROM work_order o WHERE o.status = '已结清' AND
			coalesce((SELECT sum(quantity * material_fen) FROM order_line WHERE order_id = o.id), 0) <>
			coalesce((SELECT sum(s.materials_fen) FROM split s JOIN payment p ON p.id = s.payment_id WHERE p.order_id = o.id), 0)`, "已结清订单 #%d 的材料费分摊之和不等于材料成本"},
		{`SELECT t.id FROM trainee t WHERE coalesce((SELECT sum(amount_fen) FROM payout WHERE trainee_id = t.id), 0) >
			coalesce((SELECT sum(amount_fen) FROM split_line WHERE trainee_id = t.id), 0) +
			coalesce((SELECT sum(amount_fen) FROM clawback WHERE trainee_id = t.id), 0)`, "学员 #%d 已发放金额超过应得收入，超出部分没有应退记录"},
		{`SELECT r.id FROM payment r JOIN payment o ON o.id = r.reverses WHERE r.amount_fen <> -o.amount_fen OR r.order_id <> o.order_id
			OR o.reverses IS NOT NULL OR EXISTS (SELECT 1 FROM split s WHERE s.payment_id = o.id) <> EXISTS (SELECT 1 FROM split s WHERE s.payment_id = r.id)
			OR EXISTS (SELECT 1 FROM split_line ol JOIN split os ON os.id = ol.split_id WHERE os.payment_id = o.id AND -ol.amount_fen <>
				coalesce((SELECT rl.amount_fen FROM split_line rl JOIN split rs ON rs.id = rl.split_id WHERE rs.payment_id = r.id AND rl.trainee_id = ol.trainee_id), 0))`,
			"冲销收款 #%d 与原收款或其分配不符"},
		{`SELECT r.id FROM payout r JOIN payout o ON o.id = r.reverses WHERE r.amount_fen <> -o.amount_fen OR r.trainee_id <> o.trainee_id
			OR o.reverses IS NOT NULL`, "冲销发放 #%d 与原发放不符"},
		{`SELECT c.id FROM clawback c WHERE c.amount_fen > -coalesce((SELECT sl.amount_fen FROM split_line sl JOIN split s ON s.id = sl.split_id
			WHERE s.payment_id = c.payment_id AND sl.trainee_id = c.trainee_id), 0)`, "应退 #%d 超过对应分配收回的金额"},
		{`SELECT o.id FROM work_order o WHERE coalesce((SELECT sum(amount_fen) FROM payment WHERE order_id = o.id), 0) >
			coalesce((SELECT sum(quantity * unit_price_fen) FROM order_line WHERE order_id = o.id), 0)`, "订单 #%d 收款超过订单金额"},
	}
	for _, c := range queries {
		ids, err := queryAll(ctx, q, scanValue[int64], c.sql)
		if err != nil {
			if strings.Contains(err.Error(), "no such table") {
				return problems, nil
			}
			return nil, err
		}
		for _, id := range ids {
			problems = append(problems, fmt.Sprintf(c.what, id))
		}
	}
	return problems, nil
}

// WorkshopStats is the workshop's part of the home screen.
type WorkshopStats struct {
	IncomeByMonth []CommunityCount // last 12 months, 分 received (reversals included)
	TraineeYear   []CommunityCount // each trainee's split income this year, 分
	Due           []Order          // not yet delivered, due within 14 days or overdue
}

// WorkshopStats loads the workshop figures for the home screen.
func (s *Store) WorkshopStats(ctx context.Context) (WorkshopStats, error) {
	var w WorkshopStats
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return w, err
	}
	now := s.now()
	for i := 11; i >= 0; i-- {
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -i, 0).Format("2006-01")
		c := CommunityCount{Name: m}
		var fen int64
		if err := queryRow(ctx, s.db, "SELECT coalesce(sum(amount_fen), 0) FROM payment WHERE substr(day, 1, 7) = ?", m).Scan(&fen); err != nil {
			return w, mapErr(err, "收款")
		}
		c.Count = int(fen)
		w.IncomeByMonth = append(w.IncomeByMonth, c)
	}
	var err error
	w.TraineeYear, err = queryAll(ctx, s.db, func(sc rowScanner) (CommunityCount, error) {
		var c CommunityCount
		var fen int64
		err := sc.Scan(&c.Name, &fen)
		c.Count = int(fen)
		return c, err
	}, `SELECT t.number || ' ' || p.name || CASE WHEN t.nickname <> '' THEN '（' || t.nickname || '）' ELSE '' END,
		coalesce((SELECT sum(sl.amount_fen) FROM split_line sl JOIN split sp ON sp.id = sl.split_id JOIN payment pa ON pa.id = sp.payment_id
		WHERE sl.trainee_id = t.id AND substr(pa.day, 1, 4) = ?), 0) FROM trainee t JOIN person p ON p.id = t.person_id WHERE t.active = 1 ORDER BY t.number`,
		now.Format("2006"))
	if err != nil {
		return w, mapErr(err, "学员")
	}
	os, err := s.Orders(ctx, "")
	if err != nil {
		return w, err
	}
	soon := now.AddDate(0, 0, 14).Format("2006-01-02")
	for _, o := range os {
		if (o.Status == StatusAccepted || o.Status == StatusMaking || o.Status == StatusInquiry) && o.Due <= soon {
			w.Due = append(w.Due, o)
		}
	}
	return w, nil
}

// findPayouts lists a trainee's payouts, all of them or (month "YYYY-MM") one month's.
func findPayouts(ctx context.Context, q querier, traineeID int64, month string) ([]Payout, error) {
	out, err := queryAll(ctx, q, func(sc rowScanner) (Payout, error) {
		var p Payout
		err := sc.Scan(&p.ID, &p.TraineeID, &p.Month, &p.Day, &p.AmountFen, &p.Method, &p.Note, &p.Username, &p.Reverses, &p.ReversedBy)
		return p, err
	}, `SELECT id, trainee_id, month, day, amount_fen, method, note, username, coalesce(reverses, 0),
		coalesce((SELECT r.id FROM payout r WHERE r.reverses = p.id), 0) FROM payout p
		WHERE trainee_id = ? AND (? = '' OR month = ?) ORDER BY day, id`, traineeID, month, month)
	return out, mapErr(err, "发放记录")
}

// Payouts lists everything paid to a trainee, reversals included, oldest first.
func (s *Store) Payouts(ctx context.Context, traineeID int64) ([]Payout, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return nil, err
	}
	return findPayouts(ctx, s.db, traineeID, "")
}

// ReversePayout (冲销发放) takes back a payout that did not reach the trainee or was a mistake: a
// negative payout naming it, dated today and counted in this month, with the reason. The
// trainee's balance returns; the original stays as it was. A payout is reversed once.
func (s *Store) ReversePayout(ctx context.Context, payoutID int64, reason string) error {
	if err := checkReason("冲销原因", reason); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		var p Payout
		if err := queryRow(ctx, tx, `SELECT trainee_id, month, amount_fen, coalesce((SELECT r.id FROM payout r WHERE r.reverses = p.id), 0)
			FROM payout p WHERE id = ?`, payoutID).Scan(&p.TraineeID, &p.Month, &p.AmountFen, &p.ReversedBy); err != nil {
			return mapErr(err, "发放记录")
		}
		if p.AmountFen < 0 {
			return &Error{Code: CodeConflict, Message: "这条本身就是冲销记录，不能再冲销"}
		}
		if p.ReversedBy != 0 {
			return &Error{Code: CodeConflict, Message: "这笔发放已经冲销过，不能重复冲销"}
		}
		now := s.now()
		month := max(now.Format("2006-01"), p.Month)
		if _, err := execSQL(ctx, tx, `INSERT INTO payout (trainee_id, month, day, amount_fen, method, reverses, username, note, created_at)
			VALUES (?, ?, ?, ?, '冲销', ?, ?, ?, ?)`, p.TraineeID, month, now.Format("2006-01-02"), -p.AmountFen, payoutID, a.Username, reason, s.stamp()); err != nil {
			return mapErr(err, "发放记录")
		}
		return s.audit(ctx, tx, a, ActUpdate, "收入发放", payoutID, fmt.Sprintf("冲销向学员 #%d 的发放 %s 元（%s）：%s", p.TraineeID, Yuan(p.AmountFen), p.Month, reason))
	})
}
