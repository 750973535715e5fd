package app

import (
	"errors"
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

var vendorHeaders = []string{"编号", "摊主", "摊主类型", "经营品类", "联系电话", "摊位证", "已签公约"}

// marketVendorsTab lists the vendors with the newest pact version each signed; 新增摊主 registers
// one, 签署公约 records the picked vendor's signature of the version in force.
type marketVendorsTab struct {
	m       *marketScreen
	rows    []data.Vendor
	picked  int
	pact    *data.Pact // in force today, or nil
	table   *widget.Table
	pactTxt *widget.Label
	add     *widget.Button
	edit    *widget.Button
	sign    *widget.Button
	form    *vendorForm // the form last opened
	box     fyne.CanvasObject
}

func newMarketVendorsTab(m *marketScreen) *marketVendorsTab {
	t := &marketVendorsTab{m: m, picked: -1, pactTxt: widget.NewLabel("")}
	t.table = newHeaderTable(vendorHeaders, []float32{70, 120, 70, 80, 110, 190, 80}, func() int { return len(t.rows) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) { t.picked = id.Row; t.setButtons() }
	t.add = widget.NewButtonWithIcon(lang.L("新增摊主"), theme.ContentAddIcon(), t.onAdd)
	t.edit = widget.NewButtonWithIcon(lang.L("修改"), theme.DocumentCreateIcon(), func() { t.openForm(t.rows[t.picked]) })
	t.sign = widget.NewButtonWithIcon(lang.L("签署公约"), theme.ConfirmIcon(), t.onSign)
	printPact := widget.NewButtonWithIcon(lang.L("打印公约与签署表"), theme.DocumentPrintIcon(), func() {
		m.out.document(&documents.MarketPactDoc, documents.Values{})
	})
	t.setButtons()
	t.box = container.NewBorder(container.NewVBox(container.NewHBox(t.add, t.edit, t.sign, printPact), t.pactTxt), nil, nil, nil, t.table)
	return t
}

func (t *marketVendorsTab) setButtons() {
	enable(t.add, t.m.canWrite())
	enable(t.edit, t.m.canWrite() && t.picked >= 0 && t.picked < len(t.rows))
	enable(t.sign, t.m.canWrite() && t.pact != nil && t.picked >= 0 && t.picked < len(t.rows) && t.rows[t.picked].Signed < t.pact.Version)
}

func (t *marketVendorsTab) cell(row, col int) string {
	v := t.rows[row]
	switch col {
	case 0:
		return v.Number
	case 1:
		return v.Name
	case 2:
		return lang.L(string(v.Kind))
	case 3:
		return v.Category
	case 4:
		if !t.m.sh.actor.Role.Can(data.PermReveal) {
			return data.MaskPhone(v.Phone)
		}
		return v.Phone
	case 5:
		if v.PermitFrom == "" {
			return "—"
		}
		return v.PermitFrom + " – " + v.PermitTo
	}
	if v.Signed == 0 {
		return lang.L("未签")
	}
	return fmt.Sprintf(lang.L("第 %d 版"), v.Signed)
}

func (t *marketVendorsTab) refresh() {
	sh := t.m.sh
	today := sh.now().Format("2006-01-02")
	type loaded struct {
		vs   []data.Vendor
		pact *data.Pact
	}
	async(sh, func() (loaded, error) {
		vs, err := sh.store.Vendors(sh.ctx, data.VendorFilter{})
		if err != nil {
			return loaded{}, err
		}
		p, err := sh.store.PactInForce(sh.ctx, today)
		if errors.Is(err, data.ErrNotFound) {
			return loaded{vs: vs}, nil
		}
		return loaded{vs, &p}, err
	}, func(l loaded) {
		t.rows, t.pact = l.vs, l.pact
		t.pactTxt.SetText(lang.L("尚无生效的公约（请管理员录入）"))
		if l.pact != nil {
			unsigned := 0
			for _, v := range l.vs {
				if v.Signed < l.pact.Version {
					unsigned++
				}
			}
			t.pactTxt.SetText(fmt.Sprintf(lang.L("现行公约第 %d 版（%s 起，%d 条）；%d 位摊主未签现行版本，签署前不安排摊位"),
				l.pact.Version, l.pact.InForce, len(l.pact.Items), unsigned))
		}
		t.table.Refresh()
		t.setButtons()
	})
}

func (t *marketVendorsTab) onSign() {
	sh, v, p := t.m.sh, t.rows[t.picked], *t.pact
	day, witness := newEntry(sh), newEntry(sh)
	day.SetText(sh.now().Format("2006-01-02"))
	day.Validator = func(s string) error { _, err := data.ParseDate(s); return err }
	witness.SetPlaceHolder(lang.L("如：社区 郭丹明"))
	fd := newFormDialog(sh, fmt.Sprintf(lang.L("%s 签署公约第 %d 版"), v.Name, p.Version), lang.L("保存"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("签署日期"), day), widget.NewFormItem(lang.L("见证人"), witness)},
		func() (func() error, error) {
			return func() error { return sh.store.SignPact(sh.ctx, p.ID, v.ID, day.Text, witness.Text) }, nil
		}, t.refresh)
	fd.Show(460)
}

// vendorForm registers a vendor, or changes one (修改): a resident picked from the registry, or an
// outside trader with a name and ID number; the phone and ID number are checked as they are typed.
type vendorForm struct {
	dlg                            *formDialog
	orig                           data.Vendor // the vendor changed (ID 0: a new one)
	name, phone, idNumber, partner *keyEntry   // Escape and Return answer in every field
	permitFrom, permitTo           *keyEntry
	category, kind                 *keySelect
	resident                       *personPicker
	person                         data.Person
}

func (t *marketVendorsTab) onAdd() { t.openForm(data.Vendor{Kind: data.VendorRegular}) }

// openForm opens the vendor form filled with v (a new vendor when v.ID is 0).
func (t *marketVendorsTab) openForm(v data.Vendor) {
	sh := t.m.sh
	f := &vendorForm{orig: v, person: data.Person{ID: v.PersonID, Name: v.Name}, name: newEntry(sh), phone: newEntry(sh), idNumber: newEntry(sh),
		partner: newEntry(sh), permitFrom: newEntry(sh), permitTo: newEntry(sh)}
	t.form = f
	f.resident = newPersonPicker(sh, func(p data.Person) { f.person = p; f.name.SetText(p.Name) })
	f.category = newSelect(data.MarketCategories, nil)
	kinds := make([]string, len(data.VendorKinds))
	for i, k := range data.VendorKinds {
		kinds[i] = string(k)
	}
	f.kind = newSelect(kinds, nil)
	f.fill(v)
	f.phone.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := data.NormalizePhone(s)
		return plain(err)
	}
	now := sh.now
	f.idNumber.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := data.ParseID(s, now())
		return plain(err)
	}
	dateCheck := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := data.ParseDate(s)
		return err
	}
	f.permitFrom.Validator, f.permitTo.Validator = dateCheck, dateCheck
	f.partner.SetPlaceHolder(lang.L("公益摊位的供货单位"))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("居民（可选）"), f.resident.view()), widget.NewFormItem(lang.L("摊主姓名"), f.name),
		widget.NewFormItem(lang.L("联系电话"), f.phone), widget.NewFormItem(lang.L("身份证号"), f.idNumber),
		widget.NewFormItem(lang.L("经营品类"), f.category), widget.NewFormItem(lang.L("摊主类型"), f.kind),
		widget.NewFormItem(lang.L("供货单位"), f.partner), widget.NewFormItem(lang.L("摊位证起始"), f.permitFrom),
		widget.NewFormItem(lang.L("摊位证截止"), f.permitTo),
	}
	title := lang.L("新增摊主")
	if v.ID != 0 {
		title = fmt.Sprintf(lang.L("修改摊主 %s %s"), v.Number, v.Name)
	}
	f.dlg = newFormDialog(sh, title, lang.L("保存"), items, f.submit(sh), t.refresh)
	f.dlg.Show(620)
}

// fill puts v's fields into the form (before it shows, so only later changes count as unsaved).
func (f *vendorForm) fill(v data.Vendor) {
	f.name.SetText(v.Name)
	f.phone.SetText(v.Phone)
	f.idNumber.SetText(v.IDNumber)
	f.partner.SetText(v.Partner)
	f.permitFrom.SetText(v.PermitFrom)
	f.permitTo.SetText(v.PermitTo)
	f.category.SetSelected(v.Category)
	f.kind.SetSelected(string(v.Kind))
}

func (f *vendorForm) vendor() data.Vendor {
	v := f.orig // keeps the ID, number and notes of a vendor being changed
	v.PersonID, v.Name, v.Phone, v.IDNumber, v.Category = f.person.ID, f.name.Text, f.phone.Text, f.idNumber.Text, f.category.Selected
	v.Kind, v.Partner, v.PermitFrom, v.PermitTo = data.VendorKind(f.kind.Selected), f.partner.Text, f.permitFrom.Text, f.permitTo.Text
	if v.PersonID != 0 && v.Phone == "" {
		v.Phone = f.person.Phone
	}
	return v
}

func (f *vendorForm) submit(sh *shell) func() (func() error, error) {
	return func() (func() error, error) {
		v := f.vendor()
		v.Normalize()
		if v.PersonID == 0 { // a resident's fields come from the registry in the store
			if err := v.Validate(sh.now()); err != nil {
				return nil, err
			}
		}
		return func() error {
			id, err := sh.store.SaveVendor(sh.ctx, v)
			switch {
			case err == nil && v.ID != 0:
				sh.do(func() { sh.notice(lang.L("已修改摊主") + " " + v.Number) })
			case err == nil:
				sh.do(func() { sh.notice(lang.L("已登记摊主") + " #" + strconv.FormatInt(id, 10)) })
			}
			return err
		}, nil
	}
}
