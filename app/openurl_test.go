package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOpenedViewerLeavesNoZombie: the launcher started to open a file is reaped when it exits.
func TestOpenedViewerLeavesNoZombie(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	cmd := exec.Command("true")
	if err := startAndReap(cmd); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	stat := filepath.Join("/proc", strconv.Itoa(pid), "stat")
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(stat)
		if err != nil {
			return // gone: reaped
		}
		if f := strings.Fields(string(b)); len(f) > 2 && f[2] != "Z" {
			time.Sleep(10 * time.Millisecond) // still running; polling the process, not waiting for work
			continue
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d is still a zombie", pid)
}
