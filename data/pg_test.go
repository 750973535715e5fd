package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every schema version exists for both engines, under the same number and name.
func TestMigrationsExistForBothEngines(t *testing.T) {
	lite, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	server, err := pgMigrations()
	if err != nil {
		t.Fatal(err)
	}
	names := map[int]string{}
	for _, m := range lite {
		names[m.version] = m.name
	}
	for _, m := range server {
		if names[m.version] == "" {
			t.Errorf("postgres/%s has no SQLite twin in migrations/", m.name)
		} else if names[m.version] != m.name {
			t.Errorf("version %d is %s for SQLite but postgres/%s for PostgreSQL", m.version, names[m.version], m.name)
		}
		delete(names, m.version)
	}
	for v, n := range names {
		t.Errorf("migration %s (version %d) has no PostgreSQL twin in migrations/postgres/", n, v)
	}
}

func TestPGSQLTranslatesTheDialect(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
		{"SELECT ?1, ?2, ?1", "SELECT $1, $2, $1"},
		{"SELECT '?' , ?", "SELECT '?' , $1"},
		{"INSERT OR IGNORE INTO person_tag (person_id, tag) VALUES (?, ?)",
			"INSERT INTO person_tag (person_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING"},
		{"INSERT INTO community (name) VALUES (?)", "INSERT INTO community (name) VALUES ($1) RETURNING id"},
		{"SELECT group_concat(name, '、') FROM x", "SELECT string_agg(CAST(name AS TEXT), '、') FROM x"},
		{"SELECT group_concat(id) FROM x", "SELECT string_agg(CAST(id AS TEXT), ',') FROM x"},
		{"SELECT 1 WHERE key GLOB ?", "SELECT 1 WHERE key >= rtrim($1, '*') AND key < rtrim($1, '*') || chr(1114111)"},
		{"SELECT value FROM json_each(?)", "SELECT value FROM json_array_elements_text(CAST($1 AS json)) AS je(value)"},
		{"SELECT 1 WHERE s LIKE ?", "SELECT 1 WHERE s ILIKE $1"},
		{alt("PRAGMA x", "SELECT ?"), "SELECT $1"},
		{"SELECT count(*) FROM (SELECT 1 FROM t)", "SELECT count(*) FROM (SELECT 1 FROM t) AS sub1"},
		{"SELECT x FROM (SELECT 1 AS x) WHERE x = 1", "SELECT x FROM (SELECT 1 AS x) AS sub1 WHERE x = 1"},
		{"SELECT x FROM (SELECT 1 AS x) AS y", "SELECT x FROM (SELECT 1 AS x) AS y"},
		{"SELECT x FROM (SELECT 1 AS x) y WHERE true", "SELECT x FROM (SELECT 1 AS x) y WHERE true"},
		{"SELECT (SELECT 1 FROM (SELECT 2)), 3", "SELECT (SELECT 1 FROM (SELECT 2) AS sub1), 3"},
	} {
		if got := translatePG(c.in).sql; got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}

// serverOnly skips a test of the server engine when the suite runs on SQLite.
func serverOnly(t *testing.T) {
	t.Helper()
	if !onServer() {
		t.Skip("PostgreSQL only: set LINLI_TEST_PG (make test-pg)")
	}
}

func TestServerMigrations(t *testing.T) {
	serverOnly(t)
	ctx := context.Background()
	url := testDatabaseURL(t)
	for i := 0; i < 2; i++ { // fresh, then already migrated: nothing to do
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		v, err := pgVersion(ctx, s.db)
		if err != nil || v != SchemaVersion() {
			t.Fatalf("version %d, want %d: %v", v, SchemaVersion(), err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestServerRefusesForeignAndNewer(t *testing.T) {
	serverOnly(t)
	ctx := context.Background()
	t.Run("another program's database", func(t *testing.T) {
		url := testDatabaseURL(t)
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("CREATE TABLE invoices (id int)"); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(ctx, url); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "其他程序") {
			t.Fatalf("opened another program's database: %v", err)
		}
	})
	t.Run("written by a newer Linli", func(t *testing.T) {
		url := testDatabaseURL(t)
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'future', '')"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := Open(ctx, url); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "较新版本") {
			t.Fatalf("opened a newer database: %v", err)
		}
	})
	t.Run("no server there", func(t *testing.T) {
		if _, err := Open(ctx, "postgres://linli@127.0.0.1:1/none?connect_timeout=2"); !errors.Is(err, ErrRefused) ||
			!strings.Contains(err.Error(), "无法连接数据库服务器") {
			t.Fatalf("no server: %v", err)
		}
	})
}

func TestRestoreOnAServerIsRefused(t *testing.T) {
	serverOnly(t)
	s := mustOpen(t)
	admin := mustOffice(t, s)
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(admin, backup); err != nil {
		t.Fatal(err)
	}
	b, err := s.OpenBackup(admin, backup, "")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := s.Restore(admin, b); !errors.Is(err, ErrRefused) {
		t.Fatalf("restore onto a server: %v", err)
	}
	mustCheck(t, s)
}

func TestRedactURLHidesThePassword(t *testing.T) {
	if got := RedactURL("postgres://linli:secret@db.local/office?sslmode=require"); strings.Contains(got, "secret") {
		t.Fatal(got)
	}
}

// move-to copies a file's office onto an empty server database and verifies it; the server's
// backup is again a Linli file that passes check; a non-empty target is refused.
func TestMoveToAServerAndBackAgain(t *testing.T) {
	serverOnly(t)
	ctx := context.Background()
	file, err := Open(ctx, filepath.Join(t.TempDir(), "office.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	file.SetClock(func() time.Time { return fixedNow })
	admin := mustOffice(t, file)
	c := mustCommunity(t, file, admin, "东山社区")
	for _, n := range []string{"王秀英", "李建国", "张桂兰"} {
		mustPerson(t, file, admin, c, n, Female, 70)
	}
	url := testDatabaseURL(t)
	res, err := file.MoveTo(admin, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.People != 3 || res.AuditHead == "" {
		t.Fatalf("moved %+v", res)
	}
	server, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	server.SetClock(func() time.Time { return fixedNow })
	t.Run("the server's copy passes check and signs in", func(t *testing.T) {
		mustCheck(t, server)
		staff := as(t, server, "staff")
		if n, err := server.CountPeople(staff, PeopleFilter{Query: "wxy"}); err != nil || n != 1 {
			t.Fatalf("search on the server: %d %v", n, err)
		}
		if _, err := server.SavePerson(staff, Person{Name: "搬家后新增", CommunityID: c.ID}); err != nil {
			t.Fatalf("a write after the move: %v", err)
		}
	})
	t.Run("a non-empty target is refused", func(t *testing.T) {
		if _, err := file.MoveTo(admin, url); !errors.Is(err, ErrRefused) {
			t.Fatalf("moved onto a non-empty database: %v", err)
		}
	})
	t.Run("the server's backup is a Linli file that passes check", func(t *testing.T) {
		back := filepath.Join(t.TempDir(), "back.db")
		if err := server.Backup(as(t, server, "admin"), back); err != nil {
			t.Fatal(err)
		}
		if problems, err := VerifyFile(ctx, back); err != nil || len(problems) > 0 {
			t.Fatalf("backup: %v %v", problems, err)
		}
		b, err := Open(ctx, back)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if n, err := b.CountPeople(as(t, b, "staff"), PeopleFilter{}); err != nil || n != 4 {
			t.Fatalf("%d people in the backup: %v", n, err)
		}
	})
}

// A desk hears another desk's write through LISTEN/NOTIFY.
func TestServerNotifiesTheOtherDesks(t *testing.T) {
	serverOnly(t)
	a := mustOpen(t)
	admin := mustOffice(t, a)
	b := openDesk(t, a)
	changes := b.Changes()
	for len(changes) > 0 { // the office's own setup may still be signalled
		<-changes
	}
	if _, err := a.AddCommunity(admin, "北山社区"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(10 * time.Second):
		t.Fatal("desk B was not told of desk A's write")
	}
}
