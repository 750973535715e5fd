package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// A market day's allocation in the store: the preview (nothing written) and the confirmation (the
// same run, written in one transaction), and the release of a stall to the waiting list.
// market_alloc.go has the rule.

// AllocationLine is one vendor's line of a day's allocation.
type AllocationLine struct {
	ApplicationID int64
	VendorID      int64
	VendorNumber  string
	Vendor        string
	Phone         string
	Kind          VendorKind
	Category      string
	Group         int
	Order         int
	StallID       int64
	Stall         string // the stall's number
	StallKind     StallKind
	Reason        string // why no stall
	Detail        string
	Hardship      string // 帮扶户: the household's attributes on the day
	HouseholdID   int64
	personID      int64
}

// AllocationResult is a day's allocation, previewed or confirmed.
type AllocationResult struct {
	Day   MarketDay
	Lines []AllocationLine // in processing order
	Given int
}

type allocInput struct {
	stalls  []AllocStall
	vendors []AllocVendor
	apps    map[int64]int64 // vendor → application
	info    map[int64]Vendor
	hard    map[int64][]string // person → hardship attributes on the day
	cap     int
}

// signedVendors is who signed the pact in force on day; all when no pact is in force.
func signedVendors(ctx context.Context, q querier, day string) (map[int64]bool, bool, error) {
	pact, err := queryOne(ctx, q, scanValue[int64], "SELECT coalesce(max(id), 0) FROM market_pact WHERE version = (SELECT max(version) FROM market_pact WHERE in_force <= ?)", day)
	if err != nil || pact == 0 {
		return nil, true, err
	}
	ids, err := queryAll(ctx, q, scanValue[int64], "SELECT vendor_id FROM market_signature WHERE pact_id = ?", pact)
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, false, err
}

// suspendedOn maps each vendor suspended on day to why: a suspension covers the given number of
// held market days from its first day (and every later day while the calendar is shorter).
func suspendedOn(ctx context.Context, q querier, day string) (map[int64]string, error) {
	held, err := queryAll(ctx, q, scanValue[string], "SELECT day FROM market_day WHERE cancelled_reason = '' ORDER BY day")
	if err != nil {
		return nil, err
	}
	type susp struct {
		vendor     int64
		from       string
		days       int
		why, until string
	}
	ss, err := queryAll(ctx, q, func(sc rowScanner) (susp, error) {
		var x susp
		err := sc.Scan(&x.vendor, &x.from, &x.days, &x.why)
		return x, err
	}, "SELECT vendor_id, from_day, market_days, reason FROM market_suspension WHERE from_day <= ?", day)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, x := range ss {
		i := sort.SearchStrings(held, x.from)
		last := i + x.days - 1
		if last < len(held) && held[last] < day {
			continue
		}
		until := "另行通知"
		if last < len(held) {
			until = held[last]
		}
		out[x.vendor] = fmt.Sprintf("%s，暂停 %d 个集市日（至 %s）", x.why, x.days, until)
	}
	return out, nil
}

// readAllocInput reads what a run needs for a day.
func readAllocInput(ctx context.Context, q querier, d MarketDay) (allocInput, error) {
	in := allocInput{apps: map[int64]int64{}, info: map[int64]Vendor{}}
	stalls, err := findStalls(ctx, q, d.LayoutID)
	if err != nil {
		return in, err
	}
	for _, st := range stalls {
		in.stalls = append(in.stalls, AllocStall{ID: st.ID, Number: st.Number, Kind: st.Kind, Category: st.Category})
	}
	rules, err := findMarketRules(ctx, q)
	if err != nil {
		return in, err
	}
	in.cap = rules.CategoryCap
	signed, noPact, err := signedVendors(ctx, q, d.Day)
	if err != nil {
		return in, err
	}
	suspended, err := suspendedOn(ctx, q, d.Day)
	if err != nil {
		return in, err
	}
	if in.hard, err = peopleWithHouseholdAttribute(ctx, q, MarketHardshipKinds, d.Day); err != nil {
		return in, err
	}
	type app struct {
		id, vendor int64
		leave      bool
	}
	apps, err := queryAll(ctx, q, func(sc rowScanner) (app, error) {
		var a app
		err := sc.Scan(&a.id, &a.vendor, &a.leave)
		return a, err
	}, "SELECT id, vendor_id, on_leave = 1 FROM market_application WHERE day_id = ? ORDER BY id", d.ID)
	if err != nil {
		return in, err
	}
	vendors, err := findVendors(ctx, q, VendorFilter{})
	if err != nil {
		return in, err
	}
	for _, v := range vendors {
		in.info[v.ID] = v
	}
	for _, a := range apps {
		v := in.info[a.vendor]
		in.apps[a.vendor] = a.id
		in.vendors = append(in.vendors, AllocVendor{ID: v.ID, Seq: a.id, Kind: v.Kind, Category: v.Category,
			Eligible: v.PersonID != 0 && len(in.hard[v.PersonID]) > 0, Permit: v.HasPermit(d.Day), Signed: noPact || signed[v.ID],
			Suspended: suspended[v.ID], Leave: a.leave})
	}
	return in, nil
}

// runAllocation allocates a day on q and describes it.
func runAllocation(ctx context.Context, q querier, d MarketDay) (AllocationResult, error) {
	in, err := readAllocInput(ctx, q, d)
	if err != nil {
		return AllocationResult{}, mapErr(err, "摊位分配")
	}
	stalls := map[int64]AllocStall{}
	for _, st := range in.stalls {
		stalls[st.ID] = st
	}
	res := AllocationResult{Day: d}
	for _, l := range AllocateStalls(in.stalls, in.vendors, in.cap) {
		v := in.info[l.VendorID]
		line := AllocationLine{ApplicationID: in.apps[v.ID], VendorID: v.ID, VendorNumber: v.Number, Vendor: v.Name, Phone: v.Phone,
			Kind: v.Kind, Category: v.Category, Group: l.Group, Order: l.Order, StallID: l.StallID, Reason: l.Reason, Detail: l.Detail,
			personID: v.PersonID}
		if v.PersonID != 0 {
			line.Hardship = strings.Join(in.hard[v.PersonID], "、")
		}
		if l.StallID != 0 {
			line.Stall, line.StallKind = stalls[l.StallID].Number, stalls[l.StallID].Kind
			res.Given++
		}
		res.Lines = append(res.Lines, line)
	}
	return res, nil
}

// PreviewAllocation allocates a day's stalls and writes nothing.
func (s *Store) PreviewAllocation(ctx context.Context, dayID int64) (AllocationResult, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return AllocationResult{}, err
	}
	d, err := findMarketDay(ctx, s.db, dayID)
	if err != nil {
		return AllocationResult{}, err
	}
	return runAllocation(ctx, s.db, d)
}

// ConfirmAllocation allocates a day's stalls and writes the result in one transaction: the same
// run as the preview on the same data. A 帮扶 stall records the household found eligible.
func (s *Store) ConfirmAllocation(ctx context.Context, dayID int64) (AllocationResult, error) {
	var res AllocationResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermMarketWrite)
		if err != nil {
			return err
		}
		d, err := openDay(ctx, tx, dayID)
		if err != nil {
			return err
		}
		if res, err = runAllocation(ctx, tx, d); err != nil {
			return err
		}
		st, err := prepare(ctx, tx, `UPDATE market_application SET stall_id = ?, grp = ?, pos = ?, reason = ?, detail = ?, household_id = ?,
			updated_at = ? WHERE id = ?`)
		if err != nil {
			return mapErr(err, "摊位分配")
		}
		defer st.Close()
		for i, l := range res.Lines {
			var stall, household any
			if l.StallID != 0 {
				stall = l.StallID
			}
			if l.StallKind == StallHelp {
				h, _, err := findPersonHousehold(ctx, tx, l.personID, d.Day)
				if err != nil {
					return err
				}
				household, res.Lines[i].HouseholdID = h.ID, h.ID
			}
			if _, err := st.ExecContext(ctx, stall, l.Group, l.Order, l.Reason, l.Detail, household, s.stamp(), l.ApplicationID); err != nil {
				return mapErr(err, "摊位分配")
			}
		}
		if _, err := execSQL(ctx, tx, "UPDATE market_day SET allocated_at = ?, allocated_by = ? WHERE id = ?", s.stamp(), a.Display, dayID); err != nil {
			return mapErr(err, "摊位分配")
		}
		res.Day.Allocated = true
		return s.audit(ctx, tx, a, ActUpdate, MarketEntity, dayID, fmt.Sprintf("确认集市日 %s 摊位分配：%d 人报名，%d 人分到摊位", d.Day, len(res.Lines), res.Given))
	})
	return res, err
}

// releaseStall gives a freed stall to the first on the day's waiting list who may use it within
// the category cap, and returns that vendor (0: nobody).
func releaseStall(ctx context.Context, tx *sql.Tx, d MarketDay, stallID int64, stamp string) (int64, error) {
	in, err := readAllocInput(ctx, tx, d)
	if err != nil {
		return 0, mapErr(err, "摊位释放")
	}
	var stall AllocStall
	for _, st := range in.stalls {
		if st.ID == stallID {
			stall = st
		}
	}
	type wait struct{ app, vendor int64 }
	waiting, err := queryAll(ctx, tx, func(sc rowScanner) (wait, error) {
		var w wait
		err := sc.Scan(&w.app, &w.vendor)
		return w, err
	}, `SELECT id, vendor_id FROM market_application WHERE day_id = ? AND stall_id IS NULL AND attendance = '' AND reason IN (?, ?) ORDER BY pos`,
		d.ID, RefuseFull, RefuseCategory)
	if err != nil {
		return 0, mapErr(err, "候补")
	}
	counts, err := queryAll(ctx, tx, scanValue[string], `SELECT v.category FROM market_application a JOIN market_vendor v ON v.id = a.vendor_id
		WHERE a.day_id = ? AND a.stall_id IS NOT NULL`, d.ID)
	if err != nil {
		return 0, mapErr(err, "候补")
	}
	per := map[string]int{}
	for _, c := range counts {
		per[c]++
	}
	byVendor := map[int64]AllocVendor{}
	for _, v := range in.vendors {
		byVendor[v.ID] = v
	}
	for _, w := range waiting {
		v := byVendor[w.vendor]
		if !StallFits(stall, v) || (in.cap > 0 && per[v.Category] >= in.cap) {
			continue
		}
		var household any
		if stall.Kind == StallHelp {
			h, _, err := findPersonHousehold(ctx, tx, in.info[v.ID].PersonID, d.Day)
			if err != nil {
				return 0, err
			}
			household = h.ID
		}
		if _, err := execSQL(ctx, tx, `UPDATE market_application SET stall_id = ?, reason = '', detail = '候补递补', released = 1,
			household_id = ?, updated_at = ? WHERE id = ?`, stallID, household, stamp, w.app); err != nil {
			return 0, mapErr(err, "摊位释放")
		}
		return v.ID, nil
	}
	return 0, nil
}
