package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// passphraseDialog asks for a passphrase: typed twice for a new one (an encrypted backup or a
// protected export), once to open. A mistake keeps the dialog open with what was typed and says
// what is wrong beside the fields. The passphrase is handed to ok and kept nowhere.
type passphraseDialog struct {
	pass, again *widget.Entry // again is nil when typed once
	msg         *widget.Label
	ok          *widget.Button
	d           *dialog.CustomDialog
	// verify, when set, tries the passphrase off the UI thread before the dialog closes: a wrong
	// one keeps the dialog (and what it is for) open with the reason, the field cleared.
	verify func(pass string) error
}

func newPassphraseDialog(sh *shell, title, note, field string, twice bool, ok func(pass string)) *passphraseDialog {
	p := &passphraseDialog{pass: widget.NewPasswordEntry(), msg: widget.NewLabel("")}
	p.msg.Importance = widget.DangerImportance
	p.msg.Wrapping = fyne.TextWrapBreak
	items := []*widget.FormItem{widget.NewFormItem(tr(field), p.pass)}
	if twice {
		p.again = widget.NewPasswordEntry()
		p.pass.SetPlaceHolder(fmt.Sprintf(lang.L("至少 %d 个字符"), data.MinPassphrase))
		items = append(items, widget.NewFormItem(lang.L("再输入一次"), p.again))
	}
	text := messageLabel(note)
	body := container.NewVBox(text, widget.NewForm(items...), p.msg)
	p.ok = widget.NewButtonWithIcon(lang.L("确定"), theme.ConfirmIcon(), func() {
		pass := p.pass.Text
		if p.again != nil {
			if err := data.CheckPassphrase(field, pass, p.again.Text); err != nil {
				p.msg.SetText(data.Message(err))
				return
			}
		} else if pass == "" {
			p.msg.SetText(lang.L("请输入") + tr(field))
			return
		}
		if p.verify == nil {
			p.d.Hide()
			ok(pass)
			return
		}
		p.ok.Disable()
		verify := p.verify
		sh.background(func() {
			err := verify(pass)
			sh.do(func() {
				p.ok.Enable()
				if err != nil {
					p.msg.SetText(data.Message(err))
					p.pass.SetText("")
					sh.win.Canvas().Focus(p.pass)
					return
				}
				p.d.Hide()
				ok(pass)
			})
		})
	})
	p.ok.Importance = widget.HighImportance
	var typed *edits
	cancel := widget.NewButtonWithIcon(lang.L("取消"), theme.CancelIcon(), func() { typed.close(p.d.Hide) })
	// Return: from the first field to the second, from the last one it confirms.
	p.pass.OnSubmitted = func(string) { p.ok.OnTapped() }
	if p.again != nil {
		p.pass.OnSubmitted = func(string) { sh.win.Canvas().Focus(p.again) }
		p.again.OnSubmitted = func(string) { p.ok.OnTapped() }
	}
	p.d = dialog.NewCustomWithoutButtons(title, body, sh.win)
	p.d.SetButtons([]fyne.CanvasObject{cancel, p.ok})
	p.d.SetOnClosed(func() { typed.done() })
	typed = sh.watchEdits(body)
	sh.showSized(p.d)
	sh.win.Canvas().Focus(p.pass)
	return p
}
