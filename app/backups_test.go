package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

// backupPanelOf signs in as the sample's 管理员 and opens 设置 → 备份与恢复, with the file
// choosers answering dir/NAME.
func backupPanelOf(t *testing.T, dir string) (*shell, *backupPanel) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	if !sh.showSection("设置") {
		t.Fatal("no 设置 section")
	}
	sh.pending.Wait()
	p := sh.screens[sh.current].(*settingsScreen).backups
	p.chooseSave = func(name string, then func(string)) { then(filepath.Join(dir, name)) }
	return sh, p
}

// tapOverlayButton taps the button labelled text in the dialogs on show.
func tapOverlayButton(t *testing.T, sh *shell, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text && v.Visible() {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range sh.win.Canvas().Overlays().List() {
		walk(o)
	}
	if found == nil {
		t.Fatalf("no button %q in the dialogs:\n%s", text, overlayTexts(t, sh))
	}
	test.Tap(found)
	sh.pending.Wait()
}

func TestEncryptedBackupFromTheBackupScreen(t *testing.T) {
	dir := t.TempDir()
	sh, p := backupPanelOf(t, dir)
	p.onBackupEncrypted()
	d := p.passDialog
	test.Type(d.pass, "长城长城 2026")
	test.Type(d.again, "长城长城 2025")
	test.Tap(d.ok)
	if !strings.Contains(d.msg.Text, "两次输入不一致") || d.pass.Text != "长城长城 2026" {
		t.Fatalf("a mismatch must keep the dialog and the input: %q %q", d.msg.Text, d.pass.Text)
	}
	d.again.SetText("长城长城 2026")
	test.Tap(d.ok)
	sh.pending.Wait()
	files, err := filepath.Glob(filepath.Join(dir, "linli-加密备份-*.age"))
	if err != nil || len(files) != 1 {
		t.Fatalf("encrypted backups written: %v %v", files, err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil || bytes.Contains(b, []byte("SQLite format 3")) {
		t.Fatalf("the backup is not encrypted (%v)", err)
	}
	if !strings.Contains(overlayTexts(t, sh), "已备份、校验并加密") {
		t.Fatalf("dialogs:\n%s", overlayTexts(t, sh))
	}

	t.Run("restoring asks for the passphrase and says what the backup holds", func(t *testing.T) {
		p.chooseOpen = func(then func(string)) { then(files[0]) }
		p.onRestoreFile()
		d := p.passDialog
		test.Type(d.pass, "不是这个密码")
		test.Tap(d.ok)
		sh.pending.Wait()
		if !strings.Contains(d.msg.Text, "备份密码不正确") || sh.actor == nil {
			t.Fatalf("a wrong passphrase: %q", d.msg.Text)
		}
		if d.pass.Text != "" || sh.win.Canvas().Overlays().Top() == nil || sh.win.Canvas().Focused() != d.pass {
			t.Fatalf("a wrong passphrase must keep the restore open with an empty, focused field: %q", d.pass.Text)
		}
		audit, err := sh.store.ListAudit(sh.ctx, data.AuditFilter{Action: data.ActRestoreRefused})
		if err != nil {
			t.Fatal(err)
		}
		if len(audit) == 0 || !strings.Contains(audit[0].Summary, "备份密码不正确") {
			t.Fatalf("the failed passphrase is not audited: %+v", audit)
		}
		test.Type(d.pass, "长城长城 2026")
		test.Tap(d.ok)
		sh.pending.Wait()
		if texts := overlayTexts(t, sh); !strings.Contains(texts, "居民 240 人") || !strings.Contains(texts, "订单 20 个") {
			t.Fatalf("the confirmation does not say what the backup holds:\n%s", texts)
		}
		tapOverlayButton(t, sh, "恢复")
		if sh.actor != nil || !strings.Contains(overlayTexts(t, sh), "恢复完成") {
			t.Fatalf("after the restore:\n%s", overlayTexts(t, sh))
		}
		if problems, err := sh.store.Check(sh.ctx); err != nil || len(problems) > 0 {
			t.Fatalf("check after restore: %v %v", problems, err)
		}
	})
}

func TestBackupScreenRecommendsEncryption(t *testing.T) {
	_, p := backupPanelOf(t, t.TempDir())
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *widget.Button:
			texts = append(texts, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(p.view())
	all := strings.Join(texts, "\n")
	for _, want := range []string{"导出加密备份", "磁盘加密", "忘记备份密码"} {
		if !strings.Contains(all, want) {
			t.Errorf("the backup screen does not say %q:\n%s", want, all)
		}
	}
}
