package app

import (
	"fmt"
	"image/color"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// The lock: a locked window accepts no input anywhere. The page is hidden under the lock (so
// neither a click nor Tab reaches it), the open dialogs are taken off the canvas and kept, and
// after unlocking they come back as they were, with what was typed and the focus where it was.

// lockState is what the lock keeps while it shows.
type lockState struct {
	overlays []fyne.CanvasObject // the dialogs and pop-ups that were open, bottom first
	focus    fyne.Focusable      // what had the keyboard
	typed    string              // fingerprint of the focused widget at the last idle check
	note     *widget.Label       // the lock's message
}

// lockNow covers the window with a sign-in for the current user; what is underneath, including
// the open dialogs and unsaved form input, stays as it was.
func (sh *shell) lockNow() {
	if sh.actor == nil {
		return
	}
	c := sh.win.Canvas()
	if !sh.lock.Visible() {
		sh.locked.focus = c.Focused()
	}
	sh.stashOverlays()
	c.Unfocus()
	sh.page.Hide()
	f := newLoginForm(sh, sh.actor.Username, func(*data.Actor) { sh.unlock() })
	other := widget.NewButton(lang.L("切换用户"), sh.logout)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	if bg.FillColor == nil {
		bg.FillColor = color.White
	}
	sh.locked.note = widget.NewLabel(lang.L("离开时间较长，已自动锁定。请输入密码继续。"))
	sh.locked.note.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(sh.locked.note, f.view(), other)
	sh.lock.Objects = []fyne.CanvasObject{bg, card(lang.L("已锁定"), sh.actor.Display, box)}
	sh.lock.Show()
	sh.lock.Refresh()
	c.Focus(f.pass)
	sh.loginForm = f
}

// stashOverlays takes every dialog and pop-up off the canvas (top first) and keeps it.
func (sh *shell) stashOverlays() {
	ov := sh.win.Canvas().Overlays()
	var taken []fyne.CanvasObject
	for top := ov.Top(); top != nil; top = ov.Top() {
		taken = append(taken, top)
		ov.Remove(top)
	}
	for i := len(taken) - 1; i >= 0; i-- {
		sh.locked.overlays = append(sh.locked.overlays, taken[i])
	}
}

// unlock removes the lock and gives back the page, the dialogs that are still open and the focus.
func (sh *shell) unlock() {
	sh.lock.Hide()
	sh.lock.Objects = nil
	sh.page.Show()
	c := sh.win.Canvas()
	focus, _ := sh.locked.focus.(fyne.CanvasObject)
	if focus != nil && !holds(sh.locked.overlays, focus) {
		c.Focus(sh.locked.focus) // it was on the page
	}
	for _, o := range sh.locked.overlays {
		if !o.Visible() { // a dialog its own work closed meanwhile stays closed
			continue
		}
		c.Overlays().Add(o)
		if focus != nil && holds([]fyne.CanvasObject{o}, focus) {
			c.Focus(sh.locked.focus) // each dialog keeps its own focus under the ones above it
		}
	}
	sh.locked = lockState{}
	sh.touch()
}

// dropLock forgets what the lock kept (signing out: the dialogs belonged to the session).
func (sh *shell) dropLock() {
	sh.lock.Hide()
	sh.lock.Objects = nil
	sh.page.Show()
	sh.locked = lockState{}
}

// noteTyping counts keyboard work as activity: typing, moving the cursor or the focus changes
// the focused widget's fingerprint between two idle checks.
func (sh *shell) noteTyping() {
	fp := focusPrint(sh.win.Canvas().Focused())
	if fp != sh.locked.typed {
		sh.locked.typed = fp
		sh.touch()
	}
}

// focusPrint identifies the focused widget and, for entries (and widgets built on one), its
// text and cursor.
func focusPrint(f fyne.Focusable) string {
	if f == nil {
		return ""
	}
	s := fmt.Sprintf("%p", f)
	v := reflect.ValueOf(f)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return s
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return s
	}
	for _, name := range []string{"Text", "CursorRow", "CursorColumn", "Selected", "Checked"} {
		if fv := v.FieldByName(name); fv.IsValid() && fv.CanInterface() {
			s += fmt.Sprintf("|%v", fv.Interface())
		}
	}
	return s
}

// holds tells whether o is inside one of the objects.
func holds(objs []fyne.CanvasObject, o fyne.CanvasObject) bool {
	found := false
	for _, top := range objs {
		walkObjects(top, func(x fyne.CanvasObject) { found = found || x == o })
	}
	return found
}
