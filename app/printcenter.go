package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/documents"
)

// printScreen is the print centre: one row per document of the catalogue the signed-in role may
// print or export, with its parameters. Screens also use its save-and-open flow for their buttons.
type printScreen struct {
	*fileWriter
	rows         []*docRow
	box          fyne.CanvasObject
	passDialog   *passphraseDialog // the export password dialog on show
	personalNote *widget.Label     // why personal documents are not listed, when they are not
}

// docRow is one document in the print centre: an input per parameter and its button.
type docRow struct {
	doc     *documents.Doc
	entries map[string]*widget.Entry
	selects map[string]*keySelect
	checks  map[string]*widget.Check
	button  *widget.Button
	encrypt *widget.Check // 加密: an export protected with a password (exports only)
}

func newPrintScreen(sh *shell) *printScreen {
	p := &printScreen{fileWriter: newFileWriter(sh)}
	p.progress.Hide()
	note := widget.NewLabel(lang.L("身份证号和电话在名册和导出表中一律脱敏（如 330481********1234、138****5678）；唯一的例外是一碗汤配送单：它是工作用表，载有完整电话供送汤志愿者联系老人，只有社工和管理员可以打印。每次打印和导出都记入审计记录，页脚印有审计链编号。证书编入统一证书登记簿。"))
	note.Wrapping = fyne.TextWrapWord
	prints, exports := container.NewVBox(), container.NewVBox()
	hidden := false // personal documents the account may not make
	for _, verb := range []documents.Verb{documents.Print, documents.Export} {
		for _, d := range documents.All(verb) {
			if !d.AllowedFor(sh.actor) {
				hidden = hidden || d.Personal && sh.actor.Role.Can(d.Perm)
				continue
			}
			r := p.newRow(d)
			p.rows = append(p.rows, r)
			if verb == documents.Print {
				prints.Add(r.view())
			} else {
				exports.Add(r.view())
			}
		}
	}
	p.personalNote = widget.NewLabel(lang.L("含个人信息的名册、台账和导出表未列出：本账户未获授权（管理员可在 设置 → 账户 中授权）。"))
	p.personalNote.Wrapping = fyne.TextWrapWord
	p.personalNote.Importance = widget.WarningImportance
	if !hidden {
		p.personalNote.Hide()
	}
	p.box = container.NewVScroll(container.NewPadded(container.NewVBox(heading(lang.L("打印中心")), note, p.personalNote, p.progress, p.status,
		widget.NewCard(lang.L("打印（PDF）"), "", prints), widget.NewCard(lang.L("导出（Excel）"), "", exports))))
	return p
}

func (p *printScreen) view() fyne.CanvasObject { return p.box }

// newRow builds a document's inputs, filled with sensible defaults (this month, this year).
func (p *printScreen) newRow(d *documents.Doc) *docRow {
	r := &docRow{doc: d, entries: map[string]*widget.Entry{}, selects: map[string]*keySelect{}, checks: map[string]*widget.Check{}}
	now := p.sh.now()
	for _, prm := range d.Params {
		switch {
		case prm.Kind == documents.Flag:
			r.checks[prm.Name] = widget.NewCheck(tr(prm.Label), nil)
		case prm.Choices != nil:
			r.selects[prm.Name] = newSelect(nil, nil)
		default:
			e := widget.NewEntry()
			if prm.Kind == documents.Secret {
				e = widget.NewPasswordEntry()
			}
			if prm.Hint != "" {
				e.SetPlaceHolder(tr(prm.Hint))
			}
			switch {
			case prm.Kind == documents.Month && prm.Required:
				e.SetText(now.Format("2006-01"))
			case prm.Kind == documents.Date && prm.Required && prm.Name == "from":
				e.SetText(now.Format("2006") + "-01-01")
			case prm.Kind == documents.Date && prm.Required:
				e.SetText(now.Format("2006-01-02"))
			}
			r.entries[prm.Name] = e
		}
	}
	icon, verb := theme.DocumentPrintIcon(), lang.L("打印")
	if d.Verb == documents.Export {
		icon, verb = theme.DownloadIcon(), lang.L("导出")
		r.encrypt = widget.NewCheck(lang.L("加密"), nil)
	}
	r.button = widget.NewButtonWithIcon(verb, icon, func() { p.onRow(r) })
	return r
}

func (r *docRow) view() fyne.CanvasObject {
	form := widget.NewForm()
	for _, prm := range r.doc.Params {
		var w fyne.CanvasObject
		switch {
		case r.checks[prm.Name] != nil:
			form.Append("", r.checks[prm.Name]) // the check box says what it is: no label beside it
			continue
		case r.selects[prm.Name] != nil:
			w = r.selects[prm.Name]
		default:
			w = r.entries[prm.Name]
		}
		form.Append(tr(prm.Label), w)
	}
	title := widget.NewLabelWithStyle(tr(r.doc.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var action fyne.CanvasObject = r.button
	if r.encrypt != nil {
		action = container.NewHBox(r.encrypt, r.button)
	}
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, title, action), form)
}

// values reads the inputs; a select's first option means "not given" when the parameter is optional.
func (r *docRow) values() documents.Values {
	v := documents.Values{}
	for name, e := range r.entries {
		v[name] = e.Text
	}
	for name, c := range r.checks {
		if c.Checked {
			v[name] = "true"
		}
	}
	for name, s := range r.selects {
		prm, _ := r.doc.Param(name)
		if i := s.SelectedIndex(); i > 0 || (i == 0 && prm.Required) {
			v[name] = s.Selected
		}
	}
	return v
}

// refresh fills the pick lists (communities, programmes) off the UI thread.
func (p *printScreen) refresh() {
	for _, r := range p.rows {
		for name, sel := range r.selects {
			prm, _ := r.doc.Param(name)
			sel := sel
			async(p.sh, func() ([]string, error) { return prm.Choices(p.sh.ctx, p.sh.store) }, func(names []string) {
				opts := names
				if !prm.Required {
					opts = append([]string{lang.L("全部")}, names...)
				}
				cur := sel.Selected
				sel.SetOptions(opts)
				if cur == "" && len(opts) > 0 {
					cur = opts[0]
				}
				sel.SetSelected(cur)
			})
		}
	}
}
