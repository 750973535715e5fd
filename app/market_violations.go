package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

var violationHeaders = []string{"日期", "摊主", "条款", "值班方", "记录人", "情况", "处理"}

// marketViolationsTab lists this year's violations; 记录违约 logs one against an item of the 公约
// in force, and the store gives the outcome by the office's rule.
type marketViolationsTab struct {
	m     *marketScreen
	rows  []data.Violation
	table *widget.Table
	add   *widget.Button
	form  *violationForm // the form last opened
	box   fyne.CanvasObject
}

func newMarketViolationsTab(m *marketScreen) *marketViolationsTab {
	t := &marketViolationsTab{m: m}
	t.table = newHeaderTable(violationHeaders, []float32{90, 100, 140, 60, 100, 260, 110}, func() int { return len(t.rows) }, t.cell)
	t.add = widget.NewButtonWithIcon(lang.L("记录违约"), theme.ContentAddIcon(), t.onAdd)
	enable(t.add, m.canWrite())
	export := widget.NewButtonWithIcon(lang.L("导出违约记录"), theme.DocumentSaveIcon(), func() {
		m.out.document(&documents.MarketViolationsXLSX, documents.Values{"year": strconv.Itoa(m.sh.now().Year())})
	})
	t.box = container.NewBorder(container.NewHBox(t.add, export), nil, nil, nil, t.table)
	return t
}

func (t *marketViolationsTab) cell(row, col int) string {
	v := t.rows[row]
	outcome := lang.L(string(v.Outcome))
	if v.SuspendDays > 0 {
		outcome += fmt.Sprintf(lang.L(" %d 个集市日"), v.SuspendDays)
	}
	return []string{v.Day, v.Vendor, fmt.Sprintf(lang.L("第 %d 条 %s"), v.Item, v.ItemTitle), v.Party, v.Recorder, v.What, outcome}[col]
}

func (t *marketViolationsTab) refresh() {
	sh := t.m.sh
	from := fmt.Sprintf("%d-01-01", sh.now().Year())
	async(sh, func() ([]data.Violation, error) { return sh.store.Violations(sh.ctx, data.ViolationFilter{From: from}) }, func(vs []data.Violation) {
		for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 { // newest first
			vs[i], vs[j] = vs[j], vs[i]
		}
		t.rows = vs
		t.table.Refresh()
	})
}

// violationForm logs a violation: the vendor, the day, the item, who was on duty.
type violationForm struct {
	dlg                 *formDialog
	vendor, item, party *keySelect
	day, recorder, what *keyEntry
	photo               *keyEntry
	vendors             []data.Vendor
	pact                data.Pact
}

func (t *marketViolationsTab) onAdd() {
	sh := t.m.sh
	today := sh.now().Format("2006-01-02")
	type lists struct {
		vs   []data.Vendor
		pact data.Pact
	}
	async(sh, func() (lists, error) {
		vs, err := sh.store.Vendors(sh.ctx, data.VendorFilter{})
		if err != nil {
			return lists{}, err
		}
		p, err := sh.store.PactInForce(sh.ctx, today)
		return lists{vs, p}, err
	}, func(l lists) { t.openForm(l.vs, l.pact) })
}

func (t *marketViolationsTab) openForm(vs []data.Vendor, p data.Pact) {
	sh := t.m.sh
	f := &violationForm{vendors: vs, pact: p, day: newEntry(sh), recorder: newEntry(sh), what: newMultiLineEntry(sh), photo: newEntry(sh)}
	t.form = f
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Number + " " + v.Name
	}
	items := make([]string, len(p.Items))
	for i, it := range p.Items {
		items[i] = fmt.Sprintf("%d. %s", it.Number, it.Title)
	}
	f.vendor, f.item, f.party = newSelect(names, nil), newSelect(items, nil), newSelect(data.DutyParties, nil)
	f.day.SetText(sh.now().Format("2006-01-02"))
	f.day.Validator = func(s string) error { _, err := data.ParseDate(s); return err }
	f.what.SetPlaceHolder(lang.L("如：收市后摊位留有垃圾"))
	f.photo.SetPlaceHolder(lang.L("照片文件路径（可选）"))
	form := []*widget.FormItem{widget.NewFormItem(lang.L("摊主"), f.vendor), widget.NewFormItem(lang.L("日期"), f.day),
		widget.NewFormItem(lang.L("公约条款"), f.item), widget.NewFormItem(lang.L("值班方"), f.party),
		widget.NewFormItem(lang.L("记录人"), f.recorder), widget.NewFormItem(lang.L("情况"), f.what), widget.NewFormItem(lang.L("照片"), f.photo)}
	f.dlg = newFormDialog(sh, fmt.Sprintf(lang.L("记录违约（公约第 %d 版）"), p.Version), lang.L("保存"), form, f.submit(sh), t.refresh)
	f.dlg.Show(560)
}

func (f *violationForm) violation() data.Violation {
	v := data.Violation{Day: f.day.Text, Item: f.item.SelectedIndex() + 1, Party: f.party.Selected, Recorder: f.recorder.Text,
		What: strings.TrimSpace(f.what.Text), Photo: f.photo.Text}
	if i := f.vendor.SelectedIndex(); i >= 0 {
		v.VendorID = f.vendors[i].ID
	}
	return v
}

func (f *violationForm) submit(sh *shell) func() (func() error, error) {
	return func() (func() error, error) {
		v := f.violation()
		v.Normalize()
		if err := v.Validate(); err != nil {
			return nil, err
		}
		return func() error {
			got, err := sh.store.RecordViolation(sh.ctx, v)
			if err == nil {
				sh.do(func() { sh.notice(fmt.Sprintf(lang.L("已记录，处理：%s"), got.Outcome)) })
			}
			return err
		}, nil
	}
}
