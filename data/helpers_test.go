package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// fixedNow is the clock of store tests.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// mustOpen opens a real database file in a temporary folder.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "linli.db"))
	if err != nil {
		tb.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	tb.Cleanup(func() { s.Close() })
	return s
}

// mustSample opens a database with the sample data loaded.
func mustSample(tb testing.TB) *Store {
	tb.Helper()
	s := mustOpen(tb)
	if err := s.LoadSample(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// as returns a context signed in as the sample account of role r.
func as(tb testing.TB, s *Store, username string) context.Context {
	tb.Helper()
	a, err := s.Login(context.Background(), username, SamplePassword)
	if err != nil {
		tb.Fatalf("login %s: %v", username, err)
	}
	return WithActor(context.Background(), a)
}
