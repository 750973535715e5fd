package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestImportCheckRereadsTheFixedFileAndEndsWithDone(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	path := filepath.Join(t.TempDir(), "名单.csv")
	writeFile(t, path, "姓名,身份证号,社区\n好人,,南苑社区\n坏号码,330481194503120027,南苑社区\n")
	w := newImportWizard(sh, data.ImportPeople, path, nil)
	w.load()
	sh.pending.Wait()
	test.Tap(w.check)
	sh.pending.Wait()
	if len(w.result.Errors) != 1 || !w.run.Disabled() {
		t.Fatalf("first check: %q", w.errors.Text)
	}
	// The user fixes the sheet (and adds a row) and checks again.
	writeFile(t, path, "姓名,身份证号,社区\n好人,,南苑社区\n好号码,330481194503120026,南苑社区\n又一人,,南苑社区\n")
	test.Tap(w.check)
	sh.pending.Wait()
	if len(w.result.Errors) != 0 || w.run.Disabled() || w.result.Added != 3 {
		t.Fatalf("second check still sees the old file: %+v %q %q", w.result, w.status.Text, w.errors.Text)
	}
	if !strings.Contains(w.info.Text, "数据 3 行") {
		t.Fatalf("the file line is stale: %q", w.info.Text)
	}
	if w.close.Text != "取消" {
		t.Fatalf("before importing the button says %q", w.close.Text)
	}
	test.Tap(w.run)
	sh.pending.Wait()
	if w.result.Added != 3 || w.close.Text != "完成" {
		t.Fatalf("after importing: %+v, button %q", w.result, w.close.Text)
	}
}
