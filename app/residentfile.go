package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// residentFile is the one-page file (一人一档) of a resident: identity and household, tags,
// guardianship, then one card per programme whose lines open their records. What the role may
// not see the store leaves out, so it is not on the page.
type residentFile struct {
	sh        *shell
	id        int64
	file      data.ResidentFile
	content   *fyne.Container
	household *widget.Button // opens the household page, or makes one (建户)
	lines     []*widget.Button
	lineOf    []data.FileLine // what each of lines opens
	print     *widget.Button
	out       *fileWriter
	dlg       dialog.Dialog
	cert      dialog.Dialog // a certificate's register entry, on show
}

// openResidentFile loads a resident's file off the UI thread and shows it.
func openResidentFile(sh *shell, personID int64) *residentFile {
	r := &residentFile{sh: sh, id: personID, content: container.NewVBox(), out: newFileWriter(sh)}
	r.print = widget.NewButtonWithIcon(lang.L("打印一人一档"), theme.DocumentPrintIcon(), r.onPrint)
	if !documents.ResidentFileDoc.AllowedFor(sh.actor) {
		r.print.Disable()
	}
	r.reload()
	return r
}

// reload reads the file again (after a change made from it) and shows it the first time.
func (r *residentFile) reload() {
	async(r.sh, func() (data.ResidentFile, error) { return r.sh.store.ResidentFile(r.sh.ctx, r.id) }, func(f data.ResidentFile) {
		r.file = f
		r.fill()
		if r.dlg == nil {
			r.show()
		}
	})
}

func (r *residentFile) show() {
	closeBtn := widget.NewButton(lang.L("关闭"), func() { r.dlg.Hide() })
	buttons := container.NewHBox(r.out.status, layoutSpacer(), r.print, closeBtn)
	title := lang.L("居民一人一档") + "：" + r.file.Person.Name
	r.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(r.content)), r.sh.win)
	r.dlg.Resize(fyne.NewSize(900, 680))
	r.dlg.Show()
}

// fill lays the file out: identity, household, guardianship, then the programmes.
func (r *residentFile) fill() {
	f, p := r.file, r.file.Person
	r.lines, r.lineOf = nil, nil
	age := ""
	if a := p.Age(r.sh.now()); a >= 0 {
		age = fmt.Sprintf(lang.L("%d 岁"), a)
	}
	who := widget.NewForm(
		widget.NewFormItem(lang.L("姓名"), r.open(withNotes(p.Name, tr(p.Sex), age), data.FileLine{Kind: data.FilePerson, ID: p.ID})),
		widget.NewFormItem(lang.L("身份证号"), widget.NewLabel(data.MaskID(p.IDNumber))),
		widget.NewFormItem(lang.L("联系电话"), widget.NewLabel(data.MaskPhone(p.Phone))),
		widget.NewFormItem(lang.L("社区"), widget.NewLabel(strings.TrimSpace(p.Community+" "+p.Grid))),
		widget.NewFormItem(lang.L("住址"), widget.NewLabel(p.Address)),
		widget.NewFormItem(lang.L("标签"), widget.NewLabel(joinWords(p.Tags))),
	)
	r.household = r.householdButton()
	objs := []fyne.CanvasObject{who, widget.NewCard(lang.L("户"), r.householdText(), r.household)}
	if g := r.guardianship(); g != nil {
		objs = append(objs, widget.NewCard(lang.L("监护关系"), "", g))
	}
	for _, sec := range f.Sections {
		box := container.NewVBox()
		for _, l := range sec.Lines {
			box.Add(r.open(l.Day+"  "+l.Text, l))
		}
		if len(sec.Lines) == 0 {
			box.Add(widget.NewLabel(lang.L("无记录")))
		}
		objs = append(objs, widget.NewCard(tr(sec.Title), sec.Total, box))
	}
	r.content.Objects = objs
	r.content.Refresh()
}

// householdText is the household's line: number, address, relation and attributes today.
func (r *residentFile) householdText() string {
	h := r.file.Household
	if h.ID == 0 {
		return lang.L("未登记在户")
	}
	s := fmt.Sprintf("%s  %s  %s：%s  %s", h.Number, h.AddressLine(), lang.L("户主"), h.Head, r.file.Relation)
	if len(h.Attributes) > 0 {
		s += "  " + joinWords(h.Attributes)
	}
	return s
}

// householdButton opens the household page; without a household, a writer may make one here.
func (r *residentFile) householdButton() *widget.Button {
	if h := r.file.Household; h.ID != 0 {
		return widget.NewButtonWithIcon(lang.L("打开一户一档"), theme.HomeIcon(), func() { openHouseholdPage(r.sh, h.ID, r.reload) })
	}
	b := widget.NewButtonWithIcon(lang.L("以本人为户主建户"), theme.ContentAddIcon(), r.onNewHousehold)
	if !r.sh.actor.Role.Can(data.PermPeopleWrite) {
		b.Disable()
	}
	return b
}

// guardianship lists the person's guardians and wards; each opens that person's file.
func (r *residentFile) guardianship() fyne.CanvasObject {
	f := r.file
	if len(f.Guardians)+len(f.Wards) == 0 {
		return nil
	}
	box := container.NewVBox()
	add := func(text string, id int64) {
		b := widget.NewButton(text, func() { openResidentFile(r.sh, id) })
		b.Alignment, b.Importance = widget.ButtonAlignLeading, widget.LowImportance
		box.Add(b)
	}
	for _, g := range f.Guardians {
		add(lang.L("监护人")+"："+withNotes(g.Name, g.Relation, g.Phone), g.GuardianID)
	}
	for _, g := range f.Wards {
		add(lang.L("被监护人")+"："+withNotes(g.Name, g.Relation), g.ChildID)
	}
	return box
}

// open is a line that opens its record: the resident's form, the volunteer's form, the
// household page, or the record in its own section. A line without a screen is plain text.
func (r *residentFile) open(text string, l data.FileLine) fyne.CanvasObject {
	var tap func()
	switch l.Kind {
	case data.FilePerson:
		tap = func() { openPersonForm(r.sh, l.ID, r.reload) }
	case data.FileVolunteer:
		tap = func() { r.openVolunteer(l.ID) }
	case data.FileHousehold:
		tap = func() { openHouseholdPage(r.sh, l.ID, r.reload) }
	default:
		tap = r.recordOpener(l) // residentfile_open.go
	}
	if tap == nil {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	b := widget.NewButton(text, tap)
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	r.lines, r.lineOf = append(r.lines, b), append(r.lineOf, l)
	return b
}

func (r *residentFile) openVolunteer(id int64) {
	async(r.sh, func() (data.Volunteer, error) {
		vs, err := r.sh.store.Volunteers(r.sh.ctx, data.VolunteerFilter{Query: r.file.Person.Name})
		for _, v := range vs {
			if v.ID == id {
				return v, err
			}
		}
		return data.Volunteer{}, err
	}, func(v data.Volunteer) {
		if v.ID != 0 {
			openVolunteerForm(r.sh, v, r.reload)
		}
	})
}

func (r *residentFile) onPrint() {
	r.out.document(&documents.ResidentFileDoc, documents.Values{"person": fmt.Sprintf("#%d", r.id)})
}

// onNewHousehold makes a household at the person's address with them as its head, today.
func (r *residentFile) onNewHousehold() {
	p := r.file.Person
	h := data.Household{CommunityID: p.CommunityID, GridID: p.GridID, HeadID: p.ID}
	h.Address, h.Building, h.Unit, h.Room = data.SplitAddress(p.Address)
	async(r.sh, func() (int64, error) { return r.sh.store.SaveHousehold(r.sh.ctx, h) }, func(id int64) {
		r.reload()
		openHouseholdPage(r.sh, id, r.reload)
	})
}
