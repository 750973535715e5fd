package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestManPageMatchesUsage: the Debian package's man page names every command and every printable
// and exportable document that the usage text (and so the README) lists.
func TestManPageMatchesUsage(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../packaging/linux/linli.1")
	if err != nil {
		t.Fatal(err)
	}
	man := strings.ReplaceAll(string(b), `\-`, "-")
	line := regexp.MustCompile(`(?m)^  ((?:print|export) )?([a-z][a-z-]*)`)
	n := 0
	for _, m := range line.FindAllStringSubmatch(usage(), -1) {
		name := m[2]
		if name == "linli" {
			continue
		}
		n++
		named := regexp.MustCompile(`(?m)(\\fB|\.B |")` + regexp.QuoteMeta(name) + `(\\f| |"|$)`)
		if !named.MatchString(man) {
			t.Errorf("the man page does not name %q", strings.TrimSpace(m[0]))
		}
	}
	if n < 20 {
		t.Fatalf("found only %d commands in the usage; the scan is broken", n)
	}
}
