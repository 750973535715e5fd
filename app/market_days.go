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

var marketLineHeaders = []string{"顺序", "摊位", "类型", "摊主", "摊主类型", "经营品类", "出摊", "营业额（元）", "摊位费（元）", "结果"}

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
	apply   *widget.Button
	leave   *widget.Button
	noShow  *widget.Button
	waive   *widget.Button
	picked  int          // the line picked in the day's table, or -1
	form    *takingsForm // the takings form last opened
	box     fyne.CanvasObject
}

func newMarketDaysTab(m *marketScreen) *marketDaysTab {
	t := &marketDaysTab{m: m, picked: -1, title: widget.NewLabel(lang.L("请在左侧选择集市日"))}
	t.list = newHeaderTable(marketDayHeaders, []float32{130, 90, 50, 60, 50}, func() int { return len(t.days) }, t.dayCell)
	t.list.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.days) {
			d := t.days[id.Row]
			t.day = &d
			t.loadDay()
		}
	}
	t.table = newHeaderTable(marketLineHeaders, []float32{40, 50, 60, 110, 70, 80, 50, 90, 80, 320}, func() int { return len(t.lines) }, t.lineCell)
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
	t.apply = widget.NewButtonWithIcon(lang.L("报名"), theme.ContentAddIcon(), t.onApply)
	t.leave = widget.NewButtonWithIcon(lang.L("请假"), theme.MailReplyIcon(), func() { t.onAbsent(false) })
	t.noShow = widget.NewButtonWithIcon(lang.L("记为缺席"), theme.ErrorIcon(), func() { t.onAbsent(true) })
	t.waive = widget.NewButtonWithIcon(lang.L("减免摊位费"), theme.ContentRemoveIcon(), t.onWaive)
	generate := widget.NewButtonWithIcon(lang.L("生成集市日"), theme.CalendarIcon(), t.onGenerate)
	enable(generate, m.canWrite())
	t.table.OnSelected = func(id widget.TableCellID) { t.picked = id.Row; t.setButtons() }
	t.setButtons()
	bar := container.NewVBox(container.NewHBox(t.apply, t.run, t.confirm, t.takings, t.leave, t.noShow),
		container.NewHBox(t.waive, generate, t.cancel, printDay, ledger))
	right := container.NewBorder(container.NewVBox(t.title, bar), nil, nil, nil, t.table)
	split := container.NewHSplit(t.list, right)
	split.Offset = 0.34
	t.box = split
	return t
}

func (t *marketDaysTab) dayCell(row, col int) string {
	d := t.days[row]
	switch col {
	case 0:
		return d.Day + " " + lang.L(weekdayOfTime[mustWeekday(d.Day)])
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
	result := l.Reason
	switch {
	case l.StallID != 0:
		result = lang.L("已分配") + dayLineNote(l)
	case l.Detail != "":
		result += "：" + l.Detail
	}
	takings, fee := "", ""
	if l.StallID != 0 && !t.preview {
		takings = lang.L("未录入")
		if l.HasTakings {
			takings, fee = data.Yuan(l.TakingsFen), data.Yuan(l.FeeFen)
		}
	}
	return []string{strconv.Itoa(l.Order), l.Stall, trOpt(string(l.StallKind)), l.Vendor, trOpt(string(l.Kind)), l.Category,
		trOpt(l.Attendance), takings, fee, result}[col]
}

// trOpt translates a value that may be empty (no stall, no attendance recorded).
func trOpt(s string) string {
	if s == "" {
		return ""
	}
	return lang.L(s)
}

func dayLineNote(l data.DayLine) string {
	if l.Released {
		return lang.L("（候补递补）")
	}
	return ""
}

// refresh loads the days from three months back to six weeks ahead, latest first.
func (t *marketDaysTab) refresh() {
	sh := t.m.sh
	from, to := sh.now().AddDate(0, -3, 0).Format("2006-01-02"), sh.now().AddDate(0, 0, 42).Format("2006-01-02")
	async(sh, func() ([]data.MarketDay, error) {
		return sh.store.MarketDays(sh.ctx, data.MarketDayFilter{From: from, To: to})
	}, func(ds []data.MarketDay) {
		for i, j := 0, len(ds)-1; i < j; i, j = i+1, j-1 { // the weeks ahead on top, then the latest held
			ds[i], ds[j] = ds[j], ds[i]
		}
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
		t.day, t.lines, t.preview, t.picked = &s.d, s.lines, false, -1
		t.table.UnselectAll()
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
	enable(t.apply, write && open && !t.day.Allocated)
	held := write && open && t.day.Allocated && !t.preview && t.picked >= 0 && t.picked < len(t.lines) &&
		t.lines[t.picked].StallID != 0 && t.lines[t.picked].Attendance == ""
	enable(t.leave, held || (write && open && !t.day.Allocated && t.picked >= 0 && t.picked < len(t.lines) && !t.preview))
	enable(t.noShow, held)
	enable(t.waive, held && !t.lines[t.picked].StallKind.AlwaysFree() && t.lines[t.picked].WaiverBy == "")
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
	reason := newEntry(sh)
	reason.SetPlaceHolder(lang.L("如：暴雨预警"))
	fd := newFormDialog(sh, lang.L("取消集市日"), lang.L("取消集市日"), []*widget.FormItem{widget.NewFormItem(lang.L("取消原因"), reason)},
		func() (func() error, error) {
			return func() error { return sh.store.CancelMarketDay(sh.ctx, d.ID, reason.Text) }, nil
		}, t.refresh)
	fd.Show(460)
}

// weekdayOfTime is indexed by time.Weekday (Sunday first).
var weekdayOfTime = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

func mustWeekday(day string) int {
	d, err := data.ParseDate(day)
	if err != nil {
		return 0
	}
	return int(d.Weekday())
}
