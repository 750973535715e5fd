package data

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const crashChildEnv = "LINLI_CRASH_CHILD_DB"

// TestMain lets the test binary act as the crash test's child process, and makes password
// hashing cheap (TestNewPasswordsUseTheRealParameters checks the real parameters).
func TestMain(m *testing.M) {
	UseFastPasswordHashingForTests()
	if path := os.Getenv(crashChildEnv); path != "" {
		UseUnsyncedStorageForTests() // a killed process keeps what it committed: fsync guards against power cuts
		crashChild(path)
		return
	}
	if path := os.Getenv(backupChildEnv); path != "" {
		backupChild(path)
		return
	}
	if spec := os.Getenv(deskChildEnv); spec != "" {
		deskChild(spec)
		return
	}
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		UseUnsyncedStorageForTests() // a killed process keeps what it committed; only power cuts need fsync
	}
	// The property tests run rapid's default 100 cases (make test), LINLI_RAPID_CHECKS of them
	// when it is set (make test-long: 10,000), or what -rapid.checks says.
	if n := os.Getenv("LINLI_RAPID_CHECKS"); n != "" {
		if f := flag.Lookup("rapid.checks"); f != nil && f.Value.String() == f.DefValue {
			if err := f.Value.Set(n); err != nil {
				fmt.Fprintln(os.Stderr, "LINLI_RAPID_CHECKS:", err)
				os.Exit(2)
			}
		}
	}
	os.Exit(m.Run())
}

// crashChild writes in transactions forever — residents, orders with their production, payments
// with their splits, payouts and reversals, enrolments and withdrawals in a nearly full class,
// soup rounds with their deliveries, backups and restores — printing what each write committed
// after it returned, until it is killed.
func crashChild(path string) {
	out := bufio.NewWriter(os.Stdout)
	w := &crashWriter{path: path, rng: rand.New(rand.NewPCG(uint64(os.Getpid()), 7))}
	w.report = func(line string) {
		if _, err := fmt.Fprintln(out, line); err != nil {
			os.Exit(3)
		}
		if err := out.Flush(); err != nil {
			os.Exit(3) // the parent has gone: nothing to report to
		}
	}
	w.signIn()
	w.load()
	for i := w.rng.IntN(1000); ; i++ {
		w.step(i)
	}
}

// crashKills is how many times TestCrashSafety kills the child: 50 by default, so that the data
// package's tests stay quick under -race; LINLI_CRASH_KILLS=200 runs the full 200.
func crashKills(t *testing.T) int {
	v := os.Getenv("LINLI_CRASH_KILLS")
	if v == "" {
		return 50
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("LINLI_CRASH_KILLS=%q: want a positive number", v)
	}
	return n
}

// TestCrashSafety kills a writing child process at random moments (crashKills times) and checks
// after each kill that the database is sound, holds every write reported before the kill wholly,
// holds every multi-row write wholly or not at all (crashInvariants), and that every backup
// reported finished opens and passes the check.
func TestCrashSafety(t *testing.T) {
	skipOnServer(t, "killing a writer of the file (a server's commits are the server's)")
	t.Parallel()
	s := mustOpen(t)
	crashWorld(t, s, mustOffice(t, s))
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	seen := &crashSeen{committed: map[string][]int64{}, numbers: map[string]int64{}}
	var backups []string
	kills, verified, commits := crashKills(t), 0, 0
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		want := 1 + rng.IntN(15)
		deadline := time.After(time.Duration(rng.IntN(40)) * time.Millisecond)
		seen1 := 0
		killAt := time.After(20 * time.Second)
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				if strings.HasPrefix(l, "error") {
					t.Fatalf("child: %s", l)
				}
				if f, ok := strings.CutPrefix(l, "backup "); ok {
					backups = append(backups, f)
					continue
				}
				if seen.take(t, l) {
					commits++
					seen1++
				}
				if seen1 >= want {
					select {
					case <-deadline:
						break read
					default:
					}
				}
			case <-killAt:
				break read
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		for range lines { // drain: whatever was printed before the kill was committed
		}
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: the child was not killed", round)
		}
		// Lines read after the kill are real commits too; the drain above discarded them, so only
		// the writes reported before the kill are checked, which is what the test promises.
		r, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		crashInvariants(t, round, r, seen)
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		verified += len(backups)
		backups = checkCrashBackups(t, round, backups)
	}
	if verified == 0 {
		t.Fatal("no backup finished before a kill: the backups were not tested")
	}
	t.Logf("%d kills, %d commits (%v) and %d backups checked", kills, commits, crashKinds(seen), verified)
	if commits < 50 {
		t.Fatalf("only %d commits observed", commits)
	}
}

// crashKinds counts the reported commits by table.
func crashKinds(c *crashSeen) map[string]int {
	m := map[string]int{"reversed payout": len(c.reversed), "withdrawn": len(c.withdrawn)}
	for table, ids := range c.committed {
		m[table] = len(ids)
	}
	return m
}

// checkCrashBackups opens each backup the child reported finished, checks it and removes it.
func checkCrashBackups(t *testing.T, round int, files []string) []string {
	t.Helper()
	for _, f := range files {
		b, err := Open(context.Background(), f)
		if err != nil {
			t.Fatalf("round %d: backup %s does not open: %v", round, f, err)
		}
		if p, err := b.Check(context.Background()); err != nil || len(p) != 0 {
			t.Fatalf("round %d: backup %s: check: %v %v", round, f, p, err)
		}
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	return nil
}
