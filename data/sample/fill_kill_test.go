package sample_test

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
)

// fillChildEnv names the database a child process of TestKilledDemoLeavesNothingHalfDone fills.
const fillChildEnv = "LINLI_FILL_CHILD_DB"

// fillChild fills the database at path with the sample, as `linli demo` does, and exits.
func fillChild(path string) {
	data.UseFastPasswordHashingForTests()
	data.UseUnsyncedStorageForTests() // a killed process keeps what it wrote; only power cuts need fsync
	s, err := data.Open(context.Background(), path)
	if err == nil {
		s.SetClock(func() time.Time { return fixedNow })
		err = sample.Fill(context.Background(), s)
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(0)
}

// demoKills is how many times the test kills a filling child: 3 (make test), or LINLI_DEMO_KILLS
// (make test-long: 20).
func demoKills(t *testing.T) int {
	v := os.Getenv("LINLI_DEMO_KILLS")
	if v == "" {
		return 3
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("LINLI_DEMO_KILLS=%q: want a positive number", v)
	}
	return n
}

// TestKilledDemoLeavesNothingHalfDone kills a child process filling a database with the sample
// (what `linli demo` runs) once it has written a random part of it, and checks after each kill
// that the database is as empty as before (or, had the child finished, the whole sample), that
// no temporary file outlives the next start, and finally that a demo after the kills fills it.
func TestKilledDemoLeavesNothingHalfDone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "linli.db")
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range demoKills(t) {
		limit := rng.Int64N(2_000_000) // bytes written in the folder before the kill
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), fillChildEnv+"="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		finished := waitForTemp(t, dir, limit, done)
		if !finished {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			<-done
		}
		t.Logf("round %d: limit %d bytes, child finished first: %v", round, limit, finished)
		if full := emptyOrWhole(t, path); full {
			return // the child finished before its kill: the whole sample is there, and was checked
		}
	}
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	if err := sample.Fill(context.Background(), s); err != nil {
		t.Fatalf("demo after the kills: %v", err)
	}
	if !emptyOrWhole(t, path) {
		t.Fatal("demo after the kills left the database empty")
	}
}

// waitForTemp waits until the files in dir (the database, the temporary one, their WAL files)
// hold limit bytes (false) or the child has exited (true, after checking it succeeded).
func waitForTemp(t *testing.T, dir string, limit int64, done chan error) bool {
	t.Helper()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("the filling child failed: %v", err)
			}
			return true
		case <-time.After(5 * time.Millisecond):
		}
		var size int64
		names, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if st, err := os.Stat(n); err == nil {
				size += st.Size()
			}
		}
		if size >= limit {
			return false
		}
	}
}

// emptyOrWhole opens the database (removing what a killed process left) and tells whether it holds
// the whole sample (check ok, the sample's mark set) — failing the test if it is neither that nor
// empty — and that no temporary file is left.
func emptyOrWhole(t *testing.T, path string) bool {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	left, err := filepath.Glob(filepath.Join(filepath.Dir(path), "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range left {
		if strings.Contains(n, ".linli-tmp-") {
			t.Errorf("left after the next start: %s", filepath.Base(n))
		}
	}
	has, err := s.HasUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !has {
		if len(cs) > 0 {
			t.Fatalf("no accounts but %d communities: a half-filled database", len(cs))
		}
		return false
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("check: %v", problems)
	}
	if !s.IsSample(ctx) {
		t.Fatal("accounts but not the whole sample: the sample's last write is missing")
	}
	if len(cs) != len(sample.Communities) {
		t.Fatalf("%d communities, want %d", len(cs), len(sample.Communities))
	}
	return true
}
