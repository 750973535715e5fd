package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
	"linli/reports"
)

// childrenScreen is 儿童项目: programmes and their sessions, enrolment, attendance, the corps and
// the 「社会妈妈」 visits.
type childrenScreen struct {
	sh         *shell
	programmes []data.Programme
	pick       *keySelect // the programme the tabs work on
	current    *data.Programme
	tabs       *container.AppTabs
	pages      []tabPage
	sessions   *sessionsTab
	enrol      *enrolTab
	grid       *attendanceTab
	visits     *visitsTab
	out        *fileWriter
}

func newChildrenScreen(sh *shell) *childrenScreen {
	c := &childrenScreen{sh: sh, pick: newSelect(nil, nil), out: newFileWriter(sh)}
	c.pick.OnChanged = func(string) { c.choose() }
	c.sessions = newSessionsTab(c)
	c.enrol = newEnrolTab(c)
	c.grid = newAttendanceTab(c)
	c.visits = newVisitsTab(c)
	c.pages = []tabPage{{lang.L("项目与场次"), c.sessions.box, c.sessions.load}, {lang.L("报名"), c.enrol.box, c.enrol.load},
		{lang.L("考勤"), c.grid.box, c.grid.load}, {lang.L("观察团与走访"), c.visits.box, c.visits.load}}
	c.tabs = newTabs(c.pages)
	return c
}

func (c *childrenScreen) canWrite() bool { return c.sh.actor.Role.Can(data.PermChildrenWrite) }

func (c *childrenScreen) view() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("新建项目"), theme.ContentAddIcon(), c.onNew)
	if !c.canWrite() {
		add.Disable()
	}
	month := widget.NewEntry()
	month.SetText(c.sh.now().Format("2006-01"))
	ledger := widget.NewButtonWithIcon(lang.L("打印儿童活动台账"), theme.DocumentPrintIcon(), func() {
		m := month.Text
		c.out.document(&documents.ChildrenLedger, documents.Values{"month": m})
	})
	// The status line shares the title's row: empty, it takes no height from the lists.
	c.out.status.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("儿童项目")), nil, c.out.status),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("项目")), container.NewHBox(add, container.NewGridWrap(fyne.NewSize(90, 36), month), ledger), c.pick))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, c.tabs))
}

func (c *childrenScreen) refresh() {
	async(c.sh, func() ([]data.Programme, error) { return c.sh.store.Programmes(c.sh.ctx) }, func(ps []data.Programme) {
		c.programmes = ps
		var opts []string
		for _, p := range ps {
			opts = append(opts, fmt.Sprintf(lang.L("%s（%s，%s，在读 %d/%d，候补 %d）"), p.Name, tr(p.Kind), p.Community, p.Enrolled, p.Capacity, p.Waiting))
		}
		sel := c.pick.SelectedIndex()
		c.pick.OnChanged = nil
		c.pick.SetOptions(opts)
		if sel < 0 || sel >= len(opts) {
			sel = 0
		}
		if c.current != nil {
			for i, p := range ps {
				if p.ID == c.current.ID {
					sel = i
				}
			}
		}
		if len(opts) > 0 {
			c.pick.SetSelectedIndex(sel)
		}
		c.pick.OnChanged = func(string) { c.choose() }
		c.choose()
	})
}

func (c *childrenScreen) choose() {
	i := c.pick.SelectedIndex()
	if i < 0 || i >= len(c.programmes) {
		return
	}
	p := c.programmes[i]
	c.current = &p
	c.reloadTab()
}

// reloadTab reloads the tab on show for the chosen programme.
func (c *childrenScreen) reloadTab() {
	if c.current != nil {
		reloadTab(c.tabs, c.pages)
	}
}

// onNew creates a programme from a form: kind, community, place, capacity, ages, period, the
// weekdays and time, skipped dates and the completion threshold.
func (c *childrenScreen) onNew() {
	sh := c.sh
	async(sh, func() ([]data.Community, error) { return sh.store.Communities(sh.ctx) }, func(cs []data.Community) {
		name, place, capacity, ages, start, end, at, minutes, skips, threshold := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(),
			widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		kind := newSelect(data.ProgrammeKinds, nil)
		kind.SetSelectedIndex(0)
		var cn []string
		for _, x := range cs {
			cn = append(cn, x.Name)
		}
		community := newSelect(cn, nil)
		if len(cn) > 0 {
			community.SetSelectedIndex(0)
		}
		days := widget.NewCheckGroup([]string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}, nil)
		days.Horizontal = true
		days.SetSelected([]string{"周六"})
		next := sh.now().AddDate(0, 1, 0)
		capacity.SetText("12")
		ages.SetText("6-14")
		start.SetText(next.Format("2006-01") + "-01")
		end.SetText(next.AddDate(0, 1, -next.Day()).Format("2006-01-02"))
		at.SetText("14:00")
		minutes.SetText("90")
		threshold.SetText("80")
		skips.SetPlaceHolder(lang.L("停课日期，用顿号分隔"))
		var p data.Programme
		fd := newFormDialog(sh, lang.L("新建项目"), lang.L("保存"), []*widget.FormItem{
			widget.NewFormItem(lang.L("名称"), name), widget.NewFormItem(lang.L("类型"), kind), widget.NewFormItem(lang.L("社区"), community),
			widget.NewFormItem(lang.L("地点"), place), widget.NewFormItem(lang.L("名额"), capacity), widget.NewFormItem(lang.L("年龄（岁）"), ages),
			widget.NewFormItem(lang.L("开始日期"), start), widget.NewFormItem(lang.L("结束日期"), end), widget.NewFormItem(lang.L("每周"), days),
			widget.NewFormItem(lang.L("开始时间"), at), widget.NewFormItem(lang.L("时长（分钟）"), minutes), widget.NewFormItem(lang.L("停课日期"), skips),
			widget.NewFormItem(lang.L("结业出勤率（%）"), threshold)}, func() (func() error, error) {
			if community.SelectedIndex() < 0 {
				return nil, fieldError("社区", lang.L("必须选择"))
			}
			p = data.Programme{Name: name.Text, Kind: kind.Selected, CommunityID: cs[community.SelectedIndex()].ID, Place: place.Text,
				Start: start.Text, End: end.Text, StartTime: at.Text, SkipDays: data.SplitTags(skips.Text), Organiser: sh.actor.Display}
			if err := readProgrammeNumbers(&p, capacity.Text, ages.Text, minutes.Text, threshold.Text); err != nil {
				return nil, err
			}
			for i, dname := range days.Options {
				if inStrings(dname, days.Selected) {
					p.Weekdays |= 1 << i
				}
			}
			return func() error {
				id, err := sh.store.SaveProgramme(sh.ctx, p)
				if err == nil {
					_, err = sh.store.GenerateSessions(sh.ctx, id)
				}
				p.ID = id
				return err
			}, nil
		}, func() {
			c.current = &p
			c.refresh()
		})
		fd.Show(640)
	})
}

// readProgrammeNumbers reads the programme form's numbers, each with its own message.
func readProgrammeNumbers(p *data.Programme, capacity, ages, minutes, threshold string) error {
	bad := &data.Error{Code: data.CodeInvalid, Message: "输入有误"}
	num := func(field, text string, to *int) {
		n, err := parseCount(text)
		if err != nil {
			bad.Fields = append(bad.Fields, data.FieldError{Field: field, Message: err.Error()})
		}
		*to = int(n)
	}
	num("名额", capacity, &p.Capacity)
	num("时长", minutes, &p.Minutes)
	num("结业出勤率", threshold, &p.ThresholdPct)
	lo, hi, ok := strings.Cut(strings.NewReplacer("–", "-", "—", "-", "至", "-", "~", "-").Replace(ages), "-")
	a, err1 := parseCount(lo)
	b, err2 := parseCount(hi)
	if !ok || err1 != nil || err2 != nil || strings.TrimSpace(lo) == "" || strings.TrimSpace(hi) == "" {
		bad.Fields = append(bad.Fields, data.FieldError{Field: "年龄", Message: "应写成 最小-最大，如 6-14"})
	}
	p.AgeMin, p.AgeMax = int(a), int(b)
	if len(bad.Fields) > 0 {
		return bad
	}
	return nil
}

func inStrings(v string, xs []string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// sessionsTab: the programme's sessions; generate from the rule, cancel or move one, print.
type sessionsTab struct {
	c        *childrenScreen
	rows     []data.Session
	list     *widget.List
	selected int
	info     *widget.Label
	box      fyne.CanvasObject
}

func newSessionsTab(c *childrenScreen) *sessionsTab {
	t := &sessionsTab{c: c, selected: -1, info: widget.NewLabel("")}
	t.info.Wrapping = fyne.TextWrapWord
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			x := t.rows[id]
			txt := fmt.Sprintf(lang.L("%s %s  %d 分钟  出勤 %d 人"), x.Day, x.StartTime, x.Minutes, x.Present)
			if x.MovedFrom != "" {
				txt += "  " + lang.L("由") + " " + x.MovedFrom + " " + lang.L("调整")
			}
			if x.Cancelled {
				txt += "  " + lang.L("（已取消）")
			}
			o.(*widget.Label).SetText(txt)
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.selected = id }
	gen := widget.NewButtonWithIcon(lang.L("按规则生成场次"), theme.ViewRefreshIcon(), func() {
		sh, id := c.sh, c.current.ID
		async(sh, func() (int, error) { return sh.store.GenerateSessions(sh.ctx, id) }, func(n int) {
			c.out.status.SetText(fmt.Sprintf(lang.L("新增 %d 场（已有考勤的场次不变）"), n))
			t.load()
		})
	})
	cancel := widget.NewButton(lang.L("取消所选场次"), func() {
		if t.selected < 0 {
			return
		}
		sh, id := c.sh, t.rows[t.selected].ID
		async(sh, func() (struct{}, error) { return struct{}{}, sh.store.CancelSession(sh.ctx, id) }, func(struct{}) { t.load() })
	})
	move := widget.NewButton(lang.L("调整日期…"), t.onMove)
	sheet := widget.NewButtonWithIcon(lang.L("打印签到表"), theme.DocumentPrintIcon(), func() {
		if t.selected < 0 {
			return
		}
		name, day := c.current.Name, t.rows[t.selected].Day
		c.out.document(&documents.AttendanceSheet, documents.Values{"programme": name, "date": day})
	})
	certs := widget.NewButtonWithIcon(lang.L("打印结业证书"), theme.DocumentPrintIcon(), func() {
		name := c.current.Name
		c.out.document(&documents.Completion, documents.Values{"programme": name})
	})
	export := widget.NewButtonWithIcon(lang.L("导出考勤"), theme.DownloadIcon(), func() {
		name := c.current.Name
		c.out.document(&documents.AttendanceXLSX, documents.Values{"programme": name})
	})
	if !c.canWrite() {
		gen.Disable()
		cancel.Disable()
		move.Disable()
		certs.Disable()
	}
	t.box = container.NewBorder(container.NewVBox(t.info, toolbar(gen, cancel, move, c.sh.docButton(sheet, &documents.AttendanceSheet),
		c.sh.docButton(certs, &documents.Completion), c.sh.docButton(export, &documents.AttendanceXLSX))), nil, nil, nil, t.list)
	return t
}

// programmeLine sums a programme up in one line; parts it does not have (a place, a weekly
// rule) are left out rather than shown empty.
func programmeLine(p data.Programme) string {
	weekly := ""
	if p.Weekdays != 0 {
		weekly = fmt.Sprintf(lang.L("每周%s %s"), weekdaysText(p.Weekdays), p.StartTime)
	}
	return reports.JoinDots(tr(p.Kind), p.Place, fmt.Sprintf(lang.L("%s 至 %s"), p.Start, p.End), weekly,
		fmt.Sprintf(lang.L("%d–%d 岁"), p.AgeMin, p.AgeMax), fmt.Sprintf(lang.L("名额 %d"), p.Capacity),
		fmt.Sprintf(lang.L("结业出勤率 %d%%"), p.ThresholdPct))
}

func (t *sessionsTab) load() {
	if t.c.current == nil {
		return
	}
	p, sh := t.c.current, t.c.sh
	t.info.SetText(programmeLine(*p))
	async(sh, func() ([]data.Session, error) { return sh.store.Sessions(sh.ctx, p.ID) }, func(ss []data.Session) {
		t.rows = ss
		t.selected = -1
		t.list.UnselectAll()
		t.list.Refresh()
	})
}

func (t *sessionsTab) onMove() {
	if t.selected < 0 {
		return
	}
	sh, id := t.c.sh, t.rows[t.selected].ID
	day := widget.NewEntry()
	day.SetText(t.rows[t.selected].Day)
	fd := newFormDialog(sh, lang.L("调整日期"), lang.L("保存"), []*widget.FormItem{widget.NewFormItem(lang.L("新日期"), day)}, func() (func() error, error) {
		d := day.Text
		return func() error { return sh.store.MoveSession(sh.ctx, id, d) }, nil
	}, t.load)
	fd.Show(420)
}
