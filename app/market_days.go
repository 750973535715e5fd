package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

var marketDayHeaders = []string{"日期", "状态", "摊位", "已分配", "报名"}

var marketLineHeaders = []string{"顺序", "摊位", "类型", "摊主", "摊主类型", "经营品类", "结果", "出摊", "营业额（元）", "摊位费（元）"}

// marketDaysTab lists the market days (the last months and the weeks ahead); a day picked shows
// its lines: the confirmed allocation, or the preview of one, with the takings.
type marketDaysTab struct {
	m       *marketScreen
	days    []data.MarketDay
	day     *data.MarketDay // the day picked
	lines   []data.DayLine
	preview bool // lines are a preview, not confirmed
	list    *widget.Table
	table   *widget.Table
	title   *widget.Label
	run     *widget.Button
	confirm *widget.Button
	takings *widget.Button
	cancel  *widget.Button
	form    *takingsForm // the takings form last opened
	box     fyne.CanvasObject
}

func newMarketDaysTab(m *marketScreen) *marketDaysTab {
	t := &marketDaysTab{m: m, title: widget.NewLabel(lang.L("请在左侧选择集市日"))}
	t.list = newHeaderTable(marketDayHeaders, []float32{130, 90, 50, 60, 50}, func() int { return len(t.days) }, t.dayCell)
	t.list.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.days) {
			d := t.days[id.Row]
			t.day = &d
			t.loadDay()
		}
	}
	t.table = newHeaderTable(marketLineHeaders, []float32{40, 50, 60, 110, 70, 80, 260, 60, 90, 80}, func() int { return len(t.lines) }, t.lineCell)
	t.run = widget.NewButtonWithIcon(lang.L("预览分配"), theme.SearchIcon(), t.onPreview)
	t.confirm = widget.NewButtonWithIcon(lang.L("确认分配"), theme.ConfirmIcon(), t.onConfirm)
	t.confirm.Importance = widget.HighImportance
	t.takings = widget.NewButtonWithIcon(lang.L("录入营业额"), theme.DocumentCreateIcon(), t.onTakings)
	t.cancel = widget.NewButtonWithIcon(lang.L("取消集市日"), theme.CancelIcon(), t.onCancel)
	printDay := widget.NewButtonWithIcon(lang.L("打印摊位安排表"), theme.DocumentPrintIcon(), func() {
		if t.day != nil {
			m.out.document(&documents.MarketDayDoc, documents.Values{"date": t.day.Day})
		}
	})
	ledger := widget.NewButtonWithIcon(lang.L("打印本月台账"), theme.DocumentPrintIcon(), func() {
		month := m.sh.now().Format("2006-01")
		if t.day != nil {
			month = t.day.Day[:7]
		}
		m.out.document(&documents.MarketLedgerDoc, documents.Values{"month": month})
	})
	t.setButtons()
	right := container.NewBorder(container.NewVBox(t.title, container.NewHBox(t.run, t.confirm, t.takings, t.cancel, printDay, ledger)), nil, nil, nil, t.table)
	split := container.NewHSplit(t.list, right)
	split.Offset = 0.3
	t.box = split
	return t
}

func (t *marketDaysTab) dayCell(row, col int) string {
	d := t.days[row]
	switch col {
	case 0:
		return d.Day + " " + lang.L(weekdayNames[mustWeekday(d.Day)])
	case 1:
		switch {
		case d.Cancelled != "":
			return lang.L("已取消")
		case d.Allocated:
			return lang.L("已分配")
		}
		return lang.L("待分配")
	case 2:
		return strconv.Itoa(d.Stalls)
	case 3:
		return strconv.Itoa(d.Taken)
	}
	return strconv.Itoa(d.Applicants)
}

func (t *marketDaysTab) lineCell(row, col int) string {
	l := t.lines[row]
	switch col {
	case 0:
		return strconv.Itoa(l.Order)
	case 1:
		return l.Stall
	case 2:
		return lang.L(string(l.StallKind))
	case 3:
		return l.Vendor
	case 4:
		return lang.L(string(l.Kind))
	case 5:
		return l.Category
	case 6:
		if l.StallID != 0 {
			return lang.L("已分配") + dayLineNote(l)
		}
		if l.Detail != "" {
			return l.Reason + "：" + l.Detail
		}
		return l.Reason
	case 7:
		return l.Attendance
	case 8:
		if l.StallID == 0 || t.preview {
			return ""
		}
		if !l.HasTakings {
			return lang.L("未录入")
		}
		return data.Yuan(l.TakingsFen)
	}
	if !l.HasTakings {
		return ""
	}
	return data.Yuan(l.FeeFen)
}

func dayLineNote(l data.DayLine) string {
	if l.Released {
		return lang.L("（候补递补）")
	}
	return ""
}

// refresh loads the days from three months back to six weeks ahead.
func (t *marketDaysTab) refresh() {
	sh := t.m.sh
	from, to := sh.now().AddDate(0, -3, 0).Format("2006-01-02"), sh.now().AddDate(0, 0, 42).Format("2006-01-02")
	async(sh, func() ([]data.MarketDay, error) {
		return sh.store.MarketDays(sh.ctx, data.MarketDayFilter{From: from, To: to})
	}, func(ds []data.MarketDay) {
		t.days = ds
		t.list.Refresh()
		t.m.out.status.SetText(fmt.Sprintf(lang.L("%d 个集市日"), len(ds)))
		if t.day != nil {
			t.loadDay()
		}
	})
}

// loadDay shows the picked day's lines as they stand.
func (t *marketDaysTab) loadDay() {
	sh, id := t.m.sh, t.day.ID
	type sheet struct {
		d     data.MarketDay
		lines []data.DayLine
	}
	async(sh, func() (sheet, error) {
		d, ls, err := sh.store.MarketDaySheet(sh.ctx, id)
		return sheet{d, ls}, err
	}, func(s sheet) {
		t.day, t.lines, t.preview = &s.d, s.lines, false
		t.showTitle()
		t.setButtons()
		t.table.Refresh()
	})
}

func (t *marketDaysTab) showTitle() {
	d := t.day
	text := fmt.Sprintf(lang.L("%s %s–%s · 摊位布局第 %d 版 · 报名 %d 人，分到摊位 %d 人"), d.Day, d.Start, d.End, d.LayoutVersion, d.Applicants, d.Taken)
	if d.Cancelled != "" {
		text += " · " + lang.L("已取消") + "：" + d.Cancelled
	}
	t.title.SetText(text)
}

// setButtons enables what the picked day and the role allow.
func (t *marketDaysTab) setButtons() {
	write := t.m.canWrite()
	open := t.day != nil && t.day.Cancelled == ""
	enable(t.run, open && !t.day.Allocated)
	enable(t.confirm, write && open && !t.day.Allocated && t.preview)
	enable(t.takings, write && open && t.day.Allocated)
	enable(t.cancel, write && open)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (t *marketDaysTab) onPreview() {
	sh, id := t.m.sh, t.day.ID
	async(sh, func() (data.AllocationResult, error) { return sh.store.PreviewAllocation(sh.ctx, id) }, func(r data.AllocationResult) {
		t.lines = t.lines[:0]
		for _, l := range r.Lines {
			t.lines = append(t.lines, data.DayLine{AllocationLine: l})
		}
		t.preview = true
		t.setButtons()
		t.table.Refresh()
		t.m.out.status.SetText(fmt.Sprintf(lang.L("预览：%d 人报名，%d 人分到摊位"), len(r.Lines), r.Given))
	})
}

func (t *marketDaysTab) onConfirm() {
	sh, id := t.m.sh, t.day.ID
	t.confirm.Disable()
	async(sh, func() (data.AllocationResult, error) { return sh.store.ConfirmAllocation(sh.ctx, id) }, func(r data.AllocationResult) {
		t.m.out.status.SetText(fmt.Sprintf(lang.L("已确认：%d 人报名，%d 人分到摊位"), len(r.Lines), r.Given))
		t.refresh()
	})
}

func (t *marketDaysTab) onCancel() {
	sh, d := t.m.sh, *t.day
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("如：暴雨预警"))
	fd := newFormDialog(sh, lang.L("取消集市日"), lang.L("取消集市日"), []*widget.FormItem{widget.NewFormItem(lang.L("取消原因"), reason)},
		func() (func() error, error) {
			return func() error { return sh.store.CancelMarketDay(sh.ctx, d.ID, reason.Text) }, nil
		}, t.refresh)
	fd.Show(460)
}

var weekdayNames = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

func mustWeekday(day string) int {
	d, err := data.ParseDate(day)
	if err != nil {
		return 0
	}
	return int(d.Weekday())
}
