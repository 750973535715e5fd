package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestOpenedViewerLeavesNoZombie: the launcher started to open a file is reaped when it exits,
// so no zombie process is left in /proc.
func TestOpenedViewerLeavesNoZombie(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	cmd := exec.Command("true")
	reaped, err := startAndReap(cmd)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-reaped:
	case <-time.After(10 * time.Second):
		t.Fatalf("process %d was not reaped", cmd.Process.Pid)
	}
	stat := filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "stat")
	if _, err := os.Stat(stat); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("process %d is still in /proc after it was reaped (err %v)", cmd.Process.Pid, err)
	}
}
