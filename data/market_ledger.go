package data

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// The 集市台账 of a month (or a year) and each 帮扶 household's 增收台账: read models over the
// market's records, sums in 分.

// LedgerDay is one market day's line of the 集市台账.
type LedgerDay struct {
	Day        string
	Cancelled  string
	Stalls     int
	Taken      int // stalls given and kept (a vendor came or the stall was refilled)
	Leaves     int
	NoShows    int
	Violations int
	Missing    int   // stall holders without a takings entry
	TakingsFen int64 // all takings, 公益 included
	FeeFen     int64
	FundFen    int64 // 公益 takings, to the community fund
	HelpedFen  int64 // 帮扶 stalls' takings
	Waivers    int
}

// MarketLedger is the 集市台账 for a period.
type MarketLedger struct {
	From, To string
	Days     []LedgerDay
	Total    LedgerDay // sums (Day is empty)
	Held     int
}

// MarketLedger reads the 集市台账 for a month (YYYY-MM) or a year (YYYY).
func (s *Store) MarketLedger(ctx context.Context, period string) (MarketLedger, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return MarketLedger{}, err
	}
	from, to, err := periodDays(period)
	if err != nil {
		return MarketLedger{}, err
	}
	l, err := marketLedger(ctx, s.db, from, to)
	return l, mapErr(err, "集市台账")
}

// periodDays reads YYYY-MM or YYYY as its first and last day.
func periodDays(period string) (string, string, error) {
	if len(period) == 4 {
		y := dayYear(period + "-01-01")
		if y < 2000 || y > 2100 {
			return "", "", &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "年度", Message: "应写作年份，如 2026"}}}
		}
		return period + "-01-01", period + "-12-31", nil
	}
	if err := ParseMonth("月份", period); err != nil {
		return "", "", err
	}
	first, err := time.Parse("2006-01", period)
	if err != nil {
		return "", "", internal(err)
	}
	return first.Format("2006-01-02"), first.AddDate(0, 1, -1).Format("2006-01-02"), nil
}

func marketLedger(ctx context.Context, q querier, from, to string) (MarketLedger, error) {
	out := MarketLedger{From: from, To: to}
	days, err := findMarketDays(ctx, q, MarketDayFilter{From: from, To: to})
	if err != nil {
		return out, err
	}
	idx := map[string]int{}
	for _, d := range days {
		idx[d.Day] = len(out.Days)
		out.Days = append(out.Days, LedgerDay{Day: d.Day, Cancelled: d.Cancelled, Stalls: d.Stalls})
		if d.Cancelled == "" {
			out.Held++
		}
	}
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var day, attendance, kind, waiver string
		var stall, hasT, fund bool
		var takings, fee int64
		if err := sc.Scan(&day, &attendance, &stall, &kind, &hasT, &takings, &fee, &fund, &waiver); err != nil {
			return err
		}
		l := &out.Days[idx[day]]
		switch {
		case attendance == "请假":
			l.Leaves++
		case attendance == "缺席":
			l.NoShows++
		case stall:
			l.Taken++
			if !hasT {
				l.Missing++
			}
		}
		if waiver != "" {
			l.Waivers++
		}
		l.TakingsFen += takings
		l.FeeFen += fee
		if fund {
			l.FundFen += takings
		}
		if kind == string(StallHelp) {
			l.HelpedFen += takings
		}
		return nil
	}, `SELECT d.day, a.attendance, a.stall_id IS NOT NULL, coalesce(t.stall_kind, ''), t.application_id IS NOT NULL, coalesce(t.takings_fen, 0),
		coalesce(t.fee_fen, 0), coalesce(t.to_fund, 0) = 1, a.waiver_by FROM market_application a JOIN market_day d ON d.id = a.day_id
		LEFT JOIN market_takings t ON t.application_id = a.id WHERE d.day >= ? AND d.day <= ? AND d.cancelled_reason = '' AND d.allocated_at <> ''`,
		from, to)
	if err != nil {
		return out, err
	}
	vs, err := queryAll(ctx, q, scanValue[string], "SELECT day FROM market_violation WHERE day >= ? AND day <= ?", from, to)
	if err != nil {
		return out, err
	}
	for _, d := range vs {
		if i, ok := idx[d]; ok {
			out.Days[i].Violations++
		}
	}
	for _, d := range out.Days {
		t := &out.Total
		t.Stalls, t.Taken, t.Leaves, t.NoShows = t.Stalls+d.Stalls, t.Taken+d.Taken, t.Leaves+d.Leaves, t.NoShows+d.NoShows
		t.Violations, t.Missing, t.Waivers = t.Violations+d.Violations, t.Missing+d.Missing, t.Waivers+d.Waivers
		t.TakingsFen, t.FeeFen, t.FundFen, t.HelpedFen = t.TakingsFen+d.TakingsFen, t.FeeFen+d.FeeFen, t.FundFen+d.FundFen, t.HelpedFen+d.HelpedFen
	}
	return out, nil
}

// HelpedDay is one market day's takings of a 帮扶 household.
type HelpedDay struct {
	Day        string
	Vendor     string
	Stall      string
	TakingsFen int64
}

// HelpedFamily is a 帮扶 household's 增收台账 for a year.
type HelpedFamily struct {
	HouseholdID int64
	Number      string
	Address     string
	Head        string
	Days        []HelpedDay
	Months      [12]int64 // 分 per month
	TotalFen    int64
}

// HelpedIncome reads every 帮扶 household's 增收台账 for a year: takings at 帮扶 stalls per market
// day and per month, and the year's total, by household number.
func (s *Store) HelpedIncome(ctx context.Context, year int) ([]HelpedFamily, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	if year < 2000 || year > 2100 {
		return nil, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "年度", Message: "应写作年份，如 2026"}}}
	}
	out, err := helpedIncome(ctx, s.db, year)
	return out, mapErr(err, "增收台账")
}

func helpedIncome(ctx context.Context, q querier, year int) ([]HelpedFamily, error) {
	byID := map[int64]*HelpedFamily{}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var h HelpedFamily
		var d HelpedDay
		var a Household
		if err := sc.Scan(&h.HouseholdID, &h.Number, &a.Address, &a.Building, &a.Unit, &a.Room, &h.Head, &d.Day, &d.Vendor, &d.Stall, &d.TakingsFen); err != nil {
			return err
		}
		h.Address = a.AddressLine()
		f := byID[h.HouseholdID]
		if f == nil {
			f = &h
			byID[h.HouseholdID] = f
		}
		f.Days = append(f.Days, d)
		var m int
		fmt.Sscanf(d.Day[5:7], "%02d", &m)
		f.Months[m-1] += d.TakingsFen
		f.TotalFen += d.TakingsFen
		return nil
	}, `SELECT h.id, h.number, h.address, h.building, h.unit, h.room, coalesce((SELECT p.name FROM household_member m JOIN person p
		ON p.id = m.person_id WHERE m.household_id = h.id AND m.relation = '户主' AND m.to_day IS NULL ORDER BY m.id LIMIT 1), ''),
		d.day, v.name, coalesce(x.number, ''), t.takings_fen FROM market_takings t JOIN market_application a ON a.id = t.application_id
		JOIN market_day d ON d.id = a.day_id JOIN market_vendor v ON v.id = a.vendor_id JOIN household h ON h.id = t.household_id
		LEFT JOIN market_stall x ON x.id = a.stall_id
		WHERE t.stall_kind = '帮扶' AND d.day >= ? AND d.day <= ? ORDER BY h.number, d.day, v.number`,
		fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	if err != nil {
		return nil, err
	}
	out := make([]HelpedFamily, 0, len(byID))
	for _, f := range byID {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// marketProblems are the market's invariants for check: a 帮扶 stall only to an eligible
// household, 帮扶 and 公益 free, takings only for a stall held, a stall of the day's own layout.
func marketProblems(ctx context.Context, q querier) ([]string, error) {
	marks, args, err := kindsArgs(MarketHardshipKinds)
	if err != nil {
		return nil, err
	}
	checks := []struct {
		what, query string
		args        []any
	}{
		{"帮扶摊位分给了当日不符合帮扶条件的户", `SELECT count(*) FROM market_application a JOIN market_stall x ON x.id = a.stall_id
			JOIN market_day d ON d.id = a.day_id WHERE x.kind = '帮扶' AND NOT EXISTS (SELECT 1 FROM household_attribute h
			WHERE h.household_id = a.household_id AND h.kind IN (` + marks + `) AND h.from_day <= d.day AND (h.to_day IS NULL OR h.to_day >= d.day))`, args},
		{"帮扶或公益摊位的收费规则不是免租", `SELECT count(*) FROM market_fee_rule WHERE kind IN ('帮扶', '公益') AND method <> '免租'`, nil},
		{"营业额记在没有摊位的报名上", `SELECT count(*) FROM market_takings t JOIN market_application a ON a.id = t.application_id
			WHERE a.stall_id IS NULL`, nil},
		{"摊位不属于集市日所用的布局", `SELECT count(*) FROM market_application a JOIN market_stall x ON x.id = a.stall_id
			JOIN market_day d ON d.id = a.day_id WHERE x.layout_id <> d.layout_id`, nil},
	}
	var out []string
	for _, c := range checks {
		n, err := queryOne(ctx, q, scanValue[int], c.query, c.args...)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			out = append(out, fmt.Sprintf("共富集市：%d 处%s", n, c.what))
		}
	}
	return out, nil
}
