package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// concernsScreen is 民情议事: the concerns (民情) list, the 「三杯茶」 tea meetings and the 回访 due.
type concernsScreen struct {
	sh        *shell
	tabs      *container.AppTabs
	pages     []tabPage
	list      *concernListTab
	meetings  *meetingsTab
	followups *followUpsTab
	out       *fileWriter
}

func newConcernsScreen(sh *shell) *concernsScreen {
	c := &concernsScreen{sh: sh, out: newFileWriter(sh)}
	c.list = newConcernListTab(c)
	c.meetings = newMeetingsTab(c)
	c.followups = newFollowUpsTab(c)
	c.pages = []tabPage{{lang.L("民情"), c.list.box, c.list.refresh}, {lang.L("议事会"), c.meetings.box, c.meetings.refresh},
		{lang.L("回访"), c.followups.box, c.followups.refresh}}
	c.tabs = newTabs(c.pages)
	return c
}

func (c *concernsScreen) view() fyne.CanvasObject {
	c.out.status.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, heading(lang.L("民情议事")), nil, c.out.status)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, c.tabs))
}

func (c *concernsScreen) refresh() { reloadTab(c.tabs, c.pages) }

func (c *concernsScreen) canWrite() bool { return c.sh.actor.Role.Can(data.PermConcernsWrite) }

var concernHeaders = []string{"编号", "状态", "反映日期", "社区", "地点", "类别", "反映内容", "反映人", "责任人", "承诺日期"}

// concernListTab lists concerns, filtered by state; a row opens its details and next steps.
type concernListTab struct {
	c     *concernsScreen
	state *keySelect
	rows  []data.Concern
	table *widget.Table
	box   fyne.CanvasObject
	add   *widget.Button
	form  *concernForm // the record form on show, for tests
	acts  *concernActions
}

// The list's filter choices besides the states themselves.
const (
	filterOpen = "未办结"
	filterAll  = "全部"
)

func newConcernListTab(c *concernsScreen) *concernListTab {
	t := &concernListTab{c: c}
	opts := []string{tr(filterOpen), tr(filterAll)}
	for _, s := range data.ConcernStates {
		opts = append(opts, tr(string(s)))
	}
	t.state = newSelect(opts, nil)
	t.state.SetSelectedIndex(0)
	t.state.OnChanged = func(string) { t.refresh() }
	t.table = newHeaderTable(concernHeaders, []float32{120, 100, 96, 96, 110, 76, 230, 80, 90, 96},
		func() int { return len(t.rows) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.acts = showConcernActions(t, t.rows[id.Row])
		}
	}
	t.add = widget.NewButtonWithIcon(lang.L("登记民情"), theme.ContentAddIcon(), t.onNew)
	t.add.Importance = widget.HighImportance
	if !c.canWrite() {
		t.add.Disable()
	}
	export := widget.NewButtonWithIcon(lang.L("导出 Excel"), theme.DownloadIcon(), func() {
		v := documents.Values{}
		if st := t.filterState(); st != "" {
			v["state"] = string(st)
		}
		if t.state.SelectedIndex() == 1 { // 未办结: what the list shows
			v["open"] = "true"
		}
		c.out.document(&documents.ConcernsXLSX, v)
	})
	bar := container.NewHBox(t.add, widget.NewLabel(lang.L("状态")), t.state, export)
	if t.add.Disabled() {
		bar.Add(widget.NewLabel(lang.L("（本角色只能查看民情）")))
	}
	if c.sh.actor.Role.Can(data.PermAdmin) {
		bar.Add(widget.NewButtonWithIcon(lang.L("添加类别"), theme.ContentAddIcon(), t.onCategory))
	}
	t.box = container.NewBorder(bar, nil, nil, nil, t.table)
	return t
}

// filterState is the state picked, or "" for 未办结 and 全部.
func (t *concernListTab) filterState() data.ConcernState {
	if i := t.state.SelectedIndex(); i >= 2 {
		return data.ConcernStates[i-2]
	}
	return ""
}

func (t *concernListTab) cell(row, col int) string {
	c := t.rows[row]
	switch col {
	case 0:
		return c.Number
	case 1:
		return t.stateText(c)
	case 2:
		return c.RaisedOn
	case 3:
		return c.Community
	case 4:
		return withNotes(c.Place, c.Grid)
	case 5:
		return tr(c.Category)
	case 6:
		return c.Text
	case 7:
		return c.ReporterLabel(!t.c.sh.actor.Role.Can(data.PermReveal))
	case 8:
		return c.Owner
	}
	return c.PromisedOn
}

// stateText is the state, marked 【逾期】 when the promised date has passed, with the reopenings.
func (t *concernListTab) stateText(c data.Concern) string {
	if c.Overdue(t.c.sh.now()) {
		return "【" + lang.L("逾期") + "】" + tr(string(c.State))
	}
	if c.Reopened > 0 {
		return tr(string(c.State)) + fmt.Sprintf(lang.L("（重办 %d 次）"), c.Reopened)
	}
	return tr(string(c.State))
}

func (t *concernListTab) refresh() {
	sh := t.c.sh
	f := data.ConcernFilter{State: t.filterState(), OpenOnly: t.state.SelectedIndex() == 0, Limit: 2000}
	async(sh, func() ([]data.Concern, error) { return sh.store.Concerns(sh.ctx, f) }, func(cs []data.Concern) {
		t.rows = cs
		t.table.Refresh()
	})
}

// onCategory adds a category of concerns (管理员).
func (t *concernListTab) onCategory() {
	sh := t.c.sh
	name := newEntry(sh)
	fd := newFormDialog(sh, lang.L("添加类别"), lang.L("保存"), []*widget.FormItem{widget.NewFormItem(lang.L("类别名称"), name)},
		func() (func() error, error) {
			n := name.Text
			return func() error { return sh.store.AddConcernCategory(sh.ctx, n) }, nil
		}, nil)
	fd.Show(480)
	sh.win.Canvas().Focus(name)
}
