package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Market days: generated from a rule, cancelled with a reason, applied for by vendors, then
// allocated (market_allocation.go) and held.

// MarketDayFilter narrows the market days; zero values match everything.
type MarketDayFilter struct {
	ID       int64
	Day      string
	From, To string // YYYY-MM-DD, inclusive
}

const marketDayColumns = `d.id, d.day, d.layout_id, l.version, d.start_time, d.end_time, d.cancelled_reason, d.allocated_at <> '',
	(SELECT count(*) FROM market_stall x WHERE x.layout_id = d.layout_id),
	(SELECT count(*) FROM market_application a WHERE a.day_id = d.id AND a.stall_id IS NOT NULL),
	(SELECT count(*) FROM market_application a WHERE a.day_id = d.id)
	FROM market_day d JOIN market_layout l ON l.id = d.layout_id`

func scanMarketDay(sc rowScanner) (MarketDay, error) {
	var d MarketDay
	err := sc.Scan(&d.ID, &d.Day, &d.LayoutID, &d.LayoutVersion, &d.Start, &d.End, &d.Cancelled, &d.Allocated, &d.Stalls, &d.Taken, &d.Applicants)
	return d, err
}

func findMarketDays(ctx context.Context, q querier, f MarketDayFilter) ([]MarketDay, error) {
	var w where
	if f.ID != 0 {
		w.add("d.id = ?", f.ID)
	}
	if f.Day != "" {
		w.add("d.day = ?", f.Day)
	}
	if f.From != "" {
		w.add("d.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("d.day <= ?", f.To)
	}
	return queryAll(ctx, q, scanMarketDay, "SELECT "+marketDayColumns+w.String()+" ORDER BY d.day", w.args...)
}

func findMarketDay(ctx context.Context, q querier, id int64) (MarketDay, error) {
	ds, err := findMarketDays(ctx, q, MarketDayFilter{ID: id})
	if err != nil {
		return MarketDay{}, mapErr(err, "集市日")
	}
	if len(ds) == 0 {
		return MarketDay{}, notFound("这个集市日")
	}
	return ds[0], nil
}

// MarketDays lists market days in date order.
func (s *Store) MarketDays(ctx context.Context, f MarketDayFilter) ([]MarketDay, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	for _, p := range []*string{&f.Day, &f.From, &f.To} {
		if *p != "" {
			d, err := dateParam("日期", *p)
			if err != nil {
				return nil, err
			}
			*p = d
		}
	}
	out, err := findMarketDays(ctx, s.db, f)
	return out, mapErr(err, "集市日")
}

// MarketDay reads one market day.
func (s *Store) MarketDay(ctx context.Context, id int64) (MarketDay, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return MarketDay{}, err
	}
	return findMarketDay(ctx, s.db, id)
}

// GenerateMarketDays adds the rule's days that are not market days yet, on the current layout,
// and returns how many it added (running it again adds none).
func (s *Store) GenerateMarketDays(ctx context.Context, r MarketDayRule) (int, error) {
	normDate(&r.From)
	normDate(&r.To)
	r.Start, r.End = strings.TrimSpace(r.Start), strings.TrimSpace(r.End)
	if err := r.Validate(); err != nil {
		return 0, err
	}
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		layout, err := currentLayout(ctx, tx)
		if err != nil {
			return mapErr(err, "摊位布局")
		}
		if layout == 0 {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "摊位布局", Message: "请先设置摊位布局"}}}
		}
		st, err := prepare(ctx, tx, `INSERT OR IGNORE INTO market_day (day, layout_id, start_time, end_time, created_at) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return mapErr(err, "集市日")
		}
		defer st.Close()
		for _, d := range r.Days() {
			res, err := st.ExecContext(ctx, d, layout, r.Start, r.End, s.stamp())
			if err != nil {
				return mapErr(err, "集市日 "+d)
			}
			n, err := affected(res)
			if err != nil {
				return err
			}
			added += int(n)
		}
		return s.audit(ctx, tx, a, ActCreate, MarketEntity, 0, fmt.Sprintf("生成集市日 %s 至 %s，新增 %d 天", r.From, r.To, added))
	})
	return added, err
}

// CancelMarketDay cancels a day with a reason; its allocation (if any) is kept for the record.
func (s *Store) CancelMarketDay(ctx context.Context, dayID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if err := checkReason("取消原因", reason); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		d, err := findMarketDay(ctx, tx, dayID)
		if err != nil {
			return err
		}
		if d.Cancelled != "" {
			return conflict("这个集市日已经取消", nil)
		}
		if n, err := queryOne(ctx, tx, scanValue[int], "SELECT count(*) FROM market_takings t JOIN market_application a ON a.id = t.application_id WHERE a.day_id = ?", dayID); err != nil {
			return mapErr(err, "集市日")
		} else if n > 0 {
			return conflict("这个集市日已录入营业额，不能取消", nil)
		}
		if _, err := execSQL(ctx, tx, "UPDATE market_day SET cancelled_reason = ? WHERE id = ?", reason, dayID); err != nil {
			return mapErr(err, "集市日")
		}
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("取消集市日 %s：%s", d.Day, reason))
	})
}

// openDay reads a day that still takes applications: held and not yet allocated.
func openDay(ctx context.Context, tx *sql.Tx, dayID int64) (MarketDay, error) {
	d, err := findMarketDay(ctx, tx, dayID)
	if err != nil {
		return d, err
	}
	if d.Cancelled != "" {
		return d, conflict("集市日 "+d.Day+" 已取消："+d.Cancelled, nil)
	}
	if d.Allocated {
		return d, conflict("集市日 "+d.Day+" 已确认摊位分配，不能再报名", nil)
	}
	return d, nil
}

// ApplyForMarketDay records vendors' applications for a day, in the order given (that order is
// their application order); a vendor who already applied keeps their place. It returns how many
// applications were new.
func (s *Store) ApplyForMarketDay(ctx context.Context, dayID int64, vendorIDs []int64) (int, error) {
	if len(vendorIDs) == 0 {
		return 0, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "摊主", Message: "请至少选择一位摊主"}}}
	}
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		d, err := openDay(ctx, tx, dayID)
		if err != nil {
			return err
		}
		st, err := prepare(ctx, tx, `INSERT OR IGNORE INTO market_application (day_id, vendor_id, created_at, updated_at) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return mapErr(err, "报名")
		}
		defer st.Close()
		for i, v := range vendorIDs {
			if n, err := queryOne(ctx, tx, scanValue[int], "SELECT count(*) FROM market_vendor WHERE id = ?", v); err != nil {
				return mapErr(err, "摊主")
			} else if n == 0 {
				return notFound(fmt.Sprintf("第 %d 位摊主", i+1))
			}
			res, err := st.ExecContext(ctx, dayID, v, s.stamp(), s.stamp())
			if err != nil {
				return mapErr(err, "报名")
			}
			n, err := affected(res)
			if err != nil {
				return err
			}
			added += int(n)
		}
		return s.audit(ctx, tx, a, ActCreate, MarketEntity, dayID, fmt.Sprintf("集市日 %s 报名 %d 位摊主", d.Day, added))
	})
	return added, err
}

// ReportLeave records that a vendor will not come. Before the allocation they are left out of
// it; after it their stall goes to the first on the waiting list who fits. It returns who got the
// stall (0: nobody).
func (s *Store) ReportLeave(ctx context.Context, dayID, vendorID int64) (int64, error) {
	return s.absent(ctx, dayID, vendorID, "请假")
}

// RecordNoShow records that a vendor given a stall did not come by the release time without
// notice: the stall is released to the waiting list and the no-show counted; the configured
// number in a year suspends the vendor. It returns who got the stall (0: nobody).
func (s *Store) RecordNoShow(ctx context.Context, dayID, vendorID int64) (int64, error) {
	return s.absent(ctx, dayID, vendorID, "缺席")
}

func (s *Store) absent(ctx context.Context, dayID, vendorID int64, kind string) (int64, error) {
	var to int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		d, err := findMarketDay(ctx, tx, dayID)
		if err != nil {
			return err
		}
		if d.Cancelled != "" {
			return conflict("集市日 "+d.Day+" 已取消", nil)
		}
		var appID, stallID int64
		var attendance string
		if err := queryRow(ctx, tx, `SELECT id, coalesce(stall_id, 0), attendance FROM market_application WHERE day_id = ? AND vendor_id = ?`,
			dayID, vendorID).Scan(&appID, &stallID, &attendance); err == sql.ErrNoRows {
			return notFound("这位摊主在该集市日的报名")
		} else if err != nil {
			return mapErr(err, "报名")
		}
		if attendance != "" {
			return conflict("已记录为"+attendance, nil)
		}
		if !d.Allocated {
			if kind == "缺席" {
				return conflict("摊位尚未分配，不能记录缺席", nil)
			}
			if _, err := execSQL(ctx, tx, "UPDATE market_application SET on_leave = 1, updated_at = ? WHERE id = ?", s.stamp(), appID); err != nil {
				return mapErr(err, "请假")
			}
			return s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("集市日 %s 摊主 #%d 请假", d.Day, vendorID))
		}
		if stallID == 0 {
			return conflict("这位摊主没有分到摊位", nil)
		}
		if kind == "缺席" {
			if err := s.checkReleaseTime(ctx, tx, d); err != nil {
				return err
			}
		}
		if _, err := execSQL(ctx, tx, `UPDATE market_application SET attendance = ?, stall_id = NULL, household_id = NULL,
			detail = ?, updated_at = ? WHERE id = ?`, kind, "原摊位已释放", s.stamp(), appID); err != nil {
			return mapErr(err, "报名")
		}
		if to, err = releaseStall(ctx, tx, d, stallID, s.stamp()); err != nil {
			return err
		}
		if kind == "缺席" {
			if err := s.countNoShows(ctx, tx, vendorID, d.Day); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("集市日 %s 摊主 #%d %s，摊位释放给 #%d", d.Day, vendorID, kind, to))
	})
	return to, err
}

// checkReleaseTime refuses a no-show before the day's release time by the store's clock.
func (s *Store) checkReleaseTime(ctx context.Context, q querier, d MarketDay) error {
	r, err := findMarketRules(ctx, q)
	if err != nil {
		return mapErr(err, "集市设置")
	}
	if now := s.now().Format("2006-01-02 15:04"); now < d.Day+" "+r.ReleaseTime {
		return conflict(fmt.Sprintf("还没到释放时间（%s %s），不能记为缺席", d.Day, r.ReleaseTime), nil)
	}
	return nil
}

// countNoShows suspends a vendor when their no-shows this year reach a multiple of the limit.
func (s *Store) countNoShows(ctx context.Context, tx *sql.Tx, vendorID int64, day string) error {
	r, err := findMarketRules(ctx, tx)
	if err != nil {
		return mapErr(err, "集市设置")
	}
	n, err := queryOne(ctx, tx, scanValue[int], `SELECT count(*) FROM market_application a JOIN market_day d ON d.id = a.day_id
		WHERE a.vendor_id = ? AND a.attendance = '缺席' AND d.day >= ? AND d.day <= ?`, vendorID, day[:4]+"-01-01", day[:4]+"-12-31")
	if err != nil {
		return mapErr(err, "缺席")
	}
	if n%r.NoShowLimit != 0 {
		return nil
	}
	return s.suspend(ctx, tx, vendorID, day, r.SuspendDays, "缺席", fmt.Sprintf("%d 年无故缺席 %d 次", dayYear(day), n))
}

// suspend records a suspension that starts after day.
func (s *Store) suspend(ctx context.Context, tx *sql.Tx, vendorID int64, day string, days int, source, reason string) error {
	next, err := ParseDate(day)
	if err != nil {
		return internal(err)
	}
	_, err = execSQL(ctx, tx, `INSERT INTO market_suspension (vendor_id, from_day, market_days, source, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		vendorID, next.AddDate(0, 0, 1).Format("2006-01-02"), days, source, reason, s.stamp())
	return mapErr(err, "暂停资格")
}

func dayYear(day string) int {
	var y int
	fmt.Sscanf(day, "%04d", &y)
	return y
}
