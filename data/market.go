package data

import (
	"context"
	"database/sql"
	"fmt"
)

// The 共富集市 store: the office's settings and fee rules, stall layouts and vendors. Market days
// and the allocation are in market_days.go, the 公约 and violations in market_pact.go, money
// (fees, waivers, takings, the 增收台账) in market_money.go.

// MarketEntity is the audit's name for market records.
const MarketEntity = "共富集市"

func findMarketRules(ctx context.Context, q querier) (MarketRules, error) {
	var r MarketRules
	err := queryRow(ctx, q, `SELECT category_cap, noshow_limit, warn_after, suspend_after, suspend_days, release_time
		FROM market_settings WHERE id = 1`).Scan(&r.CategoryCap, &r.NoShowLimit, &r.WarnAfter, &r.SuspendAfter, &r.SuspendDays, &r.ReleaseTime)
	return r, err
}

// MarketRules reads the office's market settings.
func (s *Store) MarketRules(ctx context.Context) (MarketRules, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return MarketRules{}, err
	}
	r, err := findMarketRules(ctx, s.db)
	return r, mapErr(err, "集市设置")
}

// SaveMarketRules changes the settings (管理员).
func (s *Store) SaveMarketRules(ctx context.Context, r MarketRules) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketRules)
		if err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, `UPDATE market_settings SET category_cap = ?, noshow_limit = ?, warn_after = ?, suspend_after = ?,
			suspend_days = ?, release_time = ?, updated_at = ? WHERE id = 1`, r.CategoryCap, r.NoShowLimit, r.WarnAfter, r.SuspendAfter,
			r.SuspendDays, r.ReleaseTime, s.stamp()); err != nil {
			return mapErr(err, "集市设置")
		}
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, 0, fmt.Sprintf("集市设置：同品类上限 %d，缺席 %d 次暂停，第 %d 次违约警告、第 %d 次起暂停 %d 个集市日，%s 释放摊位",
			r.CategoryCap, r.NoShowLimit, r.WarnAfter, r.SuspendAfter, r.SuspendDays, r.ReleaseTime))
	})
}

func scanFeeRule(sc rowScanner) (FeeRule, error) {
	var f FeeRule
	err := sc.Scan(&f.Kind, &f.Method, &f.DayFen, &f.RateBP)
	return f, err
}

func findFeeRules(ctx context.Context, q querier) (map[StallKind]FeeRule, error) {
	rs, err := queryAll(ctx, q, scanFeeRule, "SELECT kind, method, day_fen, rate_bp FROM market_fee_rule")
	out := map[StallKind]FeeRule{}
	for _, r := range rs {
		out[r.Kind] = r
	}
	return out, err
}

// FeeRules lists the fee rule of every stall kind, in StallKinds order.
func (s *Store) FeeRules(ctx context.Context) ([]FeeRule, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	m, err := findFeeRules(ctx, s.db)
	if err != nil {
		return nil, mapErr(err, "收费规则")
	}
	var out []FeeRule
	for _, k := range StallKinds {
		out = append(out, m[k])
	}
	return out, nil
}

// SaveFeeRule changes the fee of one stall kind (管理员); 帮扶 and 公益 stay 免租.
func (s *Store) SaveFeeRule(ctx context.Context, f FeeRule) error { return s.SaveFeeRules(ctx, f) }

// SaveFeeRules changes the fees of several stall kinds in one transaction (管理员); 帮扶 and 公益
// stay 免租.
func (s *Store) SaveFeeRules(ctx context.Context, rules ...FeeRule) error {
	for _, f := range rules {
		if err := f.Validate(); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketRules)
		if err != nil {
			return err
		}
		for _, f := range rules {
			if _, err := execSQL(ctx, tx, "UPDATE market_fee_rule SET method = ?, day_fen = ?, rate_bp = ? WHERE kind = ?",
				string(f.Method), f.DayFen, f.RateBP, string(f.Kind)); err != nil {
				return mapErr(err, "收费规则")
			}
			if err := s.audit(ctx, tx, a, ActUpdate, MarketEntity, 0, fmt.Sprintf("%s摊位收费：%s %s", f.Kind, f.Method, feeText(f))); err != nil {
				return err
			}
		}
		return nil
	})
}

// feeText writes a fee rule's amount.
func feeText(f FeeRule) string {
	switch f.Method {
	case FeePerDay:
		return Yuan(f.DayFen) + " 元/日"
	case FeePercent:
		return fmt.Sprintf("%d.%02d%%", f.RateBP/100, f.RateBP%100)
	}
	return ""
}

func scanStall(sc rowScanner) (Stall, error) {
	var st Stall
	err := sc.Scan(&st.ID, &st.LayoutID, &st.Number, &st.Kind, &st.Size, &st.Category)
	return st, err
}

func findStalls(ctx context.Context, q querier, layoutID int64) ([]Stall, error) {
	return queryAll(ctx, q, scanStall, "SELECT id, layout_id, number, kind, size, category FROM market_stall WHERE layout_id = ? ORDER BY number, id", layoutID)
}

func scanLayout(sc rowScanner) (StallLayout, error) {
	var l StallLayout
	err := sc.Scan(&l.ID, &l.Version, &l.Note, &l.CreatedBy, &l.CreatedAt)
	return l, err
}

// StallLayouts lists the layout versions, newest first, each with its stalls.
func (s *Store) StallLayouts(ctx context.Context) ([]StallLayout, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	ls, err := queryAll(ctx, s.db, scanLayout, "SELECT id, version, note, created_by, created_at FROM market_layout ORDER BY version DESC")
	if err != nil {
		return nil, mapErr(err, "摊位布局")
	}
	for i := range ls {
		if ls[i].Stalls, err = findStalls(ctx, s.db, ls[i].ID); err != nil {
			return nil, mapErr(err, "摊位布局")
		}
	}
	return ls, nil
}

// currentLayout is the newest layout's id, or 0 when there is none.
func currentLayout(ctx context.Context, q querier) (int64, error) {
	return queryOne(ctx, q, scanValue[int64], "SELECT coalesce(max(id), 0) FROM market_layout")
}

// SaveStallLayout records a new version of the layout (an edit never changes a version that
// market days used) and returns its id. New market days use it.
func (s *Store) SaveStallLayout(ctx context.Context, l StallLayout) (int64, error) {
	l.Normalize()
	if err := l.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		v, err := queryOne(ctx, tx, scanValue[int], "SELECT coalesce(max(version), 0) + 1 FROM market_layout")
		if err != nil {
			return mapErr(err, "摊位布局")
		}
		l.Version = v
		res, err := execSQL(ctx, tx, "INSERT INTO market_layout (version, note, created_by, created_at) VALUES (?, ?, ?, ?)",
			v, l.Note, a.Display, s.stamp())
		if err != nil {
			return mapErr(err, "摊位布局")
		}
		if l.ID, err = lastID(res); err != nil {
			return err
		}
		st, err := prepare(ctx, tx, "INSERT INTO market_stall (layout_id, number, kind, size, category) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			return mapErr(err, "摊位")
		}
		defer st.Close()
		for _, x := range l.Stalls {
			if _, err := st.ExecContext(ctx, l.ID, x.Number, string(x.Kind), x.Size, x.Category); err != nil {
				return mapErr(err, "摊位“"+x.Number+"”")
			}
		}
		return s.audit(ctx, tx, a, ActCreate, MarketEntity, l.ID, fmt.Sprintf("摊位布局第 %d 版（%d 个摊位）", v, len(l.Stalls)))
	})
	return l.ID, err
}

// VendorFilter narrows the vendors; zero values match everything.
type VendorFilter struct {
	ID   int64
	Kind VendorKind
}

const vendorColumns = `v.id, v.number, coalesce(v.person_id, 0), v.name, v.phone, v.id_number, v.category, v.kind, v.partner,
	v.permit_from, v.permit_to, v.notes, coalesce((SELECT max(p.version) FROM market_signature g JOIN market_pact p ON p.id = g.pact_id
	WHERE g.vendor_id = v.id), 0) FROM market_vendor v`

func scanVendor(sc rowScanner) (Vendor, error) {
	var v Vendor
	err := sc.Scan(&v.ID, &v.Number, &v.PersonID, &v.Name, &v.Phone, &v.IDNumber, &v.Category, &v.Kind, &v.Partner,
		&v.PermitFrom, &v.PermitTo, &v.Notes, &v.Signed)
	return v, err
}

func findVendors(ctx context.Context, q querier, f VendorFilter) ([]Vendor, error) {
	var w where
	if f.ID != 0 {
		w.add("v.id = ?", f.ID)
	}
	if f.Kind != "" {
		w.add("v.kind = ?", string(f.Kind))
	}
	return queryAll(ctx, q, scanVendor, "SELECT "+vendorColumns+w.String()+" ORDER BY v.number", w.args...)
}

func findVendor(ctx context.Context, q querier, id int64) (Vendor, error) {
	vs, err := findVendors(ctx, q, VendorFilter{ID: id})
	if err != nil {
		return Vendor{}, mapErr(err, "摊主")
	}
	if len(vs) == 0 {
		return Vendor{}, notFound("这位摊主")
	}
	return vs[0], nil
}

// Vendors lists the vendors by number.
func (s *Store) Vendors(ctx context.Context, f VendorFilter) ([]Vendor, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findVendors(ctx, s.db, f)
	return out, mapErr(err, "摊主")
}

// Vendor reads one vendor.
func (s *Store) Vendor(ctx context.Context, id int64) (Vendor, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Vendor{}, err
	}
	return findVendor(ctx, s.db, id)
}

// SaveVendor adds a vendor (ID 0, numbered TZ-0001 …) or changes one. A resident's name (and, when
// not typed, phone and ID number) come from the registry.
func (s *Store) SaveVendor(ctx context.Context, v Vendor) (int64, error) {
	v.Normalize()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		var person any
		if v.PersonID != 0 {
			person = v.PersonID
			var phone, idn string
			if err := queryRow(ctx, tx, "SELECT name, phone, coalesce(id_number, '') FROM person WHERE id = ?", v.PersonID).Scan(&v.Name, &phone, &idn); err != nil {
				if err == sql.ErrNoRows {
					return notFound("居民")
				}
				return mapErr(err, "居民")
			}
			if v.Phone == "" {
				v.Phone = phone
			}
			if v.IDNumber == "" {
				v.IDNumber = idn
			}
		}
		if err := v.Validate(s.now()); err != nil {
			return err
		}
		if v.ID == 0 {
			if v.Number, err = nextNumber(ctx, tx, "market_vendor", "TZ-", 4); err != nil {
				return mapErr(err, "摊主编号")
			}
			res, err := execSQL(ctx, tx, `INSERT INTO market_vendor (number, person_id, name, phone, id_number, category, kind, partner,
				permit_from, permit_to, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.Number, person, v.Name,
				v.Phone, v.IDNumber, v.Category, string(v.Kind), v.Partner, v.PermitFrom, v.PermitTo, v.Notes, s.stamp(), s.stamp())
			if err != nil {
				return mapErr(err, "摊主“"+v.Name+"”")
			}
			if v.ID, err = lastID(res); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, ActCreate, MarketEntity, v.ID, fmt.Sprintf("登记摊主 %s %s（%s，%s）", v.Number, v.Name, v.Kind, v.Category))
		}
		res, err := execSQL(ctx, tx, `UPDATE market_vendor SET person_id = ?, name = ?, phone = ?, id_number = ?, category = ?, kind = ?,
			partner = ?, permit_from = ?, permit_to = ?, notes = ?, updated_at = ? WHERE id = ?`, person, v.Name, v.Phone, v.IDNumber, v.Category,
			string(v.Kind), v.Partner, v.PermitFrom, v.PermitTo, v.Notes, s.stamp(), v.ID)
		if err != nil {
			return mapErr(err, "摊主“"+v.Name+"”")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("这位摊主")
		}
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, v.ID, "修改摊主 "+v.Name)
	})
	return v.ID, err
}
