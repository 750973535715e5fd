package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// personForm adds or edits one resident. Fields are checked as they are typed (ID checksum,
// date, phone); saving checks them together (birth date and sex must agree with the ID).
type personForm struct {
	sh                                 *shell
	person                             data.Person
	comms                              []data.Community
	name, idNumber, birth, phone       *keyEntry // Escape and Return answer in every field
	address, notes, emergency, emergPh *keyEntry
	sex, community, grid               *keySelect
	tags                               *widget.CheckGroup
	reveal, save, del                  *widget.Button
	guardians                          *guardianPanel
	dlg                                dialog.Dialog
	edits                              *edits // what the fields held when the form opened
	onDone                             func()
	onClosed                           func() // however the form closes (may be nil)
	revealed                           bool
	idHint                             *widget.Label // a 15-digit number's 18-digit form
}

// openPersonForm loads the person (0: a new one) and the communities, then shows the form;
// onDone runs after a save or a delete.
func openPersonForm(sh *shell, id int64, onDone func()) *personForm {
	return openPersonFormWith(sh, id, onDone, nil)
}

// openPersonFormWith is openPersonForm with onClosed, run however the form closes (the 报名
// form opens a child's form to add a guardian, and looks again afterwards).
func openPersonFormWith(sh *shell, id int64, onDone, onClosed func()) *personForm {
	f := &personForm{sh: sh, onDone: onDone, onClosed: onClosed, name: newEntry(sh), idNumber: newEntry(sh), birth: newEntry(sh),
		phone: newEntry(sh), address: newEntry(sh), notes: newMultiLineEntry(sh), emergency: newEntry(sh),
		emergPh: newEntry(sh), sex: newSelect([]string{data.Male, data.Female}, nil),
		community: newSelect(nil, nil), grid: newSelect(nil, nil), tags: widget.NewCheckGroup(data.KnownTags, nil)}
	f.tags.Horizontal = true
	f.idHint = widget.NewLabel("")
	f.idHint.Hide()
	now := sh.now
	f.idNumber.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" || strings.Contains(s, "*") {
			return nil
		}
		info, err := data.ParseID(s, now())
		if f.idHint != nil {
			f.showLegacyID(info)
		}
		return plain(err)
	}
	f.birth.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := data.ParseDate(s)
		return err
	}
	f.birth.SetPlaceHolder("1945-03-12")
	phoneCheck := func(s string) error {
		if strings.Contains(s, "*") {
			return nil
		}
		_, err := data.NormalizePhone(s)
		return plain(err)
	}
	f.phone.Validator, f.emergPh.Validator = phoneCheck, phoneCheck
	f.community.OnChanged = func(string) { f.fillGrids("") }
	f.save = widget.NewButtonWithIcon(lang.L("保存"), theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.del = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), f.onDelete)
	f.reveal = widget.NewButtonWithIcon(lang.L("显示完整号码"), theme.VisibilityIcon(), f.onReveal)
	if !sh.actor.Role.Can(data.PermPeopleWrite) {
		f.save.Disable()
		f.del.Disable()
	}
	if !sh.actor.Role.Can(data.PermReveal) {
		f.reveal.Disable()
	}
	type loaded struct {
		p     data.Person
		comms []data.Community
	}
	async(sh, func() (loaded, error) {
		cs, err := sh.store.Communities(sh.ctx)
		if err != nil || id == 0 {
			return loaded{comms: cs}, err
		}
		p, err := sh.store.Person(sh.ctx, id)
		return loaded{p, cs}, err
	}, func(l loaded) {
		f.person, f.comms = l.p, l.comms
		f.fill()
		f.show()
	})
	return f
}

// plain turns a field error into its message alone (the entry shows which field it is).
func plain(err error) error {
	var e *data.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return errors.New(e.Fields[0].Message)
	}
	return err
}

func (f *personForm) fill() {
	p := f.person
	f.name.SetText(p.Name)
	f.idNumber.SetText(data.MaskID(p.IDNumber))
	f.phone.SetText(data.MaskPhone(p.Phone))
	f.emergPh.SetText(data.MaskPhone(p.EmergencyPhone))
	if p.ID == 0 {
		f.idNumber.SetText("")
		f.phone.SetText("")
		f.reveal.Hide()
		f.del.Hide()
	}
	f.birth.SetText(p.BirthDate)
	f.sex.SetSelected(p.Sex)
	f.address.SetText(p.Address)
	f.notes.SetText(p.Notes)
	f.emergency.SetText(p.EmergencyContact)
	f.tags.SetSelected(p.Tags)
	var opts []string
	for _, c := range f.comms {
		opts = append(opts, c.Name)
	}
	f.community.SetOptions(opts)
	if p.Community != "" {
		f.community.SetSelected(p.Community)
	} else if len(opts) > 0 {
		f.community.SetSelectedIndex(0)
	}
	f.fillGrids(p.Grid)
}

func (f *personForm) fillGrids(sel string) {
	opts := []string{lang.L("（无）")}
	if i := f.community.SelectedIndex(); i >= 0 {
		for _, g := range f.comms[i].Grids {
			opts = append(opts, g.Name)
		}
	}
	f.grid.SetOptions(opts)
	f.grid.SetSelectedIndex(0)
	if sel != "" {
		f.grid.SetSelected(sel)
	}
}

// showLegacyID says, under the ID entry, which 18-digit number a 15-digit one is saved as.
func (f *personForm) showLegacyID(info data.IDInfo) {
	if info.Legacy == "" {
		f.idHint.Hide()
		return
	}
	f.idHint.SetText(fmt.Sprintf(lang.L("15 位旧号码，保存时按 GB 11643 转换为 18 位：%s"), info.Number))
	f.idHint.Show()
}

func (f *personForm) show() {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("姓名"), f.name),
		widget.NewFormItem(lang.L("身份证号"), container.NewVBox(container.NewBorder(nil, nil, nil, f.reveal, f.idNumber), f.idHint)),
		widget.NewFormItem(lang.L("性别"), f.sex),
		widget.NewFormItem(lang.L("出生日期"), f.birth),
		widget.NewFormItem(lang.L("联系电话"), f.phone),
		widget.NewFormItem(lang.L("社区"), f.community),
		widget.NewFormItem(lang.L("网格"), f.grid),
		widget.NewFormItem(lang.L("住址"), f.address),
		widget.NewFormItem(lang.L("标签"), f.tags),
		widget.NewFormItem(lang.L("紧急联系人"), f.emergency),
		widget.NewFormItem(lang.L("紧急联系电话"), f.emergPh),
		widget.NewFormItem(lang.L("备注"), f.notes),
	)
	hint := widget.NewLabel(lang.L("填写身份证号后，出生日期和性别可留空，将按证件自动填写；若填写则须与证件一致。"))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(form, hint)
	if f.person.ID != 0 && f.person.Age(f.sh.now()) >= 0 && f.person.Age(f.sh.now()) < 18 {
		f.guardians = newGuardianPanel(f.sh, f.person.ID)
		content.Add(widget.NewCard(lang.L("监护人"), "", f.guardians.view()))
	}
	title := lang.L("新增居民")
	if f.person.ID != 0 {
		title = lang.L("居民档案") + "：" + f.person.Name
	}
	var d dialog.Dialog
	closeBtn := widget.NewButton(lang.L("关闭"), func() { f.edits.close(d.Hide) })
	buttons := container.NewHBox(f.del, layoutSpacer(), closeBtn, f.save)
	if id := f.person.ID; id != 0 { // the one-page file of everything the office does for them
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("一人一档"), theme.FileIcon(),
			func() { openResidentFile(f.sh, id) })}, buttons.Objects...)
	}
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(content)), f.sh.win)
	d.Resize(fyne.NewSize(720, 680))
	d.SetOnClosed(func() {
		f.edits.done()
		if f.onClosed != nil {
			f.onClosed()
		}
	})
	if !f.sh.actor.Role.Can(data.PermPeopleWrite) {
		readOnly(form) // 只读 sees the record, and cannot type into it
	}
	f.dlg = d
	f.edits = f.sh.watchEdits(form)
	d.Show()
}

func (f *personForm) onReveal() {
	id := f.person.ID
	async(f.sh, func() ([2]string, error) {
		n, ph, err := f.sh.store.RevealPerson(f.sh.ctx, id)
		return [2]string{n, ph}, err
	}, func(v [2]string) {
		f.person.IDNumber, f.person.Phone = v[0], v[1]
		f.idNumber.SetText(v[0])
		f.phone.SetText(v[1])
		f.revealed = true
		f.reveal.Disable()
	})
}

// collect reads the form into a Person; masked fields keep their stored values.
func (f *personForm) collect() data.Person {
	p := f.person
	p.Name, p.Sex, p.BirthDate, p.Address, p.Notes = f.name.Text, f.sex.Selected, f.birth.Text, f.address.Text, f.notes.Text
	p.EmergencyContact = f.emergency.Text
	if !strings.Contains(f.idNumber.Text, "*") {
		p.IDNumber = f.idNumber.Text
	}
	if !strings.Contains(f.phone.Text, "*") {
		p.Phone = f.phone.Text
	}
	if !strings.Contains(f.emergPh.Text, "*") {
		p.EmergencyPhone = f.emergPh.Text
	}
	p.Tags = f.tags.Selected
	p.CommunityID, p.GridID = 0, 0
	if i := f.community.SelectedIndex(); i >= 0 {
		c := f.comms[i]
		p.CommunityID = c.ID
		if j := f.grid.SelectedIndex(); j > 0 {
			p.GridID = c.Grids[j-1].ID
		}
	}
	return p
}

func (f *personForm) onSave() {
	p := f.collect()
	if p.ID != 0 && !f.revealed && (strings.Contains(f.person.IDNumber, "*") || strings.Contains(f.person.Phone, "*")) {
		f.sh.showError(&data.Error{Code: data.CodeInvalid, Message: lang.L("请先点“显示完整号码”，再修改并保存")})
		return
	}
	async(f.sh, func() (int64, error) { return f.sh.store.SavePerson(f.sh.ctx, p) }, func(int64) {
		f.dlg.Hide()
		if f.onDone != nil {
			f.onDone()
		}
	})
}

func (f *personForm) onDelete() {
	id, name := f.person.ID, f.person.Name
	dialog.ShowConfirm(lang.L("删除居民"), fmt.Sprintf(lang.L("确定删除 %s 的档案吗？"), name), func(ok bool) {
		if !ok {
			return
		}
		f.sh.background(func() {
			err := f.sh.store.DeletePerson(f.sh.ctx, id)
			f.sh.do(func() {
				switch {
				case err == nil:
					f.dlg.Hide()
					f.onDone()
				case errors.Is(err, data.ErrConflict):
					f.offerErase(id, name, data.Message(err))
				default:
					f.sh.showError(err)
				}
			})
		})
	}, f.sh.win)
}

// offerErase is shown when history refers to the person: their personal fields can be removed
// (PIPL Art. 47) while the anonymised row keeps ledgers adding up.
func (f *personForm) offerErase(id int64, name, why string) {
	dialog.ShowConfirm(lang.L("删除个人信息"), why+"\n\n"+fmt.Sprintf(lang.L("删除 %s 的姓名、证件号、电话、地址等个人信息，只保留匿名记录？此操作不能撤销。"), name),
		func(ok bool) {
			if !ok {
				return
			}
			async(f.sh, func() (struct{}, error) { return struct{}{}, f.sh.store.ErasePerson(f.sh.ctx, id) }, func(struct{}) {
				f.dlg.Hide()
				f.onDone()
			})
		}, f.sh.win)
}
