package app

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// What a role may not do is not offered: its fields are read-only and the buttons for documents
// it may not make are disabled, with the reason beside them (never a refusal after a file dialog).

// readOnly disables every input under objs (entries keep their text readable and selectable).
func readOnly(objs ...fyne.CanvasObject) {
	for _, o := range objs {
		walkObjects(o, func(x fyne.CanvasObject) {
			switch w := x.(type) {
			case *widget.Entry:
				w.Disable()
			case *keyEntry:
				w.Disable()
			case *keySelect:
				w.Disable()
			case *widget.CheckGroup:
				w.Disable()
			case *widget.Check:
				w.Disable()
			case *widget.RadioGroup:
				w.Disable()
			}
		})
	}
}

// docButton is b, disabled when the signed-in role may not make d; the reason is kept for the
// line under its toolbar (see toolbar): a reason beside every button made toolbars wider than a
// laptop screen, so the window grew past it.
func (sh *shell) docButton(b *widget.Button, d *documents.Doc) fyne.CanvasObject {
	if sh.actor == nil {
		return b
	}
	if d.AllowedFor(sh.actor) {
		return b
	}
	b.Disable()
	reason := lang.L("（含个人信息：需社工或管理员）")
	switch {
	case !d.Personal || !sh.actor.Role.Can(d.Perm):
		reason = lang.L("（本角色无权）")
	case data.PersonalByRole(sh.actor.Role):
		reason = lang.L("（含个人信息：管理员已收回本账户的导出权限）")
	}
	disabledWhy.Store(b, reason)
	return b
}

// disabledWhy holds why a button is disabled (*widget.Button → string), for toolbar.
var disabledWhy sync.Map

// toolbar is a row of buttons and, under it, why those disabled for the role are disabled:
// 「打印签到表、导出考勤（含个人信息：需社工或管理员）」, one line per reason.
func toolbar(objs ...fyne.CanvasObject) fyne.CanvasObject {
	row := container.NewHBox(objs...)
	var reasons []string
	names := map[string][]string{}
	for _, o := range objs {
		b, ok := o.(*widget.Button)
		if !ok {
			continue
		}
		if why, ok := disabledWhy.Load(b); ok && b.Disabled() {
			r := why.(string)
			if names[r] == nil {
				reasons = append(reasons, r)
			}
			names[r] = append(names[r], b.Text)
		}
	}
	if len(reasons) == 0 {
		return row
	}
	lines := make([]string, len(reasons))
	sep := ""
	if currentLanguage == langEn {
		sep = " "
	}
	for i, r := range reasons {
		lines[i] = joinWords(names[r]) + sep + r
	}
	why := widget.NewLabel(strings.Join(lines, "\n")) // normal weight: the disabled buttons above are dim already
	why.Wrapping = fyne.TextWrapWord
	return container.NewVBox(row, why)
}
