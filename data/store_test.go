package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrationsFreshAndAgain(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var version, applied int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("SELECT count(*) FROM schema_migration").Scan(&applied)
	if version != SchemaVersion() || applied != SchemaVersion() {
		t.Fatalf("fresh: user_version %d, applied %d, want %d", version, applied, SchemaVersion())
	}
	var strict int
	s.db.QueryRow("SELECT count(*) FROM pragma_table_list WHERE name = 'person' AND strict = 1").Scan(&strict)
	if strict != 1 {
		t.Error("person must be a STRICT table")
	}
	s.Close()
	s, err = Open(ctx, path) // already migrated: nothing to do, nothing fails
	if err != nil {
		t.Fatal(err)
	}
	s.db.QueryRow("SELECT count(*) FROM schema_migration").Scan(&applied)
	if applied != SchemaVersion() {
		t.Fatalf("reopen applied %d migrations again", applied-SchemaVersion())
	}
	var fk, timeout int
	var journal string
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&journal)
	s.db.QueryRow("PRAGMA busy_timeout").Scan(&timeout)
	if fk != 1 || journal != "wal" || timeout != 5000 {
		t.Errorf("pragmas: foreign_keys %d, journal %s, busy_timeout %d", fk, journal, timeout)
	}
	s.Close()
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	notSQLite := filepath.Join(dir, "notes.db")
	content := []byte("这不是数据库，是一份居民名单。\n")
	os.WriteFile(notSQLite, content, 0o600)
	if _, err := Open(ctx, notSQLite); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "不是 SQLite") {
		t.Fatalf("non-SQLite file: %v", err)
	}
	if b, _ := os.ReadFile(notSQLite); !bytes.Equal(b, content) {
		t.Fatal("non-SQLite file was changed")
	}

	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec("CREATE TABLE t (x)")
	db.Close()
	before, _ := os.ReadFile(other)
	if _, err := Open(ctx, other); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "其他程序") {
		t.Fatalf("another program's database: %v", err)
	}
	if after, _ := os.ReadFile(other); !bytes.Equal(before, after) {
		t.Fatal("another program's database was changed")
	}

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec("PRAGMA user_version = 99")
	s.Close()
	before, _ = os.ReadFile(newer)
	if _, err := Open(ctx, newer); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "较新版本") {
		t.Fatalf("newer database: %v", err)
	}
	if after, _ := os.ReadFile(newer); !bytes.Equal(before, after) {
		t.Fatal("newer database was changed")
	}
}

func TestSampleThenCheckOK(t *testing.T) {
	ctx := context.Background()
	s := mustSample(t)
	problems, err := s.Check(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("check after sample: %v %v", problems, err)
	}
	admin := as(t, s, "admin")
	n, _ := s.CountPeople(admin, PeopleFilter{})
	if n != 200 {
		t.Errorf("sample people = %d, want 200", n)
	}
	h, err := s.HomeStats(admin)
	if err != nil || len(h.ByCommunity) != 6 || h.People != 200 {
		t.Fatalf("home stats = %+v, %v", h, err)
	}
	for _, tag := range []string{"独居", "高龄", "残疾", "低保", "困境儿童"} {
		if c, _ := s.CountPeople(admin, PeopleFilter{Tag: tag}); c == 0 {
			t.Errorf("sample has nobody tagged %s", tag)
		}
	}
	vs, _ := s.Volunteers(admin, VolunteerFilter{})
	kinds := map[string]bool{}
	for _, v := range vs {
		for _, k := range v.Kinds {
			kinds[k] = true
		}
	}
	if len(vs) != 60 || len(kinds) != len(VolunteerKinds) {
		t.Errorf("sample volunteers: %d of kinds %v", len(vs), kinds)
	}
	var guarded, children int
	s.db.QueryRow("SELECT count(DISTINCT child_id) FROM guardian").Scan(&guarded)
	for _, p := range mustPeople(t, s, admin) {
		if a := p.Age(fixedNow); a >= 0 && a < 18 {
			children++
		}
	}
	if children == 0 || guarded < children*8/10 {
		t.Errorf("%d of %d sample children have a guardian", guarded, children)
	}
	if err := s.LoadSample(ctx); !errors.Is(err, ErrRefused) {
		t.Fatalf("second sample load: %v", err)
	}
	if !s.IsSample(ctx) {
		t.Error("sample flag not set")
	}
	if err := s.AddSyntheticPeople(admin, 1000, nil); err != nil {
		t.Fatal(err)
	}
	if problems, _ := s.Check(ctx); len(problems) > 0 {
		t.Fatalf("check after synthetic people: %v", problems)
	}
}

func TestSearchFindsByPinyinAndDigits(t *testing.T) {
	s := mustSample(t)
	ctx := as(t, s, "admin")
	wang, err := s.People(ctx, PeopleFilter{Query: "王秀英"})
	if err != nil || len(wang) == 0 {
		t.Fatalf("by name: %v %v", wang, err)
	}
	id := wang[0].IDNumber
	for _, q := range []string{"wxy", "wangxiuying", "秀英", id[len(id)-6:]} {
		got, err := s.People(ctx, PeopleFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range got {
			found = found || p.ID == wang[0].ID
		}
		if !found {
			t.Errorf("search %q did not find 王秀英 (%d results)", q, len(got))
		}
	}
}

func TestSavePersonValidatesAndConflicts(t *testing.T) {
	s := mustSample(t)
	ctx := as(t, s, "staff")
	cs, _ := s.Communities(ctx)
	p := Person{Name: "测试", IDNumber: "330481194503120026", CommunityID: cs[0].ID, GridID: cs[0].Grids[0].ID, Tags: []string{"独居", "独居", "高龄"}}
	id, err := s.SavePerson(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Person(ctx, id)
	if strings.Join(got.Tags, "、") != "独居、高龄" || got.BirthDate != "1945-03-12" {
		t.Errorf("saved person = %+v", got)
	}
	p.Name = "重复"
	if _, err := s.SavePerson(ctx, p); !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate ID number: %v", err)
	}
	p.IDNumber, p.GridID = "", cs[1].Grids[0].ID
	if _, err := s.SavePerson(ctx, p); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "网格") {
		t.Errorf("grid of another community: %v", err)
	}
	if problems, _ := s.Check(context.Background()); len(problems) > 0 {
		t.Fatal(problems)
	}
}

func mustPeople(t *testing.T, s *Store, ctx context.Context) []Person {
	t.Helper()
	ps, err := s.People(ctx, PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestDamagedFileIsReportedAsDamaged(t *testing.T) {
	ctx := context.Background()
	s := mustSample(t)
	path := s.Path()
	if _, err := s.DailyBackup(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, _ := os.ReadFile(path)
	for i := 100; i < len(b); i++ { // keep SQLite's header, wreck the pages
		b[i] ^= 0x5A
	}
	os.WriteFile(path, b, 0o600)
	os.Remove(path + "-wal")
	_, err := Open(ctx, path)
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("a wrecked file: %v", err)
	}
	if good := NewestGoodBackup(ctx, BackupDir(path)); good == "" {
		t.Fatal("the daily backup should be offered")
	}
}

// TestTwoWindowsOnOneDatabase: two stores on one file (two windows, or Linli opened twice) both
// write safely, and each sees that the other wrote.
func TestTwoWindowsOnOneDatabase(t *testing.T) {
	ctx := context.Background()
	a := mustSample(t)
	b, err := Open(ctx, a.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v0, _ := b.DataVersion(ctx)
	staffA, staffB := as(t, a, "staff"), as(t, b, "staff")
	cs, _ := a.Communities(ctx)
	done := make(chan error, 40)
	for i := 0; i < 20; i++ {
		go func(i int) {
			_, err := a.SavePerson(staffA, Person{Name: fmt.Sprintf("甲窗口%d", i), CommunityID: cs[0].ID})
			done <- err
		}(i)
		go func(i int) {
			_, err := b.SavePerson(staffB, Person{Name: fmt.Sprintf("乙窗口%d", i), CommunityID: cs[1].ID})
			done <- err
		}(i)
	}
	for i := 0; i < 40; i++ {
		if err := <-done; err != nil {
			t.Fatalf("a concurrent write failed: %v", err)
		}
	}
	if v1, _ := b.DataVersion(ctx); v1 == v0 {
		t.Fatal("window B did not notice window A's writes")
	}
	n, _ := b.CountPeople(staffB, PeopleFilter{})
	if n != 240 {
		t.Fatalf("%d people, want 240", n)
	}
	if p, _ := a.Check(ctx); len(p) != 0 {
		t.Fatal(p)
	}
}

func TestCommunitiesAndGridsOnARealSetup(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	a, err := s.Setup(ctx, Office{Name: "测试街道"}, "boss", "主任", "password1")
	if err != nil {
		t.Fatal(err)
	}
	admin := WithActor(ctx, a)
	cid, err := s.AddCommunity(admin, "  新社区 ")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCommunity(admin, "新社区"); !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate community: %v", err)
	}
	gid, err := s.AddGrid(admin, cid, "第一网格")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePerson(admin, Person{Name: "第一位居民", CommunityID: cid, GridID: gid}); err != nil {
		t.Fatal(err)
	}
	staff, _ := s.CreateUser(admin, "social", "社工", RoleStaff, "password1")
	_ = staff
	sa, _ := s.Login(ctx, "social", "password1")
	if _, err := s.AddCommunity(WithActor(ctx, sa), "别的社区"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("社工 added a community: %v", err)
	}
}
