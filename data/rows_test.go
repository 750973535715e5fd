package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

// The row reader on a real database file, through each kind of querier.

func rowsFixture(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "rows.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	for _, name := range []string{"南苑社区", "北苑社区", "东苑社区"} {
		if _, err := s.AddCommunity(context.Background(), name); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

const communityNames = "SELECT name FROM community ORDER BY id"

func TestQueryAllReadsEveryRowThroughEachQuerier(t *testing.T) {
	ctx := context.Background()
	s := rowsFixture(t)
	want := []string{"南苑社区", "北苑社区", "东苑社区"}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for name, q := range map[string]querier{"db": s.db, "tx": tx, "conn": conn} {
		t.Run(name, func(t *testing.T) {
			got, err := queryAll(ctx, q, scanValue[string], communityNames)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestQueryAllOfNoRowsIsNil(t *testing.T) {
	s := rowsFixture(t)
	got, err := queryAll(context.Background(), s.db, scanValue[string], "SELECT name FROM community WHERE id < 0")
	if err != nil || got != nil {
		t.Errorf("got %v, %v; want nil, nil", got, err)
	}
}

func TestQueryAllStopsAtTheFirstScanError(t *testing.T) {
	s := rowsFixture(t)
	calls := 0
	boom := errors.New("boom")
	got, err := queryAll(context.Background(), s.db, func(sc rowScanner) (string, error) {
		calls++
		name, err := scanValue[string](sc)
		if calls == 2 {
			return name, boom
		}
		return name, err
	}, communityNames)
	if !errors.Is(err, boom) || got != nil || calls != 2 {
		t.Errorf("got %v, %v after %d rows; want nil, boom after 2", got, err, calls)
	}
}

func TestQueryAllReportsAScanIntoTheWrongType(t *testing.T) {
	s := rowsFixture(t)
	if _, err := queryAll(context.Background(), s.db, scanValue[int64], communityNames); err == nil {
		t.Error("scanning 南苑社区 into an int64 succeeded")
	}
}

func TestQueryAllReportsABadQuery(t *testing.T) {
	s := rowsFixture(t)
	if _, err := queryAll(context.Background(), s.db, scanValue[string], "SELECT name FROM no_such_table"); err == nil {
		t.Error("a query of a missing table succeeded")
	}
}

func TestQueryOneOfNoRowIsNotFound(t *testing.T) {
	s := rowsFixture(t)
	_, err := queryOne(context.Background(), s.db, scanValue[string], "SELECT name FROM community WHERE id = ?", 99)
	if !errors.Is(mapErr(err, "社区"), ErrNotFound) {
		t.Errorf("got %v, want not found", err)
	}
}

func TestQueryEachSeesRowsInOrder(t *testing.T) {
	s := rowsFixture(t)
	var got []string
	err := queryEach(context.Background(), s.db, func(sc rowScanner) error {
		name, err := scanValue[string](sc)
		got = append(got, name)
		return err
	}, communityNames+" DESC")
	if err != nil || !slices.Equal(got, []string{"东苑社区", "北苑社区", "南苑社区"}) {
		t.Errorf("got %v, %v", got, err)
	}
}
