package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// servicesTab: 居民点单 → 社区派单 → 完成 → 回访; overdue requests stand out.
type servicesTab struct {
	c    *careScreen
	open *widget.Check
	rows []data.ServiceRequest
	list *widget.List
	box  fyne.CanvasObject
	// the dialog on show and the completion form's fields, for tests
	dlg                     *formDialog
	minutes, result, reason *widget.Entry
	pick                    *choicePicker
	focused                 int64 // the request last opened from a resident's file
}

func newServicesTab(c *careScreen) *servicesTab {
	t := &servicesTab{c: c, open: widget.NewCheck(lang.L("只看未完成"), nil)}
	t.open.SetChecked(true)
	t.open.OnChanged = func(bool) { t.refresh() }
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := t.rows[id]
			l := o.(*widget.Label)
			due, _ := time.Parse(time.RFC3339, r.DueAt)
			txt := fmt.Sprintf(lang.L("#%d %s  %s  %s（%s）  期限 %s  %s"), r.ID, r.Recipient, tr(r.Type), r.Detail, tr(r.Channel), due.Format("01-02 15:04"), tr(r.Stage()))
			if r.Volunteer != "" {
				txt += lang.L("：") + r.Volunteer
			}
			if r.Satisfaction != "" {
				txt += "  " + tr(r.Satisfaction)
			}
			l.Importance = widget.MediumImportance
			if r.Overdue(t.c.sh.now()) {
				l.Importance = widget.DangerImportance
				txt = "【" + lang.L("逾期") + "】" + txt
			}
			l.SetText(txt)
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.UnselectAll(); t.act(t.rows[id]) }
	add := widget.NewButtonWithIcon(lang.L("居民点单"), theme.ContentAddIcon(), t.onNew)
	add.Importance = widget.HighImportance
	if !c.canWrite() {
		add.Disable()
	}
	export := widget.NewButtonWithIcon(lang.L("导出 Excel"), theme.DownloadIcon(), func() {
		c.out.document(&documents.ServicesXLSX, documents.Values{})
	})
	t.box = container.NewBorder(container.NewHBox(add, t.open, export), nil, nil, nil, t.list)
	return t
}

func (t *servicesTab) refresh() {
	sh, open := t.c.sh, t.open.Checked
	async(sh, func() ([]data.ServiceRequest, error) { return sh.store.Requests(sh.ctx, open) }, func(rs []data.ServiceRequest) {
		t.rows = rs
		t.list.Refresh()
	})
}

func (t *servicesTab) onNew() {
	sh := t.c.sh
	async(sh, func() ([]data.CareRecipient, error) { return sh.store.CareRecipients(sh.ctx) }, func(rs []data.CareRecipient) {
		var cs []choice
		today := sh.now().Format("2006-01-02")
		for _, r := range rs {
			if r.Active(today) {
				cs = append(cs, choice{id: r.ID, personID: r.PersonID, label: withNotes(r.Person.Name, r.Person.Community)})
			}
		}
		who, typ, channel := newChoicePicker(sh, cs), newSelect(data.ServiceTypes, nil), newSelect(data.ServiceChannels, nil)
		typ.SetSelectedIndex(0)
		channel.SetSelectedIndex(0)
		detail, hours := widget.NewEntry(), widget.NewEntry()
		hours.SetText("24")
		items := []*widget.FormItem{widget.NewFormItem(lang.L("服务对象"), who.view()),
			widget.NewFormItem(lang.L("服务类型"), typ), widget.NewFormItem(lang.L("来源渠道"), channel), widget.NewFormItem(lang.L("内容"), detail),
			widget.NewFormItem(lang.L("期限（小时内）"), hours)}
		fd := newFormDialog(sh, lang.L("居民点单"), lang.L("保存"), items, func() (func() error, error) {
			c, ok := who.selected()
			if !ok {
				return nil, fieldError("服务对象", lang.L("必须选择"))
			}
			h, err := parseCount(hours.Text)
			if err != nil || h == 0 {
				return nil, fieldError("期限", lang.L("应为正整数（小时）"))
			}
			now := sh.now()
			r := data.ServiceRequest{RecipientID: c.id, Type: typ.Selected, Channel: channel.Selected, Detail: detail.Text,
				RequestedAt: now.Format(time.RFC3339), DueAt: now.Add(time.Duration(h) * time.Hour).Format(time.RFC3339)}
			return func() error { _, err := sh.store.CreateRequest(sh.ctx, r); return err }, nil
		}, t.refresh)
		t.dlg = fd
		fd.Show(640)
	})
}

// act offers the next step of a request, each its own action: 派单 (待派单), 完成 or 改派 (已派单),
// 回访 (已完成). Only 派单 and 改派 change who does the service.
func (t *servicesTab) act(r data.ServiceRequest) {
	if !t.c.canWrite() {
		return
	}
	switch r.Stage() {
	case "待派单":
		t.pickVolunteer(r, false)
	case "已派单":
		t.onComplete(r)
	case "已完成":
		t.onFollowUp(r)
	}
}

func requestTitle(r data.ServiceRequest) string {
	return fmt.Sprintf("#%d %s %s", r.ID, r.Recipient, r.Type)
}

// volunteerChoices are the suggestions first (with why), then every other active volunteer.
func volunteerChoices(sg []data.Suggestion, vs []data.Volunteer, except int64) []choice {
	var cs []choice
	seen := map[int64]bool{except: true}
	person := map[int64]int64{}
	for _, v := range vs {
		person[v.ID] = v.PersonID
	}
	for _, s := range sg {
		if !seen[s.VolunteerID] {
			seen[s.VolunteerID] = true
			cs = append(cs, choice{id: s.VolunteerID, personID: person[s.VolunteerID], label: withNotes(s.Name, lang.L("推荐"), s.Why), recommended: true})
		}
	}
	for _, v := range vs {
		if !seen[v.ID] {
			cs = append(cs, choice{id: v.ID, personID: v.PersonID, label: withNotes(v.Person.Name, v.Number, v.Person.Community)})
		}
	}
	return cs
}

// pickVolunteer is 派单 (reassign false) or 改派, which shows the current volunteer and needs a reason.
func (t *servicesTab) pickVolunteer(r data.ServiceRequest, reassign bool) {
	sh := t.c.sh
	type lists struct {
		sg []data.Suggestion
		vs []data.Volunteer
	}
	async(sh, func() (lists, error) {
		sg, err := sh.store.SuggestVolunteers(sh.ctx, r.ID)
		if err != nil {
			return lists{}, err
		}
		vs, err := sh.store.Volunteers(sh.ctx, data.VolunteerFilter{ActiveOnly: true})
		return lists{sg, vs}, err
	}, func(l lists) {
		except := int64(0)
		if reassign {
			except = r.VolunteerID
		}
		pick, reason := newChoicePicker(sh, volunteerChoices(l.sg, l.vs, except)), widget.NewEntry()
		t.pick, t.reason = pick, reason
		if !reassign && len(pick.all) > 0 && pick.all[0].recommended { // never someone merely first in the list
			pick.sel.SetSelectedIndex(0)
		}
		title, verb, field := lang.L("派单")+"："+requestTitle(r), lang.L("派单"), lang.L("派单给")
		items := []*widget.FormItem{}
		if reassign {
			title, verb, field = lang.L("改派")+"："+requestTitle(r), lang.L("改派"), lang.L("改派给")
			items = append(items, widget.NewFormItem(lang.L("当前志愿者"), widget.NewLabel(r.Volunteer)))
		}
		items = append(items, widget.NewFormItem(field, pick.view()))
		if reassign {
			reason.SetPlaceHolder(lang.L("如：志愿者临时有事"))
			items = append(items, widget.NewFormItem(lang.L("原因"), reason))
		}
		fd := newFormDialog(sh, title, verb, items, func() (func() error, error) {
			c, ok := pick.selected()
			if !ok {
				return nil, fieldError(field, lang.L("必须选择一位志愿者"))
			}
			why := reason.Text
			if reassign {
				return func() error { return sh.store.Reassign(sh.ctx, r.ID, c.id, why) }, nil
			}
			return func() error { return sh.store.Dispatch(sh.ctx, r.ID, c.id) }, nil
		}, t.refresh)
		t.dlg = fd
		fd.Show(640)
	})
}

// onComplete records that the dispatched volunteer did the service; 改派… is a separate action.
func (t *servicesTab) onComplete(r data.ServiceRequest) {
	sh := t.c.sh
	t.minutes, t.result = widget.NewEntry(), widget.NewEntry()
	t.minutes.SetPlaceHolder("60")
	t.result.SetPlaceHolder(lang.L("如：药已送到，老人状态良好"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("志愿者"), widget.NewLabel(r.Volunteer)),
		widget.NewFormItem(lang.L("用时（分钟）"), t.minutes), widget.NewFormItem(lang.L("结果"), t.result)}
	minutes, result := t.minutes, t.result
	fd := newFormDialog(sh, lang.L("完成")+"："+requestTitle(r), lang.L("完成"), items, func() (func() error, error) {
		m, err := parseCount(minutes.Text)
		bad := (data.ServiceRequest{Minutes: int(m), Result: result.Text}).ValidateCompletion()
		if err != nil {
			bad = mergeFieldError(bad, "用时", lang.L("请填写 1 到 1440 的整数（分钟）"))
		}
		if bad != nil {
			return nil, bad
		}
		res, done := result.Text, sh.now()
		return func() error { return sh.store.CompleteRequest(sh.ctx, r.ID, done, int(m), res) }, nil
	}, t.refresh)
	reassign := widget.NewButton(lang.L("改派…"), func() { fd.dlg.Hide(); t.pickVolunteer(r, true) })
	fd.addButton(reassign)
	t.dlg = fd
	fd.Show(640)
}

func (t *servicesTab) onFollowUp(r data.ServiceRequest) {
	sh := t.c.sh
	sat, note := newSelect(data.Satisfactions, nil), widget.NewEntry()
	sat.SetSelectedIndex(0)
	fd := newFormDialog(sh, lang.L("回访")+"："+requestTitle(r), lang.L("保存"), []*widget.FormItem{
		widget.NewFormItem(lang.L("满意度"), sat), widget.NewFormItem(lang.L("回访记录"), note)}, func() (func() error, error) {
		s, n := sat.Selected, note.Text
		return func() error { return sh.store.FollowUp(sh.ctx, r.ID, s, n) }, nil
	}, t.refresh)
	t.dlg = fd
	fd.Show(560)
}
