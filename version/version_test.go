package version

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	t.Run("reads the project's FyneApp.toml", func(t *testing.T) {
		b, err := os.ReadFile("../FyneApp.toml")
		if err != nil {
			t.Fatal(err)
		}
		saved := Version
		t.Cleanup(func() { Version = saved })
		if err := Load(b); err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(Version) {
			t.Errorf("Version = %q, want a number like 1.2.3", Version)
		}
	})
	t.Run("refuses a file without a version", func(t *testing.T) {
		saved := Version
		t.Cleanup(func() { Version = saved })
		if err := Load([]byte("[Details]\nName = \"x\"\n")); err == nil {
			t.Error("Load without Version succeeded")
		}
		if Version != saved {
			t.Errorf("Version changed to %q", Version)
		}
	})
}

func TestLine(t *testing.T) {
	savedV, savedC, savedD := Version, Commit, Date
	t.Cleanup(func() { Version, Commit, Date = savedV, savedC, savedD })
	Version, Commit, Date = "1.2.3", "abc1234", "2026-12-03"
	if got, want := Line(), "邻里 Linli 1.2.3（提交 abc1234，构建于 2026-12-03）"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
	if got := Creator(); got != "邻里 Linli 1.2.3" {
		t.Errorf("Creator() = %q", got)
	}
	Commit, Date = "", ""
	if !strings.Contains(Line(), "构建于 unknown") {
		t.Errorf("Line() without a date = %q", Line())
	}
}
