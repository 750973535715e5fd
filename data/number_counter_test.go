package data

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"
)

// countersFixture is an office with three residents, the first of them a volunteer.
type countersFixture struct {
	s             *Store
	admin         context.Context
	c             Community
	people        []Person
	certs, trains []string // numbers issued so far, in order
}

func newCountersFixture(t *testing.T) *countersFixture {
	t.Helper()
	s := mustOpen(t)
	f := &countersFixture{s: s, admin: mustOffice(t, s)}
	f.c = mustCommunity(t, s, f.admin, "南苑社区")
	for i, name := range []string{"李一", "王二", "张三", "赵四", "钱五"} {
		f.people = append(f.people, mustPerson(t, s, f.admin, f.c, name, Female, 30+i))
	}
	return f
}

// certificate issues one 志愿服务证明 on s and returns its number.
func (f *countersFixture) certificate(t *testing.T, s *Store) string {
	t.Helper()
	cs, err := s.IssueCertificate(as(t, s, "staff"), []Certificate{{Kind: CertVolunteer, PersonID: f.people[0].ID,
		From: "2026-01-01", To: "2026-11-30", Minutes: 60}})
	if err != nil {
		t.Fatal(err)
	}
	f.certs = append(f.certs, cs[0].Number)
	return cs[0].Number
}

// trainee makes the next resident a trainee on s and returns the trainee's number.
func (f *countersFixture) trainee(t *testing.T, s *Store) string {
	t.Helper()
	tr := mustTrainee(t, s, as(t, s, "workshop"), f.people[len(f.trains)], "")
	f.trains = append(f.trains, tr.Number)
	return tr.Number
}

// issuedAgain lists the numbers of got that were issued before.
func issuedAgain(before []string, got ...string) []string {
	seen := map[string]bool{}
	for _, n := range before {
		seen[n] = true
	}
	var out []string
	for _, n := range got {
		if seen[n] {
			out = append(out, n)
		}
	}
	return out
}

// TestRestoringAnOlderBackupNeverReissuesANumber: numbers issued after a backup are not issued
// again once that backup is restored, whether the backup holds counters or comes from a Linli
// without them (its counters are seeded from its numbers, then raised to the replaced database's).
func TestRestoringAnOlderBackupNeverReissuesANumber(t *testing.T) {
	skipOnServer(t, "restoring a file over the database: a server database is refused (TestRestoreOnAServerIsRefused)")
	for _, tc := range []struct {
		name       string
		preCounter bool
	}{{"a backup with counters", false}, {"a backup from before the counters", true}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newCountersFixture(t)
			f.certificate(t, f.s)
			f.trainee(t, f.s)
			backup := filepath.Join(t.TempDir(), "周五.db")
			if err := f.s.Backup(f.admin, backup); err != nil {
				t.Fatal(err)
			}
			if tc.preCounter {
				rollBackCounters(t, backup)
			}
			f.certificate(t, f.s)
			f.certificate(t, f.s)
			f.trainee(t, f.s)
			r, _ := restoreAndReopen(t, f.s, f.admin, backup)
			r.SetClock(f.s.now)
			before := append([]string(nil), f.certs...)
			cert, tr := f.certificate(t, r), f.trainee(t, r)
			if again := issuedAgain(append(before, f.trains[:2]...), cert, tr); len(again) > 0 {
				t.Fatalf("issued again after the restore: %v (before: %v %v)", again, before, f.trains[:2])
			}
			if cert != "ZF-2026-0004" || tr != "XY-003" {
				t.Errorf("after the restore: %s and %s, want ZF-2026-0004 and XY-003", cert, tr)
			}
			mustCheck(t, r)
		})
	}
}

// rollBackCounters makes a closed database file look written by a Linli from before migration
// 0017: its counters tell nothing, so only its numbers do. (Rolling the schema version back would
// make the migrations after 0017 run a second time.)
func rollBackCounters(t *testing.T, file string) {
	t.Helper()
	s, err := Open(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.Exec("DELETE FROM number_counter"); err != nil {
		t.Fatal(err)
	}
}

// TestUpgradeSeedsTheCountersFromTheNumbersIssued: a database from before the counters gets one
// counter per series, at the highest number it issued, and goes on from there (both engines).
func TestUpgradeSeedsTheCountersFromTheNumbersIssued(t *testing.T) {
	f := newCountersFixture(t)
	f.certificate(t, f.s)
	f.certificate(t, f.s)
	f.trainee(t, f.s)
	// Migration 0017 again, on a database that has numbers and no counters: it seeds them.
	if _, err := f.s.db.Exec("DROP TABLE number_counter"); err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if f.s.IsServer() {
		ms, err = pgMigrations()
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.db.Exec(ms[16].sql); err != nil {
		t.Fatalf("migration %d (%s) again: %v", ms[16].version, ms[16].name, err)
	}
	s := f.s
	for _, c := range []struct {
		series, prefix string
		want           int
	}{{"certificate", "ZF-2026-", 2}, {"trainee", "XY-", 1}} {
		q := fmt.Sprintf("SELECT issued FROM number_counter WHERE series = '%s' AND prefix = '%s'", c.series, c.prefix)
		if got := queryInt(t, s.db, q); got != c.want {
			t.Errorf("seeded counter of %s %s: %d, want %d", c.series, c.prefix, got, c.want)
		}
	}
	if n := f.certificate(t, s); n != "ZF-2026-0003" {
		t.Errorf("next certificate after the upgrade: %s, want ZF-2026-0003", n)
	}
}

// TestANumberTheOfficeTookIsSkipped: a 户号 typed by the office in the counter's way is not issued
// again; the counter jumps past the highest number held.
func TestANumberTheOfficeTookIsSkipped(t *testing.T) {
	f := newCountersFixture(t)
	staff := as(t, f.s, "staff")
	var got []string
	for i, typed := range []string{"", "HH-00002", "", ""} {
		id, err := f.s.SaveHousehold(staff, Household{Number: typed, CommunityID: f.c.ID, Address: fmt.Sprintf("西山路 %d 号", i+1),
			HeadID: f.people[1+i].ID})
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.s.Household(staff, id)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, h.Number)
	}
	if want := []string{"HH-00001", "HH-00002", "HH-00003", "HH-00004"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("numbers %v, want %v (HH-00002 typed by the office)", got, want)
	}
}

// TestTwoDesksAtOnceNeverGetTheSameNumber: two desks, each on its own connections, issue
// certificates at the same time; every number is issued once and none is skipped.
func TestTwoDesksAtOnceNeverGetTheSameNumber(t *testing.T) {
	f := newCountersFixture(t)
	desks := []*Store{openDesk(t, f.s), openDesk(t, f.s)}
	const each = 15
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, len(desks))
	for _, d := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, err := d.Login(context.Background(), "staff", testPassword)
			if err != nil {
				errs <- err
				return
			}
			staff := WithActor(context.Background(), ctx)
			for range each {
				cs, err := d.IssueCertificate(staff, []Certificate{{Kind: CertVolunteer, PersonID: f.people[0].ID,
					From: "2026-01-01", To: "2026-11-30", Minutes: 60}})
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				f.certs = append(f.certs, cs[0].Number)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	sort.Strings(f.certs)
	for i, n := range f.certs {
		if want := fmt.Sprintf("ZF-2026-%04d", i+1); n != want {
			t.Fatalf("numbers %v: #%d is %s, want %s", f.certs, i+1, n, want)
		}
	}
	if len(f.certs) != len(desks)*each {
		t.Errorf("%d numbers issued, want %d", len(f.certs), len(desks)*each)
	}
}
