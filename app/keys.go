package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The keyboard in dialogs: Escape closes the dialog on top as its cancel button would; Return
// presses its one default button (the highlighted one, or the only one). This works for every
// dialog, Fyne's own included, while no entry has the focus; entries made with newEntry pass
// Escape and Return on too, and so do drop-downs (newSelect) in a form dialog.

// typedKey handles a key nothing focused has taken.
func (sh *shell) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		sh.dismissTop()
	case fyne.KeyReturn, fyne.KeyEnter:
		sh.confirmTop()
	}
}

// dismissTop presses the cancel button of the dialog on top; false when there is none.
func (sh *shell) dismissTop() bool {
	cancel, _, only := topButtons(sh.win.Canvas())
	switch {
	case cancel != nil:
		cancel.OnTapped()
	case only != nil && okTexts[only.Text]: // a message with one 确定
		only.OnTapped()
	default:
		return false
	}
	return true
}

// confirmTop presses the default button of the dialog on top; false when there is none (or it
// is disabled because the form is not valid yet).
func (sh *shell) confirmTop() bool {
	_, confirm, only := topButtons(sh.win.Canvas())
	switch {
	case confirm != nil:
		confirm.OnTapped()
	case only != nil:
		only.OnTapped()
	default:
		return false
	}
	return true
}

// cancelTexts are the labels of buttons that close a dialog without doing anything.
var cancelTexts = map[string]bool{"取消": true, "关闭": true, "Cancel": true, "Close": true, "No": true, "不": true}

// okTexts are the labels of a message's one button.
var okTexts = map[string]bool{"确定": true, "好": true, "OK": true, "知道了": true}

// topButtons finds, in the overlay on top of the canvas, its cancel button, its one enabled
// highlighted button and, when it has a single button, that one.
func topButtons(c fyne.Canvas) (cancel, confirm, only *widget.Button) {
	top := c.Overlays().Top()
	if top == nil {
		return nil, nil, nil
	}
	var all, high []*widget.Button
	walkObjects(top, func(o fyne.CanvasObject) {
		b, ok := o.(*widget.Button)
		if !ok || !b.Visible() || b.OnTapped == nil {
			return
		}
		all = append(all, b)
		if cancel == nil && (cancelTexts[b.Text] || b.Icon == theme.CancelIcon()) {
			cancel = b
		} else if b.Importance == widget.HighImportance { // never a DangerImportance one
			high = append(high, b)
		}
	})
	if len(high) == 1 && !high[0].Disabled() { // a form not valid yet has its button disabled
		confirm = high[0]
	}
	if len(all) == 1 && all[0] != cancel && !all[0].Disabled() {
		only = all[0]
	}
	if cancel != nil && cancel.Disabled() {
		cancel = nil
	}
	return cancel, confirm, only
}

// walkObjects calls f for o and everything inside it (containers, pop-ups, scrolls, splits,
// tabs, cards and forms).
func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, f)
		}
	case *widget.PopUp:
		walkObjects(x.Content, f)
	case *container.Scroll:
		walkObjects(x.Content, f)
	case *container.Split:
		walkObjects(x.Leading, f)
		walkObjects(x.Trailing, f)
	case *container.AppTabs:
		if it := x.Selected(); it != nil {
			walkObjects(it.Content, f)
		}
	case *widget.Card:
		walkObjects(x.Content, f)
	case *widget.Form:
		for _, it := range x.Items {
			walkObjects(it.Widget, f)
		}
	}
}

// keyEntry is an entry that passes Escape (close the dialog) and Return (its default action,
// when the entry has no action of its own) on to the dialog it sits in.
type keyEntry struct {
	widget.Entry
	sh *shell
}

// newEntry is a single-line entry that answers Escape and Return in dialogs.
func newEntry(sh *shell) *keyEntry {
	e := &keyEntry{sh: sh}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is a multi-line entry that answers Escape in dialogs (Return adds a line).
func newMultiLineEntry(sh *shell) *keyEntry {
	e := newEntry(sh)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if e.sh.dismissTop() {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil && e.sh.confirmTop() {
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// keySelect is a drop-down that, in a form dialog (which sets sh), passes Escape on to the dialog
// as an entry does: a focused widget.Select would swallow it.
type keySelect struct {
	widget.Select
	sh *shell
}

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && s.sh != nil && s.sh.dismissTop() {
		return
	}
	s.Select.TypedKey(ev)
}

// showMessage shows a message with one 确定 button; Chinese wraps by character. Escape and Return
// close it.
func (sh *shell) showMessage(title, text string) dialog.Dialog {
	d := dialog.NewCustom(title, lang.L("确定"), messageLabel(text), sh.win)
	sh.showSized(d)
	return d
}

// showSized shows a message dialog at a width its text wraps in (460, or less in a narrow
// window); the height follows the text.
func (sh *shell) showSized(d dialog.Dialog) {
	d.Show()
	d.Resize(fyne.NewSize(min(460, sh.win.Canvas().Size().Width*0.8), 0))
}

// confirm asks before an action. The buttons read 取消 and the action's verb (删除, 退出, 确定 …);
// Escape cancels. Return confirms unless the action is dangerous (then only a click does).
func (sh *shell) confirm(title, text, verb string, dangerous bool, yes func()) dialog.Dialog {
	l := messageLabel(text)
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(verb, theme.ConfirmIcon(), func() { d.Hide(); yes() })
	ok.Importance = widget.HighImportance
	if dangerous {
		ok.Importance = widget.DangerImportance
		ok.Icon = theme.DeleteIcon()
	}
	cancel := widget.NewButtonWithIcon(lang.L("取消"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, l, sh.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	sh.showSized(d)
	return d
}
