package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

var shopHeaders = []string{"商铺", "地址", "电话", "联系人", "统一社会信用代码", "岗位"}

// postShopsTab lists the 爱心商铺; 新增商铺 and a tap on a row open the shop form.
type postShopsTab struct {
	p     *postsScreen
	rows  []data.Shop
	table *widget.Table
	add   *widget.Button
	form  *shopForm // the form on show, for tests
	box   fyne.CanvasObject
}

func newPostShopsTab(p *postsScreen) *postShopsTab {
	t := &postShopsTab{p: p}
	t.table = newHeaderTable(shopHeaders, []float32{140, 200, 120, 90, 190, 50}, func() int { return len(t.rows) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.form = newShopForm(t, t.rows[id.Row])
		}
	}
	t.add = widget.NewButtonWithIcon(lang.L("新增商铺"), theme.ContentAddIcon(), func() { t.form = newShopForm(t, data.Shop{}) })
	t.add.Importance = widget.HighImportance
	t.box = container.NewBorder(container.NewHBox(p.writeButton(t.add)), nil, nil, nil, t.table)
	return t
}

func (t *postShopsTab) cell(row, col int) string {
	s := t.rows[row]
	return []string{s.Name, s.Address, s.Phone, s.ContactName, s.CreditCode, strconv.Itoa(s.Posts)}[col]
}

func (t *postShopsTab) refresh() {
	sh := t.p.sh
	async(sh, func() ([]data.Shop, error) { return sh.store.Shops(sh.ctx) }, func(ss []data.Shop) {
		t.rows = ss
		t.table.Refresh()
	})
}

// shopForm adds or changes a shop; the credit code is checked (GB 32100) as it is typed.
type shopForm struct {
	dlg                           *formDialog
	name, address, phone, contact *keyEntry
	credit                        *keyEntry
	resident                      *personPicker
	shop                          data.Shop
}

func newShopForm(t *postShopsTab, s data.Shop) *shopForm {
	sh := t.p.sh
	f := &shopForm{name: newEntry(sh), address: newEntry(sh), phone: newEntry(sh), contact: newEntry(sh), credit: newEntry(sh), shop: s}
	f.name.SetText(s.Name)
	f.address.SetText(s.Address)
	f.phone.SetText(s.Phone)
	f.credit.SetText(s.CreditCode)
	f.credit.SetPlaceHolder(lang.L("18 位，可不填"))
	if s.ContactPersonID == 0 {
		f.contact.SetText(s.ContactName)
	}
	f.contact.SetPlaceHolder(lang.L("不是本社区居民时填写姓名"))
	f.resident = newPersonPicker(sh, func(p data.Person) { f.shop.ContactPersonID, f.shop.ContactName = p.ID, p.Name })
	if s.ContactPersonID != 0 {
		f.resident.search.SetText(s.ContactName)
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("商铺名称"), f.name), widget.NewFormItem(lang.L("地址"), f.address),
		widget.NewFormItem(lang.L("电话"), f.phone), widget.NewFormItem(lang.L("联系人"), f.contact),
		widget.NewFormItem(lang.L("居民联系人（可选）"), f.resident.view()), widget.NewFormItem(lang.L("统一社会信用代码"), f.credit)}
	title, confirm := lang.L("新增商铺"), lang.L("保存")
	if s.ID != 0 {
		title = s.Name
	}
	if !t.p.canWrite() {
		confirm = lang.L("关闭")
	}
	f.dlg = newFormDialog(sh, title, confirm, items, func() (func() error, error) {
		if !t.p.canWrite() {
			return nil, nil
		}
		v, err := f.value()
		if err != nil {
			return nil, err
		}
		return func() error { _, err := sh.store.SaveShop(sh.ctx, v); return err }, nil
	}, t.refresh)
	if t.p.canWrite() {
		f.dlg.liveCheck(func() error { _, err := f.value(); return err })
	} else {
		readOnly(f.dlg.form)
	}
	f.dlg.Show(640)
	sh.win.Canvas().Focus(f.name)
	return f
}

// value is the shop the form holds, normalized and checked.
func (f *shopForm) value() (data.Shop, error) {
	s := f.shop
	s.Name, s.Address, s.Phone, s.CreditCode = f.name.Text, f.address.Text, f.phone.Text, f.credit.Text
	if f.contact.Text != "" || s.ContactPersonID == 0 {
		s.ContactPersonID, s.ContactName = 0, f.contact.Text
	}
	s.Normalize()
	return s, s.Validate()
}
