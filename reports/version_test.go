package reports

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"linli/version"
)

// TestPDFCreatorNamesTheVersion: every PDF's metadata names the program and its version, so a
// printed copy can be traced to the release that made it.
func TestPDFCreatorNamesTheVersion(t *testing.T) {
	saved := version.Version
	t.Cleanup(func() { version.Version = saved })
	version.Version = "9.8.7"
	f := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(f, roster(t, 3), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "邻里 Linli 9.8.7") {
		t.Errorf("pdfinfo shows no creator with the version:\n%s", out)
	}
}
