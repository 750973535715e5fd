package app

import (
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Unsaved input is never lost without asking: a form remembers what its fields held when it
// opened, and closing it (关闭, 取消, Escape, or the window's own close button) with anything
// changed asks 「放弃未保存的修改？」 first.

// edits watches the input widgets under some objects for changes since they were last saved.
type edits struct {
	sh   *shell
	objs []fyne.CanvasObject
	snap string
}

// watchEdits remembers what the fields under objs hold now; the window's close asks while the
// form is open (until done) and changed.
func (sh *shell) watchEdits(objs ...fyne.CanvasObject) *edits {
	e := &edits{sh: sh, objs: objs}
	e.snap = valuesPrint(objs)
	sh.editsMu.Lock()
	if sh.openEdits == nil {
		sh.openEdits = map[*edits]bool{}
	}
	sh.openEdits[e] = true
	sh.editsMu.Unlock()
	return e
}

// dirty tells whether a field changed since the form opened (or was last saved).
func (e *edits) dirty() bool { return e != nil && valuesPrint(e.objs) != e.snap }

// saved makes what the fields hold now the saved state.
func (e *edits) saved() { e.snap = valuesPrint(e.objs) }

// done forgets the form (it closed).
func (e *edits) done() {
	if e == nil {
		return
	}
	e.sh.editsMu.Lock()
	delete(e.sh.openEdits, e)
	e.sh.editsMu.Unlock()
}

// close runs hide when nothing changed, or after the user agreed to drop the changes.
func (e *edits) close(hide func()) {
	if !e.dirty() {
		e.done()
		hide()
		return
	}
	e.sh.askDiscard(lang.L("已输入的内容还没有保存，关闭后将丢失。"), func() {
		e.done()
		hide()
	})
}

// askDiscard asks 「放弃未保存的修改？」; only a click on 放弃修改 goes on (Escape keeps editing).
func (sh *shell) askDiscard(text string, yes func()) {
	sh.confirm(lang.L("放弃未保存的修改？"), text, lang.L("放弃修改"), true, yes)
}

// unsavedForms counts the open forms with changes.
func (sh *shell) unsavedForms() int {
	sh.editsMu.Lock()
	defer sh.editsMu.Unlock()
	n := 0
	for e := range sh.openEdits {
		if e.dirty() {
			n++
		}
	}
	return n
}

// closeAll closes every dialog on show and then runs then: at once when no form among them has
// unsaved changes, otherwise after the user agreed to drop them (nothing, when they keep editing).
// For a line that opens a record in another section: the dialogs it was reached through (the
// resident form, its 一人一档) would otherwise stay on top of that section.
func (sh *shell) closeAll(then func()) {
	do := func() {
		sh.editsMu.Lock()
		for e := range sh.openEdits {
			delete(sh.openEdits, e) // the forms close with their dialogs
		}
		sh.editsMu.Unlock()
		for _, o := range append([]fyne.CanvasObject(nil), sh.win.Canvas().Overlays().List()...) {
			o.Hide()
		}
		then()
	}
	if sh.unsavedForms() > 0 {
		sh.askDiscard(lang.L("已输入的内容还没有保存，关闭后将丢失。"), do)
		return
	}
	do()
}

// mayQuit runs quit at once when nothing would be lost; otherwise it asks first (unsaved forms,
// or background work such as an export or a backup still running).
func (sh *shell) mayQuit(quit func()) {
	var why []string
	if n := sh.unsavedForms(); n > 0 {
		why = append(why, fmt.Sprintf(lang.L("有 %d 个表单的修改还没有保存。"), n))
	}
	if sh.running.Load() > 0 {
		why = append(why, lang.L("后台工作（导出、备份或保存）还在进行，退出会中断它。"))
	}
	if len(why) == 0 {
		quit()
		return
	}
	if sh.lock.Visible() { // whoever is at the desk cannot drop the signed-in user's work
		if sh.locked.note != nil {
			sh.locked.note.SetText(lang.L("请先解锁再退出：") + strings.Join(why, " "))
		}
		return
	}
	sh.askDiscard(strings.Join(why, "\n")+"\n"+lang.L("仍然退出邻里？"), quit)
}

// valuesPrint is what the input widgets under objs hold, as one string.
func valuesPrint(objs []fyne.CanvasObject) string {
	var b strings.Builder
	for _, o := range objs {
		walkObjects(o, func(x fyne.CanvasObject) {
			switch w := x.(type) {
			case *widget.CheckGroup:
				fmt.Fprintf(&b, "%v|", w.Selected)
			case *widget.RadioGroup:
				fmt.Fprintf(&b, "%s|", w.Selected)
			case *keySelect:
				fmt.Fprintf(&b, "%s|", w.Selected)
			case *widget.Check:
				fmt.Fprintf(&b, "%v|", w.Checked)
			case fyne.Focusable:
				if s, ok := fieldText(w); ok {
					b.WriteString(s + "|")
				}
			}
		})
	}
	return b.String()
}

// fieldText is the Text of an entry, or of a widget built on one.
func fieldText(f fyne.Focusable) (string, bool) {
	v := reflect.ValueOf(f)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return "", false
	}
	if t := v.FieldByName("Text"); t.IsValid() && t.Kind() == reflect.String {
		return t.String(), true
	}
	return "", false
}
