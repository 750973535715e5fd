package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// workshopScreen is the 灯彩工坊: orders, trainees, products, and income and payouts.
type workshopScreen struct {
	sh       *shell
	tabs     *container.AppTabs
	pages    []tabPage
	orders   *ordersTab
	trainees *traineesTab
	products *productsTab
	income   *incomeTab
	out      *printScreen
	title    *widget.Label // 灯彩工坊 · the workshop's name, from 设置
}

func newWorkshopScreen(sh *shell) *workshopScreen {
	w := &workshopScreen{sh: sh, out: &printScreen{sh: sh, progress: widget.NewProgressBarInfinite(), status: widget.NewLabel("")},
		title: heading(lang.L("灯彩工坊"))}
	w.orders = newOrdersTab(w)
	w.trainees = newTraineesTab(w)
	w.products = newProductsTab(w)
	w.income = newIncomeTab(w)
	w.pages = []tabPage{{lang.L("订单"), w.orders.box, w.orders.refresh}, {lang.L("学员"), w.trainees.box, w.trainees.refresh},
		{lang.L("产品"), w.products.box, w.products.refresh}, {lang.L("收入与发放"), w.income.box, w.income.refresh}}
	w.tabs = newTabs(w.pages)
	return w
}

func (w *workshopScreen) view() fyne.CanvasObject {
	return container.NewPadded(container.NewBorder(container.NewVBox(w.title, w.out.status), nil, nil, nil, w.tabs))
}

func (w *workshopScreen) refresh() {
	async(w.sh, func() (data.WorkshopIdentity, error) { return w.sh.store.WorkshopIdentity(w.sh.ctx) }, func(id data.WorkshopIdentity) {
		name := id.Name
		if name == "" {
			name = lang.L("尚未设置工坊名称（管理员可在「设置 → 工坊信息」中填写）")
		}
		w.title.SetText(lang.L("灯彩工坊") + " · " + name)
	})
	reloadTab(w.tabs, w.pages)
}

func (w *workshopScreen) canWrite() bool { return w.sh.actor.Role.Can(data.PermWorkshop) }

// ordersTab lists orders; overdue ones stand out.
type ordersTab struct {
	w      *workshopScreen
	status *widget.Select
	rows   []data.Order
	table  *widget.Table
	box    fyne.CanvasObject
}

var orderHeaders = []string{"订单号", "客户", "交货日期", "状态", "订单金额", "已收", "提醒"}
var orderWidths = []float32{130, 220, 100, 80, 110, 110, 90}

func newOrdersTab(w *workshopScreen) *ordersTab {
	t := &ordersTab{w: w, status: newSelect(append([]string{lang.L("全部状态")}, data.OrderStatuses...), nil)}
	t.status.SetSelectedIndex(0)
	t.status.OnChanged = func(string) { t.refresh() }
	t.table = newHeaderTable(orderHeaders, orderWidths, func() int { return len(t.rows) }, t.cell)
	plain := t.table.UpdateCell
	t.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*cellLabel)
		l.Importance = widget.MediumImportance
		if id.Col == 6 && t.rows[id.Row].Overdue(t.w.sh.now().Format("2006-01-02")) {
			l.Importance = widget.DangerImportance // overdue orders stand out
		}
		plain(id, o)
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		openOrderDialog(t.w, t.rows[id.Row].ID)
	}
	add := widget.NewButtonWithIcon(lang.L("新建订单"), theme.ContentAddIcon(), func() { openNewOrder(t.w) })
	add.Importance = widget.HighImportance
	if !w.canWrite() {
		add.Disable()
	}
	t.box = container.NewBorder(container.NewHBox(add, t.status), nil, nil, nil, t.table)
	return t
}

func (t *ordersTab) cell(row, col int) string {
	o := t.rows[row]
	switch col {
	case 0:
		return o.Number
	case 1:
		return o.CustomerName + orgText(o.CustomerOrg)
	case 2:
		return o.Due
	case 3:
		return lang.L(o.Status)
	case 4:
		return data.Yuan(o.TotalFen)
	case 5:
		return data.Yuan(o.PaidFen)
	case 6:
		if o.Overdue(t.w.sh.now().Format("2006-01-02")) {
			return lang.L("逾期")
		}
	}
	return ""
}

func orgText(org string) string {
	if org == "" {
		return ""
	}
	return "（" + org + "）"
}

func (t *ordersTab) refresh() {
	st := ""
	if t.status.SelectedIndex() > 0 {
		st = t.status.Selected
	}
	async(t.w.sh, func() ([]data.Order, error) { return t.w.sh.store.Orders(t.w.sh.ctx, st) }, func(os []data.Order) {
		t.rows = os
		t.table.Refresh()
	})
}

// openNewOrder takes an order: customer, due date, split rule, retention rate and lines.
func openNewOrder(w *workshopScreen) {
	async(w.sh, func() ([]data.Product, error) { return w.sh.store.Products(w.sh.ctx) }, func(ps []data.Product) {
		name, org, phone, due := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		due.SetText(w.sh.now().AddDate(0, 0, 30).Format("2006-01-02"))
		rule := newSelect(data.SplitRules, nil)
		rule.SetSelected(data.RuleByPieces)
		retention := widget.NewEntry()
		retention.SetText("15")
		status := newSelect([]string{data.StatusAccepted, data.StatusInquiry}, nil)
		status.SetSelectedIndex(0)
		var names []string
		var active []data.Product
		for _, p := range ps {
			if p.Active {
				names = append(names, fmt.Sprintf(lang.L("%s（%s 元）"), p.Name, data.Yuan(p.UnitPriceFen)))
				active = append(active, p)
			}
		}
		product := newSelect(names, nil)
		if len(names) > 0 {
			product.SetSelectedIndex(0)
		}
		qty := widget.NewEntry()
		qty.SetText("10")
		notes := widget.NewEntry()
		items := []*widget.FormItem{widget.NewFormItem(lang.L("客户"), name), widget.NewFormItem(lang.L("单位"), org),
			widget.NewFormItem(lang.L("电话"), phone), widget.NewFormItem(lang.L("交货日期"), due), widget.NewFormItem(lang.L("产品"), product),
			widget.NewFormItem(lang.L("数量"), qty), widget.NewFormItem(lang.L("分配方式"), rule),
			widget.NewFormItem(lang.L("工坊留存（%）"), retention), widget.NewFormItem(lang.L("状态"), status), widget.NewFormItem(lang.L("备注"), notes)}
		d := dialog.NewForm(lang.L("新建订单"), lang.L("保存"), lang.L("取消"), items, func(ok bool) {
			if !ok || product.SelectedIndex() < 0 {
				return
			}
			o, err := orderFromForm(name.Text, org.Text, phone.Text, due.Text, qty.Text, retention.Text, rule.Selected, status.Selected, notes.Text, active[product.SelectedIndex()].ID)
			if err != nil {
				w.sh.showError(err)
				return
			}
			async(w.sh, func() (int64, error) { return w.sh.store.CreateOrder(w.sh.ctx, o) }, func(id int64) {
				w.orders.refresh()
				openOrderDialog(w, id)
			})
		}, w.sh.win)
		d.Resize(fyne.NewSize(560, 620))
		d.Show()
	})
}

// orderFromForm reads the new-order form; the retention rate is typed in percent and kept in
// basis points, never as a float.
func orderFromForm(name, org, phone, due, qty, retention, rule, status, notes string, product int64) (data.Order, error) {
	var n int64
	if _, err := fmt.Sscan(qty, &n); err != nil || n <= 0 {
		return data.Order{}, &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("数量"), Message: lang.L("应为正整数")}}}
	}
	bp, err := data.ParseYuan(retention) // "15" or "12.5" percent → 1500 or 1250 hundredths
	if err != nil || bp < 0 || bp > 10000 {
		return data.Order{}, &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("工坊留存（%）"), Message: lang.L("应为 0 到 100，最多两位小数")}}}
	}
	return data.Order{CustomerName: name, CustomerOrg: org, CustomerPhone: phone, Due: due, Status: status, SplitRule: rule,
		RetentionBP: bp, Notes: notes, Lines: []data.OrderLine{{ProductID: product, Quantity: n}}}, nil
}

func (w *workshopScreen) printLedger(month string) {
	w.out.document(&documents.WorkshopLedger, documents.Values{"month": month})
}
