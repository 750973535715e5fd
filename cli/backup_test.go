package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"linli/data"
)

// runWith runs a command with environment variables and standard input.
func runWith(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: clock,
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errb.String()}
}

func restoreEntries(t *testing.T, db string) int {
	t.Helper()
	return auditCount(t, db, data.ActRestore)
}

func auditCount(t *testing.T, db, action string) int {
	t.Helper()
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM audit WHERE action = ?", action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRestoreSaysWhatTheBackupHolds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	b := filepath.Join(dir, "backup.db")
	if r := run(t, "demo1234", "-db", db, "-user", "admin", "backup", "-o", b); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	r := run(t, "demo1234", "-db", db, "-user", "admin", "restore", "-from", b)
	for _, want := range []string{"备份时间：", "单位：", "居民 240 人", "订单 20 个", "审计记录", "原数据库另存为"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("restore output lacks %q: %+v", want, r)
		}
	}
}

func TestEncryptedBackupCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	enc := filepath.Join(dir, "U盘.linli")
	env := map[string]string{"LINLI_PASSWORD": "demo1234"}
	t.Run("passphrase typed twice", func(t *testing.T) {
		r := runWith(t, env, "长城长城 2026\n长城长城 2026\n", "-db", db, "-user", "admin", "backup", "-o", enc, "-encrypt")
		if r.code != 0 || !strings.Contains(r.stdout, "已加密备份") {
			t.Fatalf("backup -encrypt: %+v", r)
		}
		if b, err := os.ReadFile(enc); err != nil || bytes.Contains(b, []byte("SQLite format 3")) {
			t.Fatalf("the backup is not encrypted (%v)", err)
		}
	})
	t.Run("passphrases that differ write nothing", func(t *testing.T) {
		other := filepath.Join(dir, "other.linli")
		r := runWith(t, env, "长城长城 2026\n长城长城 2025\n", "-db", db, "-user", "admin", "backup", "-o", other, "-encrypt")
		if r.code != 1 || !strings.Contains(r.stderr, "两次输入不一致") {
			t.Fatalf("%+v", r)
		}
		if _, err := os.Stat(other); !os.IsNotExist(err) {
			t.Fatalf("a backup was written: %v", err)
		}
	})
	t.Run("a wrong passphrase changes nothing", func(t *testing.T) {
		r := runWith(t, env, "不是这个密码\n", "-db", db, "-user", "admin", "restore", "-from", enc)
		if r.code != 1 || !strings.Contains(r.stderr, "备份密码不正确") {
			t.Fatalf("%+v", r)
		}
		if kept, err := filepath.Glob(db + ".恢复前-*"); err != nil || len(kept) > 0 {
			t.Fatalf("the database was replaced: %v %v", kept, err)
		}
		if n := restoreEntries(t, db); n != 0 {
			t.Fatalf("%d 恢复 entries after a refused restore", n)
		}
		if n := auditCount(t, db, data.ActRestoreRefused); n != 1 {
			t.Fatalf("the refused passphrase is not audited (%d entries)", n)
		}
	})
	t.Run("restores with the passphrase from the environment", func(t *testing.T) {
		withPass := map[string]string{"LINLI_PASSWORD": "demo1234", "LINLI_BACKUP_PASSPHRASE": "长城长城 2026"}
		if r := runWith(t, withPass, "", "-db", db, "-user", "admin", "restore", "-from", enc); r.code != 0 || !strings.Contains(r.stdout, "居民 240 人") {
			t.Fatalf("restore: %+v", r)
		}
		if r := run(t, "demo1234", "-db", db, "-user", "admin", "check"); r.code != 0 {
			t.Fatalf("check after restore: %+v", r)
		}
	})
}

func TestPasswordProtectedExportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	plain, sealed := filepath.Join(dir, "居民.xlsx"), filepath.Join(dir, "居民-加密.xlsx")
	if r := run(t, "demo1234", "-db", db, "-user", "staff", "export", "people", "-o", plain); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	env := map[string]string{"LINLI_PASSWORD": "demo1234"}
	r := runWith(t, env, "街道专用 2026\n街道专用 2026\n", "-db", db, "-user", "staff", "export", "people", "-password", "-o", sealed)
	if r.code != 0 {
		t.Fatalf("export -password: %+v", r)
	}
	want := xlsxRows(t, plain)
	if got := xlsxRows(t, sealed, excelize.Options{Password: "街道专用 2026"}); !reflect.DeepEqual(got, want) || len(got) != 201 {
		t.Fatalf("the protected export has %d rows, the plain one %d", len(got), len(want))
	}
	if f, err := excelize.OpenFile(sealed); err == nil {
		f.Close()
		t.Fatal("the protected export opened without its password")
	}
	t.Run("the password from the environment", func(t *testing.T) {
		env := map[string]string{"LINLI_PASSWORD": "demo1234", "LINLI_EXPORT_PASSWORD": "短"}
		if r := runWith(t, env, "", "-db", db, "-user", "staff", "export", "volunteers", "-o", filepath.Join(dir, "v.xlsx")); r.code != 1 || !strings.Contains(r.stderr, "至少 8 个字符") {
			t.Fatalf("a short password: %+v", r)
		}
	})
}

func xlsxRows(t *testing.T, file string, opts ...excelize.Options) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(file, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestEncryptedRestoreWithoutAPassphrase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	enc := filepath.Join(dir, "b.age")
	env := map[string]string{"LINLI_PASSWORD": "demo1234", "LINLI_BACKUP_PASSPHRASE": "长城长城 2026"}
	if r := runWith(t, env, "", "-db", db, "-user", "admin", "backup", "-o", enc, "-encrypt"); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	r := runWith(t, map[string]string{"LINLI_PASSWORD": "demo1234"}, "", "-db", db, "-user", "admin", "restore", "-from", enc)
	if r.code != 1 || !strings.Contains(r.stderr, "没有读到备份密码") || !strings.Contains(r.stderr, "LINLI_BACKUP_PASSPHRASE") {
		t.Fatalf("%+v", r)
	}
}
