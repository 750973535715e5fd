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
)

// visitsTab: the corps' roles and the 「社会妈妈」 visits with who is still to be visited.
type visitsTab struct {
	c        *childrenScreen
	roles    *widget.Label
	festival *keySelect
	pending  *widget.Label
	visits   *widget.Label
	fests    []data.Festival
	box      fyne.CanvasObject
}

func newVisitsTab(c *childrenScreen) *visitsTab {
	t := &visitsTab{c: c, roles: widget.NewLabel(""), festival: newSelect(nil, nil), pending: widget.NewLabel(""), visits: widget.NewLabel("")}
	for _, l := range []*widget.Label{t.roles, t.pending, t.visits} {
		l.Wrapping = fyne.TextWrapWord
	}
	t.festival.OnChanged = func(string) { t.loadPending() }
	assign := widget.NewButtonWithIcon(lang.L("分配观察团角色"), theme.ContentAddIcon(), t.onAssign)
	visit := widget.NewButtonWithIcon(lang.L("登记走访"), theme.ContentAddIcon(), t.onVisit)
	if !c.canWrite() {
		assign.Disable()
		visit.Disable()
	}
	left := container.NewVBox(heading(lang.L("观察团角色")), assign, t.roles)
	right := container.NewVBox(heading(lang.L("「社会妈妈」走访")), container.NewHBox(widget.NewLabel(lang.L("节日")), t.festival, visit),
		t.pending, widget.NewSeparator(), t.visits)
	split := container.NewHSplit(container.NewVScroll(left), container.NewVScroll(right))
	split.Offset = 0.4
	t.box = split
	return t
}

func (t *visitsTab) load() {
	if t.c.current == nil {
		return
	}
	sh, id := t.c.sh, t.c.current.ID
	async(sh, func() ([]data.RoleHolder, error) { return sh.store.RoleHolders(sh.ctx, id) }, func(hs []data.RoleHolder) {
		var lines []string
		for _, h := range hs {
			cur := ""
			if h.Current {
				cur = lang.L("（现任）")
			}
			lines = append(lines, fmt.Sprintf(lang.L("%s：%s%s  %s 至 %s，参加活动 %d 次"), tr(h.Role), h.Child, cur, h.From, h.To, h.Activities))
		}
		if len(lines) == 0 {
			lines = []string{lang.L("（本项目没有观察团角色）")}
		}
		t.roles.SetText(strings.Join(lines, "\n"))
	})
	year := sh.now().Year()
	// This year's festivals and next year's: the first one still to come is offered.
	t.fests = append(data.Festivals(year), data.Festivals(year+1)...)
	var opts []string
	next := -1
	today := sh.now().Format("2006-01-02")
	for i, f := range t.fests {
		opts = append(opts, tr(f.Name)+" "+f.Day)
		if f.Day >= today && next < 0 {
			next = i
		}
	}
	t.festival.SetOptions(opts)
	t.festival.SetSelectedIndex(next)
	async(sh, func() ([]data.Visit, error) { return sh.store.Visits(sh.ctx, year) }, func(vs []data.Visit) {
		var lines []string
		for i, v := range vs {
			if i == 30 {
				lines = append(lines, fmt.Sprintf(lang.L("……共 %d 次"), len(vs)))
				break
			}
			lines = append(lines, fmt.Sprintf("%s %s  %s  %s  %s", v.Day, tr(v.Festival), v.Child, v.Names, v.Gifts))
		}
		t.visits.SetText(lang.L("今年的走访：") + "\n" + strings.Join(lines, "\n"))
	})
}

func (t *visitsTab) loadPending() {
	i := t.festival.SelectedIndex()
	if i < 0 {
		return
	}
	sh, f := t.c.sh, t.fests[i]
	year := 0
	fmt.Sscan(f.Day[:4], &year)
	async(sh, func() ([]data.Person, error) { return sh.store.NotYetVisited(sh.ctx, year, f.Name) }, func(ps []data.Person) {
		var names []string
		for _, p := range ps {
			names = append(names, p.Name+"（"+p.Community+"）")
		}
		t.pending.SetText(fmt.Sprintf(lang.L("%s前尚未走访（%d 人）："), tr(f.Name), len(ps)) + strings.Join(names, "、"))
	})
}

func (t *visitsTab) onAssign() {
	sh, p := t.c.sh, t.c.current
	async(sh, func() ([]data.Enrollment, error) { return sh.store.Enrollments(sh.ctx, p.ID) }, func(es []data.Enrollment) {
		var names []string
		var ids []int64
		for _, e := range es {
			if e.Status == data.EnrolActive {
				names, ids = append(names, e.Child), append(ids, e.ChildID)
			}
		}
		who, role, from, to := newSelect(names, nil), newSelect(data.CorpsRoles, nil), widget.NewEntry(), widget.NewEntry()
		from.SetText(sh.now().Format("2006-01-02"))
		to.SetText(p.End)
		dialog.ShowForm(lang.L("分配观察团角色"), lang.L("保存"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("成员"), who),
			widget.NewFormItem(lang.L("角色"), role), widget.NewFormItem(lang.L("任期开始"), from), widget.NewFormItem(lang.L("任期结束"), to)}, func(ok bool) {
			if !ok || who.SelectedIndex() < 0 {
				return
			}
			c, r, f, e := ids[who.SelectedIndex()], role.Selected, from.Text, to.Text
			async(sh, func() (struct{}, error) { return struct{}{}, sh.store.AssignRole(sh.ctx, p.ID, c, r, f, e) }, func(struct{}) { t.load() })
		}, sh.win)
	})
}

func (t *visitsTab) onVisit() {
	sh := t.c.sh
	i := t.festival.SelectedIndex()
	type lists struct {
		kids []data.Person
		vols []data.Volunteer
	}
	fest := data.Festival{}
	if i >= 0 {
		fest = t.fests[i]
	}
	year := sh.now().Year()
	if fest.Day != "" {
		fmt.Sscan(fest.Day[:4], &year)
	}
	async(sh, func() (lists, error) {
		kids, err := sh.store.NotYetVisited(sh.ctx, year, fest.Name)
		if err != nil {
			return lists{}, err
		}
		vols, err := sh.store.Volunteers(sh.ctx, data.VolunteerFilter{Kind: "巾帼志愿者", ActiveOnly: true})
		return lists{kids, vols}, err
	}, func(l lists) {
		var kn, vn []string
		for _, k := range l.kids {
			kn = append(kn, k.Name+"（"+k.Community+"）")
		}
		for _, v := range l.vols {
			vn = append(vn, v.Person.Name)
		}
		child, mothers, day, gifts, notes := newSelect(kn, nil), widget.NewCheckGroup(vn, nil), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		day.SetText(sh.now().Format("2006-01-02"))
		dialog.ShowForm(lang.L("登记走访")+" · "+tr(fest.Name), lang.L("保存"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("儿童"), child),
			widget.NewFormItem(lang.L("社会妈妈"), container.NewVScroll(mothers)), widget.NewFormItem(lang.L("日期"), day),
			widget.NewFormItem(lang.L("礼物"), gifts), widget.NewFormItem(lang.L("情况记录"), notes)}, func(ok bool) {
			if !ok || child.SelectedIndex() < 0 {
				return
			}
			v := data.Visit{ChildID: l.kids[child.SelectedIndex()].ID, Day: day.Text, Festival: fest.Name, FestivalDay: fest.Day, Gifts: gifts.Text, Notes: notes.Text, Minutes: 60}
			for j, name := range vn {
				if inStrings(name, mothers.Selected) {
					v.Volunteers = append(v.Volunteers, l.vols[j].ID)
				}
			}
			async(sh, func() (int64, error) { return sh.store.RecordVisit(sh.ctx, v) }, func(int64) { t.load(); t.loadPending() })
		}, sh.win)
	})
}
