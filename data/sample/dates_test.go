package sample_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
)

// loadDays are the days the sample is loaded on in TestSampleOnAnyDay: the turn of the year, the
// end of February in a leap year, a month's last day, the eve of 春节 2027 and the day the suite
// once failed on.
var loadDays = []time.Time{
	cst(2028, 1, 1, 9), cst(2028, 2, 28, 10), cst(2028, 2, 29, 16), cst(2027, 4, 30, 23),
	cst(2026, 12, 31, 18), cst(2027, 2, 5, 8), cst(2026, 12, 3, 10), cst(2027, 3, 1, 0),
}

func cst(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// datedColumns are the columns that say when something happened (not when it is planned or due):
// no sample record may carry one later than the day the sample was loaded.
var datedColumns = map[string][]string{
	"person": {"created_at", "updated_at"}, "app_user": {"created_at", "updated_at"}, "audit": {"at"},
	"volunteer": {"joined", "created_at"}, "volunteer_minutes": {"day", "created_at"},
	"trainee": {"joined", "created_at"}, "work_order": {"created_at", "updated_at"},
	"production": {"day", "created_at"}, "payment": {"day", "created_at"}, "split": {"created_at"},
	"payout": {"day", "created_at"}, "certificate": {"issued_at"}, "care_recipient": {"start_day", "created_at"},
	"pairing": {"from_day", "created_at"}, "soup_round": {"created_at"},
	"delivery": {"left_at", "arrived_at"}, "care_visit": {"day", "created_at"},
	"service_request": {"requested_at", "dispatched_at", "done_at", "followup_at", "created_at"},
	"programme":       {"created_at"}, "enrollment": {"consent_day", "enrolled_at", "updated_at"},
	"shop": {"created_at", "updated_at"}, "post_application": {"consent_day", "created_at", "updated_at"},
	"post_timesheet": {"day", "created_at"}, "post_match": {"day", "at"},
	"market_layout": {"created_at"}, "market_vendor": {"created_at", "updated_at"}, "market_day": {"created_at"},
	"market_application": {"created_at", "updated_at"}, "market_pact": {"created_at"}, "market_violation": {"day", "created_at"},
	"market_suspension": {"created_at"},
}

// TestSampleOnAnyDay loads the sample on days that have broken calendar code before and checks
// at each that it is sound, that nothing in it lies after that day, and that every screen the
// window's tests open has something to show.
func TestSampleOnAnyDay(t *testing.T) {
	for _, now := range loadDays {
		t.Run(now.Format("2006-01-02T15"), func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(t.TempDir(), "linli.db")
			s, err := data.Open(context.Background(), file)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Error(err)
				}
			})
			s.SetClock(func() time.Time { return now })
			if err := sample.Load(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			t.Run("check finds nothing", func(t *testing.T) {
				problems, err := s.Check(context.Background())
				if err != nil || len(problems) > 0 {
					t.Fatalf("check: %v %v", problems, err)
				}
			})
			t.Run("nothing dated after the day it was loaded", func(t *testing.T) {
				for _, bad := range datedAfter(t, file, now) {
					t.Error(bad)
				}
			})
			t.Run("every screen has data", func(t *testing.T) { screensHaveData(t, s, now) })
		})
	}
}

// datedAfter lists the values of datedColumns that lie after now, read straight from the file.
func datedAfter(t *testing.T, file string, now time.Time) []string {
	t.Helper()
	db, err := sql.Open("sqlite", file+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var bad []string
	for table, cols := range datedColumns {
		for _, col := range cols {
			rows, err := db.Query(fmt.Sprintf("SELECT id, %s FROM %s WHERE %s IS NOT NULL AND %s <> ''", col, table, col, col))
			if err != nil {
				t.Fatalf("%s.%s: %v", table, col, err)
			}
			for rows.Next() {
				var id int64
				var v string
				if err := rows.Scan(&id, &v); err != nil {
					t.Fatal(err)
				}
				if after(t, v, now) {
					bad = append(bad, fmt.Sprintf("%s %d: %s = %s, after %s", table, id, col, v, now.Format(time.RFC3339)))
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
		}
	}
	return bad
}

// after reports whether v (a day or an RFC 3339 time) lies after now; a day is after now when it
// is a later day.
func after(t *testing.T, v string, now time.Time) bool {
	t.Helper()
	if len(v) == len("2006-01-02") {
		return v > now.Format("2006-01-02")
	}
	at, err := time.Parse(time.RFC3339, v)
	if err != nil {
		t.Fatalf("not a time: %q", v)
	}
	return at.After(now)
}

// screensHaveData checks what the window's tests look for in the sample, on the day it was loaded.
func screensHaveData(t *testing.T, s *data.Store, now time.Time) {
	admin := as(t, s, "admin")
	month := now.Format("2006-01")
	h, err := s.HomeStats(admin)
	if err != nil || h.People != 240 || len(h.ByCommunity) != 6 {
		t.Errorf("home: %+v %v", h, err)
	}
	counts := map[string]func() (int, error){
		"volunteers":     func() (int, error) { v, err := s.Volunteers(admin, data.VolunteerFilter{}); return len(v), err },
		"care pairings":  func() (int, error) { v, err := s.Pairings(admin); return len(v), err },
		"soup rounds":    func() (int, error) { v, err := s.Rounds(admin); return len(v), err },
		"services":       func() (int, error) { v, err := s.Requests(admin, false); return len(v), err },
		"programmes":     func() (int, error) { v, err := s.Programmes(admin); return len(v), err },
		"orders":         func() (int, error) { v, err := s.Orders(admin, ""); return len(v), err },
		"trainees":       func() (int, error) { v, err := s.Trainees(admin, true); return len(v), err },
		"month earnings": func() (int, error) { v, err := s.Earnings(admin, month); return len(v), err },
		"market vendors": func() (int, error) { v, err := s.Vendors(admin, data.VendorFilter{}); return len(v), err },
		"helped income":  func() (int, error) { v, err := s.HelpedIncome(admin, now.AddDate(0, 0, -7).Year()); return len(v), err },
		"market days held": func() (int, error) {
			l, err := s.MarketLedger(admin, now.AddDate(0, -1, 0).Format("2006-01"))
			return l.Total.Taken, err
		},
		"care visits": func() (int, error) {
			v, err := s.Visits(admin, now.Year())
			w, err2 := s.Visits(admin, now.Year()-1)
			return len(v) + len(w), errors.Join(err, err2)
		},
	}
	for what, count := range counts {
		if n, err := count(); err != nil || n == 0 {
			t.Errorf("%s: %d, %v", what, n, err)
		}
	}
}
