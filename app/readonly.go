package app

import (
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

// docButton is b, disabled with the reason beside it when the signed-in role may not make d.
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
	why := widget.NewLabel(reason)
	why.Importance = widget.LowImportance
	return container.NewHBox(b, why)
}
