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
)

// lineRows edits the lines of an order being taken: one product and quantity a row, rows added
// and removed freely.
type lineRows struct {
	products []data.Product // the active catalogue
	names    []string
	rows     []*lineRow
	box      *fyne.Container
	add      *widget.Button
}

type lineRow struct {
	product *keySelect
	qty     *widget.Entry
	remove  *widget.Button
	view    fyne.CanvasObject
}

func newLineRows(ps []data.Product) *lineRows {
	e := &lineRows{box: container.NewVBox()}
	for _, p := range ps {
		if p.Active {
			e.names = append(e.names, fmt.Sprintf(lang.L("%s（%s 元）"), p.Name, data.Yuan(p.UnitPriceFen)))
			e.products = append(e.products, p)
		}
	}
	e.add = widget.NewButtonWithIcon(lang.L("再加一种产品"), theme.ContentAddIcon(), func() { e.addRow() })
	e.addRow()
	return e
}

func (e *lineRows) view() fyne.CanvasObject {
	return container.NewVBox(e.box, container.NewHBox(e.add))
}

func (e *lineRows) addRow() *lineRow {
	r := &lineRow{product: newSelect(e.names, nil), qty: widget.NewEntry()}
	if len(e.names) > 0 {
		r.product.SetSelectedIndex(0)
	}
	r.qty.SetText("10")
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeRow(r) })
	r.view = container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(90, 36), r.qty), r.remove), r.product)
	e.rows = append(e.rows, r)
	e.box.Add(r.view)
	e.enableRemove()
	return r
}

func (e *lineRows) removeRow(r *lineRow) {
	for i, x := range e.rows {
		if x == r {
			e.rows = append(e.rows[:i], e.rows[i+1:]...)
			e.box.Remove(r.view)
		}
	}
	e.enableRemove()
}

// enableRemove keeps at least one row.
func (e *lineRows) enableRemove() {
	for _, r := range e.rows {
		if len(e.rows) > 1 {
			r.remove.Enable()
		} else {
			r.remove.Disable()
		}
	}
}

// lines reads the rows; a quantity that is not a whole number is refused, naming its row.
func (e *lineRows) lines() ([]data.OrderLine, error) {
	var out []data.OrderLine
	bad := &data.Error{Code: data.CodeInvalid}
	for i, r := range e.rows {
		n, err := parseCount(r.qty.Text)
		if err != nil || n <= 0 {
			bad.Fields = append(bad.Fields, data.FieldError{Field: fmt.Sprintf(lang.L("第 %d 行数量"), i+1), Message: lang.L("应为正整数")})
			continue
		}
		if r.product.SelectedIndex() < 0 {
			bad.Fields = append(bad.Fields, data.FieldError{Field: fmt.Sprintf(lang.L("第 %d 行产品"), i+1), Message: lang.L("请选择产品")})
			continue
		}
		out = append(out, data.OrderLine{ProductID: e.products[r.product.SelectedIndex()].ID, Quantity: n})
	}
	if len(bad.Fields) > 0 {
		return nil, bad
	}
	return out, nil
}

// newOrderForm takes an order: customer, due date, split rule, retention rate and its lines.
type newOrderForm struct {
	w                            *workshopScreen
	name, org, phone, due, notes *widget.Entry
	retention                    *widget.Entry
	rule, status                 *keySelect
	lines                        *lineRows
}

// openNewOrder loads the catalogue and shows the new-order form.
func openNewOrder(w *workshopScreen) {
	async(w.sh, func() ([]data.Product, error) { return w.sh.store.Products(w.sh.ctx) }, func(ps []data.Product) {
		f := newNewOrderForm(w, ps)
		w.newOrder = f
		items := []*widget.FormItem{widget.NewFormItem(lang.L("客户"), f.name), widget.NewFormItem(lang.L("单位"), f.org),
			widget.NewFormItem(lang.L("电话"), f.phone), widget.NewFormItem(lang.L("交货日期"), f.due),
			widget.NewFormItem(lang.L("产品与数量"), f.lines.view()), widget.NewFormItem(lang.L("分配方式"), f.rule),
			widget.NewFormItem(lang.L("工坊留存（%）"), f.retention), widget.NewFormItem(lang.L("状态"), f.status), widget.NewFormItem(lang.L("备注"), f.notes)}
		d := dialog.NewForm(lang.L("新建订单"), lang.L("保存"), lang.L("取消"), items, func(ok bool) {
			if ok {
				f.save()
			}
		}, w.sh.win)
		d.Resize(fyne.NewSize(620, 660))
		d.Show()
	})
}

func newNewOrderForm(w *workshopScreen, ps []data.Product) *newOrderForm {
	f := &newOrderForm{w: w, name: widget.NewEntry(), org: widget.NewEntry(), phone: widget.NewEntry(), due: widget.NewEntry(),
		notes: widget.NewEntry(), retention: widget.NewEntry(), rule: newSelect(data.SplitRules, nil),
		status: newSelect([]string{data.StatusAccepted, data.StatusInquiry}, nil), lines: newLineRows(ps)}
	f.due.SetText(w.sh.now().AddDate(0, 0, 30).Format("2006-01-02"))
	f.rule.SetSelected(data.RuleByPieces)
	f.retention.SetText("15")
	f.status.SetSelectedIndex(0)
	return f
}

// save takes the order and opens it.
func (f *newOrderForm) save() {
	w := f.w
	lines, err := f.lines.lines()
	if err != nil {
		w.sh.showError(err)
		return
	}
	o, err := orderFromForm(f.name.Text, f.org.Text, f.phone.Text, f.due.Text, f.retention.Text, f.rule.Selected, f.status.Selected, f.notes.Text, lines)
	if err != nil {
		w.sh.showError(err)
		return
	}
	async(w.sh, func() (int64, error) { return w.sh.store.CreateOrder(w.sh.ctx, o) }, func(id int64) {
		w.orders.refresh()
		w.opened = openOrderDialog(w, id)
	})
}

// fillLines shows the order's lines; while they may change, each has 修改 and 删除, and 添加产品 adds one.
func (d *orderDialog) fillLines() {
	o := d.order
	editable := d.w.canWrite() && o.LinesEditable()
	d.lineBox.Objects = nil
	for _, l := range o.Lines {
		l := l
		txt := widget.NewLabel(fmt.Sprintf(lang.L("%s：订购 %d 件 × %s 元，已生产 %d 件"), l.Product, l.Quantity, data.Yuan(l.UnitPriceFen), l.Produced))
		txt.Wrapping = fyne.TextWrapWord
		if !editable {
			d.lineBox.Add(txt)
			continue
		}
		edit := widget.NewButtonWithIcon(lang.L("修改"), theme.DocumentCreateIcon(), func() { d.editLine(l) })
		del := widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() {
			dialog.ShowConfirm(lang.L("删除明细"), fmt.Sprintf(lang.L("从订单中删除 %s × %d？"), l.Product, l.Quantity), func(ok bool) {
				if ok {
					d.removeLine(l.ID)
				}
			}, d.w.sh.win)
		})
		if len(o.Lines) < 2 {
			del.Disable()
		}
		d.lineBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), txt))
	}
	if editable {
		d.lineBox.Add(container.NewHBox(widget.NewButtonWithIcon(lang.L("添加产品…"), theme.ContentAddIcon(), func() { d.editLine(data.OrderLine{}) })))
	} else if o.Status == data.StatusInquiry || o.Status == data.StatusAccepted || o.Status == data.StatusMaking {
		d.lineBox.Add(widget.NewLabel(lang.L("已登记生产，明细不能再改。")))
	}
	d.lineBox.Refresh()
}

// editLine asks for a line's product, quantity and price (empty: the frozen price, or the
// catalogue's for a new product).
func (d *orderDialog) editLine(l data.OrderLine) {
	var names []string
	var ids []int64
	for _, p := range d.products {
		if p.Active || p.ID == l.ProductID {
			names = append(names, fmt.Sprintf(lang.L("%s（%s 元）"), p.Name, data.Yuan(p.UnitPriceFen)))
			ids = append(ids, p.ID)
		}
	}
	product, qty, price := newSelect(names, nil), widget.NewEntry(), widget.NewEntry()
	product.SetSelectedIndex(0)
	for i, id := range ids {
		if id == l.ProductID {
			product.SetSelectedIndex(i)
		}
	}
	qty.SetText("1")
	if l.ID != 0 {
		qty.SetText(fmt.Sprint(l.Quantity))
		price.SetText(data.Yuan(l.UnitPriceFen))
	}
	price.SetPlaceHolder(lang.L("空：按产品目录价"))
	title := lang.L("添加产品")
	if l.ID != 0 {
		title = lang.L("修改明细")
	}
	f := dialog.NewForm(title, lang.L("保存"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("产品"), product),
		widget.NewFormItem(lang.L("数量"), qty), widget.NewFormItem(lang.L("单价（元）"), price)}, func(ok bool) {
		if ok && product.SelectedIndex() >= 0 {
			d.saveLine(l.ID, ids[product.SelectedIndex()], qty.Text, price.Text)
		}
	}, d.w.sh.win)
	f.Resize(fyne.NewSize(480, 260))
	f.Show()
}

// saveLine adds (id 0) or changes a line.
func (d *orderDialog) saveLine(id, product int64, qtyText, priceText string) {
	sh := d.w.sh
	n, err := parseCount(qtyText)
	if err != nil || n <= 0 {
		sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("数量"), Message: lang.L("应为正整数")}}})
		return
	}
	var fen int64
	if strings.TrimSpace(priceText) != "" {
		if fen, err = data.ParseYuan(priceText); err != nil || fen <= 0 {
			sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("单价（元）"), Message: lang.L("应为大于 0 的金额，最多两位小数")}}})
			return
		}
	}
	l := data.OrderLine{ID: id, ProductID: product, Quantity: n, UnitPriceFen: fen}
	async(sh, func() (struct{}, error) {
		if id == 0 {
			_, err := sh.store.AddOrderLine(sh.ctx, d.id, l)
			return struct{}{}, err
		}
		return struct{}{}, sh.store.ChangeOrderLine(sh.ctx, l)
	}, func(struct{}) { d.load(false) })
}

// removeLine takes a line off the order.
func (d *orderDialog) removeLine(id int64) {
	sh := d.w.sh
	async(sh, func() (struct{}, error) { return struct{}{}, sh.store.RemoveOrderLine(sh.ctx, id) }, func(struct{}) { d.load(false) })
}
