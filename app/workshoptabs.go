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
	"linli/documents"
)

// traineesTab: the trainees, their training hours, lessons and 培训证书.
type traineesTab struct {
	w    *workshopScreen
	rows []data.Trainee
	list *widget.List
	box  fyne.CanvasObject
}

func newTraineesTab(w *workshopScreen) *traineesTab {
	t := &traineesTab{w: w}
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			x := t.rows[id]
			txt := fmt.Sprintf(lang.L("%s  %s  %s  %s  培训 %s"), x.Number, x.DisplayName(), tr(x.SkillLevel), lang.L("加入")+" "+x.Joined, hoursText(x.TrainingMinutes))
			if x.DisabilityCategory != "" {
				txt += "  " + tr(x.DisabilityCategory) + " " + tr(x.DisabilityLevel)
			}
			o.(*widget.Label).SetText(txt)
		})
	add := widget.NewButtonWithIcon(lang.L("登记学员"), theme.ContentAddIcon(), t.onAdd)
	lesson := widget.NewButtonWithIcon(lang.L("登记培训课"), theme.CalendarIcon(), t.onLesson)
	cert := widget.NewButtonWithIcon(lang.L("打印培训证书"), theme.DocumentPrintIcon(), func() {
		w.out.document(&documents.TrainingCerts, documents.Values{})
	})
	if !w.canWrite() {
		add.Disable()
		lesson.Disable()
		cert.Disable()
	}
	note := widget.NewLabel(fmt.Sprintf(lang.L("残疾类别和等级只有管理员和工坊管理员可见。培训满 %d 小时可出具培训证书（编入统一证书登记簿）。"), data.TrainingCertHours))
	note.Wrapping = fyne.TextWrapWord
	t.box = container.NewBorder(container.NewVBox(container.NewHBox(add, lesson, cert), note), nil, nil, nil, t.list)
	return t
}

func (t *traineesTab) refresh() {
	sh := t.w.sh
	async(sh, func() ([]data.Trainee, error) { return sh.store.Trainees(sh.ctx, false) }, func(ts []data.Trainee) {
		t.rows = ts
		t.list.Refresh()
	})
}

func (t *traineesTab) onAdd() {
	sh := t.w.sh
	var tr data.Trainee
	who := widget.NewLabel(lang.L("（未选择）"))
	picker := newPersonPicker(sh, func(p data.Person) { tr.PersonID = p.ID; who.SetText(p.Name + "  " + p.Community) })
	nick := widget.NewEntry()
	cat := newSelect(append([]string{""}, data.DisabilityCategories...), nil)
	level := newSelect(append([]string{""}, data.DisabilityLevels...), nil)
	skill := newSelect(data.SkillLevels, nil)
	skill.SetSelectedIndex(0)
	fd := newFormDialog(sh, lang.L("登记学员"), lang.L("保存"), []*widget.FormItem{
		widget.NewFormItem(lang.L("居民"), who), widget.NewFormItem(lang.L("查找居民"), picker.view()),
		widget.NewFormItem(lang.L("昵称"), nick), widget.NewFormItem(lang.L("残疾类别"), cat), widget.NewFormItem(lang.L("残疾等级"), level),
		widget.NewFormItem(lang.L("技能等级"), skill)}, func() (func() error, error) {
		tr.Nickname, tr.DisabilityCategory, tr.DisabilityLevel, tr.SkillLevel = nick.Text, cat.Selected, level.Selected, skill.Selected
		saved := tr
		return func() error { _, err := sh.store.SaveTrainee(sh.ctx, saved); return err }, nil
	}, t.refresh)
	fd.Show(640)
}

func (t *traineesTab) onLesson() {
	sh := t.w.sh
	day, topic, minutes, teacher := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	day.SetText(sh.now().Format("2006-01-02"))
	minutes.SetText("150")
	var names []string
	for _, tr := range t.rows {
		if tr.Active {
			names = append(names, tr.Number+" "+tr.DisplayName())
		}
	}
	who := widget.NewCheckGroup(names, nil)
	who.SetSelected(names)
	fd := newFormDialog(sh, lang.L("登记培训课"), lang.L("保存"), []*widget.FormItem{
		widget.NewFormItem(lang.L("日期"), day), widget.NewFormItem(lang.L("内容"), topic), widget.NewFormItem(lang.L("时长（分钟）"), minutes),
		widget.NewFormItem(lang.L("老师"), teacher), widget.NewFormItem(lang.L("出勤学员"), who)}, func() (func() error, error) {
		ts := data.TrainingSession{Day: day.Text, Topic: topic.Text, Teacher: teacher.Text}
		n, err := parseCount(minutes.Text)
		if err != nil {
			return nil, fieldError("时长", err.Error())
		}
		ts.Minutes = int(n)
		for _, sel := range who.Selected {
			for _, tr := range t.rows {
				if strings.HasPrefix(sel, tr.Number+" ") {
					ts.Trainees = append(ts.Trainees, tr.ID)
				}
			}
		}
		return func() error { _, err := sh.store.RecordTraining(sh.ctx, ts); return err }, nil
	}, t.refresh)
	fd.Show(640)
}

// productsTab: the lantern catalogue.
type productsTab struct {
	w    *workshopScreen
	rows []data.Product
	list *widget.List
	box  fyne.CanvasObject
}

func newProductsTab(w *workshopScreen) *productsTab {
	t := &productsTab{w: w}
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := t.rows[id]
			txt := fmt.Sprintf(lang.L("%s（%s）  单价 %s 元  材料 %s 元/件"), p.Name, p.Spec, data.Yuan(p.UnitPriceFen), data.Yuan(p.MaterialFen))
			if !p.Active {
				txt += "  " + lang.L("停产")
			}
			o.(*widget.Label).SetText(txt)
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.UnselectAll(); t.edit(t.rows[id]) }
	add := widget.NewButtonWithIcon(lang.L("新增产品"), theme.ContentAddIcon(), func() { t.edit(data.Product{Active: true}) })
	if !w.canWrite() {
		add.Disable()
	}
	t.box = container.NewBorder(add, nil, nil, nil, t.list)
	return t
}

func (t *productsTab) refresh() {
	sh := t.w.sh
	async(sh, func() ([]data.Product, error) { return sh.store.Products(sh.ctx) }, func(ps []data.Product) { t.rows = ps; t.list.Refresh() })
}

func (t *productsTab) edit(p data.Product) {
	sh := t.w.sh
	name, spec, price, material := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	name.SetText(p.Name)
	spec.SetText(p.Spec)
	if p.ID != 0 {
		price.SetText(data.Yuan(p.UnitPriceFen))
		material.SetText(data.Yuan(p.MaterialFen))
	}
	yuanCheck := func(s string) error { _, err := data.ParseYuan(s); return err }
	price.Validator, material.Validator = yuanCheck, yuanCheck
	active := widget.NewCheck(lang.L("在售"), nil)
	active.SetChecked(p.Active)
	fd := newFormDialog(sh, lang.L("产品"), lang.L("保存"), []*widget.FormItem{widget.NewFormItem(lang.L("品名"), name),
		widget.NewFormItem(lang.L("规格"), spec), widget.NewFormItem(lang.L("单价（元）"), price),
		widget.NewFormItem(lang.L("材料成本（元/件）"), material), widget.NewFormItem(lang.L("状态"), active)}, func() (func() error, error) {
		if !t.w.canWrite() {
			return nil, nil
		}
		pf, err := data.ParseYuan(price.Text)
		if err != nil {
			return nil, fieldError("单价", err.Error())
		}
		mf, err := data.ParseYuan(material.Text)
		if err != nil {
			return nil, fieldError("材料成本", err.Error())
		}
		p.Name, p.Spec, p.UnitPriceFen, p.MaterialFen, p.Active = name.Text, spec.Text, pf, mf, active.Checked
		saved := p
		return func() error { _, err := sh.store.SaveProduct(sh.ctx, saved); return err }, nil
	}, t.refresh)
	fd.Show(560)
}

// incomeTab: each trainee's earnings for a month, payouts, and the month's ledger and slips.
type incomeTab struct {
	w     *workshopScreen
	month *widget.Entry
	rows  []data.Earning
	list  *widget.List
	box   fyne.CanvasObject
	// 冲销发放: the month's payouts that can be reversed, and the open form
	reversible []payoutChoice
	which      *keySelect
	reason     *widget.Entry
	revForm    *formDialog // the 冲销发放 form on show
	// the payout dialog on show, for tests
	dlg    *formDialog
	amount *widget.Entry
}

// payoutChoice is a payout offered for reversal, with its trainee's name.
type payoutChoice struct {
	data.Payout
	Name string
}

func newIncomeTab(w *workshopScreen) *incomeTab {
	t := &incomeTab{w: w, month: widget.NewEntry()}
	t.month.SetText(w.sh.now().Format("2006-01"))
	t.month.OnSubmitted = func(string) { t.refresh() }
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(earningText(t.rows[id]))
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.UnselectAll(); t.payout(t.rows[id]) }
	show := widget.NewButtonWithIcon(lang.L("查看"), theme.SearchIcon(), t.refresh)
	ledger := widget.NewButtonWithIcon(lang.L("打印收入台账"), theme.DocumentPrintIcon(), func() { w.printLedger(t.month.Text) })
	slips := widget.NewButtonWithIcon(lang.L("打印收入分配单"), theme.DocumentPrintIcon(), func() {
		m := t.month.Text
		w.out.document(&documents.Payouts, documents.Values{"month": m})
	})
	export := widget.NewButtonWithIcon(lang.L("导出分配明细"), theme.DownloadIcon(), func() {
		m := t.month.Text
		w.out.document(&documents.SplitsXLSX, documents.Values{"month": m})
	})
	reverse := widget.NewButtonWithIcon(lang.L("冲销发放…"), theme.ContentUndoIcon(), t.onReversePayout)
	if !w.canWrite() {
		reverse.Disable()
	}
	hint := widget.NewLabel(lang.L("点一位学员登记发放；发放金额不能超过尚欠金额。应退（已领取后被冲销的收入）从以后的收入中抵扣。"))
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewHBox(widget.NewLabel(lang.L("月份")), container.NewGridWrap(fyne.NewSize(100, 36), t.month), show, ledger, slips,
		export, reverse), hint)
	t.box = container.NewBorder(top, nil, nil, nil, t.list)
	return t
}

func (t *incomeTab) refresh() {
	sh, m := t.w.sh, t.month.Text
	if err := data.ParseMonth(lang.L("月份"), m); err != nil {
		sh.showError(err)
		return
	}
	async(sh, func() ([]data.Earning, error) { return sh.store.Earnings(sh.ctx, m) }, func(es []data.Earning) { t.rows = es; t.list.Refresh() })
}

func (t *incomeTab) payout(e data.Earning) {
	sh := t.w.sh
	if !t.w.canWrite() {
		return
	}
	amount, day := widget.NewEntry(), widget.NewEntry()
	amount.SetText(data.Yuan(max(e.Owed, 0)))
	day.SetText(sh.now().Format("2006-01-02"))
	method := newSelect(data.PaymentMethods, nil)
	method.SetSelectedIndex(0)
	m := t.month.Text
	fd := newFormDialog(sh, lang.L("登记发放")+"："+e.Trainee.DisplayName(), lang.L("保存"), []*widget.FormItem{
		widget.NewFormItem(lang.L("月份"), widget.NewLabel(m)), widget.NewFormItem(lang.L("发放金额（元）"), amount),
		widget.NewFormItem(lang.L("发放日期"), day), widget.NewFormItem(lang.L("方式"), method)}, func() (func() error, error) {
		fen, err := data.ParseYuan(amount.Text)
		if err != nil {
			return nil, fieldError("发放金额", err.Error())
		}
		id, d, meth := e.Trainee.ID, day.Text, method.Selected
		return func() error { return sh.store.RecordPayout(sh.ctx, id, m, d, fen, meth, "") }, nil
	}, t.refresh)
	t.dlg, t.amount = fd, amount
	fd.Show(520)
}

// earningText is a trainee's line in the income list: what is still owed, or what they owe back.
func earningText(e data.Earning) string {
	txt := fmt.Sprintf(lang.L("%s %s　本月分配 %s 元　本月已发 %s 元　累计应得 %s 元"), e.Trainee.Number, e.Trainee.DisplayName(),
		data.Yuan(e.EarnedMonth), data.Yuan(e.PaidMonth), data.Yuan(e.EarnedTotal))
	if e.OwedBack > 0 {
		return txt + "　" + fmt.Sprintf(lang.L("应退 %s 元"), data.Yuan(e.OwedBack))
	}
	return txt + "　" + fmt.Sprintf(lang.L("尚欠 %s 元"), data.Yuan(e.Owed))
}

// onReversePayout (冲销发放) offers the month's payouts that still stand, and takes one back with a reason.
func (t *incomeTab) onReversePayout() {
	sh, m := t.w.sh, t.month.Text
	if err := data.ParseMonth(lang.L("月份"), m); err != nil {
		sh.showError(err)
		return
	}
	async(sh, func() ([]data.PayoutSlip, error) { return sh.store.PayoutSlips(sh.ctx, m) }, func(slips []data.PayoutSlip) {
		t.reversible = nil
		var opts []string
		for _, sl := range slips {
			for _, p := range sl.Payouts {
				if p.AmountFen > 0 && p.ReversedBy == 0 {
					t.reversible = append(t.reversible, payoutChoice{p, sl.Trainee.DisplayName()})
					opts = append(opts, fmt.Sprintf(lang.L("#%d %s %s %s 元（%s）"), p.ID, sl.Trainee.DisplayName(), p.Day, data.Yuan(p.AmountFen), tr(p.Method)))
				}
			}
		}
		if len(opts) == 0 {
			dialog.ShowInformation(lang.L("冲销发放"), lang.L("本月没有可以冲销的发放。"), sh.win)
			return
		}
		t.which, t.reason = newSelect(opts, nil), widget.NewEntry()
		t.reason.SetPlaceHolder(lang.L("例如：转账被退回"))
		// A mistake (nothing chosen, no reason) keeps the dialog and the reason typed.
		t.revForm = newFormDialog(sh, lang.L("冲销发放"), lang.L("冲销"), []*widget.FormItem{widget.NewFormItem(lang.L("发放"), t.which),
			widget.NewFormItem(lang.L("冲销原因"), t.reason)}, t.reversePayout, t.refresh)
		t.revForm.Show(560)
	})
}

// reversePayout checks the 冲销发放 form and returns the work that takes back the chosen payout.
func (t *incomeTab) reversePayout() (func() error, error) {
	sh, i := t.w.sh, t.which.SelectedIndex()
	if i < 0 {
		return nil, fieldError("发放", "请选择要冲销的发放")
	}
	id, why := t.reversible[i].ID, t.reason.Text
	return func() error { return sh.store.ReversePayout(sh.ctx, id, why) }, nil
}
