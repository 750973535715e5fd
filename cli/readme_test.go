package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeCommands are the command lines of the README's shell examples, in order.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
		case strings.HasPrefix(line, "```"):
			in = false
		case in && strings.HasPrefix(line, "linli "):
			out = append(out, line)
		}
	}
	return out
}

var (
	readmeComment  = regexp.MustCompile(`\s+#\s.*$`)
	readmeOptional = regexp.MustCompile(`\[[^\]]*\]`)
)

// readmeArgs turns a README line into arguments: the comment, optional parts and "…" go, the
// first of alternatives (a|b|c) stands, files live in dir, and the scale demo adds a few people.
func readmeArgs(line, dir string) []string {
	line = readmeOptional.ReplaceAllString(readmeComment.ReplaceAllString(line, ""), "")
	var args []string
	fields := strings.Fields(line)[1:]
	for i, f := range fields {
		switch {
		case f == "…":
			continue
		case strings.Contains(f, "|"):
			f = strings.Split(f, "|")[0]
		case strings.Contains(f, ".") && !strings.HasPrefix(f, "-") && i > 0 && fields[i-1] != "-number":
			f = filepath.Join(dir, f) // 社区.db, 名册.pdf, 居民.xlsx …
		case f == "100000":
			f = "20"
		}
		args = append(args, f)
	}
	return args
}

// readmeDay is the day the README's examples were written on: the sample is relative to the day it
// is loaded (its last 议事会 26 days before), and the examples name that sample's dates.
var readmeDay = time.Date(2026, 12, 3, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// runReadme runs one command on the README's day.
func runReadme(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return readmeDay },
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errb.String()}
}

// TestEveryReadmeCommandRuns runs the README's examples, in order, against a fresh sample.
func TestEveryReadmeCommandRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := map[string]string{"LINLI_PASSWORD": "demo1234", "LINLI_BACKUP_PASSPHRASE": "长城长城 2026", "LINLI_EXPORT_PASSWORD": "导出密码 2026"}
	lines := readmeCommands(t)
	if len(lines) < 25 {
		t.Fatalf("found only %d README commands; the scan is broken", len(lines))
	}
	prepared := false
	for _, line := range lines {
		args := readmeArgs(line, dir)
		if len(args) > 4 && args[4] == "import" && !prepared { // the file to import: the import template, with its example rows
			plain := map[string]string{"LINLI_PASSWORD": env["LINLI_PASSWORD"]} // an unprotected workbook to import
			if r := runReadme(t, plain, "-db", args[1], "-user", "staff", "template", "people", "-o", filepath.Join(dir, "居民.xlsx")); r.code != 0 {
				t.Fatalf("preparing 居民.xlsx: %+v", r)
			}
			prepared = true
		}
		if strings.Contains(line, "postgres://") {
			t.Logf("skipped (needs an office server): %s", line)
			continue
		}
		if strings.HasSuffix(args[len(args)-1], "志愿者.csv") {
			t.Logf("skipped (no CSV of volunteers to hand): %s", line)
			continue
		}
		t.Run(line, func(t *testing.T) {
			if r := runReadme(t, env, args...); r.code != 0 {
				t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
			}
		})
	}
}
