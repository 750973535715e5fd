package data

import (
	"context"
	"database/sql"
	"fmt"
)

// The 共富集市公约: versions with numbered items (管理员), vendors' signatures with a witness, and
// violations logged against an item with the outcome the office's rule gives.

func findPactItems(ctx context.Context, q querier, pactID int64) ([]PactItem, error) {
	return queryAll(ctx, q, func(sc rowScanner) (PactItem, error) {
		var it PactItem
		err := sc.Scan(&it.Number, &it.Title, &it.Text)
		return it, err
	}, "SELECT number, title, body FROM market_pact_item WHERE pact_id = ? ORDER BY number", pactID)
}

func findPacts(ctx context.Context, q querier, id int64) ([]Pact, error) {
	var w where
	if id != 0 {
		w.add("p.id = ?", id)
	}
	ps, err := queryAll(ctx, q, func(sc rowScanner) (Pact, error) {
		var p Pact
		err := sc.Scan(&p.ID, &p.Version, &p.Title, &p.InForce, &p.CreatedBy, &p.Signed)
		return p, err
	}, `SELECT p.id, p.version, p.title, p.in_force, p.created_by, (SELECT count(*) FROM market_signature g WHERE g.pact_id = p.id)
		FROM market_pact p`+w.String()+" ORDER BY p.version DESC", w.args...)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		if ps[i].Items, err = findPactItems(ctx, q, ps[i].ID); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// Pacts lists the versions of the 公约, newest first, each with its items.
func (s *Store) Pacts(ctx context.Context) ([]Pact, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findPacts(ctx, s.db, 0)
	return out, mapErr(err, "公约")
}

// pactInForce is the version in force on day; ErrNotFound when none is.
func pactInForce(ctx context.Context, q querier, day string) (Pact, error) {
	id, err := queryOne(ctx, q, scanValue[int64], `SELECT coalesce(max(id), 0) FROM market_pact
		WHERE version = (SELECT max(version) FROM market_pact WHERE in_force <= ?)`, day)
	if err != nil {
		return Pact{}, mapErr(err, "公约")
	}
	if id == 0 {
		return Pact{}, notFound("当日生效的公约")
	}
	ps, err := findPacts(ctx, q, id)
	if err != nil || len(ps) == 0 {
		return Pact{}, mapErr(err, "公约")
	}
	return ps[0], nil
}

// PactInForce reads the version of the 公约 in force on day.
func (s *Store) PactInForce(ctx context.Context, day string) (Pact, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Pact{}, err
	}
	day, err := dateParam("日期", day)
	if err != nil {
		return Pact{}, err
	}
	return pactInForce(ctx, s.db, day)
}

// SavePact records a new version of the 公约 (管理员); from its first day every vendor must sign
// it again before getting a stall. It returns the new version's id.
func (s *Store) SavePact(ctx context.Context, p Pact) (int64, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketRules)
		if err != nil {
			return err
		}
		last, err := queryOne(ctx, tx, scanValue[string], "SELECT coalesce(max(in_force), '') FROM market_pact")
		if err != nil {
			return mapErr(err, "公约")
		}
		if p.InForce < last {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "生效日期", Message: "不能早于上一版的生效日期 " + last}}}
		}
		if p.Version, err = queryOne(ctx, tx, scanValue[int], "SELECT coalesce(max(version), 0) + 1 FROM market_pact"); err != nil {
			return mapErr(err, "公约")
		}
		res, err := execSQL(ctx, tx, "INSERT INTO market_pact (version, title, in_force, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
			p.Version, p.Title, p.InForce, a.Display, s.stamp())
		if err != nil {
			return mapErr(err, "公约")
		}
		if p.ID, err = lastID(res); err != nil {
			return err
		}
		for _, it := range p.Items {
			if _, err := execSQL(ctx, tx, "INSERT INTO market_pact_item (pact_id, number, title, body) VALUES (?, ?, ?, ?)",
				p.ID, it.Number, it.Title, it.Text); err != nil {
				return mapErr(err, fmt.Sprintf("公约第 %d 条", it.Number))
			}
		}
		return s.audit(ctx, tx, a, ActCreate, MarketEntity, p.ID, fmt.Sprintf("公约第 %d 版（%d 条），%s 起生效", p.Version, len(p.Items), p.InForce))
	})
	return p.ID, err
}

// PactSignature is a vendor's signature of a version.
type PactSignature struct {
	PactID       int64
	VendorID     int64
	VendorNumber string
	Vendor       string
	Day          string
	Witness      string
}

// PactSignatures lists who signed a version, by vendor number.
func (s *Store) PactSignatures(ctx context.Context, pactID int64) ([]PactSignature, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (PactSignature, error) {
		var g PactSignature
		err := sc.Scan(&g.PactID, &g.VendorID, &g.VendorNumber, &g.Vendor, &g.Day, &g.Witness)
		return g, err
	}, `SELECT g.pact_id, g.vendor_id, v.number, v.name, g.day, g.witness FROM market_signature g JOIN market_vendor v ON v.id = g.vendor_id
		WHERE g.pact_id = ? ORDER BY v.number`, pactID)
	return out, mapErr(err, "签署记录")
}

// SignPact records that a vendor signed a version on day before a witness.
func (s *Store) SignPact(ctx context.Context, pactID, vendorID int64, day, witness string) error {
	bad := &Invalid{}
	checkDate(bad, "签署日期", day, true)
	normDate(&day)
	if n := len([]rune(witness)); n < 2 || n > 20 {
		bad.Add("见证人", "应为 2 到 20 个字")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		ps, err := findPacts(ctx, tx, pactID)
		if err != nil {
			return mapErr(err, "公约")
		}
		if len(ps) == 0 {
			return notFound("这一版公约")
		}
		v, err := findVendor(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "INSERT INTO market_signature (pact_id, vendor_id, day, witness, recorded_by) VALUES (?, ?, ?, ?, ?)",
			pactID, vendorID, day, witness, a.Display); err != nil {
			return mapErr(err, v.Name+"对第 "+fmt.Sprint(ps[0].Version)+" 版公约的签署")
		}
		return s.audit(ctx, tx, a, ActCreate, MarketEntity, vendorID, fmt.Sprintf("%s 签署公约第 %d 版（见证人 %s）", v.Name, ps[0].Version, witness))
	})
}

// ViolationFilter narrows violations; zero values match everything.
type ViolationFilter struct {
	VendorID int64
	From, To string
}

func findViolations(ctx context.Context, q querier, f ViolationFilter) ([]Violation, error) {
	var w where
	if f.VendorID != 0 {
		w.add("x.vendor_id = ?", f.VendorID)
	}
	if f.From != "" {
		w.add("x.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("x.day <= ?", f.To)
	}
	return queryAll(ctx, q, func(sc rowScanner) (Violation, error) {
		var v Violation
		err := sc.Scan(&v.ID, &v.VendorID, &v.Vendor, &v.Day, &v.PactID, &v.PactVersion, &v.Item, &v.ItemTitle, &v.Party, &v.Recorder,
			&v.What, &v.Photo, &v.Outcome, &v.SuspendDays)
		return v, err
	}, `SELECT x.id, x.vendor_id, v.name, x.day, x.pact_id, p.version, x.item, i.title, x.party, x.recorder, x.what, x.photo, x.outcome,
		x.suspend_days FROM market_violation x JOIN market_vendor v ON v.id = x.vendor_id JOIN market_pact p ON p.id = x.pact_id
		JOIN market_pact_item i ON i.pact_id = x.pact_id AND i.number = x.item`+w.String()+" ORDER BY x.day, x.id", w.args...)
}

// Violations lists violations by day.
func (s *Store) Violations(ctx context.Context, f ViolationFilter) ([]Violation, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findViolations(ctx, s.db, f)
	return out, mapErr(err, "违约记录")
}

// RecordViolation logs a breach of an item of the pact in force on its day; the outcome follows
// the office's rule for the vendor's nth violation that year (提醒 → 警告 → 暂停), and a 暂停
// suspends the vendor from the next market day. It returns the violation as recorded.
func (s *Store) RecordViolation(ctx context.Context, v Violation) (Violation, error) {
	v.Normalize()
	if err := v.Validate(); err != nil {
		return v, err
	}
	if v.Day > s.now().Format("2006-01-02") {
		return v, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "日期", Message: "不能晚于今天"}}}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		vendor, err := findVendor(ctx, tx, v.VendorID)
		if err != nil {
			return err
		}
		p, err := pactInForce(ctx, tx, v.Day)
		if err != nil {
			return err
		}
		if v.Item > len(p.Items) {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "公约条款", Message: fmt.Sprintf("第 %d 版公约只有 %d 条", p.Version, len(p.Items))}}}
		}
		rules, err := findMarketRules(ctx, tx)
		if err != nil {
			return mapErr(err, "集市设置")
		}
		n, err := queryOne(ctx, tx, scanValue[int], "SELECT count(*) FROM market_violation WHERE vendor_id = ? AND day >= ? AND day <= ?",
			v.VendorID, v.Day[:4]+"-01-01", v.Day[:4]+"-12-31")
		if err != nil {
			return mapErr(err, "违约记录")
		}
		v.Outcome, v.SuspendDays = rules.OutcomeFor(n + 1)
		v.PactID, v.PactVersion, v.Vendor, v.ItemTitle = p.ID, p.Version, vendor.Name, p.Items[v.Item-1].Title
		res, err := execSQL(ctx, tx, `INSERT INTO market_violation (vendor_id, day, pact_id, item, party, recorder, what, photo, outcome,
			suspend_days, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.VendorID, v.Day, v.PactID, v.Item, v.Party,
			v.Recorder, v.What, v.Photo, string(v.Outcome), v.SuspendDays, a.Display, s.stamp())
		if err != nil {
			return mapErr(err, "违约记录")
		}
		if v.ID, err = lastID(res); err != nil {
			return err
		}
		if v.Outcome == OutcomeSuspend {
			why := fmt.Sprintf("%d 年第 %d 次违反公约（第 %d 条 %s）", dayYear(v.Day), n+1, v.Item, v.ItemTitle)
			if err := s.suspend(ctx, tx, v.VendorID, v.Day, v.SuspendDays, "违约", why); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, ActCreate, MarketEntity, v.ID, fmt.Sprintf("%s %s 违反公约第 %d 条（%s），%s记录，处理：%s",
			v.Day, vendor.Name, v.Item, v.ItemTitle, v.Party, v.Outcome))
	})
	return v, err
}
