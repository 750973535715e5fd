package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// householdMoveIn is the household page's 迁入 row: a resident found by the registry's search,
// their relation to the head and the day.
type householdMoveIn struct {
	h        *householdPage
	picker   *personPicker
	person   data.Person
	relation *keySelect
	day      *widget.Entry
	add      *widget.Button
}

func newHouseholdMoveIn(h *householdPage) *householdMoveIn {
	m := &householdMoveIn{h: h, relation: newSelect(data.HouseholdRelations[1:], nil), day: widget.NewEntry()}
	m.picker = newPersonPicker(h.sh, func(p data.Person) { m.person = p })
	m.day.SetText(h.sh.store.Today())
	m.add = widget.NewButtonWithIcon(lang.L("迁入"), theme.ContentAddIcon(), m.onAdd)
	return m
}

func (m *householdMoveIn) view() fyne.CanvasObject {
	form := widget.NewForm(widget.NewFormItem(lang.L("成员"), m.picker.view()),
		widget.NewFormItem(lang.L("与户主关系"), m.relation), widget.NewFormItem(lang.L("迁入日期"), m.day))
	return widget.NewCard(lang.L("迁入成员"), lang.L("已住在其他户的居民将同时从原户迁出"), container.NewVBox(form, container.NewHBox(layoutSpacer(), m.add)))
}

func (m *householdMoveIn) onAdd() {
	mem := data.HouseholdMember{HouseholdID: m.h.id, PersonID: m.person.ID, Relation: m.relation.Selected, From: m.day.Text}
	if err := func() error { c := mem; c.Normalize(); return c.Validate() }(); err != nil {
		m.h.sh.showError(err)
		return
	}
	async(m.h.sh, func() (int64, error) { return m.h.sh.store.MoveIn(m.h.sh.ctx, mem) }, func(int64) {
		m.person = data.Person{}
		m.picker.search.SetText("")
		m.h.changed()
	})
}

// householdAttrForm records an attribute of the household from a day.
type householdAttrForm struct {
	h    *householdPage
	kind *keySelect
	from *widget.Entry
	note *widget.Entry
	add  *widget.Button
}

func newHouseholdAttrForm(h *householdPage) *householdAttrForm {
	f := &householdAttrForm{h: h, kind: newSelect(data.HouseholdAttributeKinds, nil), from: widget.NewEntry(), note: widget.NewEntry()}
	f.from.SetText(h.sh.store.Today())
	f.note.SetPlaceHolder(lang.L("如：民政审批、街道认定"))
	f.add = widget.NewButtonWithIcon(lang.L("登记户属性"), theme.ContentAddIcon(), f.onAdd)
	return f
}

func (f *householdAttrForm) view() fyne.CanvasObject {
	form := widget.NewForm(widget.NewFormItem(lang.L("户属性"), f.kind), widget.NewFormItem(lang.L("开始日期"), f.from),
		widget.NewFormItem(lang.L("说明"), f.note))
	return widget.NewCard(lang.L("登记户属性"), "", container.NewVBox(form, container.NewHBox(layoutSpacer(), f.add)))
}

func (f *householdAttrForm) onAdd() {
	a := data.HouseholdAttribute{HouseholdID: f.h.id, Kind: f.kind.Selected, From: f.from.Text, Note: f.note.Text}
	if err := func() error { c := a; c.Normalize(); return c.Validate() }(); err != nil {
		f.h.sh.showError(err)
		return
	}
	async(f.h.sh, func() (int64, error) { return f.h.sh.store.AddHouseholdAttribute(f.h.sh.ctx, a) }, func(int64) {
		f.note.SetText("")
		f.h.changed()
	})
}
