package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"linli/data/sample"
)

// topTitleTexts is what the dialog on top says.
func topHas(t *testing.T, sh *shell, text string) bool {
	t.Helper()
	top := sh.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	return strings.Contains(overlayTexts(t, sh), text)
}

func TestClosingAFormWithEditsAsks(t *testing.T) {
	t.Run("the resident form: Escape in a field asks, 取消 keeps the input", func(t *testing.T) {
		sh := newTestShell(t, true)
		login(t, sh, "staff", sample.Password)
		openSection[*peopleScreen](t, sh, "居民档案")
		f := openPersonForm(sh, 0, nil)
		sh.pending.Wait()
		c := sh.win.Canvas()
		test.Type(f.name, "未保存的名字")
		c.Focus(f.name)
		pressKey(c, fyne.KeyEscape)
		if len(c.Overlays().List()) != 2 || !topHas(t, sh, "放弃未保存的修改？") {
			t.Fatalf("Escape with edits did not ask:\n%s", overlayTexts(t, sh))
		}
		pressKey(c, fyne.KeyEscape) // Escape again: keep editing
		if len(c.Overlays().List()) != 1 || f.name.Text != "未保存的名字" {
			t.Fatalf("keeping the edits lost them: %d dialogs, %q", len(c.Overlays().List()), f.name.Text)
		}
		tapOverlayButton(t, sh, "关闭")
		tapOverlayButton(t, sh, "放弃修改")
		if c.Overlays().Top() != nil {
			t.Fatal("放弃修改 did not close the form")
		}
	})
	t.Run("a form without edits closes at once", func(t *testing.T) {
		sh := newTestShell(t, true)
		login(t, sh, "staff", sample.Password)
		openSection[*peopleScreen](t, sh, "居民档案")
		openPersonForm(sh, 0, nil)
		sh.pending.Wait()
		pressKey(sh.win.Canvas(), fyne.KeyEscape)
		if sh.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("an untouched form asked:\n%s", overlayTexts(t, sh))
		}
	})
	t.Run("a form dialog's 取消 asks, and the window's close asks too", func(t *testing.T) {
		sh, st := openServices(t)
		st.act(firstAt(t, st, "已派单"))
		sh.pending.Wait()
		test.Type(st.result, "写了一半")
		quit := false
		sh.mayQuit(func() { quit = true })
		if quit || !topHas(t, sh, "1 个表单的修改还没有保存") {
			t.Fatalf("closing the window with an unsaved form did not ask:\n%s", overlayTexts(t, sh))
		}
		tapOverlayButton(t, sh, "取消")
		test.Tap(st.dlg.cancel)
		if !topHas(t, sh, "放弃未保存的修改？") {
			t.Fatalf("取消 with edits did not ask:\n%s", overlayTexts(t, sh))
		}
		tapOverlayButton(t, sh, "放弃修改")
		sh.mayQuit(func() { quit = true })
		if !quit {
			t.Fatal("with nothing unsaved the window did not close")
		}
	})
}

func TestReturnSavesAndMessagesClearAsTheFieldChanges(t *testing.T) {
	sh, st := openServices(t)
	r := firstAt(t, st, "已派单")
	st.act(r)
	sh.pending.Wait()
	test.Type(st.minutes, "一小时")
	test.Type(st.result, "已送到")
	c := sh.win.Canvas()
	c.Focus(st.minutes)
	pressKey(c, fyne.KeyReturn)
	sh.pending.Wait()
	if msg := st.dlg.shownMessages(); !strings.Contains(msg, "1 到 1440") {
		t.Fatalf("Return did not check the form: %q", msg)
	}
	st.minutes.SetText("")
	test.Type(st.minutes, "45")
	if msg := st.dlg.shownMessages(); msg != "" {
		t.Fatalf("the message stays after the field was corrected: %q", msg)
	}
	c.Focus(st.result)
	pressKey(c, fyne.KeyReturn)
	sh.pending.Wait()
	if got := findRequest(t, sh, r.ID); got.Minutes != 45 {
		t.Fatalf("Return did not complete the service: %+v", got)
	}
}

func TestReversalDialogKeepsItsInputOnErrorsAndNeedsAReason(t *testing.T) {
	sh, _, d := newPaidOrder(t)
	pay(t, sh, d, "100")
	d.onReverse()
	test.Type(d.revReason, "客户退货")
	test.Tap(d.revForm.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || !strings.Contains(d.revForm.shownMessages(), "请选择要冲销的收款") || d.revReason.Text != "客户退货" {
		t.Fatalf("nothing chosen: open %v, %q, reason %q", dialogOpen(sh), d.revForm.shownMessages(), d.revReason.Text)
	}
	d.revWhich.SetSelectedIndex(0)
	d.revReason.SetText("")
	test.Tap(d.revForm.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || !strings.Contains(d.revForm.shownMessages(), "冲销原因") && d.revForm.fieldMsgs[1].Text == "" {
		t.Fatalf("no reason: open %v, %q", dialogOpen(sh), d.revForm.shownMessages())
	}
	if len(d.reversible()) != 1 {
		t.Fatal("a reversal without a reason was saved")
	}
	test.Type(d.revReason, "客户退货")
	test.Tap(d.revForm.confirm)
	sh.pending.Wait()
	if len(d.reversible()) != 0 {
		t.Fatal("the reversal with a reason was not saved")
	}
}

func TestReturnExportsTheEncryptedBackup(t *testing.T) {
	dir := t.TempDir()
	sh, p := backupPanelOf(t, dir)
	p.onBackupEncrypted()
	d := p.passDialog
	c := sh.win.Canvas()
	test.Type(d.pass, "长城长城 2026")
	pressKey(c, fyne.KeyReturn)
	if c.Focused() != d.again {
		t.Fatalf("Return in the first field: focus %T", c.Focused())
	}
	test.Type(d.again, "长城长城 2026")
	pressKey(c, fyne.KeyReturn)
	sh.pending.Wait()
	if !strings.Contains(overlayTexts(t, sh), "已备份、校验并加密") {
		t.Fatalf("Return did not export:\n%s", overlayTexts(t, sh))
	}
}
