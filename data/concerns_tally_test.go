package data

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"
)

// recountFigures is the 12-month figures counted from every concern and 回访 in the window, as
// the figures were before the monthly summary: the reference the summary must equal.
func recountFigures(t *testing.T, q querier, now time.Time) ConcernFigures {
	t.Helper()
	ctx := context.Background()
	var f ConcernFigures
	f.From, f.To = concernWindow(now)
	if err := queryRow(ctx, q, `SELECT count(*),
		coalesce(sum(CASE WHEN state <> '重复' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN state = '已办结' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN state = '已办结' AND promised_on <> '' THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN state = '已办结' AND promised_on <> '' AND resolved_on <= promised_on THEN 1 ELSE 0 END), 0),
		coalesce(sum(reopened), 0) FROM concern WHERE raised_on >= ? AND raised_on <= ?`, f.From, f.To).Scan(
		&f.Raised, &f.Counted, &f.Resolved, &f.Promised, &f.OnTime, &f.Reopened); err != nil {
		t.Fatal(err)
	}
	if err := queryRow(ctx, q, `SELECT count(*), coalesce(sum(CASE WHEN satisfaction <> '不满意' THEN 1 ELSE 0 END), 0)
		FROM concern_followup WHERE day >= ? AND day <= ?`, f.From, f.To).Scan(&f.FollowUps, &f.Satisfied); err != nil {
		t.Fatal(err)
	}
	nc := func(sc rowScanner) (NameCount, error) {
		var n NameCount
		err := sc.Scan(&n.Name, &n.Count)
		return n, err
	}
	var err error
	if f.Categories, err = queryAll(ctx, q, nc, `SELECT category, count(*) FROM concern WHERE raised_on >= ? AND raised_on <= ?
		GROUP BY category ORDER BY count(*) DESC, category LIMIT 5`, f.From, f.To); err != nil {
		t.Fatal(err)
	}
	if f.Places, err = queryAll(ctx, q, nc, `SELECT place, count(*) FROM concern WHERE raised_on >= ? AND raised_on <= ? AND place <> ''
		GROUP BY place ORDER BY count(*) DESC, place LIMIT 5`, f.From, f.To); err != nil {
		t.Fatal(err)
	}
	return f
}

// summaryFixture has concerns over three months (and one raised after today) in every state
// the figures count, with 回访 both ways.
func summaryFixture(t *testing.T) concernFixture {
	t.Helper()
	f := newConcernFixture(t)
	raise := func(day, category, place string) Concern {
		c, err := f.s.CreateConcern(f.staff, Concern{Text: "楼道堆物", CommunityID: f.c.ID, GridID: f.c.Grids[0].ID, Place: place,
			Category: category, Channel: "茶室", RaisedOn: day})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	resolve := func(c Concern, promised string) {
		f.mustMove(t, c.ID, Move{To: StateVerified}, Move{To: StateInHand, OwnerUnit: "物业", PromisedOn: promised},
			Move{To: StateResolved, Note: "已清理"})
	}
	sep := raise("2026-09-30", "噪音", "3 幢")
	resolve(sep, "2026-12-01")
	oct := raise("2026-10-01", "设施维修", "")
	resolve(oct, "2026-10-02") // resolved on the store's day: late
	f.mustMove(t, raise("2026-10-15", "噪音", "3 幢").ID, Move{To: StateDuplicate, DuplicateOf: oct.ID})
	nov := raise("2026-11-01", "交通停车", "东门")
	resolve(nov, "")
	raise("2026-11-27", "噪音", "东门")
	raise("2026-11-30", "噪音", "东门") // after today: in no window until it comes
	for _, fu := range []struct {
		c   Concern
		sat string
	}{{sep, "满意"}, {oct, "不满意"}, {nov, "基本满意"}} {
		if err := f.s.FollowUpConcern(f.staff, fu.c.ID, fu.sat, "回访意见"); err != nil {
			t.Fatal(err)
		}
	}
	f.mustMove(t, oct.ID, Move{To: StateResolved, Note: "重新清理"})
	return f
}

func TestConcernSummaryEqualsRecount(t *testing.T) {
	f := summaryFixture(t)
	t.Run("after every kind of write", func(t *testing.T) {
		problems, err := checkConcernSummary(context.Background(), f.s.db)
		if err != nil || len(problems) > 0 {
			t.Fatalf("%v %v", problems, err)
		}
		mustCheck(t, f.s)
	})
	// The figures on days across month ends: the months before this one come from the summary,
	// this one from the concerns; both must give what a full recount gives.
	for _, day := range []time.Time{fixedNow, time.Date(2026, 10, 31, 23, 0, 0, 0, fixedNow.Location()),
		time.Date(2026, 12, 1, 0, 0, 0, 0, fixedNow.Location()), time.Date(2027, 9, 30, 12, 0, 0, 0, fixedNow.Location()),
		time.Date(2027, 10, 1, 8, 0, 0, 0, fixedNow.Location())} {
		t.Run(day.Format("2006-01-02"), func(t *testing.T) {
			f.s.SetClock(func() time.Time { return day })
			defer f.s.SetClock(func() time.Time { return fixedNow })
			got, err := f.s.ConcernFigures(f.staff)
			if err != nil {
				t.Fatal(err)
			}
			want := recountFigures(t, f.s.db, day)
			got.ByCommunity, got.Grids = nil, nil
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("figures\n got %+v\nwant %+v", got, want)
			}
		})
	}
	t.Run("the fixture counts something", func(t *testing.T) {
		got, err := f.s.ConcernFigures(f.staff)
		if err != nil || got.Raised != 5 || got.Resolved != 3 || got.Counted != 4 || got.OnTime != 1 || got.Reopened != 1 || got.FollowUps != 3 {
			t.Fatalf("%+v %v", got, err)
		}
	})
}

// TestCheckFindsConcernProblems breaks each concerns invariant behind the store's back and
// expects check to name it.
func TestCheckFindsConcernProblems(t *testing.T) {
	for _, tc := range []struct {
		name, sql, want string
	}{
		{"summary differs from a recount", "UPDATE concern_month SET resolved = resolved + 1 WHERE month = '2026-11'", "民情统计：2026-11 月"},
		{"a summary row too many", "INSERT INTO concern_month VALUES ('2025-01', (SELECT min(id) FROM community), 0, '噪音', '', 1, 1, 0, 0, 0, 0)", "民情统计：2025-01 月"},
		{"回访 summary differs", "UPDATE concern_followup_month SET satisfied = 0", "的回访与逐条重算不符"},
		{"history does not end in the state", "UPDATE concern SET state = '核实' WHERE number = 'MQ-2026-0005'", "办理经过的最后一步"},
		{"a duplicate of a duplicate", `UPDATE concern SET state = '重复', duplicate_of = (SELECT id FROM concern WHERE number = 'MQ-2026-0003')
			WHERE number = 'MQ-2026-0005'`, "本身也是重复项"},
		{"resolved without a day", "UPDATE concern SET resolved_on = '' WHERE number = 'MQ-2026-0001'", "与办结日期不一致"},
		{"reopenings without 回访", "UPDATE concern SET reopened = 2 WHERE number = 'MQ-2026-0001'", "重办次数 2"},
		{"finalized minutes edited", "UPDATE tea_meeting SET minutes = minutes || '（补）'", "定稿后的会议纪要被改动过"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := summaryFixture(t)
			m := f.mustFinalMeeting(t)
			if _, err := execSQL(context.Background(), f.s.db, tc.sql); err != nil {
				t.Fatal(err)
			}
			problems, err := f.s.Check(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
				t.Fatalf("check %v, want a line with %q (meeting %d)", problems, tc.want, m)
			}
		})
	}
}

// mustFinalMeeting holds a meeting with minutes and finalizes them.
func (f concernFixture) mustFinalMeeting(t *testing.T) int64 {
	t.Helper()
	id, err := f.s.SaveMeeting(f.staff, TeaMeeting{Day: "2026-11-26", Host: "王书记", Topic: "楼道", Minutes: "商定清理楼道堆物。"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.FinalizeMeeting(f.staff, id); err != nil {
		t.Fatal(err)
	}
	return id
}

// Minutes finalized before migration 0019 get their digest from its data step.
func TestMigrationDigestsFinalizedMinutes(t *testing.T) {
	f := newConcernFixture(t)
	id := f.mustFinalMeeting(t)
	ctx := context.Background()
	if _, err := execSQL(ctx, f.s.db, "UPDATE tea_meeting SET minutes_digest = '' WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	if err := f.s.inTx(ctx, func(tx *sql.Tx) error { return dataSteps[19](ctx, f.s, tx) }); err != nil {
		t.Fatal(err)
	}
	got, err := queryOne(ctx, f.s.db, scanValue[string], "SELECT minutes_digest FROM tea_meeting WHERE id = ?", id)
	if err != nil || got != minutesDigest("商定清理楼道堆物。") {
		t.Fatalf("digest %q %v", got, err)
	}
	mustCheck(t, f.s)
}
