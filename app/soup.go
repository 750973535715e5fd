package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// soupTab: the monthly 「老宝贝一碗汤」 rounds. Pick a round, generate its delivery list, and on
// the day tap 出发 and 送达 for each bowl; the summary shows 达标率 and who needs a follow-up.
type soupTab struct {
	c        *careScreen
	rounds   []data.SoupRound
	standard time.Duration // the 达标 standard, loaded with the deliveries
	list     *widget.List
	current  *data.SoupRound
	ds       []data.Delivery
	table    *widget.Table
	selected int
	summary  *widget.Label
	title    *widget.Label
	// the selected delivery
	who              *widget.Label
	leftAt, arriveAt *widget.Entry
	outcome          *keySelect
	note             *widget.Entry
	depart, arrive   *widget.Button
	saveBtn          *widget.Button
	generate         *widget.Button
	box              fyne.CanvasObject
}

var deliveryHeaders = []string{"志愿者", "服务对象", "出发", "送达", "结果", "达标"}
var deliveryWidths = []float32{90, 90, 70, 70, 80, 60}

func newSoupTab(c *careScreen) *soupTab {
	t := &soupTab{c: c, selected: -1, summary: widget.NewLabel(""), title: heading(""), who: widget.NewLabel(""),
		leftAt: widget.NewEntry(), arriveAt: widget.NewEntry(), outcome: newSelect(append([]string{""}, data.Outcomes...), nil), note: widget.NewEntry()}
	t.summary.Wrapping = fyne.TextWrapWord
	t.leftAt.SetPlaceHolder("11:00")
	t.arriveAt.SetPlaceHolder(lang.L("11:08 或 次日 00:10"))
	t.list = widget.NewList(func() int { return len(t.rounds) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := t.rounds[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s %s %s", r.Month, tr(r.SolarTerm), r.Soup))
		})
	t.list.OnSelected = func(id widget.ListItemID) { r := t.rounds[id]; t.current = &r; t.loadDeliveries() }
	t.table = newHeaderTable(deliveryHeaders, deliveryWidths, func() int { return len(t.ds) },
		func(row, col int) string { return t.cell(t.ds[row], col) })
	t.table.OnSelected = func(id widget.TableCellID) { t.pick(id.Row) }
	t.depart = widget.NewButtonWithIcon(lang.L("出发"), theme.MediaPlayIcon(), t.onDepart)
	t.arrive = widget.NewButtonWithIcon(lang.L("送达"), theme.ConfirmIcon(), t.onArrive)
	t.arrive.Importance = widget.HighImportance
	t.saveBtn = widget.NewButton(lang.L("保存修改"), t.onSave)
	t.generate = widget.NewButtonWithIcon(lang.L("生成配送单"), theme.ViewRefreshIcon(), t.onGenerate)
	newRound := widget.NewButtonWithIcon(lang.L("新建配送计划"), theme.ContentAddIcon(), t.onNewRound)
	for _, b := range []*widget.Button{t.depart, t.arrive, t.saveBtn, t.generate, newRound} {
		if !c.canWrite() {
			b.Disable()
		}
	}
	t.depart.Disable()
	t.arrive.Disable()
	t.saveBtn.Disable()
	roster := widget.NewButtonWithIcon(lang.L("打印配送单"), theme.DocumentPrintIcon(), func() {
		if t.current != nil {
			c.printMonth("roster", t.current.Month)
		}
	})
	ledger := widget.NewButtonWithIcon(lang.L("打印本月台账"), theme.DocumentPrintIcon(), func() {
		if t.current != nil {
			c.printMonth("ledger", t.current.Month)
		}
	})
	edit := widget.NewForm(widget.NewFormItem(lang.L("出发"), t.leftAt), widget.NewFormItem(lang.L("送达"), t.arriveAt),
		widget.NewFormItem(lang.L("结果"), t.outcome), widget.NewFormItem(lang.L("备注"), t.note))
	if !c.canWrite() {
		readOnly(edit) // 只读 reads the delivery, and cannot type into it
	}
	detail := container.NewVBox(t.who, container.NewHBox(t.depart, t.arrive), edit, t.saveBtn)
	right := container.NewBorder(container.NewVBox(t.title, toolbar(t.generate, c.sh.docButton(roster, &documents.SoupRoster), c.sh.docButton(ledger, &documents.CareLedger)), t.summary), nil, nil,
		container.NewGridWrap(fyne.NewSize(300, 400), detail), t.table)
	left := container.NewBorder(newRound, nil, nil, nil, t.list)
	split := container.NewHSplit(left, right)
	split.Offset = 0.2
	t.box = split
	return t
}

func clock(ts string) string {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return ""
	}
	return t.Format("15:04")
}

func (t *soupTab) cell(d data.Delivery, col int) string {
	switch col {
	case 0:
		return d.Volunteer
	case 1:
		return d.Recipient
	case 2:
		return clock(d.LeftAt)
	case 3:
		return clock(d.ArrivedAt)
	case 4:
		return tr(d.Outcome)
	case 5:
		if d.Outcome != data.OutcomeDelivered {
			return ""
		}
		if data.WithinStandard(d, t.standard) {
			return "✓"
		}
		return lang.L("超时")
	}
	return ""
}

func (t *soupTab) refresh() {
	sh := t.c.sh
	async(sh, func() ([]data.SoupRound, error) { return sh.store.Rounds(sh.ctx) }, func(rs []data.SoupRound) {
		t.rounds = rs
		t.list.Refresh()
		for i, r := range rs {
			if t.current != nil && r.ID == t.current.ID {
				t.list.Select(i)
				t.loadDeliveries()
				return
			}
		}
		if len(rs) > 0 {
			t.list.UnselectAll()
			t.list.Select(0)
		}
	})
}

func (t *soupTab) loadDeliveries() {
	sh, r := t.c.sh, t.current
	t.title.SetText(fmt.Sprintf(lang.L("%s  %s（%s）  %s  %s 元"), r.Month, r.Day, tr(r.SolarTerm), r.Soup, data.Yuan(r.CostFen)))
	type loaded struct {
		ds       []data.Delivery
		standard time.Duration
	}
	async(sh, func() (loaded, error) {
		ds, err := sh.store.Deliveries(sh.ctx, r.ID)
		return loaded{ds, sh.store.SoupStandard(sh.ctx)}, err
	}, func(l loaded) {
		ds := l.ds
		t.ds, t.standard = ds, l.standard
		sum := data.Summarize(ds, t.standard)
		txt := fmt.Sprintf(lang.L("共 %d 户，已登记 %d 户，送达 %d 户，达标 %d 户，达标率 %s"), sum.Total, sum.Recorded, sum.Delivered, sum.WithinStd,
			data.RateText(sum.WithinStd, sum.Delivered))
		if len(sum.FollowUp) > 0 {
			txt += "\n" + lang.L("不在家、需要回访：") + strings.Join(sum.FollowUp, "、")
		}
		if sum.Total == 0 {
			txt = lang.L("还没有配送名单，请点“生成配送单”（按结对关系和参加一碗汤的老人生成）。")
		}
		t.summary.SetText(txt)
		t.table.Refresh()
		if t.selected >= 0 && t.selected < len(ds) {
			t.pick(t.selected)
		}
	})
}

func (t *soupTab) pick(row int) {
	t.selected = row
	d := t.ds[row]
	t.who.SetText(d.Recipient + "  " + d.Address + "  " + d.Phone + "  " + lang.L("志愿者") + " " + d.Volunteer)
	t.leftAt.SetText(clock(d.LeftAt))
	t.arriveAt.SetText(clock(d.ArrivedAt))
	t.outcome.SetSelected(d.Outcome)
	t.note.SetText(d.Note)
	if t.c.canWrite() {
		t.saveBtn.Enable()
		t.depart.Disable()
		t.arrive.Disable()
		if t.deliveryDay() {
			t.depart.Enable()
			t.arrive.Enable()
		}
	}
}

// deliveryDay reports whether today is the round's day: only then do 出发 and 送达 stamp the
// clock; on any other day the times are typed (送达 across midnight as 「次日 00:10」).
func (t *soupTab) deliveryDay() bool {
	return t.current != nil && t.current.Day == t.c.sh.now().Format("2006-01-02")
}

// onDepart records 出发 now; onArrive records 送达 now, on the round's day only. Both can be
// corrected in the form.
func (t *soupTab) onDepart() {
	if !t.deliveryDay() {
		return
	}
	t.leftAt.SetText(t.c.sh.now().Format("15:04"))
	t.onSave()
}

func (t *soupTab) onArrive() {
	if !t.deliveryDay() {
		return
	}
	if t.leftAt.Text == "" {
		t.leftAt.SetText(t.c.sh.now().Format("15:04"))
	}
	t.arriveAt.SetText(t.c.sh.now().Format("15:04"))
	t.outcome.SetSelected(data.OutcomeDelivered)
	t.onSave()
}

func (t *soupTab) onSave() {
	if t.selected < 0 {
		return
	}
	left, arrived, err := data.DeliveryClock(t.current.Day, t.leftAt.Text, t.arriveAt.Text, time.Local)
	if err != nil {
		t.c.sh.showError(err)
		return
	}
	sh, id, outcome, note := t.c.sh, t.ds[t.selected].ID, t.outcome.Selected, t.note.Text
	async(sh, func() (struct{}, error) {
		return struct{}{}, sh.store.RecordDelivery(sh.ctx, id, left, arrived, outcome, note)
	},
		func(struct{}) { t.loadDeliveries() })
}

func (t *soupTab) onGenerate() {
	if t.current == nil {
		return
	}
	sh, id := t.c.sh, t.current.ID
	async(sh, func() (int, error) { return sh.store.GenerateDeliveries(sh.ctx, id) }, func(n int) {
		t.c.out.status.SetText(fmt.Sprintf(lang.L("已生成：新增 %d 户（已有的配送记录不变）"), n))
		t.loadDeliveries()
	})
}

// onNewRound plans a month's round, offering that month's 节气 and a soup for each.
func (t *soupTab) onNewRound() {
	sh := t.c.sh
	month := widget.NewEntry()
	next := sh.now().AddDate(0, 1, 0)
	month.SetText(next.Format("2006-01"))
	term := newSelect(nil, nil)
	soup, menu, cost := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	cost.SetText("400")
	var terms []data.SolarTerm
	fillTerms := func() {
		m, err := time.Parse("2006-01", month.Text)
		if err != nil {
			return
		}
		terms = data.SolarTerms(m.Year(), m.Month())
		var opts []string
		for _, x := range terms {
			opts = append(opts, x.Name+" "+x.Day)
		}
		term.SetOptions(opts)
		if len(opts) > 0 {
			term.SetSelectedIndex(0)
		}
	}
	term.OnChanged = func(string) {
		if i := term.SelectedIndex(); i >= 0 {
			soup.SetText(data.SoupSuggestions[terms[i].Name])
		}
	}
	month.OnChanged = func(string) { fillTerms() }
	fillTerms()
	var r data.SoupRound
	fd := newFormDialog(sh, lang.L("新建配送计划"), lang.L("保存"), []*widget.FormItem{widget.NewFormItem(lang.L("月份"), month),
		widget.NewFormItem(lang.L("节气与日期"), term), widget.NewFormItem(lang.L("汤品"), soup), widget.NewFormItem(lang.L("菜单"), menu),
		widget.NewFormItem(lang.L("食材费用（元）"), cost)}, func() (func() error, error) {
		i := term.SelectedIndex()
		if i < 0 {
			return nil, fieldError("节气与日期", lang.L("必须选择"))
		}
		fen, err := data.ParseYuan(cost.Text)
		if err != nil {
			return nil, fieldError("食材费用", err.Error())
		}
		r = data.SoupRound{Day: terms[i].Day, SolarTerm: terms[i].Name, Soup: soup.Text, Menu: menu.Text, CostFen: fen, Month: terms[i].Day[:7]}
		return func() error { id, err := sh.store.SaveRound(sh.ctx, r); r.ID = id; return err }, nil
	}, func() {
		t.current = &r
		t.refresh()
	})
	fd.Show(600)
}
