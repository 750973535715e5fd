package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The market's money, in 分: each vendor's takings for a day (zero is an entry, no entry is
// missing), the fee by the stall kind's rule (帮扶 and 公益 always 免租), waivers with an approver
// and a reason, 公益 takings to the community fund.

// DayLine is one application of a market day with what happened: the stall, attendance, takings.
type DayLine struct {
	AllocationLine
	Attendance   string // "", 请假, 缺席
	Released     bool   // the stall came off the waiting list
	HasTakings   bool   // false: missing
	TakingsFen   int64
	FeeFen       int64
	ToFund       bool
	WaiverBy     string
	WaiverReason string
}

// marketDayLines reads a day's applications, stall holders first by stall number, then the others
// in processing order.
func marketDayLines(ctx context.Context, q querier, dayID int64) ([]DayLine, error) {
	return queryAll(ctx, q, func(sc rowScanner) (DayLine, error) {
		var l DayLine
		var hasT bool
		err := sc.Scan(&l.ApplicationID, &l.VendorID, &l.VendorNumber, &l.Vendor, &l.Phone, &l.Kind, &l.Category, &l.Group, &l.Order,
			&l.StallID, &l.Stall, &l.StallKind, &l.Reason, &l.Detail, &l.HouseholdID, &l.Attendance, &l.Released, &hasT, &l.TakingsFen, &l.FeeFen,
			&l.ToFund, &l.WaiverBy, &l.WaiverReason)
		l.HasTakings = hasT
		return l, err
	}, `SELECT a.id, v.id, v.number, v.name, v.phone, v.kind, v.category, a.grp, a.pos, coalesce(a.stall_id, 0), coalesce(x.number, ''),
		coalesce(x.kind, ''), a.reason, a.detail, coalesce(a.household_id, 0), a.attendance, a.released = 1, t.application_id IS NOT NULL,
		coalesce(t.takings_fen, 0), coalesce(t.fee_fen, 0), coalesce(t.to_fund, 0) = 1, a.waiver_by, a.waiver_reason
		FROM market_application a JOIN market_vendor v ON v.id = a.vendor_id LEFT JOIN market_stall x ON x.id = a.stall_id
		LEFT JOIN market_takings t ON t.application_id = a.id WHERE a.day_id = ?
		ORDER BY a.stall_id IS NULL, x.number, a.pos, a.id`, dayID)
}

// MarketDaySheet reads a day and its lines.
func (s *Store) MarketDaySheet(ctx context.Context, dayID int64) (MarketDay, []DayLine, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return MarketDay{}, nil, err
	}
	d, err := findMarketDay(ctx, s.db, dayID)
	if err != nil {
		return d, nil, err
	}
	ls, err := marketDayLines(ctx, s.db, dayID)
	return d, ls, mapErr(err, "集市日")
}

// TakingsEntry is one vendor's takings for a day.
type TakingsEntry struct {
	VendorID   int64
	TakingsFen int64
}

// RecordTakings records vendors' takings for a held, allocated day in one transaction (a changed
// entry replaces the earlier one, and the audit keeps both). Each must hold a stall that day;
// the fee follows the stall kind's rule at the time, nothing under a waiver.
func (s *Store) RecordTakings(ctx context.Context, dayID int64, entries []TakingsEntry) error {
	bad := &Invalid{}
	seen := map[int64]bool{}
	for i, e := range entries {
		if e.TakingsFen < 0 || e.TakingsFen > 100000000 {
			bad.Add(fmt.Sprintf("第 %d 行营业额", i+1), "应为 0 到 1,000,000.00 元")
		}
		if seen[e.VendorID] {
			bad.Add(fmt.Sprintf("第 %d 行摊主", i+1), "重复")
		}
		seen[e.VendorID] = true
	}
	if len(entries) == 0 {
		bad.Add("营业额", "请至少录入一行")
	}
	if err := bad.Err(); err != nil {
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
		if d.Cancelled != "" || !d.Allocated {
			return conflict("集市日 "+d.Day+" 已取消或尚未分配摊位，不能录入营业额", nil)
		}
		if d.Day > s.now().Format("2006-01-02") {
			return conflict("集市日 "+d.Day+" 还没到，不能录入营业额", nil)
		}
		fees, err := findFeeRules(ctx, tx)
		if err != nil {
			return mapErr(err, "收费规则")
		}
		lines, err := marketDayLines(ctx, tx, dayID)
		if err != nil {
			return mapErr(err, "集市日")
		}
		byVendor := map[int64]DayLine{}
		for _, l := range lines {
			byVendor[l.VendorID] = l
		}
		var total int64
		for i, e := range entries {
			l, ok := byVendor[e.VendorID]
			if !ok || l.StallID == 0 {
				return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: fmt.Sprintf("第 %d 行摊主", i+1), Message: "当天没有摊位"}}}
			}
			fee := fees[l.StallKind].Fee(e.TakingsFen)
			if l.WaiverBy != "" {
				fee = 0
			}
			var household any
			if l.HouseholdID != 0 {
				household = l.HouseholdID
			}
			fund := 0
			if l.StallKind == StallCharity {
				fund = 1
			}
			if _, err := execSQL(ctx, tx, `INSERT INTO market_takings (application_id, takings_fen, fee_fen, stall_kind, to_fund, household_id,
				recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (application_id) DO UPDATE SET takings_fen = excluded.takings_fen,
				fee_fen = excluded.fee_fen, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
				l.ApplicationID, e.TakingsFen, fee, string(l.StallKind), fund, household, a.Display, s.stamp()); err != nil {
				return mapErr(err, "营业额")
			}
			total += e.TakingsFen
			if l.HasTakings && l.TakingsFen != e.TakingsFen {
				if err := s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("%s %s 营业额 %s 改为 %s 元", d.Day, l.Vendor,
					Yuan(l.TakingsFen), Yuan(e.TakingsFen))); err != nil {
					return err
				}
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("录入集市日 %s 营业额 %d 行，合计 %s 元", d.Day, len(entries), Yuan(total)))
	})
}

// WaiveFee waives a vendor's fee for a day, with who approved it and why; takings already
// recorded are charged nothing.
func (s *Store) WaiveFee(ctx context.Context, dayID, vendorID int64, approver, reason string) error {
	approver, reason = strings.TrimSpace(approver), strings.TrimSpace(reason)
	bad := &Invalid{}
	if n := len([]rune(approver)); n < 2 || n > 20 {
		bad.Add("批准人", "应为 2 到 20 个字")
	}
	if len([]rune(reason)) < 2 {
		bad.Add("减免原因", "请写明原因")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		var appID int64
		var day string
		if err := queryRow(ctx, tx, `SELECT a.id, d.day FROM market_application a JOIN market_day d ON d.id = a.day_id
			WHERE a.day_id = ? AND a.vendor_id = ? AND a.stall_id IS NOT NULL`, dayID, vendorID).Scan(&appID, &day); err == sql.ErrNoRows {
			return notFound("这位摊主当天的摊位")
		} else if err != nil {
			return mapErr(err, "摊位")
		}
		if _, err := execSQL(ctx, tx, "UPDATE market_application SET waiver_by = ?, waiver_reason = ?, updated_at = ? WHERE id = ?",
			approver, reason, s.stamp(), appID); err != nil {
			return mapErr(err, "减免")
		}
		if _, err := execSQL(ctx, tx, "UPDATE market_takings SET fee_fen = 0 WHERE application_id = ?", appID); err != nil {
			return mapErr(err, "减免")
		}
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("%s 摊主 #%d 摊位费减免（%s 批准：%s）", day, vendorID, approver, reason))
	})
}
