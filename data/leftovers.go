package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// Linli's temporary files. Every copy Linli writes on the way to its final name (a backup before
// it is verified, the plain copy an encrypted backup is made from, a decrypted backup, a restore
// in progress, an export) is called FINAL.linli-tmp-PID-N: created empty with mode 0600 before
// anything is written into it, removed on every error path, and — when a kill left it behind —
// removed at the next start (Open) or backup in that folder, once process PID has gone.
const tmpMarker = ".linli-tmp-"

var tmpSeq atomic.Int64

// TempName is a new temporary name beside final, of this process.
func TempName(final string) string {
	return fmt.Sprintf("%s%s%d-%d%d", final, tmpMarker, os.Getpid(), time.Now().UnixNano()%1e9, tmpSeq.Add(1))
}

// CreateTemp creates a new, empty temporary file beside final, readable by its owner only, and
// returns its name.
func CreateTemp(final string) (string, error) {
	name := TempName(final)
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// RemoveLeftovers removes, in dir, the temporary files (and their -wal, -shm and -journal side
// files) that Linli processes no longer running left behind, and the unencrypted backup copies
// older versions left beside a database (NAME.backup-DIGITS, .linli-解密-DIGITS.db). Removing
// them is best effort: a file that cannot be removed is reported, and the next start tries again.
func RemoveLeftovers(dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*"+tmpMarker+"*"))
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range names {
		if pid, ok := tempOwner(filepath.Base(name)); ok && (pid == os.Getpid() || processAlive(pid)) {
			continue // still being written
		}
		errs = append(errs, removeIfThere(name))
	}
	old, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return err
	}
	for _, name := range old {
		if oldLeftover(filepath.Base(name)) {
			errs = append(errs, removeIfThere(name))
		}
	}
	return errors.Join(errs...)
}

func removeIfThere(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// tempOwner is the process ID in a temporary file's name.
func tempOwner(base string) (int, bool) {
	_, rest, ok := strings.Cut(base, tmpMarker)
	if !ok {
		return 0, false
	}
	pid, _, _ := strings.Cut(rest, "-")
	n, err := strconv.Atoi(pid)
	return n, err == nil && n > 0
}

// oldLeftover reports whether base is what Linli before 2026-12 left behind when killed while
// backing up: NAME.backup-DIGITS (the plain copy of an encrypted backup) or .linli-解密-DIGITS.db.
func oldLeftover(base string) bool {
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		base = strings.TrimSuffix(base, side)
	}
	if i := strings.LastIndex(base, ".backup-"); i > 0 && allDigits(base[i+len(".backup-"):]) && base[i+len(".backup-"):] != "" {
		return true
	}
	if d, ok := strings.CutPrefix(base, ".linli-解密-"); ok {
		d, ok = strings.CutSuffix(d, ".db")
		return ok && d != "" && allDigits(d)
	}
	return false
}

// processAlive reports whether process pid is running. On Windows a process that can be found is
// taken as running.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		p.Release()
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
