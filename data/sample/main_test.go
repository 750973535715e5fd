package sample_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
)

// TestMain makes password hashing cheap and storage unsynced for tests; benchmarks keep the real
// parameters and fsync, so that their figures are what `linli demo` costs.
func TestMain(m *testing.M) {
	if path := os.Getenv(fillChildEnv); path != "" {
		fillChild(path)
	}
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		data.UseFastPasswordHashingForTests()
		data.UseUnsyncedStorageForTests() // no fsync per commit: tests do not survive power cuts
	}
	code := m.Run()
	if shared.dir != "" {
		if shared.s != nil {
			if err := shared.s.Close(); err != nil && code == 0 {
				code = 1
			}
		}
		if err := os.RemoveAll(shared.dir); err != nil && code == 0 {
			code = 1
		}
	}
	if template.dir != "" {
		if err := os.RemoveAll(template.dir); err != nil && code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// shared is one sample database for the tests that only read it, built on first use.
var shared struct {
	once sync.Once
	dir  string
	s    *data.Store
	err  error
}

// template is the sample loaded once per test binary on fixedNow into a closed file, which
// mustSample and sharedSample copy: a copy costs a fraction of loading the sample again.
var template struct {
	once sync.Once
	dir  string
	file string
	err  error
}

// sampleCopy writes a copy of the sample template to file.
func sampleCopy(file string) error {
	template.once.Do(func() {
		if template.dir, template.err = os.MkdirTemp("", "linli-sample-template"); template.err != nil {
			return
		}
		template.file = filepath.Join(template.dir, "template.db")
		s, err := data.Open(context.Background(), template.file)
		if err != nil {
			template.err = err
			return
		}
		s.SetClock(func() time.Time { return fixedNow })
		template.err = sample.Load(context.Background(), s)
		if err := s.Close(); template.err == nil { // the last connection's close folds the WAL into the file
			template.err = err
		}
	})
	if template.err != nil {
		return template.err
	}
	if _, err := os.Stat(template.file + "-wal"); err == nil {
		return errors.New("the sample template still has a WAL file after closing")
	}
	b, err := os.ReadFile(template.file)
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o600)
}

// sharedSample returns the shared sample database; callers must not change it.
func sharedSample(tb testing.TB) *data.Store {
	tb.Helper()
	shared.once.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "linli-sample-test"); shared.err != nil {
			return
		}
		file := filepath.Join(shared.dir, "linli.db")
		if shared.err = sampleCopy(file); shared.err != nil {
			return
		}
		if shared.s, shared.err = data.Open(context.Background(), file); shared.err != nil {
			return
		}
		shared.s.SetClock(func() time.Time { return fixedNow })
	})
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.s
}

// fixedNow is the clock of the sample's tests.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// mustOpen opens a real, empty database file in a temporary folder.
func mustOpen(tb testing.TB) *data.Store {
	tb.Helper()
	s, err := data.Open(context.Background(), filepath.Join(tb.TempDir(), "linli.db"))
	if err != nil {
		tb.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// mustSample opens a database of its own with the sample loaded (a copy of the template).
func mustSample(tb testing.TB) *data.Store {
	tb.Helper()
	file := filepath.Join(tb.TempDir(), "linli.db")
	if err := sampleCopy(file); err != nil {
		tb.Fatal(err)
	}
	s, err := data.Open(context.Background(), file)
	if err != nil {
		tb.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// as returns a context signed in as a sample account.
func as(tb testing.TB, s *data.Store, username string) context.Context {
	tb.Helper()
	a, err := s.Login(context.Background(), username, sample.Password)
	if err != nil {
		tb.Fatalf("login %s: %v", username, err)
	}
	return data.WithActor(context.Background(), a)
}
