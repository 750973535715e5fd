// Package version is the program's one version: the number from FyneApp.toml (read by main at
// start), the commit it was built from and the build date (set by the Makefile with -ldflags -X,
// or taken from the Go toolchain's build information when built with a plain go build).
package version

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/BurntSushi/toml"
)

// These are set at build time: go build -ldflags "-X linli/version.Commit=… -X linli/version.Date=…".
var (
	// Version is the release number from FyneApp.toml ([Details] Version); Load sets it.
	Version = "dev"
	// Commit is the git commit the binary was built from (short form).
	Commit = ""
	// Date is the build date, YYYY-MM-DD (UTC).
	Date = ""
)

// Load takes the version from the contents of FyneApp.toml, the one place it is written.
func Load(fyneAppTOML []byte) error {
	var f struct {
		Details struct{ Version string }
	}
	if err := toml.Unmarshal(fyneAppTOML, &f); err != nil {
		return fmt.Errorf("FyneApp.toml: %w", err)
	}
	if f.Details.Version == "" {
		return fmt.Errorf("FyneApp.toml: [Details] Version is empty")
	}
	Version = f.Details.Version
	return nil
}

// CommitID is Commit, or else the revision the Go toolchain recorded (with "-dirty" when the work
// tree had changes), or "unknown".
func CommitID() string {
	if Commit != "" {
		return Commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

// BuildDate is Date, or "unknown".
func BuildDate() string {
	if Date == "" {
		return "unknown"
	}
	return Date
}

// Line is the one-line description shown by `linli version` and the 关于 page:
// 邻里 Linli 0.1.0（提交 1a2b3c4d5e6f，构建于 2026-12-03）.
func Line() string {
	return fmt.Sprintf("邻里 Linli %s（提交 %s，构建于 %s）", Version, CommitID(), BuildDate())
}

// Creator is what every printed PDF names as its creator: 邻里 Linli 0.1.0.
func Creator() string {
	return strings.TrimSpace("邻里 Linli " + Version)
}
