package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// guardianPanel lists a child's guardians and links new ones found by name.
type guardianPanel struct {
	sh       *shell
	child    int64
	links    []data.GuardianLink
	list     *fyne.Container
	search   *widget.Entry
	found    *keySelect
	relation *keySelect
	matches  []data.Person
}

func newGuardianPanel(sh *shell, child int64) *guardianPanel {
	g := &guardianPanel{sh: sh, child: child, list: container.NewVBox(), search: widget.NewEntry(),
		found: newSelect(nil, nil), relation: newSelect(data.GuardianRelations, nil)}
	g.search.SetPlaceHolder(lang.L("输入监护人姓名查找"))
	g.search.OnSubmitted = func(string) { g.find() }
	g.relation.SetSelectedIndex(1)
	g.load()
	return g
}

func (g *guardianPanel) view() fyne.CanvasObject {
	find := widget.NewButtonWithIcon("", theme.SearchIcon(), g.find)
	add := widget.NewButtonWithIcon(lang.L("添加监护人"), theme.ContentAddIcon(), g.add)
	if !g.sh.actor.Role.Can(data.PermPeopleWrite) {
		add.Disable()
	}
	return container.NewVBox(g.list, container.NewBorder(nil, nil, nil, find, g.search), container.NewHBox(g.found, g.relation, add))
}

func (g *guardianPanel) load() {
	async(g.sh, func() ([]data.GuardianLink, error) { return g.sh.store.Guardians(g.sh.ctx, g.child) }, func(ls []data.GuardianLink) {
		g.links = ls
		g.list.Objects = nil
		for _, l := range ls {
			l := l
			rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
				async(g.sh, func() (struct{}, error) {
					return struct{}{}, g.sh.store.RemoveGuardian(g.sh.ctx, l.ChildID, l.GuardianID)
				},
					func(struct{}) { g.load() })
			})
			g.list.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(l.Relation+"："+l.Name+"  "+data.MaskPhone(l.Phone))))
		}
		if len(ls) == 0 {
			g.list.Add(widget.NewLabel(lang.L("尚未登记监护人")))
		}
		g.list.Refresh()
	})
}

func (g *guardianPanel) find() {
	q := g.search.Text
	async(g.sh, func() ([]data.Person, error) {
		return g.sh.store.People(g.sh.ctx, data.PeopleFilter{Query: q, Limit: 30})
	}, func(ps []data.Person) {
		g.matches = nil
		var opts []string
		for _, p := range ps {
			if a := p.Age(g.sh.now()); p.ID != g.child && (a < 0 || a >= 18) {
				g.matches = append(g.matches, p)
				opts = append(opts, withNotes(p.Name, p.Community, data.MaskPhone(p.Phone)))
			}
		}
		g.found.SetOptions(opts)
		if len(opts) > 0 {
			g.found.SetSelectedIndex(0)
		}
	})
}

func (g *guardianPanel) add() {
	i := g.found.SelectedIndex()
	if i < 0 || i >= len(g.matches) {
		return
	}
	gid, rel := g.matches[i].ID, g.relation.Selected
	async(g.sh, func() (struct{}, error) { return struct{}{}, g.sh.store.SetGuardian(g.sh.ctx, g.child, gid, rel) },
		func(struct{}) { g.load() })
}
