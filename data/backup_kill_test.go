package data

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const backupChildEnv = "LINLI_BACKUP_KILL_CHILD"

// backupChild backs the database at path up forever, encrypted and plain by turns, into the
// folder named by the environment (the "USB stick"), printing each finished file, until killed.
func backupChild(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	a, err := s.Login(ctx, "admin", testPassword)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	ctx = WithActor(ctx, a)
	usb := os.Getenv(backupChildEnv + "_TO")
	for i := 0; ; i++ {
		dest := filepath.Join(usb, fmt.Sprintf("b-%d-%d.age", os.Getpid(), i))
		if i%3 == 2 {
			dest = strings.TrimSuffix(dest, ".age") + ".db"
			err = s.Backup(ctx, dest)
		} else {
			err = s.BackupEncrypted(ctx, dest, "长城长城 2026")
		}
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("finished", dest)
	}
}

// TestKilledBackupLeavesNothingReadable kills `backup -o F -encrypt` (and plain backups) at
// random moments. After each kill every temporary copy is Linli's own naming and readable by
// its owner only, and no unencrypted copy lies on the stick but the plain backups reported
// finished; the next start removes every leftover beside the database, the next backup those
// on the stick.
func TestKilledBackupLeavesNothingReadable(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	for i := 0; i < 30; i++ {
		mustPerson(t, s, admin, c, fmt.Sprintf("居民%d", i), Female, 70)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	usb := t.TempDir()
	finished := map[string]bool{}
	rng := rand.New(rand.NewPCG(3, 4))
	leftovers := 0
	for round := 0; round < 20; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), backupChildEnv+"="+path, backupChildEnv+"_TO="+usb)
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
		killAt := time.After(time.Duration(50+rng.IntN(400)) * time.Millisecond)
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				f, ok := strings.CutPrefix(l, "finished ")
				if !ok {
					t.Fatalf("child: %s", l)
				}
				finished[f] = true
			case <-killAt:
				break read
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		for l := range lines { // finished before the kill too
			if f, ok := strings.CutPrefix(l, "finished "); ok {
				finished[f] = true
			}
		}
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: the child was not killed", round)
		}
		leftovers += checkAfterKill(t, round, path, usb, finished)
		r, err := Open(context.Background(), path) // the next start
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		if left := tempFiles(t, filepath.Dir(path)); len(left) > 0 {
			t.Fatalf("round %d: the next start left %v", round, left)
		}
	}
	t.Logf("%d backups finished, %d temporary files left by kills (all 0600, all removed)", len(finished), leftovers)
	s = mustOpenAt(t, path)
	if err := s.BackupEncrypted(as(t, s, "admin"), filepath.Join(usb, "last.age"), "长城长城 2026"); err != nil {
		t.Fatal(err)
	}
	if left := tempFiles(t, usb); len(left) > 0 {
		t.Fatalf("the next backup left %v on the stick", left)
	}
}

// checkAfterKill checks both folders after a kill and returns how many temporary files it found.
func checkAfterKill(t *testing.T, round int, path, usb string, finished map[string]bool) int {
	t.Helper()
	n := 0
	for _, dir := range []string{filepath.Dir(path), usb} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := filepath.Join(dir, e.Name())
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			live := strings.HasPrefix(name, path) && !strings.Contains(name, tmpMarker)
			switch {
			case e.IsDir() || live || finished[name]:
			case strings.Contains(e.Name(), tmpMarker):
				n++
				if info.Mode().Perm() != 0o600 {
					t.Fatalf("round %d: %s has mode %v", round, name, info.Mode().Perm())
				}
			case dir == usb && !isPlainDB(t, name):
				// an encrypted backup cut short by the kill was never renamed into place; anything
				// else here must not be a readable database
			default:
				t.Fatalf("round %d: unexpected file %s (mode %v)", round, name, info.Mode().Perm())
			}
		}
	}
	return n
}

// isPlainDB reports whether a file starts like an SQLite database.
func isPlainDB(t *testing.T, name string) bool {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.HasPrefix(b, []byte("SQLite format 3\x00"))
}

// tempFiles lists Linli's temporary files in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"+tmpMarker+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mustOpenAt opens an existing database file on the tests' clock.
func mustOpenAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}
