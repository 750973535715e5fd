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

// queryInt runs a query that returns one integer.
func queryInt(t *testing.T, q querier, query string) int {
	t.Helper()
	var n int
	if err := q.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// mustRead reads a whole file.
func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMigrationsFreshAndAgain(t *testing.T) {
	skipOnServer(t, "PRAGMA user_version and the file's PRAGMAs (the server's: TestServerMigrations)")
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("fresh", func(t *testing.T) {
		version, applied := queryInt(t, s.db, "PRAGMA user_version"), queryInt(t, s.db, "SELECT count(*) FROM schema_migration")
		if version != SchemaVersion() || applied != SchemaVersion() {
			t.Fatalf("fresh: user_version %d, applied %d, want %d", version, applied, SchemaVersion())
		}
		if queryInt(t, s.db, "SELECT count(*) FROM pragma_table_list WHERE name = 'person' AND strict = 1") != 1 {
			t.Error("person must be a STRICT table")
		}
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path) // already migrated: nothing to do, nothing fails
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	t.Run("again applies nothing", func(t *testing.T) {
		if applied := queryInt(t, s.db, "SELECT count(*) FROM schema_migration"); applied != SchemaVersion() {
			t.Fatalf("reopen applied %d migrations again", applied-SchemaVersion())
		}
	})
	t.Run("pragmas", func(t *testing.T) {
		var journal string
		if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&journal); err != nil {
			t.Fatal(err)
		}
		fk, timeout := queryInt(t, s.db, "PRAGMA foreign_keys"), queryInt(t, s.db, "PRAGMA busy_timeout")
		if fk != 1 || journal != "wal" || timeout != 5000 {
			t.Errorf("pragmas: foreign_keys %d, journal %s, busy_timeout %d", fk, journal, timeout)
		}
	})
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	skipOnServer(t, "files that are not Linli's (the server's: TestServerRefusesForeignAndNewer)")
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	t.Run("not SQLite", func(t *testing.T) {
		notSQLite := filepath.Join(dir, "notes.db")
		content := []byte("这不是数据库，是一份居民名单。\n")
		if err := os.WriteFile(notSQLite, content, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(ctx, notSQLite); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "不是 SQLite") {
			t.Fatalf("non-SQLite file: %v", err)
		}
		if !bytes.Equal(mustRead(t, notSQLite), content) {
			t.Fatal("non-SQLite file was changed")
		}
	})
	t.Run("another program's database", func(t *testing.T) {
		other := filepath.Join(dir, "other.db")
		db, err := sql.Open("sqlite", other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		before := mustRead(t, other)
		if _, err := Open(ctx, other); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "其他程序") {
			t.Fatalf("another program's database: %v", err)
		}
		if !bytes.Equal(before, mustRead(t, other)) {
			t.Fatal("another program's database was changed")
		}
	})
	t.Run("newer database", func(t *testing.T) {
		newer := filepath.Join(dir, "newer.db")
		s, err := Open(ctx, newer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		before := mustRead(t, newer)
		if _, err := Open(ctx, newer); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "较新版本") {
			t.Fatalf("newer database: %v", err)
		}
		if !bytes.Equal(before, mustRead(t, newer)) {
			t.Fatal("newer database was changed")
		}
	})
}

func TestAddPeople(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	other := mustCommunity(t, s, admin, "西山社区")
	ctx := as(t, s, "staff")
	t.Run("adds all, normalized and searchable", func(t *testing.T) {
		ids, err := s.AddPeople(ctx, []Person{
			{Name: " 王秀英 ", IDNumber: "330481194503120026", CommunityID: c.ID, GridID: c.Grids[0].ID, Tags: []string{"独居", "独居"}},
			{Name: "李建国", Phone: "139 0000 1111", CommunityID: other.ID},
		}, nil)
		if err != nil || len(ids) != 2 {
			t.Fatalf("%v %v", ids, err)
		}
		got, err := s.Person(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "王秀英" || got.BirthDate != "1945-03-12" || got.Sex != Female || strings.Join(got.Tags, "、") != "独居" {
			t.Fatalf("saved %+v", got)
		}
		found, err := s.People(ctx, PeopleFilter{Query: "wxy"})
		if err != nil || len(found) != 1 || found[0].ID != ids[0] {
			t.Fatalf("search wxy: %v %v", found, err)
		}
		mustCheck(t, s)
	})
	t.Run("one bad person changes nothing and is named", func(t *testing.T) {
		before, err := s.CountPeople(ctx, PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range [][]Person{
			{{Name: "好人", CommunityID: c.ID}, {Name: "", CommunityID: c.ID}},
			{{Name: "好人", CommunityID: c.ID}, {Name: "错网格", CommunityID: c.ID, GridID: other.Grids[0].ID}},
			{{Name: "好人", CommunityID: c.ID}, {Name: "无社区", CommunityID: c.ID + other.ID + 1}},
		} {
			if _, err := s.AddPeople(ctx, bad, nil); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "第 2 位") {
				t.Errorf("%+v: %v", bad[1], err)
			}
		}
		if _, err := s.AddPeople(ctx, []Person{{Name: "重复", IDNumber: "330481194503120026", CommunityID: c.ID}}, nil); !errors.Is(err, ErrConflict) {
			t.Errorf("duplicate ID number: %v", err)
		}
		if after, err := s.CountPeople(ctx, PeopleFilter{}); err != nil || after != before {
			t.Fatalf("people %d -> %d, %v", before, after, err)
		}
	})
	t.Run("needs the right to write people", func(t *testing.T) {
		if _, err := s.AddPeople(as(t, s, "viewer"), []Person{{Name: "甲", CommunityID: c.ID}}, nil); !errors.Is(err, ErrForbidden) {
			t.Fatalf("viewer: %v", err)
		}
	})
}

func TestSearchFindsByPinyinAndDigits(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	ctx := mustOffice(t, s)
	c := mustCommunity(t, s, ctx, "东山社区")
	wang := mustPerson(t, s, ctx, c, "王秀英", Female, 82)
	mustPerson(t, s, ctx, c, "李建国", Male, 70)
	for _, q := range []string{"王秀英", "wxy", "wangxiuying", "秀英", wang.IDNumber[len(wang.IDNumber)-6:], wang.Phone[len(wang.Phone)-4:]} {
		t.Run(q, func(t *testing.T) {
			got, err := s.People(ctx, PeopleFilter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].ID != wang.ID {
				t.Errorf("search %q: %d results, want 王秀英", q, len(got))
			}
		})
	}
}

func TestSavePersonValidatesAndConflicts(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	ctx := as(t, s, "staff")
	c, other := mustCommunity(t, s, admin, "东山社区"), mustCommunity(t, s, admin, "西山社区")
	p := Person{Name: "测试", IDNumber: "330481194503120026", CommunityID: c.ID, GridID: c.Grids[0].ID, Tags: []string{"独居", "独居", "高龄"}}
	id, err := s.SavePerson(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("normalized", func(t *testing.T) {
		got, err := s.Person(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.Tags, "、") != "独居、高龄" || got.BirthDate != "1945-03-12" {
			t.Errorf("saved person = %+v", got)
		}
	})
	t.Run("duplicate ID number", func(t *testing.T) {
		p.Name = "重复"
		if _, err := s.SavePerson(ctx, p); !errors.Is(err, ErrConflict) {
			t.Errorf("duplicate ID number: %v", err)
		}
	})
	t.Run("grid of another community", func(t *testing.T) {
		p.IDNumber, p.GridID = "", other.Grids[0].ID
		if _, err := s.SavePerson(ctx, p); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "网格") {
			t.Errorf("grid of another community: %v", err)
		}
		mustCheck(t, s)
	})
}

func TestDamagedFileIsReportedAsDamaged(t *testing.T) {
	skipOnServer(t, "a damaged file")
	t.Parallel()
	ctx := context.Background()
	s := mustOpen(t)
	mustOffice(t, s)
	path := s.Path()
	if _, err := s.DailyBackup(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b := mustRead(t, path)
	for i := 100; i < len(b); i++ { // keep SQLite's header, wreck the pages
		b[i] ^= 0x5A
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path + "-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a wrecked file: %v", err)
	}
	if good := NewestGoodBackup(ctx, BackupDir(path)); good == "" {
		t.Fatal("the daily backup should be offered")
	}
}

// TestTwoWindowsOnOneDatabase: two stores on one file (two windows, or Linli opened twice) both
// write safely, and each sees that the other wrote.
func TestTwoWindowsOnOneDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := mustOpen(t)
	admin := mustOffice(t, a)
	c1, c2 := mustCommunity(t, a, admin, "东山社区"), mustCommunity(t, a, admin, "西山社区")
	b, err := Open(ctx, a.source())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	v0, err := b.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	staffA, staffB := as(t, a, "staff"), as(t, b, "staff")
	done := make(chan error, 40)
	for i := 0; i < 20; i++ {
		go func(i int) {
			_, err := a.SavePerson(staffA, Person{Name: fmt.Sprintf("甲窗口%d", i), CommunityID: c1.ID})
			done <- err
		}(i)
		go func(i int) {
			_, err := b.SavePerson(staffB, Person{Name: fmt.Sprintf("乙窗口%d", i), CommunityID: c2.ID})
			done <- err
		}(i)
	}
	for i := 0; i < 40; i++ {
		if err := <-done; err != nil {
			t.Fatalf("a concurrent write failed: %v", err)
		}
	}
	t.Run("B notices A's writes", func(t *testing.T) {
		if v1, err := b.DataVersion(ctx); err != nil || v1 == v0 {
			t.Fatalf("window B did not notice window A's writes: %v", err)
		}
	})
	t.Run("both windows' writes are kept", func(t *testing.T) {
		if n, err := b.CountPeople(staffB, PeopleFilter{}); err != nil || n != 40 {
			t.Fatalf("%d people, want 40: %v", n, err)
		}
		mustCheck(t, a)
	})
}

func TestCommunitiesAndGridsOnARealSetup(t *testing.T) {
	t.Parallel()
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
	t.Run("a community name is unique", func(t *testing.T) {
		if _, err := s.AddCommunity(admin, "新社区"); !errors.Is(err, ErrConflict) {
			t.Fatalf("duplicate community: %v", err)
		}
	})
	t.Run("a resident goes in a new grid", func(t *testing.T) {
		gid, err := s.AddGrid(admin, cid, "第一网格")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SavePerson(admin, Person{Name: "第一位居民", CommunityID: cid, GridID: gid}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("社工 adds no community", func(t *testing.T) {
		if _, err := s.CreateSampleUser(admin, "social", "社工", RoleStaff, "password1"); err != nil {
			t.Fatal(err)
		}
		sa, err := s.Login(ctx, "social", "password1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddCommunity(WithActor(ctx, sa), "别的社区"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("社工 added a community: %v", err)
		}
	})
}
