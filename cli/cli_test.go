package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"linli/version"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, password string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: clock,
		Getenv: func(k string) string {
			if k == "LINLI_PASSWORD" {
				return password
			}
			return ""
		}})
	return result{code, out.String(), errb.String()}
}

func TestDemoCheckPrintExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	if r := run(t, "", "-db", db, "demo"); r.code != 0 || !strings.Contains(r.stdout, "已载入示例数据") {
		t.Fatalf("demo: %+v", r)
	}
	if r := run(t, "", "-db", db, "demo"); r.code != 1 || !strings.Contains(r.stderr, "已有数据") {
		t.Fatalf("demo on a database with data: %+v", r)
	}
	if r := run(t, "", "-db", db, "check"); r.code != 1 || !strings.Contains(r.stderr, "-user") {
		t.Fatalf("check without -user: %+v", r)
	}
	if r := run(t, "wrong-password", "-db", db, "-user", "admin", "check"); r.code != 1 || !strings.Contains(r.stderr, "密码不正确") {
		t.Fatalf("wrong password: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "check"); r.code != 0 || strings.TrimSpace(r.stdout) != "ok" {
		t.Fatalf("check: %+v", r)
	}
	pdf := filepath.Join(dir, "名册.pdf")
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "print", "residents", "-community", "南苑社区", "-o", pdf); r.code != 0 {
		t.Fatalf("print: %+v", r)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("print wrote no PDF: %v", err)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "print", "residents", "-community", "月球", "-o", pdf); r.code != 1 || !strings.Contains(r.stderr, "南苑社区") {
		t.Fatalf("unknown community must list the real ones: %+v", r)
	}
	xlsx := filepath.Join(dir, "居民.xlsx")
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "export", "people", "-o", xlsx); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	if r := run(t, "", "-db", db, "demo", "-people", "500"); r.code != 0 || !strings.Contains(r.stdout, "500") {
		t.Fatalf("demo -people on the sample database: %+v", r)
	}
}

func TestViewerCannotChangeAnything(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	for _, args := range [][]string{
		{"backup", "-o", filepath.Join(dir, "b.db")},
		{"restore", "-from", filepath.Join(dir, "b.db")},
		{"audit", "-o", filepath.Join(dir, "a.xlsx")},
	} {
		r := run(t, "demo1234", append([]string{"-db", db, "-user", "viewer"}, args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, "无权") && !strings.Contains(r.stderr, "管理员") {
			t.Errorf("viewer %v: %+v", args, r)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "b.db")); err == nil {
		t.Error("a viewer's backup was written")
	}
}

// mustDemo fills db with the sample: a copy of the database one `demo` wrote for this test
// binary (TestDemoCheckPrintExport and the README test run demo themselves).
func mustDemo(t *testing.T, db string) {
	t.Helper()
	demoTemplate.once.Do(func() {
		if demoTemplate.dir, demoTemplate.err = os.MkdirTemp("", "linli-cli-sample"); demoTemplate.err != nil {
			return
		}
		demoTemplate.file = filepath.Join(demoTemplate.dir, "sample.db")
		if r := run(t, "", "-db", demoTemplate.file, "demo"); r.code != 0 {
			demoTemplate.err = fmt.Errorf("demo: %+v", r)
		}
	})
	if demoTemplate.err != nil {
		t.Fatal(demoTemplate.err)
	}
	for _, side := range []string{"-wal", "-journal"} {
		if _, err := os.Stat(demoTemplate.file + side); err == nil {
			t.Fatalf("the sample template has a %s file after demo closed it", side)
		}
	}
	b, err := os.ReadFile(demoTemplate.file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// demoTemplate is the database mustDemo copies, written once per test binary on fixedNow.
var demoTemplate struct {
	once sync.Once
	dir  string
	file string
	err  error
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	b := filepath.Join(dir, "backup.db")
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "backup", "-o", b); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "restore", "-from", b); r.code != 0 || !strings.Contains(r.stdout, "已从") {
		t.Fatalf("restore: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "check"); r.code != 0 {
		t.Fatalf("check after restore: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "audit", "-o", filepath.Join(dir, "审计.xlsx")); r.code != 0 {
		t.Fatalf("audit export: %+v", r)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{{"-db", db, "bogus"}, {"-nope"}, {"-db", db, "print", "nothing"}, {"-db", db, "print", "residents"},
		{"-db", db, "backup"}, {"-db", db, "demo", "-people", "x"}, {"-db", db, "check", "extra"}, {"-db", db, "export", "people"}} {
		if r := run(t, "", args...); r.code != 2 || !strings.Contains(r.stderr, "用法") {
			t.Errorf("%v: %+v", args, r)
		}
	}
	if r := run(t, "", "version"); r.code != 0 || !strings.Contains(r.stdout, version.Version) {
		t.Errorf("version: %+v", r)
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"-help"}, {"help"}} {
		if r := run(t, "", args...); r.code != 0 || !strings.Contains(r.stdout, "用法") || r.stderr != "" {
			t.Errorf("%v: %+v", args, r)
		}
	}
}

func TestNotADatabaseIsRefused(t *testing.T) {
	t.Parallel()
	f := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := os.WriteFile(f, []byte("PK\x03\x04 not sqlite"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", "-db", f, "check"); r.code != 1 || !strings.Contains(r.stderr, "不是 SQLite") {
		t.Fatalf("%+v", r)
	}
}

func TestImportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	bad := filepath.Join(dir, "名单.csv")
	if err := os.WriteFile(bad, []byte("姓名,身份证号,手机,社区\n张三,330481194503120026,13800001111,南苑社区\n李四,330481194503120027,138,南苑社区\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "demo1234", "-db", db, "-user", "staff", "import", "people", bad)
	if r.code != 1 || !strings.Contains(r.stdout, "第 3 行，身份证号") || !strings.Contains(r.stdout, "第 3 行，联系电话") {
		t.Fatalf("bad rows: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "名单-错误说明.xlsx")); err != nil {
		t.Fatal("no error workbook")
	}
	good := filepath.Join(dir, "ok.csv")
	if err := os.WriteFile(good, []byte("姓名,身份证号,手机,社区\n张三,330481194503120026,13800001111,南苑社区\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "import", "people", good, "-dry-run"); r.code != 0 || !strings.Contains(r.stdout, "未写入") {
		t.Fatalf("dry run: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "import", "people", good); r.code != 0 || !strings.Contains(r.stdout, "新增 1") {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "import", "people", "-on-duplicate", "skip", good); r.code != 0 || !strings.Contains(r.stdout, "跳过 1") {
		t.Fatalf("skip duplicates: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "viewer", "import", "people", good); r.code != 1 || !strings.Contains(r.stderr, "无权") {
		t.Fatalf("viewer import: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "import", "people", good, "-on-duplicate", "maybe"); r.code != 2 {
		t.Fatalf("bad policy: %+v", r)
	}
	vols := filepath.Join(dir, "v.xlsx")
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "export", "volunteers", "-o", vols); r.code != 0 {
		t.Fatalf("export volunteers: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "print", "volunteers", "-o", filepath.Join(dir, "v.pdf")); r.code != 0 {
		t.Fatalf("print volunteers: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "check"); r.code != 0 {
		t.Fatalf("check: %+v", r)
	}
}

func TestProgrammePrintsAndExports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	month := "2026-10"
	for _, tc := range []struct {
		user string
		args []string
	}{
		{"staff", []string{"print", "roster", "-month", month}},
		{"staff", []string{"print", "care-ledger", "-month", month}},
		{"staff", []string{"print", "volunteer-cert", "-all", "-from", "2026-01-01", "-to", "2026-10-31"}},
		{"workshop", []string{"print", "workshop-ledger", "-month", month}},
		{"workshop", []string{"print", "payouts", "-month", month}},
		{"workshop", []string{"print", "training-cert"}},
		{"viewer", []string{"export", "orders"}},
		{"viewer", []string{"export", "splits", "-month", month}},
		{"staff", []string{"export", "deliveries", "-month", month}},
		{"staff", []string{"export", "services"}},
	} {
		out := filepath.Join(dir, strings.Join(tc.args[:2], "-")+".out")
		if r := run(t, "demo1234", append(append([]string{"-db", db, "-user", tc.user}, tc.args...), "-o", out)...); r.code != 0 {
			t.Errorf("%v: %+v", tc.args, r)
		}
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "print", "workshop-ledger", "-month", month, "-o", filepath.Join(dir, "x.pdf")); r.code != 1 || !strings.Contains(r.stderr, "无权") {
		t.Errorf("社工 printed the workshop ledger: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "print", "roster", "-month", "2026-13", "-o", filepath.Join(dir, "x.pdf")); r.code != 1 || !strings.Contains(r.stderr, "YYYY-MM") {
		t.Errorf("bad month: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "print", "volunteer-cert", "-from", "2026-01-01", "-to", "2026-10-31", "-o", filepath.Join(dir, "x.pdf")); r.code == 0 {
		t.Errorf("volunteer-cert without -volunteer or -all: %+v", r)
	}
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "check"); r.code != 0 || strings.TrimSpace(r.stdout) != "ok" {
		t.Fatalf("check after everything: %+v", r)
	}
}
