package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fillOffice is a build for FillEmpty: an office with its 管理员 and one community, then fail.
func fillOffice(fail error) func(ctx context.Context, file string) error {
	return func(ctx context.Context, file string) error {
		t, err := Open(ctx, file)
		if err != nil {
			return err
		}
		defer t.Close()
		t.SetClock(func() time.Time { return fixedNow })
		a, err := t.Setup(ctx, Office{Name: "填充街道办事处"}, "admin", "管理员", testPassword)
		if err != nil {
			return err
		}
		if _, err := t.AddCommunity(WithActor(ctx, a), "南苑社区"); err != nil {
			return err
		}
		return fail
	}
}

// reopen opens s's database again after FillEmpty closed it.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	r, err := Open(context.Background(), s.source())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// TestFillEmptyIsAllOrNothing: what a build wrote takes an empty database's place only when the
// build finished (both engines).
func TestFillEmptyIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	t.Run("a failed build leaves the database empty", func(t *testing.T) {
		s := mustOpen(t)
		boom := errors.New("stopped halfway")
		if err := s.FillEmpty(ctx, fillOffice(boom)); !errors.Is(err, boom) {
			t.Fatalf("FillEmpty: %v, want the build's error", err)
		}
		r := reopen(t, s)
		if err := r.refuseFilled(ctx, r.db); err != nil {
			t.Fatalf("after a failed build: %v", err)
		}
		if cs, err := r.Communities(ctx); err != nil || len(cs) > 0 {
			t.Fatalf("communities after a failed build: %v, %v", cs, err)
		}
	})
	t.Run("a finished build takes the database's place", func(t *testing.T) {
		s := mustOpen(t)
		if err := s.FillEmpty(ctx, fillOffice(nil)); err != nil {
			t.Fatal(err)
		}
		r := reopen(t, s)
		if has, err := r.HasUsers(ctx); err != nil || !has {
			t.Fatalf("no accounts after the fill: %v", err)
		}
		if cs, err := r.Communities(ctx); err != nil || len(cs) != 1 {
			t.Fatalf("communities after the fill: %v, %v", cs, err)
		}
		mustCheck(t, r)
	})
	t.Run("a database with data is refused", func(t *testing.T) {
		s := mustOpen(t)
		mustOffice(t, s)
		called := false
		err := s.FillEmpty(ctx, func(context.Context, string) error { called = true; return nil })
		if !errors.Is(err, ErrRefused) || called {
			t.Fatalf("FillEmpty on an office's database: %v (build called: %v)", err, called)
		}
	})
}

// TestCopiedTablesComeAfterTheTablesTheyName: the copy onto a server (move-to, demo on a server)
// writes every table after the tables its foreign keys name, also for a table that a later
// migration rebuilt (work_order, after order_line names it).
func TestCopiedTablesComeAfterTheTablesTheyName(t *testing.T) {
	skipOnServer(t, "reads a SQLite file's table list")
	s := mustOpen(t)
	ctx := context.Background()
	tables, err := sqliteTables(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int{}
	for i, tb := range tables {
		at[tb.name] = i
	}
	for i, tb := range tables {
		refs, err := queryAll(ctx, s.db, scanValue[string], `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, tb.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			if j, ok := at[r]; ok && j > i {
				t.Errorf("%s (#%d) is copied before %s (#%d), which it names", tb.name, i, r, j)
			}
		}
	}
}
