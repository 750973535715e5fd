package data

import (
	"context"
	"time"
)

// ConcernFigures are the home screen's 民情 figures. The rates are by count, over the concerns
// raised in the window (the last 12 months: from the first day of the month eleven months ago to
// the store's day today), as the README defines them:
//   - 办结率 = concerns now 已办结 / concerns raised, not counting 重复 (a duplicate is no matter of its own);
//   - 按期办结率 = 已办结 on or before their promised date / 已办结 that had a promised date;
//   - 满意率 = 回访 answered 满意 or 基本满意 / all 回访 made in the window.
type ConcernFigures struct {
	From, To    string
	ByCommunity []CommunityConcerns // open and overdue now, whatever the window
	Raised      int                 // raised in the window, all states
	Counted     int                 // raised, less 重复
	Resolved    int
	Promised    int // resolved with a promised date
	OnTime      int
	FollowUps   int
	Satisfied   int // 满意 + 基本满意
	Reopened    int // reopenings of concerns raised in the window
	Categories  []NameCount
	Grids       []NameCount // hot spots by 社区 and 网格
	Places      []NameCount // hot spots by place or building
}

// CommunityConcerns is one community's open and overdue concerns.
type CommunityConcerns struct {
	Community     string
	Open, Overdue int
}

// NameCount is a label and how many.
type NameCount struct {
	Name  string
	Count int
}

// Rate is n/d, or 0 when d is 0.
func Rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// ResolvedRate is 办结率.
func (f ConcernFigures) ResolvedRate() float64 { return Rate(f.Resolved, f.Counted) }

// OnTimeRate is 按期办结率.
func (f ConcernFigures) OnTimeRate() float64 { return Rate(f.OnTime, f.Promised) }

// SatisfiedRate is 满意率.
func (f ConcernFigures) SatisfiedRate() float64 { return Rate(f.Satisfied, f.FollowUps) }

// concernWindow is the last 12 months ending on day today.
func concernWindow(now time.Time) (from, to string) {
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()).AddDate(0, -11, 0)
	return first.Format(dayLayout), now.Format(dayLayout)
}

// ConcernFigures computes the figures on the store's day today.
func (s *Store) ConcernFigures(ctx context.Context) (ConcernFigures, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return ConcernFigures{}, err
	}
	f, err := findConcernFigures(ctx, s.db, s.Now())
	return f, mapErr(err, "民情统计")
}

func findConcernFigures(ctx context.Context, q querier, now time.Time) (ConcernFigures, error) {
	var f ConcernFigures
	f.From, f.To = concernWindow(now)
	var err error
	f.ByCommunity, err = queryAll(ctx, q, func(sc rowScanner) (CommunityConcerns, error) {
		var c CommunityConcerns
		err := sc.Scan(&c.Community, &c.Open, &c.Overdue)
		return c, err
	}, `SELECT cm.name, x.n, x.late FROM (SELECT community_id, count(*) AS n,
		coalesce(sum(CASE WHEN promised_on <> '' AND promised_on < ? THEN 1 ELSE 0 END), 0) AS late
		FROM concern WHERE state IN (?, ?, ?, ?, ?) GROUP BY community_id) x JOIN community cm ON cm.id = x.community_id
		ORDER BY cm.sort, cm.name`,
		f.To, string(StateRecorded), string(StateVerified), string(StateAgenda), string(StateDecided), string(StateInHand))
	if err != nil {
		return f, err
	}
	// The months before this one come from the summary (concerns_tally.go), this month up to
	// today from the concerns themselves, so that the figures are exact on any day.
	month, first := f.To[:7], f.To[:7]+"-01"
	tallies := `SELECT community_id, grid_id, category, place, raised, counted, resolved, promised, on_time, reopened
		FROM concern_month WHERE month >= ? AND month < ?
		UNION ALL SELECT community_id, coalesce(grid_id, 0), category, place, 1, CASE WHEN state <> '重复' THEN 1 ELSE 0 END,
			CASE WHEN state = '已办结' THEN 1 ELSE 0 END, CASE WHEN state = '已办结' AND promised_on <> '' THEN 1 ELSE 0 END,
			CASE WHEN state = '已办结' AND promised_on <> '' AND resolved_on <= promised_on THEN 1 ELSE 0 END, reopened
		FROM concern WHERE raised_on >= ? AND raised_on <= ?`
	window := []any{f.From[:7], month, first, f.To}
	if err := queryRow(ctx, q, `SELECT coalesce(sum(raised), 0), coalesce(sum(counted), 0), coalesce(sum(resolved), 0),
		coalesce(sum(promised), 0), coalesce(sum(on_time), 0), coalesce(sum(reopened), 0) FROM (`+tallies+`) t`, window...).Scan(
		&f.Raised, &f.Counted, &f.Resolved, &f.Promised, &f.OnTime, &f.Reopened); err != nil {
		return f, err
	}
	if err := queryRow(ctx, q, `SELECT coalesce(sum(n), 0), coalesce(sum(ok), 0) FROM (
		SELECT followups AS n, satisfied AS ok FROM concern_followup_month WHERE month >= ? AND month < ?
		UNION ALL SELECT 1, CASE WHEN satisfaction <> '不满意' THEN 1 ELSE 0 END FROM concern_followup WHERE day >= ? AND day <= ?) t`,
		window...).Scan(&f.FollowUps, &f.Satisfied); err != nil {
		return f, err
	}
	scanNC := func(sc rowScanner) (NameCount, error) {
		var n NameCount
		err := sc.Scan(&n.Name, &n.Count)
		return n, err
	}
	if f.Categories, err = queryAll(ctx, q, scanNC, `SELECT category, sum(raised) FROM (`+tallies+`) t
		GROUP BY category ORDER BY sum(raised) DESC, category LIMIT 5`, window...); err != nil {
		return f, err
	}
	if f.Grids, err = queryAll(ctx, q, scanNC, `SELECT cm.name || ' ' || coalesce(g.name, '（未分网格）'), x.n
		FROM (SELECT community_id, grid_id, sum(raised) AS n FROM (`+tallies+`) t
			GROUP BY community_id, grid_id ORDER BY sum(raised) DESC, community_id, grid_id LIMIT 5) x
		JOIN community cm ON cm.id = x.community_id LEFT JOIN grid g ON g.id = x.grid_id ORDER BY x.n DESC, cm.name, g.name`,
		window...); err != nil {
		return f, err
	}
	f.Places, err = queryAll(ctx, q, scanNC, `SELECT place, sum(raised) FROM (`+tallies+`) t WHERE place <> ''
		GROUP BY place ORDER BY sum(raised) DESC, place LIMIT 5`, window...)
	return f, err
}
