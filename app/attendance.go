package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// attendanceTab is the grid of children × sessions: one tap cycles 出勤 / 缺勤 / 请假, 「全部出勤」
// marks a session; changes are kept until 保存, which writes them in one transaction.
type attendanceTab struct {
	c       *childrenScreen
	g       data.AttendanceSheet
	changes map[[2]int64]string
	rates   []data.ChildRate
	table   *widget.Table
	session *widget.Select
	save    *widget.Button
	status  *widget.Label
	box     fyne.CanvasObject
}

func newAttendanceTab(c *childrenScreen) *attendanceTab {
	t := &attendanceTab{c: c, changes: map[[2]int64]string{}, session: newSelect(nil, nil), status: widget.NewLabel("")}
	// Column 0 is the child's name, then one column per session, then the rate.
	t.table = widget.NewTableWithHeaders(func() (int, int) { return len(t.g.Children), len(t.g.Sessions) + 2 },
		func() fyne.CanvasObject { return widget.NewLabel("请假请") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.cell(id)) })
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Col == 0:
			l.SetText(lang.L("儿童"))
		case id.Col >= 1 && id.Col <= len(t.g.Sessions):
			l.SetText(t.g.Sessions[id.Col-1].Day[5:])
		case id.Col == len(t.g.Sessions)+1:
			l.SetText(lang.L("出勤率"))
		default:
			l.SetText("")
		}
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		t.tap(id.Row, id.Col)
	}
	all := widget.NewButtonWithIcon(lang.L("全部出勤"), theme.ConfirmIcon(), t.allPresent)
	t.save = widget.NewButtonWithIcon(lang.L("保存考勤"), theme.DocumentSaveIcon(), t.onSave)
	t.save.Importance = widget.HighImportance
	if !c.canWrite() {
		all.Disable()
		t.save.Disable()
	}
	t.save.Disable()
	top := container.NewVBox(container.NewHBox(widget.NewLabel(lang.L("场次")), t.session, all, t.save), t.status)
	t.box = container.NewBorder(top, nil, nil, nil, t.table)
	return t
}

func (t *attendanceTab) mark(session, child int64) string {
	k := [2]int64{session, child}
	if m, ok := t.changes[k]; ok {
		return m
	}
	return t.g.Marks[k]
}

func (t *attendanceTab) cell(id widget.TableCellID) string {
	if id.Row >= len(t.g.Children) {
		return ""
	}
	c := t.g.Children[id.Row]
	if id.Col == 0 {
		return c.Child
	}
	if id.Col == len(t.g.Sessions)+1 {
		r := t.rates[id.Row]
		if r.Held == 0 {
			return "—"
		}
		s := fmt.Sprintf("%d%%", r.Present*100/r.Held)
		if r.Meets {
			s += " ✓"
		}
		return s
	}
	return t.mark(t.g.Sessions[id.Col-1].ID, c.ChildID)
}

func (t *attendanceTab) load() {
	if t.c.current == nil {
		return
	}
	sh, id := t.c.sh, t.c.current.ID
	async(sh, func() (data.AttendanceSheet, error) { return sh.store.AttendanceGrid(sh.ctx, id) }, func(g data.AttendanceSheet) {
		t.g, t.changes = g, map[[2]int64]string{}
		var opts []string
		today := sh.now().Format("2006-01-02")
		pick := 0
		for i, x := range g.Sessions {
			opts = append(opts, x.Day)
			if x.Day <= today {
				pick = i
			}
		}
		t.session.SetOptions(opts)
		if len(opts) > 0 {
			t.session.SetSelectedIndex(pick)
		}
		t.table.SetColumnWidth(0, 80)
		for i := range g.Sessions {
			t.table.SetColumnWidth(i+1, 56)
		}
		t.recompute()
		t.save.Disable()
		t.status.SetText(fmt.Sprintf(lang.L("%d 名儿童 × %d 场；点格子切换 出勤 → 缺勤 → 请假"), len(g.Children), len(g.Sessions)))
		t.table.Refresh()
	})
}

// recompute applies the unsaved changes to the rates shown.
func (t *attendanceTab) recompute() {
	merged := data.AttendanceSheet{Children: t.g.Children, Sessions: t.g.Sessions, Marks: map[[2]int64]string{}}
	for k, v := range t.g.Marks {
		merged.Marks[k] = v
	}
	for k, v := range t.changes {
		merged.Marks[k] = v
	}
	t.rates = data.Rates(merged, t.c.current.ThresholdPct, time.Now().AddDate(100, 0, 0).Format("2006-01-02"))
	today := t.c.sh.now().Format("2006-01-02")
	for i := range t.rates {
		held, present := 0, 0
		for _, x := range t.g.Sessions {
			if x.Day <= today || merged.Marks[[2]int64{x.ID, t.g.Children[i].ChildID}] != "" {
				held++
				if merged.Marks[[2]int64{x.ID, t.g.Children[i].ChildID}] == "出勤" {
					present++
				}
			}
		}
		t.rates[i].Held, t.rates[i].Present = held, present
		t.rates[i].Meets = held > 0 && present*100 >= t.c.current.ThresholdPct*held
	}
}

// tap cycles one cell's mark (col is the table's column: 1 is the first session).
func (t *attendanceTab) tap(row, col int) {
	if !t.c.canWrite() || row < 0 || row >= len(t.g.Children) || col < 1 || col > len(t.g.Sessions) {
		return
	}
	k := [2]int64{t.g.Sessions[col-1].ID, t.g.Children[row].ChildID}
	t.changes[k] = data.NextMark(t.mark(k[0], k[1]))
	t.recompute()
	t.save.Enable()
	t.table.Refresh()
}

func (t *attendanceTab) allPresent() {
	i := t.session.SelectedIndex()
	if i < 0 {
		return
	}
	for _, c := range t.g.Children {
		t.changes[[2]int64{t.g.Sessions[i].ID, c.ChildID}] = "出勤"
	}
	t.recompute()
	t.save.Enable()
	t.table.Refresh()
}

func (t *attendanceTab) onSave() {
	sh, changes := t.c.sh, t.changes
	async(sh, func() (struct{}, error) { return struct{}{}, sh.store.SaveAttendance(sh.ctx, changes) }, func(struct{}) {
		t.status.SetText(fmt.Sprintf(lang.L("已保存 %d 处考勤"), len(changes)))
		t.load()
	})
}

// visitsTab: the corps' roles and the 「社会妈妈」 visits with who is still to be visited.
type visitsTab struct {
	c        *childrenScreen
	roles    *widget.Label
	festival *widget.Select
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
			lines = append(lines, fmt.Sprintf(lang.L("%s：%s%s  %s 至 %s，参加活动 %d 次"), h.Role, h.Child, cur, h.From, h.To, h.Activities))
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
		opts = append(opts, f.Name+" "+f.Day)
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
			lines = append(lines, fmt.Sprintf("%s %s  %s  %s  %s", v.Day, v.Festival, v.Child, v.Names, v.Gifts))
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
		t.pending.SetText(fmt.Sprintf(lang.L("%s前尚未走访（%d 人）："), f.Name, len(ps)) + strings.Join(names, "、"))
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
		dialog.ShowForm(lang.L("登记走访")+" · "+fest.Name, lang.L("保存"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("儿童"), child),
			widget.NewFormItem(lang.L("社会妈妈"), container.NewVScroll(mothers)), widget.NewFormItem(lang.L("日期"), day),
			widget.NewFormItem(lang.L("礼物"), gifts), widget.NewFormItem(lang.L("情况记录"), notes)}, func(ok bool) {
			if !ok || child.SelectedIndex() < 0 {
				return
			}
			v := data.Visit{ChildID: l.kids[child.SelectedIndex()].ID, Day: day.Text, Festival: fest.Name, Gifts: gifts.Text, Notes: notes.Text, Minutes: 60}
			for j, name := range vn {
				if inStrings(name, mothers.Selected) {
					v.Volunteers = append(v.Volunteers, l.vols[j].ID)
				}
			}
			async(sh, func() (int64, error) { return sh.store.RecordVisit(sh.ctx, v) }, func(int64) { t.load(); t.loadPending() })
		}, sh.win)
	})
}
