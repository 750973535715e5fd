package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// appForm records a student's application for the season: up to three posts in order of
// preference, and for a minor the guardian's consent. It checks as it is typed with the store's
// rules; an application made after the matching goes to the waiting lists.
type appForm struct {
	dlg                   *formDialog
	student               *personPicker
	who                   *widget.Label
	school, grade         *keyEntry
	choices               [3]*keySelect
	guardian              *keySelect
	consentDay, consentBy *keyEntry
	consentHow            *keyEntry
	present               *widget.Check
	posts                 []data.Post
	guardians             []data.GuardianLink
	app                   data.Application
}

// openAppForm loads the season's posts off the UI thread, then shows the form (ID 0: new).
func (t *postMatchTab) openAppForm(a data.Application) {
	sh, y := t.p.sh, t.p.seasonYear()
	async(sh, func() ([]data.Post, error) { return sh.store.Posts(sh.ctx, data.PostFilter{Season: y}) }, func(ps []data.Post) {
		if a.ID == 0 {
			a.Season = y
		}
		t.form = newAppForm(t, ps, a)
	})
}

func newAppForm(t *postMatchTab, posts []data.Post, a data.Application) *appForm {
	sh := t.p.sh
	f := &appForm{posts: posts, app: a, who: widget.NewLabel(a.Student), school: newEntry(sh), grade: newEntry(sh), consentDay: newEntry(sh),
		consentBy: newEntry(sh), consentHow: newEntry(sh), present: widget.NewCheck(lang.L("监护人在场陪同（未满 14 岁必须）"), nil)}
	f.student = newPersonPicker(sh, func(p data.Person) { f.pickStudent(p) })
	f.student.showAge = true
	opts := []string{lang.L("（无）")}
	for _, p := range posts {
		opts = append(opts, p.Shop+"「"+p.Title+"」"+tr(string(p.Kind)))
	}
	for i := range f.choices {
		f.choices[i] = newSelect(opts, nil)
		f.choices[i].SetSelectedIndex(0)
	}
	for i, c := range a.Choices {
		for j, p := range posts {
			if p.ID == c && i < len(f.choices) {
				f.choices[i].SetSelectedIndex(j + 1)
			}
		}
	}
	f.guardian = newSelect([]string{lang.L("（无）")}, nil)
	f.guardian.SetSelectedIndex(0)
	f.school.SetText(a.School)
	f.grade.SetText(a.Grade)
	f.grade.SetPlaceHolder(lang.L("如 初二、高一"))
	f.consentDay.SetText(a.Consent.Day)
	f.consentDay.SetPlaceHolder("YYYY-MM-DD")
	f.consentBy.SetText(a.Consent.By)
	f.consentHow.SetText(a.Consent.How)
	f.consentHow.SetPlaceHolder(lang.L("如 书面签字"))
	f.present.SetChecked(a.GuardianPresent)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("学生"), f.who)}
	if a.ID == 0 {
		items = append(items, widget.NewFormItem(lang.L("查找学生"), f.student.view()))
	} else {
		f.loadGuardians(a.PersonID, a.GuardianID)
	}
	items = append(items, widget.NewFormItem(lang.L("学校"), f.school), widget.NewFormItem(lang.L("年级"), f.grade),
		widget.NewFormItem(lang.L("第1志愿"), f.choices[0]), widget.NewFormItem(lang.L("第2志愿"), f.choices[1]),
		widget.NewFormItem(lang.L("第3志愿"), f.choices[2]), widget.NewFormItem(lang.L("监护人"), f.guardian),
		widget.NewFormItem(lang.L("监护人同意日期"), f.consentDay), widget.NewFormItem(lang.L("同意人"), f.consentBy),
		widget.NewFormItem(lang.L("同意方式"), f.consentHow), widget.NewFormItem("", f.present))
	title := lang.L("新增报名")
	if a.ID != 0 {
		title = a.Student
	}
	f.dlg = newFormDialog(sh, title, lang.L("保存"), items, func() (func() error, error) {
		v, err := f.value()
		if err != nil {
			return nil, err
		}
		return func() error { _, err := sh.store.SaveApplication(sh.ctx, v); return err }, nil
	}, t.refresh)
	f.dlg.liveCheck(func() error { _, err := f.value(); return err })
	f.dlg.Show(680)
	if a.ID == 0 {
		sh.win.Canvas().Focus(f.student.search)
	} else {
		sh.win.Canvas().Focus(f.school)
	}
	return f
}

// pickStudent takes the resident picked and offers their guardians.
func (f *appForm) pickStudent(p data.Person) {
	f.app.PersonID = p.ID
	f.who.SetText(f.student.label(p))
	f.loadGuardians(p.ID, 0)
}

// loadGuardians reads a student's guardians off the UI thread and offers them (picking want, or
// the only one).
func (f *appForm) loadGuardians(student, want int64) {
	sh := f.dlg.sh
	async(sh, func() ([]data.GuardianLink, error) { return sh.store.Guardians(sh.ctx, student) }, func(gs []data.GuardianLink) {
		f.guardians = gs
		opts := []string{lang.L("（无）")}
		pick := 0
		for i, g := range gs {
			opts = append(opts, withNotes(g.Name, tr(g.Relation)))
			if g.GuardianID == want || len(gs) == 1 {
				pick = i + 1
			}
		}
		f.guardian.SetOptions(opts)
		f.guardian.SetSelectedIndex(pick)
	})
}

// value is the application the form holds, normalized and checked by the store's rules.
func (f *appForm) value() (data.Application, error) {
	a := f.app
	a.School, a.Grade, a.GuardianPresent, a.Choices, a.GuardianID = f.school.Text, f.grade.Text, f.present.Checked, nil, 0
	a.Consent = data.Consent{Day: f.consentDay.Text, By: f.consentBy.Text, How: f.consentHow.Text}
	for _, c := range f.choices {
		if i := c.SelectedIndex(); i > 0 {
			a.Choices = append(a.Choices, f.posts[i-1].ID)
		}
	}
	if i := f.guardian.SelectedIndex(); i > 0 && i-1 < len(f.guardians) {
		a.GuardianID = f.guardians[i-1].GuardianID
	}
	a.Normalize()
	err := a.Validate()
	if de, ok := err.(*data.Error); ok { // 「志愿」 (none chosen) is said under the first choice
		for i := range de.Fields {
			if de.Fields[i].Field == "志愿" {
				de.Fields[i].Field = "第1志愿"
			}
		}
	}
	return a, err
}
