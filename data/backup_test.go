package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func rowCounts(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"office", "community", "grid", "person", "person_tag", "app_user", "audit", "setting"} {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestBackupAndRestoreIdentical(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	mustPerson(t, s, admin, c, "王秀英", Female, 82, "独居")
	dir := t.TempDir()
	backup := filepath.Join(dir, "备份 1.db")
	if err := s.Backup(admin, backup); err != nil {
		t.Fatal(err)
	}
	if p, err := VerifyFile(ctx, backup); err != nil || len(p) != 0 {
		t.Fatalf("backup check: %v %v", p, err)
	}
	want := rowCounts(t, s)
	skipOnServer(t, "restoring a file over the database: a server database is refused (TestRestoreOnAServerIsRefused)")
	// Change the live database after the backup, then restore.
	if _, err := s.SavePerson(admin, Person{Name: "备份后新增", CommunityID: c.ID}); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := RestoreFile(ctx, path, backup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(res.Kept); err != nil {
		t.Fatalf("the current database must be kept: %v", err)
	}
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := rowCounts(t, r)
	for k, v := range want {
		if k == "audit" {
			continue
		}
		if got[k] != v {
			t.Errorf("%s: %d rows after restore, want %d", k, got[k], v)
		}
	}
	mustCheck(t, r)
}

func TestRestoreRefusesBadFile(t *testing.T) {
	t.Parallel()
	skipOnServer(t, "restoring a file over the database: a server database is refused (TestRestoreOnAServerIsRefused)")
	ctx := context.Background()
	s := mustOpen(t)
	mustOffice(t, s)
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, []byte("not a database at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RestoreFile(ctx, path, bad); !errors.Is(err, ErrRefused) {
		t.Fatalf("restore from garbage: %v", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Fatal("a refused restore changed the database")
	}
}

// A database nobody has set up is not backed up, and stays empty: the window's first start would
// otherwise write the backup's audit entry, and 载入示例数据 (all or nothing, into an empty
// database only) refused it.
func TestDailyBackupLeavesAnEmptyDatabaseEmpty(t *testing.T) {
	t.Parallel()
	skipOnServer(t, "the daily backups in the backups folder beside the file")
	s := mustOpen(t)
	ctx := context.Background()
	if name, err := s.DailyBackup(ctx); err != nil || name != "" {
		t.Fatalf("backup of an empty database: %q %v", name, err)
	}
	if err := s.refuseFilled(ctx, s.db); err != nil {
		t.Fatalf("the empty database is no longer empty: %v", err)
	}
}

func TestDailyBackupAndRetention(t *testing.T) {
	t.Parallel()
	skipOnServer(t, "the daily backups in the backups folder beside the file; a server's are its administrator's")
	s := mustOpen(t)
	mustOffice(t, s)
	ctx := context.Background()
	name, err := s.DailyBackup(ctx)
	if err != nil || name == "" {
		t.Fatalf("first backup of the day: %q %v", name, err)
	}
	if again, err := s.DailyBackup(ctx); err != nil || again != "" {
		t.Fatalf("a second backup on the same day: %q %v", again, err)
	}
	dir := BackupDir(s.Path())
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 500; i++ { // 500 days of backups
		f := filepath.Join(dir, "linli-"+day.AddDate(0, 0, i).Format("2006-01-02")+".db")
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := PruneBackups(dir); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "linli-*.db"))
	if err != nil {
		t.Fatal(err)
	}
	// 30 daily + the newest of each older month, up to 12 months in all.
	if len(files) < 30+10 || len(files) > 30+12 {
		t.Fatalf("%d backups kept", len(files))
	}
	if _, err := os.Stat(name); err != nil {
		t.Fatal("today's backup was pruned")
	}
}
