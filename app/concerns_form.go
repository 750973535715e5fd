package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// concernForm records a 民情 with the keyboard alone: the fields in Tab order (the drop-downs
// change with ← and →), Return in any line saves. The community, category and channel keep what
// was used last, the date is today.
type concernForm struct {
	dlg                       *formDialog
	text, place, name, raised *keyEntry
	community, grid           *keySelect
	category, channel         *keySelect
	resident                  *personPicker
	person                    data.Person
	comms                     []data.Community
}

// lastConcern remembers the last community, category and channel recorded in this window.
var lastConcern struct{ community, category, channel string }

func (t *concernListTab) onNew() {
	sh := t.c.sh
	type lists struct {
		comms []data.Community
		cats  []string
	}
	async(sh, func() (lists, error) {
		cs, err := sh.store.Communities(sh.ctx)
		if err != nil {
			return lists{}, err
		}
		cats, err := sh.store.ConcernCategories(sh.ctx)
		return lists{cs, cats}, err
	}, func(l lists) {
		t.form = newConcernForm(t, l.comms, l.cats)
		t.form.dlg.Show(680)
		sh.win.Canvas().Focus(t.form.text)
	})
}

func newConcernForm(t *concernListTab, comms []data.Community, cats []string) *concernForm {
	sh := t.c.sh
	f := &concernForm{text: newEntry(sh), place: newEntry(sh), name: newEntry(sh), raised: newEntry(sh), comms: comms}
	f.text.SetPlaceHolder(lang.L("如：广场舞噪音扰民，希望社区帮忙协调"))
	f.place.SetPlaceHolder(lang.L("地点或楼栋，如 3 幢东侧"))
	f.name.SetPlaceHolder(lang.L("不填为匿名；商户、路人写姓名"))
	f.raised.SetText(sh.now().Format("2006-01-02"))
	names := make([]string, len(comms))
	for i, c := range comms {
		names[i] = c.Name
	}
	f.grid = newSelect(nil, nil)
	f.community = newSelect(names, func(string) { f.fillGrids() })
	f.category = newSelect(cats, nil)
	f.channel = newSelect(data.ConcernChannels, nil)
	selectOr(f.community, lastConcern.community)
	selectOr(f.category, lastConcern.category)
	selectOr(f.channel, lastConcern.channel)
	f.resident = newPersonPicker(sh, func(p data.Person) { f.person = p })
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("反映内容"), f.text), widget.NewFormItem(lang.L("地点"), f.place),
		widget.NewFormItem(lang.L("类别"), f.category), widget.NewFormItem(lang.L("反映渠道"), f.channel),
		widget.NewFormItem(lang.L("社区"), f.community), widget.NewFormItem(lang.L("网格"), f.grid),
		widget.NewFormItem(lang.L("反映人"), f.name), widget.NewFormItem(lang.L("居民（可选）"), f.resident.view()),
		widget.NewFormItem(lang.L("反映日期"), f.raised),
	}
	f.dlg = newFormDialog(sh, lang.L("登记民情"), lang.L("保存"), items, f.submit(sh), t.refresh)
	return f
}

// selectOr selects want if it is an option, else the first option.
func selectOr(s *keySelect, want string) {
	for i, o := range s.Options {
		if o == want {
			s.SetSelectedIndex(i)
			return
		}
	}
	if len(s.Options) > 0 {
		s.SetSelectedIndex(0)
	}
}

func (f *concernForm) fillGrids() {
	opts := []string{lang.L("（不分网格）")}
	if i := f.community.SelectedIndex(); i >= 0 {
		for _, g := range f.comms[i].Grids {
			opts = append(opts, g.Name)
		}
	}
	f.grid.SetOptions(opts)
	f.grid.SetSelectedIndex(0)
}

// concern is what the form holds.
func (f *concernForm) concern() data.Concern {
	c := data.Concern{Text: f.text.Text, Place: f.place.Text, Category: f.category.Selected, Channel: f.channel.Selected,
		RaisedOn: f.raised.Text, ReporterName: f.name.Text, ReporterKind: data.ReporterAnonymous}
	if i := f.community.SelectedIndex(); i >= 0 {
		c.CommunityID = f.comms[i].ID
		if g := f.grid.SelectedIndex(); g > 0 && g-1 < len(f.comms[i].Grids) {
			c.GridID = f.comms[i].Grids[g-1].ID
		}
	}
	switch {
	case f.person.ID != 0:
		c.ReporterKind, c.PersonID, c.ReporterName = data.ReporterResident, f.person.ID, ""
	case f.name.Text != "":
		c.ReporterKind = data.ReporterNamed
	}
	return c
}

func (f *concernForm) submit(sh *shell) func() (func() error, error) {
	return func() (func() error, error) {
		c := f.concern()
		c.Normalize()
		if err := c.Validate(); err != nil {
			return nil, err
		}
		lastConcern.community, lastConcern.category, lastConcern.channel = f.community.Selected, f.category.Selected, f.channel.Selected
		return func() error {
			got, err := sh.store.CreateConcern(sh.ctx, c)
			if err == nil {
				sh.do(func() { sh.notice(lang.L("已登记") + " " + got.Number) })
			}
			return err
		}, nil
	}
}
