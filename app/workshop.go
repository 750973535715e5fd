package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	out      *fileWriter
	title    *widget.Label // 灯彩工坊 · the workshop's name, from 设置
	newOrder *newOrderForm // the new-order form last opened
	opened   *orderDialog  // the order dialog last opened from it
}

func newWorkshopScreen(sh *shell) *workshopScreen {
	w := &workshopScreen{sh: sh, out: newFileWriter(sh),
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
	status *keySelect
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
		return tr(o.Status)
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

// orderFromForm reads the new-order form; the retention rate is typed in percent and kept in
// basis points, never as a float.
func orderFromForm(name, org, phone, due, retention, rule, status, notes string, lines []data.OrderLine) (data.Order, error) {
	bp, err := data.ParseYuan(retention) // "15" or "12.5" percent → 1500 or 1250 hundredths
	if err != nil || bp < 0 || bp > 10000 {
		return data.Order{}, &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("工坊留存（%）"), Message: lang.L("应为 0 到 100，最多两位小数")}}}
	}
	return data.Order{CustomerName: name, CustomerOrg: org, CustomerPhone: phone, Due: due, Status: status, SplitRule: rule,
		RetentionBP: bp, Notes: notes, Lines: lines}, nil
}

func (w *workshopScreen) printLedger(month string) {
	w.out.document(&documents.WorkshopLedger, documents.Values{"month": month})
}
