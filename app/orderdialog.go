package app

import (
	"errors"
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

// orderDialog shows one order: its lines and production, its payments with their splits, and
// the forms to log production, take a payment (the split and how it was computed are shown
// before saving) and move the order along.
type orderDialog struct {
	w        *workshopScreen
	id       int64
	order    data.Order
	trainees []data.Trainee
	payments []data.Payment
	products []data.Product
	info     *widget.Label
	lineBox  *fyne.Container // the lines, with 修改 / 删除 while they may change
	pays     *widget.Label
	// production form
	line, trainee   *keySelect
	pieces, minutes *widget.Entry
	day             *widget.Entry
	logBtn          *widget.Button
	// payment form
	amount, payDay *widget.Entry
	method         *keySelect
	preview        *widget.Label
	previewBtn     *widget.Button
	payBtn         *widget.Button
	status         *fyne.Container
	reverseBtn     *widget.Button // nil when no payment can be reversed
	// the 冲销收款 form
	revWhich  *keySelect
	revReason *widget.Entry
	revIDs    []int64
	revForm   *formDialog // the 冲销收款 form on show
	dlg       dialog.Dialog
}

func openOrderDialog(w *workshopScreen, id int64) *orderDialog {
	d := &orderDialog{w: w, id: id, info: widget.NewLabel(""), lineBox: container.NewVBox(), pays: widget.NewLabel(""),
		line: newSelect(nil, nil), trainee: newSelect(nil, nil), pieces: widget.NewEntry(), minutes: widget.NewEntry(),
		day: widget.NewEntry(), amount: widget.NewEntry(), payDay: widget.NewEntry(), method: newSelect(data.PaymentMethods, nil),
		preview: widget.NewLabel(""), status: container.NewHBox()}
	for _, l := range []*widget.Label{d.info, d.pays, d.preview} {
		l.Wrapping = fyne.TextWrapWord
	}
	today := w.sh.now().Format("2006-01-02")
	d.day.SetText(today)
	d.payDay.SetText(today)
	d.method.SetSelectedIndex(0)
	d.pieces.SetPlaceHolder(lang.L("件数"))
	d.minutes.SetPlaceHolder(lang.L("工时（分钟）"))
	d.amount.SetPlaceHolder(lang.L("金额（元）"))
	d.amount.OnChanged = func(string) { d.payBtn.Disable(); d.preview.SetText("") }
	d.logBtn = widget.NewButtonWithIcon(lang.L("登记生产"), theme.ContentAddIcon(), func() { d.onLog(false) })
	d.previewBtn = widget.NewButtonWithIcon(lang.L("计算分配"), theme.SearchIcon(), d.onPreview)
	d.payBtn = widget.NewButtonWithIcon(lang.L("确认收款"), theme.ConfirmIcon(), d.onPay)
	d.payBtn.Importance = widget.HighImportance
	d.payBtn.Disable()
	if !w.canWrite() {
		d.logBtn.Disable()
		d.previewBtn.Disable()
	}
	d.load(true)
	return d
}

func (d *orderDialog) load(show bool) {
	type loaded struct {
		o     data.Order
		ts    []data.Trainee
		ps    []data.Payment
		prods []data.Product
	}
	sh := d.w.sh
	async(sh, func() (loaded, error) {
		o, err := sh.store.Order(sh.ctx, d.id)
		if err != nil {
			return loaded{}, err
		}
		ts, err := sh.store.Trainees(sh.ctx, true)
		if err != nil {
			return loaded{}, err
		}
		ps, err := sh.store.Payments(sh.ctx, d.id)
		if err != nil {
			return loaded{}, err
		}
		prods, err := sh.store.Products(sh.ctx)
		return loaded{o, ts, ps, prods}, err
	}, func(l loaded) {
		d.order, d.trainees, d.payments, d.products = l.o, l.ts, l.ps, l.prods
		d.fill()
		if show {
			d.show()
		}
	})
}

func (d *orderDialog) fill() {
	o := d.order
	d.info.SetText(fmt.Sprintf(lang.L("客户：%s%s　交货：%s　状态：%s　分配：%s，工坊留存 %d.%02d%%\n订单金额 %s 元（材料 %s 元），已收 %s 元，未收 %s 元"),
		o.CustomerName, orgText(o.CustomerOrg), o.Due, tr(o.Status), o.SplitRule, o.RetentionBP/100, o.RetentionBP%100,
		data.Yuan(o.TotalFen), data.Yuan(o.MaterialFen), data.Yuan(o.PaidFen), data.Yuan(o.TotalFen-o.PaidFen)))
	d.fillLines()
	var opts []string
	for i, l := range o.Lines {
		opts = append(opts, fmt.Sprintf(lang.L("%d. %s"), i+1, l.Product))
	}
	d.line.ClearSelected()
	d.line.SetOptions(opts)
	if len(opts) > 0 {
		d.line.SetSelectedIndex(0)
	}
	var ts []string
	for _, t := range d.trainees {
		ts = append(ts, t.Number+" "+t.DisplayName())
	}
	d.trainee.SetOptions(ts)
	var pays []string
	for _, p := range d.payments {
		line := fmt.Sprintf(lang.L("#%d %s %s %s 元"), p.ID, p.Day, tr(p.Method), data.Yuan(p.AmountFen))
		if p.Note != "" {
			line += "（" + p.Note + "）"
		}
		if p.ReversedBy != 0 {
			line += "　" + fmt.Sprintf(lang.L("已冲销（见 #%d）"), p.ReversedBy)
		}
		if p.Split == nil {
			line += "　" + lang.L("待分配：登记生产后自动分配")
		} else {
			line += "\n　" + p.Formula
		}
		pays = append(pays, line)
	}
	if len(pays) == 0 {
		pays = []string{lang.L("尚未收款")}
	}
	d.pays.SetText(strings.Join(pays, "\n"))
	d.status.Objects = nil
	if d.w.canWrite() {
		for _, to := range data.NextStatuses(o.Status) {
			to := to
			d.status.Add(widget.NewButton(fmt.Sprintf(lang.L("改为「%s」"), tr(to)), func() { d.setStatus(to) }))
		}
		if len(d.reversible()) > 0 {
			d.reverseBtn = widget.NewButtonWithIcon(lang.L("冲销收款…"), theme.ContentUndoIcon(), d.onReverse)
			d.status.Add(d.reverseBtn)
		} else {
			d.reverseBtn = nil
		}
	}
	d.status.Refresh()
}

func (d *orderDialog) show() {
	prod := widget.NewForm(widget.NewFormItem(lang.L("产品"), d.line), widget.NewFormItem(lang.L("学员"), d.trainee),
		widget.NewFormItem(lang.L("件数 / 工时"), container.NewGridWithColumns(2, d.pieces, d.minutes)), widget.NewFormItem(lang.L("日期"), d.day))
	pay := widget.NewForm(widget.NewFormItem(lang.L("收款金额（元）"), d.amount), widget.NewFormItem(lang.L("收款日期"), d.payDay),
		widget.NewFormItem(lang.L("方式"), d.method))
	printBtn := widget.NewButtonWithIcon(lang.L("打印订单确认单"), theme.DocumentPrintIcon(), func() {
		n := d.order.Number
		d.w.out.document(&documents.OrderConfirmation, documents.Values{"number": n})
	})
	content := container.NewVBox(d.info, widget.NewCard(lang.L("订单明细与生产"), "", container.NewVBox(d.lineBox, prod, d.logBtn)),
		widget.NewCard(lang.L("收款与收入分配"), "", container.NewVBox(d.pays, pay, container.NewHBox(d.previewBtn, d.payBtn), d.preview)))
	// The order's own actions stay below the scroll, always in view (wrapped text makes the
	// scroll's content taller than it first measures, which hid a last row inside it).
	body := container.NewBorder(nil, container.NewHBox(d.status, printBtn), nil, nil, container.NewVScroll(content))
	d.dlg = dialog.NewCustom(lang.L("订单")+" "+d.order.Number, lang.L("关闭"), body, d.w.sh.win)
	d.dlg.SetOnClosed(func() { d.w.orders.refresh() })
	d.dlg.Resize(fyne.NewSize(860, 720))
	d.dlg.Show()
}

func parseCount(s string) (int64, error) {
	s = strings.TrimSpace(data.Fold(s))
	if s == "" {
		return 0, nil
	}
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil || n < 0 || fmt.Sprint(n) != s {
		return 0, fmt.Errorf("“%s”不是非负整数", s)
	}
	return n, nil
}

func (d *orderDialog) onLog(allowOver bool) {
	li, ti := d.line.SelectedIndex(), d.trainee.SelectedIndex()
	if li < 0 || ti < 0 {
		d.w.sh.showError(&data.Error{Code: data.CodeInvalid, Message: lang.L("请选择产品和学员")})
		return
	}
	pieces, err1 := parseCount(d.pieces.Text)
	minutes, err2 := parseCount(d.minutes.Text)
	if err := errors.Join(err1, err2); err != nil {
		d.w.sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("件数 / 工时"), Message: err.Error()}}})
		return
	}
	line, trainee, day := d.order.Lines[li].ID, d.trainees[ti].ID, d.day.Text
	sh := d.w.sh
	sh.background(func() {
		n, err := sh.store.LogProduction(sh.ctx, line, trainee, day, pieces, minutes, allowOver)
		sh.do(func() {
			switch {
			case errors.Is(err, data.ErrOverProduction):
				dialog.ShowConfirm(lang.L("超过订购数量"), err.Error()+"\n"+lang.L("仍然登记？"), func(ok bool) {
					if ok {
						d.onLog(true)
					}
				}, sh.win)
			case err != nil:
				sh.showError(err)
			default:
				d.pieces.SetText("")
				d.minutes.SetText("")
				if n > 0 {
					dialog.ShowInformation(lang.L("已分配"), fmt.Sprintf(lang.L("已按生产记录分配 %d 笔待分配收款。"), n), sh.win)
				}
				d.load(false)
			}
		})
	})
}

func (d *orderDialog) onPreview() {
	fen, err := data.ParseYuan(d.amount.Text)
	if err != nil {
		d.w.sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("收款金额"), Message: err.Error()}}})
		return
	}
	sh := d.w.sh
	async(sh, func() (data.PaymentPreview, error) { return sh.store.PreviewPayment(sh.ctx, d.id, fen) }, func(p data.PaymentPreview) {
		d.preview.SetText(lang.L("公式说明：") + p.Formula)
		d.payBtn.Enable()
	})
}

func (d *orderDialog) onPay() {
	fen, err := data.ParseYuan(d.amount.Text)
	if err != nil {
		d.w.sh.showError(err)
		return
	}
	sh, day, method := d.w.sh, d.payDay.Text, d.method.Selected
	async(sh, func() (data.Payment, error) { return sh.store.RecordPayment(sh.ctx, d.id, day, fen, method, "") }, func(p data.Payment) {
		d.amount.SetText("")
		d.payBtn.Disable()
		d.preview.SetText(lang.L("已收款。") + p.Formula)
		d.load(false)
	})
}

func (d *orderDialog) setStatus(to string) {
	sh := d.w.sh
	async(sh, func() (struct{}, error) { return struct{}{}, sh.store.SetOrderStatus(sh.ctx, d.id, to) }, func(struct{}) { d.load(false) })
}

// reversible lists the payments that can still be reversed: received, and not reversed yet.
func (d *orderDialog) reversible() []data.Payment {
	var out []data.Payment
	for _, p := range d.payments {
		if p.AmountFen > 0 && p.ReversedBy == 0 {
			out = append(out, p)
		}
	}
	return out
}

func (d *orderDialog) onReverse() {
	var opts []string
	d.revIDs = nil
	for _, p := range d.reversible() {
		opts = append(opts, fmt.Sprintf(lang.L("#%d %s %s 元"), p.ID, p.Day, data.Yuan(p.AmountFen)))
		d.revIDs = append(d.revIDs, p.ID)
	}
	d.revWhich, d.revReason = newSelect(opts, nil), widget.NewEntry()
	d.revReason.SetPlaceHolder(lang.L("例如：客户退货"))
	note := widget.NewLabel(lang.L("已领取这笔收入的学员，冲销后记为应退，从以后的收入中抵扣。"))
	note.Wrapping = fyne.TextWrapWord
	sh := d.w.sh
	// A mistake (nothing chosen, no reason, already reversed) keeps the dialog and the reason typed.
	fd := newFormDialog(sh, lang.L("冲销收款"), lang.L("冲销"), []*widget.FormItem{widget.NewFormItem(lang.L("收款"), d.revWhich),
		widget.NewFormItem(lang.L("冲销原因"), d.revReason), widget.NewFormItem("", note)}, d.reversePayment, func() { d.load(false) })
	d.revForm = fd
	fd.Show(560)
}

// reversePayment checks the 冲销收款 form and returns the work that reverses the chosen payment.
func (d *orderDialog) reversePayment() (func() error, error) {
	sh, i := d.w.sh, d.revWhich.SelectedIndex()
	if i < 0 {
		return nil, fieldError("收款", "请选择要冲销的收款")
	}
	id, why := d.revIDs[i], d.revReason.Text
	return func() error { return sh.store.ReversePayment(sh.ctx, id, why) }, nil
}
