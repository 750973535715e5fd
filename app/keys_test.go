package app

import (
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/assets"
	"linli/data"
)

// press sends a key to the window as the driver does when no entry has the focus.
func press(sh *shell, k fyne.KeyName) { sh.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }

func TestEscapeAndReturnAnswerDialogs(t *testing.T) {
	sh := newTestShell(t, false)
	t.Run("the error box closes with Escape and with Return", func(t *testing.T) {
		for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
			sh.showError(&data.Error{Code: data.CodeInvalid, Message: "年龄：未满 14 周岁"})
			press(sh, k)
			if overlayShown(sh) {
				t.Fatalf("%s left the error box open", k)
			}
		}
	})
	t.Run("a confirmation: Escape cancels, Return confirms", func(t *testing.T) {
		for k, want := range map[fyne.KeyName]bool{fyne.KeyEscape: false, fyne.KeyReturn: true} {
			answer := !want
			dialog.ShowConfirm("退出项目", "朱一诺 退出？", func(ok bool) { answer = ok }, sh.win)
			press(sh, k)
			if answer != want || overlayShown(sh) {
				t.Fatalf("%s: answer %v, still open %v", k, answer, overlayShown(sh))
			}
		}
	})
	t.Run("a dangerous confirmation is not confirmed by Return", func(t *testing.T) {
		done := false
		sh.confirm("删除居民", "确定删除 王秀英 的档案吗？", "删除", true, func() { done = true })
		press(sh, fyne.KeyReturn)
		if done || !overlayShown(sh) {
			t.Fatalf("Return deleted (%v) or closed the dialog", done)
		}
		press(sh, fyne.KeyEscape)
		if done || overlayShown(sh) {
			t.Fatalf("Escape: deleted %v, open %v", done, overlayShown(sh))
		}
	})
	t.Run("Return in an entry submits the form only when it is valid", func(t *testing.T) {
		name := newEntry(sh)
		name.Validator = func(s string) error {
			if s == "" {
				return &data.Error{Code: data.CodeInvalid, Message: "姓名不能为空"}
			}
			return nil
		}
		submitted := false
		dialog.ShowForm("新增", "保存", "取消", []*widget.FormItem{widget.NewFormItem("姓名", name)}, func(ok bool) { submitted = ok }, sh.win)
		test.Type(name, "")
		name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if submitted || !overlayShown(sh) {
			t.Fatal("an invalid form was submitted")
		}
		test.Type(name, "王秀英")
		name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if !submitted || overlayShown(sh) {
			t.Fatal("Return did not submit the valid form")
		}
	})
	t.Run("Escape in an entry cancels the form and keeps nothing", func(t *testing.T) {
		name := newEntry(sh)
		answered, submitted := false, true
		dialog.ShowForm("新增", "保存", "取消", []*widget.FormItem{widget.NewFormItem("姓名", name)}, func(ok bool) { answered, submitted = true, ok }, sh.win)
		test.Type(name, "王")
		name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if !answered || submitted || overlayShown(sh) {
			t.Fatalf("Escape: answered %v, submitted %v, open %v", answered, submitted, overlayShown(sh))
		}
	})
}

func TestConfirmationsRead取消确定(t *testing.T) {
	b, err := assets.Translations.ReadFile("translations/zh.json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"Yes": "确定", "No": "取消", "OK": "确定", "Cancel": "取消"} {
		if m[k] != want {
			t.Errorf("Fyne's %q reads %q, want %q", k, m[k], want)
		}
	}
}

func TestChineseMessagesWrapByCharacter(t *testing.T) {
	sh := newTestShell(t, false)
	msg := "监护人同意：汪一鸣 未满 14 周岁，依《个人信息保护法》第三十一条，须先取得监护人同意"
	sh.showError(&data.Error{Code: data.CodeInvalid, Message: msg})
	var found *widget.Label
	walkObjects(sh.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == msg {
			found = l
		}
	})
	if found == nil || found.Wrapping != fyne.TextWrapBreak {
		t.Fatalf("message label %+v: want wrapping by character", found)
	}
	if messageLabel("Saved 3 records").Wrapping != fyne.TextWrapWord {
		t.Fatal("English should wrap by word")
	}
}

func TestEscapeOnADropDownInAFormDialog(t *testing.T) {
	sh := newTestShell(t, false)
	open := func() (*formDialog, *keySelect) {
		kind := newSelect([]string{"普通", "帮扶户"}, nil)
		fd := newFormDialog(sh, "新增", "保存", []*widget.FormItem{widget.NewFormItem("姓名", widget.NewEntry()), widget.NewFormItem("类型", kind)},
			func() (func() error, error) { return nil, nil }, nil)
		fd.Show(400)
		sh.win.Canvas().Focus(kind)
		if sh.win.Canvas().Focused() != kind {
			t.Fatal("the drop-down did not take the focus")
		}
		return fd, kind
	}
	t.Run("nothing changed: Escape closes the form", func(t *testing.T) {
		open()
		pressKey(sh.win.Canvas(), fyne.KeyEscape)
		if overlayShown(sh) {
			t.Fatalf("Escape on the drop-down left the form open:\n%s", overlayTexts(t, sh))
		}
	})
	t.Run("a choice made: Escape asks before the edits go, and 放弃修改 closes", func(t *testing.T) {
		fd, kind := open()
		kind.SetSelected("帮扶户")
		pressKey(sh.win.Canvas(), fyne.KeyEscape)
		if !strings.Contains(overlayTexts(t, sh), "放弃未保存的修改？") {
			t.Fatalf("Escape with a choice made did not ask:\n%s", overlayTexts(t, sh))
		}
		pressKey(sh.win.Canvas(), fyne.KeyEscape) // Escape on the question: keep editing
		if txt := overlayTexts(t, sh); !overlayShown(sh) || strings.Contains(txt, "放弃未保存的修改？") || !strings.Contains(txt, "新增") {
			t.Fatalf("Escape on the question closed the form:\n%s", overlayTexts(t, sh))
		}
		fd.close()
		var discard *widget.Button
		walkObjects(sh.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "放弃修改" {
				discard = b
			}
		})
		if discard == nil {
			t.Fatalf("no 放弃修改 button:\n%s", overlayTexts(t, sh))
		}
		test.Tap(discard)
		if overlayShown(sh) {
			t.Fatalf("放弃修改 left the form open:\n%s", overlayTexts(t, sh))
		}
	})
}
