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
		crashChild(path)
		return
	}
	// The split's property tests run 10,000 cases unless -rapid.checks says otherwise.
	flag.Parse()
	if f := flag.Lookup("rapid.checks"); f != nil && f.Value.String() == f.DefValue {
		if err := f.Value.Set("10000"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

// crashChild writes in transactions forever, printing each committed person's ID after the
// commit returns, until it is killed.
func crashChild(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	a, err := s.Login(ctx, "staff", testPassword)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	ctx = WithActor(ctx, a)
	cs, err := s.Communities(ctx)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	admin, err := s.Login(context.Background(), "admin", testPassword)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	actx := WithActor(context.Background(), admin)
	out := bufio.NewWriter(os.Stdout)
	report := func(line string) {
		if _, err := fmt.Fprintln(out, line); err != nil {
			os.Exit(3)
		}
		if err := out.Flush(); err != nil {
			os.Exit(3) // the parent has gone: nothing to report to
		}
	}
	for i := 0; ; i++ {
		if i%13 == 12 { // now and then a backup: it must be whole once Backup returns
			dest := fmt.Sprintf("%s.backup-%d-%d", path, os.Getpid(), i)
			if err := s.Backup(actx, dest); err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			report("backup " + dest)
			continue
		}
		if i%5 == 4 { // now and then a multi-row transaction
			batch := make([]Person, 20)
			for k := range batch {
				batch[k] = Person{Name: fmt.Sprintf("批量%d-%d", i, k), CommunityID: cs[k%len(cs)].ID, Tags: []string{"独居"}}
			}
			if _, err := s.AddPeople(ctx, batch, nil); err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			continue
		}
		c := cs[i%len(cs)]
		id, err := s.SavePerson(ctx, Person{Name: fmt.Sprintf("崩溃测试%d", i), CommunityID: c.ID, GridID: c.Grids[0].ID,
			Tags: []string{"独居", "高龄"}, Phone: "13800000000"})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		report(fmt.Sprintf("committed %d", id))
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
// after each kill that the database is sound, holds every commit reported before the kill, and
// that every backup reported finished opens and passes the check.
func TestCrashSafety(t *testing.T) {
	skipOnServer(t, "killing a writer of the file (a server's commits are the server's)")
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	mustCommunity(t, s, admin, "东山社区")
	mustCommunity(t, s, admin, "西山社区")
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var committed []int64
	var backups []string
	kills, verified := crashKills(t), 0
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
		seen := 0
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
				id, err := strconv.ParseInt(strings.TrimPrefix(l, "committed "), 10, 64)
				if err != nil {
					t.Fatalf("child printed %q", l)
				}
				committed = append(committed, id)
				seen++
				if seen >= want {
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
		// the IDs collected before the kill are checked, which is what the test promises.
		r, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		if p, err := r.Check(context.Background()); err != nil || len(p) != 0 {
			t.Fatalf("round %d: check: %v %v", round, p, err)
		}
		for _, id := range committed {
			var n int
			if err := r.db.QueryRow("SELECT count(*) FROM person WHERE id = ?", id).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Fatalf("round %d: committed person %d is missing", round, id)
			}
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		verified += len(backups)
		backups = checkCrashBackups(t, round, backups)
	}
	if verified == 0 {
		t.Fatal("no backup finished before a kill: the backups were not tested")
	}
	t.Logf("%d kills, %d commits and %d backups checked", kills, len(committed), verified)
	if len(committed) < 50 {
		t.Fatalf("only %d commits observed", len(committed))
	}
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
