package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// formDialog is a dialog with a form whose confirm button checks and saves before it closes: a
// validation error (ours or the store's) keeps the dialog open with what was typed, and each
// message shows under the field it names. dialog.NewForm cannot do this: it closes on submit.
type formDialog struct {
	sh        *shell
	dlg       *dialog.CustomDialog
	form      *widget.Form
	items     []*widget.FormItem
	fieldMsgs []*widget.Label // one per item, under its widget
	msg       *widget.Label   // messages that name no field of the form
	confirm   *widget.Button
	cancel    *widget.Button
	extra     []*widget.Button
	submit    func() (func() error, error)
	saved     func()
	width     float32
	title     string
	first     fyne.Focusable // the first entry, focused when the dialog shows
	edits     *edits         // what the fields held when the dialog opened
}

// newFormDialog builds the dialog (Show it). submit runs on the UI thread when the confirm button
// is pressed: it reads and checks the widgets and returns either an error to show or the work
// that saves (run off the UI thread; nil: nothing to save). saved runs after the work succeeded
// and the dialog closed.
func newFormDialog(sh *shell, title, confirm string, items []*widget.FormItem, submit func() (func() error, error), saved func()) *formDialog {
	fd := &formDialog{sh: sh, title: title, items: items, msg: widget.NewLabel(""), submit: submit, saved: saved}
	for _, it := range items {
		if f, ok := it.Widget.(fyne.Focusable); ok && fd.first == nil {
			if _, isEntry := it.Widget.(*widget.Entry); isEntry {
				fd.first = f
			}
		}
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		fd.fieldMsgs = append(fd.fieldMsgs, l)
		fd.wire(it.Widget, l)
		it.Widget = container.NewVBox(it.Widget, l)
	}
	fd.msg.Importance = widget.DangerImportance
	fd.msg.Wrapping = fyne.TextWrapWord
	fd.msg.Hide()
	fd.form = widget.NewForm(items...)
	fd.confirm = widget.NewButton(confirm, fd.onConfirm)
	fd.confirm.Importance = widget.HighImportance
	fd.cancel = widget.NewButton(lang.L("取消"), fd.close)
	fd.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(fd.form, fd.msg), sh.win)
	fd.dlg.SetOnClosed(func() { fd.edits.done() })
	fd.setButtons()
	return fd
}

// wire makes the entries and choices of one form item answer as the user works: Return in a
// one-line entry presses the confirm button, and changing a field clears the message under it.
func (fd *formDialog) wire(o fyne.CanvasObject, msg *widget.Label) {
	clear := func() {
		if msg.Visible() {
			msg.SetText("")
			msg.Hide()
			fd.fit()
		}
	}
	walkObjects(o, func(x fyne.CanvasObject) {
		switch w := x.(type) {
		case *widget.Entry:
			if !w.MultiLine && w.OnSubmitted == nil {
				w.OnSubmitted = func(string) { fd.onConfirm() }
			}
			w.OnChanged = chain(clear, w.OnChanged)
		case *keyEntry:
			w.OnChanged = chain(clear, w.OnChanged)
		case *keySelect:
			w.sh = fd.sh // Escape on the drop-down closes the form, as in an entry
			w.OnChanged = chain(clear, w.OnChanged)
		case *widget.CheckGroup:
			w.OnChanged = chain(func([]string) { clear() }, w.OnChanged)
		case *widget.Check:
			w.OnChanged = chain(func(bool) { clear() }, w.OnChanged)
		}
	})
}

// chain calls first, then the callback that was there (if any).
func chain[A any, F func() | func(A)](first F, then func(A)) func(A) {
	return func(a A) {
		switch f := any(first).(type) {
		case func():
			f()
		case func(A):
			f(a)
		}
		if then != nil {
			then(a)
		}
	}
}

// close closes the dialog, asking first when a field was changed.
func (fd *formDialog) close() {
	if fd.edits == nil {
		fd.dlg.Hide()
		return
	}
	fd.edits.close(fd.dlg.Hide)
}

// leave closes the dialog and then runs then: at once when nothing was changed, or after the user
// agreed to drop the changes (nothing runs when they keep editing). For actions that replace the
// form's work, such as 列入议事会: they must not happen behind a question still on show.
func (fd *formDialog) leave(then func()) {
	if fd.edits == nil {
		fd.dlg.Hide()
		then()
		return
	}
	fd.edits.close(func() {
		fd.dlg.Hide()
		then()
	})
}

// addButton puts another action beside 取消 and the confirm button (改派…, 结束结对 …).
func (fd *formDialog) addButton(b *widget.Button) {
	fd.extra = append(fd.extra, b)
	fd.setButtons()
}

func (fd *formDialog) setButtons() {
	bs := []fyne.CanvasObject{fd.cancel}
	for _, b := range fd.extra {
		bs = append(bs, b)
	}
	fd.dlg.SetButtons(append(bs, fd.confirm))
}

// Show shows the dialog at least w wide (Chinese names and messages need the room).
func (fd *formDialog) Show(w float32) {
	fd.width = w
	fd.edits = fd.sh.watchEdits(fd.form)
	fd.dlg.Show()
	fd.fit()
	if fd.first != nil {
		fd.sh.win.Canvas().Focus(fd.first)
	}
}

func (fd *formDialog) onConfirm() {
	fd.clear()
	work, err := fd.submit()
	if err == errAsking {
		return
	}
	if err != nil {
		fd.showError(err)
		return
	}
	if work == nil {
		fd.edits.done()
		fd.dlg.Hide()
		return
	}
	fd.confirm.Disable()
	fd.sh.background(func() {
		err := work()
		fd.sh.do(func() {
			fd.confirm.Enable()
			var af *askFirst
			if errors.As(err, &af) {
				af.ask()
				return
			}
			if err != nil {
				fd.showError(err)
				return
			}
			fd.edits.done()
			fd.dlg.Hide()
			if fd.saved != nil {
				fd.saved()
			}
		})
	})
}

func (fd *formDialog) clear() {
	for _, l := range fd.fieldMsgs {
		l.SetText("")
		l.Hide()
	}
	fd.msg.SetText("")
	fd.msg.Hide()
}

// showError puts each field's message under that field and the rest below the form.
func (fd *formDialog) showError(err error) {
	var de *data.Error
	if !errors.As(err, &de) || de.Code == data.CodeInternal {
		fd.sh.showError(err) // a real failure, not the user's input: logged and shown as such
		return
	}
	var rest []string
	for _, f := range de.Fields {
		if i := fd.itemFor(f.Field); i >= 0 {
			fd.fieldMsgs[i].SetText(f.Message)
			fd.fieldMsgs[i].Show()
			continue
		}
		rest = append(rest, f.String())
	}
	if len(de.Fields) == 0 {
		rest = append(rest, de.Message)
	}
	if len(rest) > 0 {
		fd.msg.SetText(strings.Join(rest, "\n"))
		fd.msg.Show()
	}
	fd.fit()
}

// fit sizes the dialog to its content at the width asked for.
func (fd *formDialog) fit() {
	m := fd.dlg.MinSize()
	fd.dlg.Resize(fyne.NewSize(max(fd.width, m.Width), m.Height))
}

// itemFor finds the form item a field error names: its label is the field, or starts with it
// (「用时（分钟）」 for 用时), in Chinese or in the UI language.
func (fd *formDialog) itemFor(field string) int {
	for i, it := range fd.items {
		for _, name := range []string{field, tr(field)} {
			if it.Text == name || strings.HasPrefix(it.Text, name+"（") || strings.HasPrefix(it.Text, name+" (") {
				return i
			}
		}
	}
	return -1
}

// askFirst is what a save's work returns when the store's answer needs a question first (a soft
// rule, checked after the hard ones): the dialog stays open and ask runs on the UI thread; its
// answer usually confirms again.
type askFirst struct{ ask func() }

func (a *askFirst) Error() string { return "asking the user" }

// errAsking is what a submit returns when it asked the user first (a confirmation); its answer
// calls onConfirm again.
var errAsking = errors.New("asking the user")

// fieldError is the error of one field, for checks made in the window before saving.
func fieldError(field, message string) error {
	return &data.Error{Code: data.CodeInvalid, Message: "输入有误", Fields: []data.FieldError{{Field: field, Message: message}}}
}

// mergeFieldError replaces what err says about field with message (or adds it).
func mergeFieldError(err error, field, message string) error {
	out := &data.Error{Code: data.CodeInvalid, Message: "输入有误"}
	var de *data.Error
	if errors.As(err, &de) {
		for _, f := range de.Fields {
			if f.Field != field {
				out.Fields = append(out.Fields, f)
			}
		}
	}
	out.Fields = append([]data.FieldError{{Field: field, Message: message}}, out.Fields...)
	return out
}

// renameError gives a store field error the label of the form that asked (初始密码 for 密码).
func renameError(err error, from, to string) error {
	var de *data.Error
	if !errors.As(err, &de) || len(de.Fields) == 0 {
		return err
	}
	out := *de
	out.Fields = nil
	for _, f := range de.Fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}
