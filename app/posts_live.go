package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// The 爱心岗位 forms check as the user types: every change runs the form's check (the store's own
// Normalize and Validate, on what the fields hold) and shows, under the field being edited, what
// the check says about that field; a rule that names no field (劳动法, the minors' hours) shows
// below the form. Saving still runs the same check, then the store's.

// liveCheck wires every input of the dialog's items to run check as it changes.
func (fd *formDialog) liveCheck(check func() error) {
	for i, it := range fd.items {
		i := i
		run := func() { fd.showLive(i, check()) }
		walkObjects(it.Widget, func(x fyne.CanvasObject) {
			switch w := x.(type) {
			case *keyEntry:
				w.OnChanged = then(w.OnChanged, run)
			case *widget.Entry:
				w.OnChanged = then(w.OnChanged, run)
			case *keySelect:
				w.OnChanged = then(w.OnChanged, run)
			case *widget.Check:
				old := w.OnChanged
				w.OnChanged = func(b bool) {
					if old != nil {
						old(b)
					}
					run()
				}
			case *widget.CheckGroup:
				old := w.OnChanged
				w.OnChanged = func(s []string) {
					if old != nil {
						old(s)
					}
					run()
				}
			}
		})
	}
}

// then calls the callback that was there (if any), then run.
func then(old func(string), run func()) func(string) {
	return func(s string) {
		if old != nil {
			old(s)
		}
		run()
	}
}

// showLive shows what err says about item i under it (or clears it), and a rule naming no field
// below the form.
func (fd *formDialog) showLive(i int, err error) {
	msg, rule := "", ""
	var de *data.Error
	if errors.As(err, &de) {
		for _, f := range de.Fields {
			if fd.itemFor(f.Field) == i && msg == "" {
				msg = f.Message
			}
		}
		if len(de.Fields) == 0 {
			rule = de.Message
		}
	}
	setShown(fd.fieldMsgs[i], msg)
	setShown(fd.msg, rule)
	fd.fit()
}

func setShown(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// writeButton is b as the signed-in role may use it: a role that may not change 爱心岗位 sees it
// disabled, with the reason beside it.
func (p *postsScreen) writeButton(b *widget.Button) fyne.CanvasObject {
	if p.canWrite() {
		return b
	}
	b.Disable()
	why := widget.NewLabel(lang.L("（本角色无权）"))
	why.Importance = widget.LowImportance
	return container.NewHBox(b, why)
}
