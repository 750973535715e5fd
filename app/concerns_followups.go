package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// followUpsTab lists the resolved concerns whose 回访 is due; a row records it. 不满意 reopens
// the concern (the store counts the reopening).
type followUpsTab struct {
	c    *concernsScreen
	rows []data.Concern
	list *widget.List
	box  fyne.CanvasObject
	dlg  *formDialog
	sat  *widget.RadioGroup
	note *keyEntry
	days *keyEntry      // 回访天数: days after 已办结 before the 回访 is due
	save *widget.Button // 管理员 only
}

func newFollowUpsTab(c *concernsScreen) *followUpsTab {
	t := &followUpsTab{c: c}
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			x := t.rows[id]
			o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s  %s  办结 %s  %s  %s"), x.Number, x.Text, x.ResolvedOn, x.Owner, x.Resolution))
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.UnselectAll(); t.onFollowUp(t.rows[id]) }
	t.days = newEntry(c.sh)
	t.save = widget.NewButton(lang.L("保存天数"), t.onDays)
	if !c.sh.actor.Role.Can(data.PermAdmin) {
		t.days.Disable()
		t.save.Disable()
	}
	days := container.NewHBox(widget.NewLabel(lang.L("回访在办结后")), container.NewGridWrap(fyne.NewSize(64, t.days.MinSize().Height), t.days),
		widget.NewLabel(lang.L("天到期")), t.save)
	if t.save.Disabled() {
		days.Add(widget.NewLabel(lang.L("（只有管理员可以修改）")))
	}
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.L("已办结、回访已到期的民情：点一行登记回访")), days)
	t.box = container.NewBorder(top, nil, nil, nil, t.list)
	return t
}

// onDays saves the 回访 days (管理员), then lists what is due under the new setting.
func (t *followUpsTab) onDays() {
	sh := t.c.sh
	n, err := strconv.Atoi(strings.TrimSpace(t.days.Text))
	if err != nil {
		sh.showError(fieldError("回访天数", lang.L("请填写天数（1 到 90）")))
		return
	}
	async(sh, func() (struct{}, error) { return struct{}{}, sh.store.SetFollowUpDays(sh.ctx, n) }, func(struct{}) {
		sh.notice(fmt.Sprintf(lang.L("回访改为办结后 %d 天到期"), n))
		t.refresh()
	})
}

func (t *followUpsTab) refresh() {
	sh := t.c.sh
	type due struct {
		cs   []data.Concern
		days int
	}
	async(sh, func() (due, error) {
		cs, err := sh.store.FollowUpsDue(sh.ctx)
		return due{cs, sh.store.FollowUpDays(sh.ctx)}, err
	}, func(d due) {
		t.rows = d.cs
		t.days.SetText(strconv.Itoa(d.days))
		t.list.Refresh()
	})
}

func (t *followUpsTab) onFollowUp(c data.Concern) {
	if !t.c.canWrite() {
		return
	}
	sh := t.c.sh
	t.sat = widget.NewRadioGroup(data.Satisfactions, nil)
	t.sat.Horizontal = true
	t.sat.SetSelected(data.Satisfactions[0])
	t.note = newEntry(sh)
	t.note.SetPlaceHolder(lang.L("回访意见；不满意时必填，将重新办理"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("民情"), widget.NewLabel(c.Number+" "+c.Text)),
		widget.NewFormItem(lang.L("满意度"), t.sat), widget.NewFormItem(lang.L("回访意见"), t.note)}
	t.dlg = newFormDialog(sh, lang.L("回访"), lang.L("保存"), items, func() (func() error, error) {
		sat, note := t.sat.Selected, t.note.Text
		if err := data.ValidateFollowUp(sat, note); err != nil {
			return nil, err
		}
		return func() error { return sh.store.FollowUpConcern(sh.ctx, c.ID, sat, note) }, nil
	}, t.refresh)
	t.dlg.Show(640)
}
