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
)

// marketSetupTab shows and changes how the market runs: the settings and the fee rules
// (管理员), the stall layout (a new version, 社工) and the 公约 (a new version, 管理员).
type marketSetupTab struct {
	m       *marketScreen
	rules   data.MarketRules
	fees    []data.FeeRule
	layouts []data.StallLayout
	pacts   []data.Pact
	summary *widget.Label
	rulesB  *widget.Button
	feesB   *widget.Button
	layoutB *widget.Button
	pactB   *widget.Button
	// the layout form last opened (tests)
	layoutForm *layoutForm
	box        fyne.CanvasObject
}

// layoutForm is the new layout's text and note.
type layoutForm struct {
	dlg        *formDialog
	text, note *keyEntry
}

func newMarketSetupTab(m *marketScreen) *marketSetupTab {
	t := &marketSetupTab{m: m, summary: widget.NewLabel("")}
	t.summary.Wrapping = fyne.TextWrapWord
	admin := m.sh.actor.Role.Can(data.PermMarketRules)
	t.rulesB = widget.NewButtonWithIcon(lang.L("修改集市设置"), theme.SettingsIcon(), t.onRules)
	t.feesB = widget.NewButtonWithIcon(lang.L("修改收费规则"), theme.DocumentCreateIcon(), t.onFees)
	t.layoutB = widget.NewButtonWithIcon(lang.L("新版摊位布局"), theme.GridIcon(), t.onLayout)
	t.pactB = widget.NewButtonWithIcon(lang.L("新版公约"), theme.DocumentIcon(), t.onPact)
	enable(t.rulesB, admin)
	enable(t.feesB, admin)
	enable(t.pactB, admin)
	enable(t.layoutB, m.canWrite())
	t.box = container.NewBorder(container.NewHBox(t.rulesB, t.feesB, t.layoutB, t.pactB), nil, nil, nil, container.NewVScroll(t.summary))
	return t
}

func (t *marketSetupTab) refresh() {
	sh := t.m.sh
	async(sh, func() (*marketSetupTab, error) {
		var x marketSetupTab
		var err error
		if x.rules, err = sh.store.MarketRules(sh.ctx); err != nil {
			return nil, err
		}
		if x.fees, err = sh.store.FeeRules(sh.ctx); err != nil {
			return nil, err
		}
		if x.layouts, err = sh.store.StallLayouts(sh.ctx); err != nil {
			return nil, err
		}
		x.pacts, err = sh.store.Pacts(sh.ctx)
		return &x, err
	}, func(x *marketSetupTab) {
		t.rules, t.fees, t.layouts, t.pacts = x.rules, x.fees, x.layouts, x.pacts
		t.summary.SetText(t.describe())
	})
}

func (t *marketSetupTab) describe() string {
	r := t.rules
	var b strings.Builder
	fmt.Fprintf(&b, lang.L("同品类最多 %d 个摊位（0 为不限）；%s 未出摊即释放给候补；一年无故缺席 %d 次暂停；一年内第 %d 次违约起警告，第 %d 次起暂停 %d 个集市日。"),
		r.CategoryCap, r.ReleaseTime, r.NoShowLimit, r.WarnAfter, r.SuspendAfter, r.SuspendDays)
	b.WriteString("\n\n" + lang.L("收费规则：") + "\n")
	for _, f := range t.fees {
		fmt.Fprintf(&b, "  %s：%s %s\n", f.Kind, f.Method, feeAmount(f))
	}
	if len(t.layouts) > 0 {
		l := t.layouts[0]
		fmt.Fprintf(&b, "\n"+lang.L("摊位布局第 %d 版（%d 个摊位）：%s")+"\n%s", l.Version, len(l.Stalls), l.Note, data.StallsText(l.Stalls))
	}
	if len(t.pacts) > 0 {
		p := t.pacts[0]
		fmt.Fprintf(&b, "\n"+lang.L("公约第 %d 版（%s 起施行，%d 人已签）")+"\n%s", p.Version, p.InForce, p.Signed, data.PactItemsText(p.Items))
	}
	return b.String()
}

func feeAmount(f data.FeeRule) string {
	switch f.Method {
	case data.FeePerDay:
		return data.Yuan(f.DayFen) + " " + lang.L("元/日")
	case data.FeePercent:
		return fmt.Sprintf("%d.%02d%%", f.RateBP/100, f.RateBP%100)
	}
	return ""
}

// intEntry is an entry for a whole number, checked as it is typed.
func intEntry(sh *shell, v int) *keyEntry {
	e := newEntry(sh)
	e.SetText(strconv.Itoa(v))
	e.Validator = func(s string) error { _, err := strconv.Atoi(strings.TrimSpace(s)); return err }
	return e
}

func (t *marketSetupTab) onRules() {
	sh, r := t.m.sh, t.rules
	cap, noShow, warn, susp, days := intEntry(sh, r.CategoryCap), intEntry(sh, r.NoShowLimit), intEntry(sh, r.WarnAfter), intEntry(sh, r.SuspendAfter), intEntry(sh, r.SuspendDays)
	release := newEntry(sh)
	release.SetText(r.ReleaseTime)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("同品类上限"), cap), widget.NewFormItem(lang.L("缺席次数上限"), noShow),
		widget.NewFormItem(lang.L("警告起始次数"), warn), widget.NewFormItem(lang.L("暂停起始次数"), susp),
		widget.NewFormItem(lang.L("暂停集市日数"), days), widget.NewFormItem(lang.L("释放时间"), release)}
	fd := newFormDialog(sh, lang.L("集市设置"), lang.L("保存"), items, func() (func() error, error) {
		n := func(e *keyEntry) int { v, _ := strconv.Atoi(strings.TrimSpace(e.Text)); return v }
		nr := data.MarketRules{CategoryCap: n(cap), NoShowLimit: n(noShow), WarnAfter: n(warn), SuspendAfter: n(susp), SuspendDays: n(days),
			ReleaseTime: strings.TrimSpace(release.Text)}
		if err := nr.Validate(); err != nil {
			return nil, err
		}
		return func() error { return sh.store.SaveMarketRules(sh.ctx, nr) }, nil
	}, t.refresh)
	fd.Show(480)
}

// onFees changes the fees of 农产品 and 普通 stalls; 帮扶 and 公益 stay 免租 and are not offered.
func (t *marketSetupTab) onFees() {
	sh := t.m.sh
	type row struct {
		kind   data.StallKind
		method *keySelect
		amount *keyEntry
	}
	var rows []row
	var items []*widget.FormItem
	for _, f := range t.fees {
		if f.Kind.AlwaysFree() {
			items = append(items, widget.NewFormItem(string(f.Kind), widget.NewLabel(lang.L("永久免租"))))
			continue
		}
		r := row{kind: f.Kind, method: newSelect([]string{string(data.FeeFree), string(data.FeePerDay), string(data.FeePercent)}, nil), amount: newEntry(sh)}
		r.method.SetSelected(string(f.Method))
		r.amount.SetPlaceHolder(lang.L("按日：元；提成：百分比"))
		switch f.Method {
		case data.FeePerDay:
			r.amount.SetText(data.Yuan(f.DayFen))
		case data.FeePercent:
			r.amount.SetText(fmt.Sprintf("%d.%02d", f.RateBP/100, f.RateBP%100))
		}
		r.amount.Validator = func(s string) error { _, err := data.ParseYuan(s); return err }
		rows = append(rows, r)
		items = append(items, widget.NewFormItem(string(f.Kind), container.NewGridWithColumns(2, r.method, r.amount)))
	}
	fd := newFormDialog(sh, lang.L("收费规则"), lang.L("保存"), items, func() (func() error, error) {
		var rules []data.FeeRule
		for _, r := range rows {
			f := data.FeeRule{Kind: r.kind, Method: data.FeeMethod(r.method.Selected)}
			if f.Method != data.FeeFree {
				v, err := data.ParseYuan(r.amount.Text) // 元 to 分, or a percentage to basis points
				if err != nil {
					return nil, fieldError(string(r.kind), err.Error())
				}
				if f.Method == data.FeePerDay {
					f.DayFen = v
				} else {
					f.RateBP = int(v)
				}
			}
			if err := f.Validate(); err != nil {
				return nil, err
			}
			rules = append(rules, f)
		}
		return func() error { return sh.store.SaveFeeRules(sh.ctx, rules...) }, nil
	}, t.refresh)
	fd.Show(520)
}

// onLayout records a new version of the layout, typed one stall a line; new market days use it.
func (t *marketSetupTab) onLayout() {
	sh := t.m.sh
	text, note := newMultiLineEntry(sh), newEntry(sh)
	lf := &layoutForm{text: text, note: note}
	t.layoutForm = lf
	text.SetMinRowsVisible(12)
	text.SetPlaceHolder("A01 帮扶 2×1.5米\nC04 农产品 2×2米 水产")
	if len(t.layouts) > 0 {
		text.SetText(data.StallsText(t.layouts[0].Stalls))
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("摊位（每行：编号 类型 尺寸 [限定品类]）"), text), widget.NewFormItem(lang.L("说明"), note)}
	fd := newFormDialog(sh, lang.L("新版摊位布局"), lang.L("保存"), items, func() (func() error, error) {
		stalls, err := data.ParseStalls(text.Text)
		if err != nil {
			return nil, err
		}
		l := data.StallLayout{Note: note.Text, Stalls: stalls}
		l.Normalize()
		if err := l.Validate(); err != nil {
			return nil, err
		}
		return func() error { _, err := sh.store.SaveStallLayout(sh.ctx, l); return err }, nil
	}, t.refresh)
	lf.dlg = fd
	fd.Show(640)
}

// onPact records a new version of the 公约, typed one item a line; from its first day every vendor
// signs again.
func (t *marketSetupTab) onPact() {
	sh := t.m.sh
	title, from, text := newEntry(sh), newEntry(sh), newMultiLineEntry(sh)
	text.SetMinRowsVisible(12)
	text.Wrapping = fyne.TextWrapWord
	title.SetText(lang.L("共富集市公约"))
	from.SetText(sh.now().AddDate(0, 0, 7).Format("2006-01-02"))
	from.Validator = func(s string) error { _, err := data.ParseDate(s); return err }
	if len(t.pacts) > 0 {
		title.SetText(t.pacts[0].Title)
		text.SetText(data.PactItemsText(t.pacts[0].Items))
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("公约名称"), title), widget.NewFormItem(lang.L("生效日期"), from),
		widget.NewFormItem(lang.L("条款（每行：标题：内容）"), text)}
	fd := newFormDialog(sh, lang.L("新版公约"), lang.L("保存"), items, func() (func() error, error) {
		its, err := data.ParsePactItems(text.Text)
		if err != nil {
			return nil, err
		}
		p := data.Pact{Title: title.Text, InForce: from.Text, Items: its}
		p.Normalize()
		if err := p.Validate(); err != nil {
			return nil, err
		}
		return func() error { _, err := sh.store.SavePact(sh.ctx, p); return err }, nil
	}, t.refresh)
	fd.Show(720)
}
