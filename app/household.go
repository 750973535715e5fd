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

// householdPage is the household page (一户一档): the household, its members with each one's file
// in a line (a name opens that file), those who moved out, and its attributes over time. 社工 and
// 管理员 move people in and out, change the head and record or end attributes here.
type householdPage struct {
	sh      *shell
	id      int64
	file    data.HouseholdFile
	content *fyne.Container
	members []*widget.Button // each current member's name, for tests
	print   *widget.Button
	out     *fileWriter
	dlg     dialog.Dialog
	onDone  func()
	write   bool

	moveIn *householdMoveIn
	attr   *householdAttrForm
}

// openHouseholdPage loads a household's page off the UI thread and shows it; onDone runs after
// every change made from it.
func openHouseholdPage(sh *shell, id int64, onDone func()) *householdPage {
	h := &householdPage{sh: sh, id: id, content: container.NewVBox(), out: newFileWriter(sh), onDone: onDone,
		write: sh.actor.Role.Can(data.PermPeopleWrite)}
	h.print = widget.NewButtonWithIcon(lang.L("打印一户一档"), theme.DocumentPrintIcon(), h.onPrint)
	if !documents.HouseholdFileDoc.AllowedFor(sh.actor) {
		h.print.Disable()
	}
	h.moveIn = newHouseholdMoveIn(h)
	h.attr = newHouseholdAttrForm(h)
	h.reload()
	return h
}

func (h *householdPage) reload() {
	async(h.sh, func() (data.HouseholdFile, error) { return h.sh.store.HouseholdFile(h.sh.ctx, h.id) }, func(f data.HouseholdFile) {
		h.file = f
		h.fill()
		if h.dlg == nil {
			h.show()
		}
	})
}

// changed reloads the page and tells the opener.
func (h *householdPage) changed() {
	h.reload()
	if h.onDone != nil {
		h.onDone()
	}
}

func (h *householdPage) show() {
	closeBtn := widget.NewButton(lang.L("关闭"), func() { h.dlg.Hide() })
	buttons := container.NewHBox(h.out.status, layoutSpacer(), h.print, closeBtn)
	title := lang.L("一户一档") + "：" + h.file.Household.Number
	h.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(h.content)), h.sh.win)
	h.dlg.Resize(fyne.NewSize(900, 680))
	h.dlg.Show()
}

func (h *householdPage) fill() {
	hh := h.file.Household
	info := widget.NewForm(
		widget.NewFormItem(lang.L("户号"), widget.NewLabel(hh.Number)),
		widget.NewFormItem(lang.L("社区"), widget.NewLabel(withNotes(hh.Community, hh.Grid))),
		widget.NewFormItem(lang.L("住址"), widget.NewLabel(hh.AddressLine())),
		widget.NewFormItem(lang.L("户主"), widget.NewLabel(hh.Head)),
		widget.NewFormItem(lang.L("现有户属性"), widget.NewLabel(joinOrNone(hh.Attributes))),
	)
	members := container.NewVBox()
	h.members = nil
	for _, m := range h.file.Members {
		members.Add(h.memberRow(m))
	}
	if h.write {
		members.Add(h.moveIn.view())
	}
	attrs := container.NewVBox()
	for _, a := range h.file.Attributes {
		attrs.Add(h.attributeRow(a))
	}
	if len(h.file.Attributes) == 0 {
		attrs.Add(widget.NewLabel(lang.L("无")))
	}
	if h.write {
		attrs.Add(h.attr.view())
	}
	h.content.Objects = []fyne.CanvasObject{info,
		widget.NewCard(lang.L("家庭成员"), fmt.Sprintf(lang.L("现有 %d 人"), hh.Members), members),
		widget.NewCard(lang.L("户属性（历史）"), "", attrs)}
	h.content.Refresh()
}

func joinOrNone(xs []string) string {
	if len(xs) == 0 {
		return lang.L("无")
	}
	s := xs[0]
	for _, x := range xs[1:] {
		s += "、" + x
	}
	return s
}

// memberRow is one stay: the name (opens the file), relation, dates and the member's summary;
// for a writer, 迁出 and 设为户主 on current members.
func (h *householdPage) memberRow(m data.HouseholdMember) fyne.CanvasObject {
	name := widget.NewButton(m.Name, func() { openResidentFile(h.sh, m.PersonID) })
	name.Importance = widget.LowImportance
	dates := m.From + " " + lang.L("迁入")
	summary := h.file.Summaries[m.PersonID]
	if m.To != "" {
		dates += "，" + m.To + " " + lang.L("迁出")
		summary = lang.L("已迁出")
	} else {
		h.members = append(h.members, name)
	}
	text := widget.NewLabel(withNotes(tr(m.Relation), dates) + "  " + summary)
	text.Wrapping = fyne.TextWrapWord
	var actions []fyne.CanvasObject
	if h.write && m.To == "" {
		actions = append(actions, widget.NewButton(lang.L("迁出"), func() { h.onMoveOut(m) }))
		if m.Relation != "户主" {
			actions = append(actions, widget.NewButton(lang.L("设为户主"), func() { h.onHead(m) }))
		}
	}
	return container.NewBorder(nil, nil, name, container.NewHBox(actions...), text)
}

func (h *householdPage) attributeRow(a data.HouseholdAttribute) fyne.CanvasObject {
	to := a.To
	if to == "" {
		to = lang.L("至今")
	}
	text := widget.NewLabel(fmt.Sprintf("%s  %s — %s  %s", tr(a.Kind), a.From, to, a.Note))
	if !h.write || a.To != "" {
		return text
	}
	return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("结束"), func() { h.onEndAttribute(a) }), text)
}

// askDay asks for a day (default today) and runs do with it.
func (h *householdPage) askDay(title, label string, do func(day string)) {
	day := widget.NewEntry()
	day.SetText(h.sh.store.Today())
	dialog.ShowForm(tr(title), lang.L("确定"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(tr(label), day)},
		func(ok bool) {
			if ok {
				do(day.Text)
			}
		}, h.sh.win)
}

func (h *householdPage) onMoveOut(m data.HouseholdMember) {
	h.askDay("迁出", "迁出日期", func(day string) {
		async(h.sh, func() (struct{}, error) { return struct{}{}, h.sh.store.MoveOut(h.sh.ctx, m.ID, day) }, func(struct{}) { h.changed() })
	})
}

func (h *householdPage) onHead(m data.HouseholdMember) {
	rel := newSelect(data.HouseholdRelations[1:], nil)
	dialog.ShowForm(lang.L("设为户主"), lang.L("确定"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("原户主与新户主关系"), rel)},
		func(ok bool) {
			if !ok {
				return
			}
			async(h.sh, func() (struct{}, error) {
				return struct{}{}, h.sh.store.SetHouseholdHead(h.sh.ctx, h.id, m.PersonID, rel.Selected)
			}, func(struct{}) { h.changed() })
		}, h.sh.win)
}

func (h *householdPage) onEndAttribute(a data.HouseholdAttribute) {
	h.askDay("结束户属性", "结束日期", func(day string) {
		async(h.sh, func() (struct{}, error) { return struct{}{}, h.sh.store.EndHouseholdAttribute(h.sh.ctx, a.ID, day) }, func(struct{}) { h.changed() })
	})
}

func (h *householdPage) onPrint() {
	h.out.document(&documents.HouseholdFileDoc, documents.Values{"household": h.file.Household.Number})
}
