package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// volunteersScreen is the 骨干资源库: volunteers by kind, skill and community.
type volunteersScreen struct {
	sh        *shell
	search    *widget.Entry
	kind      *keySelect
	skill     *widget.Entry
	community *keySelect
	active    *widget.Check
	table     *widget.Table
	count     *widget.Label
	box       fyne.CanvasObject
	comms     []data.Community
	rows      []data.Volunteer
	out       *fileWriter // reuses the print centre's save-and-open flow
}

var volunteerHeaders = []string{"编号", "姓名", "性别", "社区", "联系电话", "类别", "技能特长", "可服务时间", "服务时长", "状态"}
var volunteerWidths = []float32{80, 80, 70, 100, 120, 220, 150, 130, 90, 60}

func newVolunteersScreen(sh *shell) *volunteersScreen {
	v := &volunteersScreen{sh: sh, search: widget.NewEntry(), kind: newSelect(append([]string{lang.L("全部类别")}, data.VolunteerKinds...), nil),
		skill: widget.NewEntry(), community: newSelect(nil, nil), active: widget.NewCheck(lang.L("只看在册"), nil), count: widget.NewLabel(""),
		out: newFileWriter(sh)}
	v.search.SetPlaceHolder(lang.L("搜索姓名、拼音首字母、电话尾号"))
	v.skill.SetPlaceHolder(lang.L("技能，如 烹饪"))
	v.kind.SetSelectedIndex(0)
	v.active.SetChecked(true)
	reload := func(string) { v.reload() }
	v.search.OnChanged, v.skill.OnChanged, v.kind.OnChanged = reload, reload, reload
	v.active.OnChanged = func(bool) { v.reload() }
	v.table = newHeaderTable(volunteerHeaders, volunteerWidths, func() int { return len(v.rows) },
		func(row, col int) string { return volunteerCell(v.rows[row], col) })
	v.table.OnSelected = func(id widget.TableCellID) {
		v.table.UnselectAll()
		openVolunteerForm(sh, v.rows[id.Row], v.reload)
	}
	add := widget.NewButtonWithIcon(lang.L("登记志愿者"), theme.ContentAddIcon(), func() { openVolunteerForm(sh, data.Volunteer{}, v.reload) })
	add.Importance = widget.HighImportance
	imp := widget.NewButtonWithIcon(lang.L("导入"), theme.UploadIcon(), func() { openImportWizard(sh, data.ImportVolunteers, v.reload) })
	if !sh.actor.Role.Can(data.PermPeopleWrite) {
		add.Disable()
		imp.Disable()
	}
	print := widget.NewButtonWithIcon(lang.L("打印名册"), theme.DocumentPrintIcon(), v.onPrint)
	export := widget.NewButtonWithIcon(lang.L("导出 Excel"), theme.DownloadIcon(), v.onExport)
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(v.kind, container.NewGridWrap(fyne.NewSize(130, 36), v.skill), v.community, v.active), v.search)
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("志愿者")), container.NewHBox(add, imp, print, export)), filters, v.count, v.out.status)
	v.box = container.NewPadded(container.NewBorder(top, nil, nil, nil, v.table))
	return v
}

func volunteerCell(v data.Volunteer, col int) string {
	switch col {
	case 0:
		return v.Number
	case 1:
		return v.Person.Name
	case 2:
		return tr(v.Person.Sex)
	case 3:
		return v.Person.Community
	case 4:
		return data.MaskPhone(v.Person.Phone)
	case 5:
		return joinWords(v.Kinds)
	case 6:
		return joinWords(v.Skills)
	case 7:
		return weekdaysText(v.Weekdays)
	case 8:
		return hoursText(v.Minutes)
	case 9:
		if v.Active {
			return lang.L("在册")
		}
		return lang.L("停用")
	}
	return ""
}

func (v *volunteersScreen) view() fyne.CanvasObject { return v.box }

func (v *volunteersScreen) refresh() {
	async(v.sh, func() ([]data.Community, error) { return v.sh.store.Communities(v.sh.ctx) }, func(cs []data.Community) {
		v.comms = cs
		opts := []string{lang.L("全部社区")}
		for _, c := range cs {
			opts = append(opts, c.Name)
		}
		v.community.OnChanged = nil
		sel := v.community.SelectedIndex()
		v.community.SetOptions(opts)
		v.community.SetSelectedIndex(max(sel, 0))
		v.community.OnChanged = func(string) { v.reload() }
		v.reload()
	})
}

func (v *volunteersScreen) filter() data.VolunteerFilter {
	f := data.VolunteerFilter{Query: v.search.Text, Skill: strings.TrimSpace(v.skill.Text), ActiveOnly: v.active.Checked}
	if v.kind.SelectedIndex() > 0 {
		f.Kind = v.kind.Selected
	}
	if i := v.community.SelectedIndex(); i > 0 && i <= len(v.comms) {
		f.CommunityID = v.comms[i-1].ID
	}
	return f
}

func (v *volunteersScreen) reload() {
	f := v.filter()
	async(v.sh, func() ([]data.Volunteer, error) { return v.sh.store.Volunteers(v.sh.ctx, f) }, func(rows []data.Volunteer) {
		v.rows = rows
		total := 0
		for _, r := range rows {
			total += r.Minutes
		}
		v.count.SetText(fmt.Sprintf(lang.L("共 %d 人，累计服务 %s"), len(rows), hoursText(total)))
		v.table.Refresh()
	})
}

func (v *volunteersScreen) onPrint() {
	vals := documents.Values{"kind": "", "skill": strings.TrimSpace(v.skill.Text), "search": v.search.Text, "community": ""}
	if v.kind.SelectedIndex() > 0 {
		vals["kind"] = v.kind.Selected
	}
	if v.community.SelectedIndex() > 0 {
		vals["community"] = v.community.Selected
	}
	if v.active.Checked {
		vals["active"] = "true"
	}
	v.out.document(&documents.VolunteerRoster, vals)
}

func (v *volunteersScreen) onExport() {
	v.out.document(&documents.VolunteersXLSX, documents.Values{})
}

// openVolunteerForm registers a resident as a volunteer (v.ID 0) or edits one.
func openVolunteerForm(sh *shell, v data.Volunteer, onDone func()) {
	kinds := widget.NewCheckGroup(data.VolunteerKinds, nil)
	kinds.Horizontal = true
	kinds.SetSelected(v.Kinds)
	skills := widget.NewEntry()
	skills.SetText(strings.Join(v.Skills, "、"))
	skills.SetPlaceHolder(lang.L("如：烹饪、理发、驾驶"))
	days := widget.NewCheckGroup([]string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}, nil)
	days.Horizontal = true
	var sel []string
	for i, n := range days.Options {
		if v.Weekdays&(1<<i) != 0 {
			sel = append(sel, n)
		}
	}
	days.SetSelected(sel)
	active := widget.NewCheck(lang.L("在册"), nil)
	active.SetChecked(v.ID == 0 || v.Active)
	notes := widget.NewEntry()
	notes.SetText(v.Notes)
	unified := widget.NewEntry()
	unified.SetText(v.UnifiedNumber)
	unified.SetPlaceHolder(lang.L("全国志愿服务信息系统的编号，不知道可不填"))
	who := widget.NewLabel(v.Person.Name + "  " + v.Person.Community)
	finder := newPersonPicker(sh, func(p data.Person) { v.PersonID = p.ID; who.SetText(p.Name + "  " + p.Community) })
	items := []*widget.FormItem{widget.NewFormItem(lang.L("居民"), who)}
	if v.ID == 0 {
		items = append(items, widget.NewFormItem(lang.L("查找居民"), finder.view()))
	}
	items = append(items, widget.NewFormItem(lang.L("类别"), kinds), widget.NewFormItem(lang.L("技能特长"), skills),
		widget.NewFormItem(lang.L("可服务时间"), days), widget.NewFormItem(lang.L("状态"), active),
		widget.NewFormItem(lang.L("志愿者统一编号"), unified), widget.NewFormItem(lang.L("备注"), notes))
	title := lang.L("登记志愿者")
	if v.ID != 0 {
		title = lang.L("志愿者") + " " + v.Number
	}
	fd := newFormDialog(sh, title, lang.L("保存"), items, func() (func() error, error) {
		v.Kinds, v.Skills, v.Active, v.Notes = kinds.Selected, data.SplitTags(skills.Text), active.Checked, notes.Text
		v.UnifiedNumber = unified.Text
		v.Weekdays = 0
		for i, n := range days.Options {
			for _, s := range days.Selected {
				if s == n {
					v.Weekdays |= 1 << i
				}
			}
		}
		saved := v
		return func() error { _, err := sh.store.SaveVolunteer(sh.ctx, saved); return err }, nil
	}, onDone)
	fd.Show(760)
}
