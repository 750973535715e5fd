package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
	"linli/reports"
)

// servicesTab: 居民点单 → 社区派单 → 完成 → 回访; overdue requests stand out.
type servicesTab struct {
	c    *careScreen
	open *widget.Check
	rows []data.ServiceRequest
	list *widget.List
	box  fyne.CanvasObject
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
			txt := fmt.Sprintf(lang.L("#%d %s  %s  %s（%s）  期限 %s  %s"), r.ID, r.Recipient, r.Type, r.Detail, r.Channel, due.Format("01-02 15:04"), r.Stage())
			if r.Volunteer != "" {
				txt += "：" + r.Volunteer
			}
			if r.Satisfaction != "" {
				txt += "  " + r.Satisfaction
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
		var names []string
		for _, r := range rs {
			names = append(names, r.Person.Name+"（"+r.Person.Community+"）")
		}
		who, typ, channel := newSelect(names, nil), newSelect(data.ServiceTypes, nil), newSelect(data.ServiceChannels, nil)
		typ.SetSelectedIndex(0)
		channel.SetSelectedIndex(0)
		detail, hours := widget.NewEntry(), widget.NewEntry()
		hours.SetText("24")
		dialog.ShowForm(lang.L("居民点单"), lang.L("保存"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("服务对象"), who),
			widget.NewFormItem(lang.L("服务类型"), typ), widget.NewFormItem(lang.L("来源渠道"), channel), widget.NewFormItem(lang.L("内容"), detail),
			widget.NewFormItem(lang.L("期限（小时内）"), hours)}, func(ok bool) {
			if !ok || who.SelectedIndex() < 0 {
				return
			}
			h, err := parseCount(hours.Text)
			if err != nil || h == 0 {
				sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("期限（小时内）"), Message: lang.L("应为正整数")}}})
				return
			}
			now := sh.now()
			r := data.ServiceRequest{RecipientID: rs[who.SelectedIndex()].ID, Type: typ.Selected, Channel: channel.Selected, Detail: detail.Text,
				RequestedAt: now.Format(time.RFC3339), DueAt: now.Add(time.Duration(h) * time.Hour).Format(time.RFC3339)}
			async(sh, func() (int64, error) { return sh.store.CreateRequest(sh.ctx, r) }, func(int64) { t.refresh() })
		}, sh.win)
	})
}

// act offers the next step for a request: dispatch (with suggestions), complete, follow up.
func (t *servicesTab) act(r data.ServiceRequest) {
	sh := t.c.sh
	if !t.c.canWrite() {
		return
	}
	switch r.Stage() {
	case "待派单", "已派单":
		async(sh, func() ([]data.Suggestion, error) { return sh.store.SuggestVolunteers(sh.ctx, r.ID) }, func(sg []data.Suggestion) {
			var opts []string
			for _, s := range sg {
				opts = append(opts, s.Name+"（"+s.Why+"）")
			}
			pick := newSelect(opts, nil)
			if len(opts) > 0 {
				pick.SetSelectedIndex(0)
			}
			minutes, result := widget.NewEntry(), widget.NewEntry()
			minutes.SetPlaceHolder("60")
			items := []*widget.FormItem{widget.NewFormItem(lang.L("派单给"), pick)}
			if r.Stage() == "已派单" {
				items = append(items, widget.NewFormItem(lang.L("完成：用时（分钟）"), minutes), widget.NewFormItem(lang.L("结果"), result))
			}
			dialog.ShowForm(fmt.Sprintf("#%d %s %s", r.ID, r.Recipient, r.Type), lang.L("保存"), lang.L("取消"), items, func(ok bool) {
				if !ok {
					return
				}
				if m, err := parseCount(minutes.Text); err == nil && m > 0 {
					res := result.Text
					async(sh, func() (struct{}, error) {
						return struct{}{}, sh.store.CompleteRequest(sh.ctx, r.ID, sh.now(), int(m), res)
					},
						func(struct{}) { t.refresh() })
					return
				}
				if i := pick.SelectedIndex(); i >= 0 {
					v := sg[i].VolunteerID
					async(sh, func() (struct{}, error) { return struct{}{}, sh.store.Dispatch(sh.ctx, r.ID, v) }, func(struct{}) { t.refresh() })
				}
			}, sh.win)
		})
	case "已完成":
		sat, note := newSelect(data.Satisfactions, nil), widget.NewEntry()
		sat.SetSelectedIndex(0)
		dialog.ShowForm(lang.L("回访"), lang.L("保存"), lang.L("取消"), []*widget.FormItem{widget.NewFormItem(lang.L("满意度"), sat),
			widget.NewFormItem(lang.L("回访记录"), note)}, func(ok bool) {
			if ok {
				s, n := sat.Selected, note.Text
				async(sh, func() (struct{}, error) { return struct{}{}, sh.store.FollowUp(sh.ctx, r.ID, s, n) }, func(struct{}) { t.refresh() })
			}
		}, sh.win)
	}
}

// hoursTab: each volunteer's hours in a period, and the 志愿服务证明 batch.
type hoursTab struct {
	c        *careScreen
	from, to *widget.Entry
	rows     []data.VolunteerTotal
	list     *widget.List
	progress *widget.ProgressBar
	cancel   *widget.Button
	stop     bool
	box      fyne.CanvasObject
}

func newHoursTab(c *careScreen) *hoursTab {
	t := &hoursTab{c: c, from: widget.NewEntry(), to: widget.NewEntry(), progress: widget.NewProgressBar()}
	year := c.sh.now().Format("2006")
	t.from.SetText(year + "-01-01")
	t.to.SetText(c.sh.now().Format("2006-01-02"))
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := t.rows[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s %s  %s  %s", r.Number, r.Name, reports.Hours(r.Minutes), r.Content))
		})
	show := widget.NewButtonWithIcon(lang.L("查看"), theme.SearchIcon(), t.refresh)
	certs := widget.NewButtonWithIcon(lang.L("批量打印志愿服务证明"), theme.DocumentPrintIcon(), t.onCerts)
	if !c.canWrite() {
		certs.Disable()
	}
	t.cancel = widget.NewButton(lang.L("取消"), func() { t.stop = true })
	t.progress.Hide()
	t.cancel.Hide()
	top := container.NewHBox(widget.NewLabel(lang.L("从")), container.NewGridWrap(fyne.NewSize(120, 36), t.from), widget.NewLabel(lang.L("到")),
		container.NewGridWrap(fyne.NewSize(120, 36), t.to), show, certs)
	t.box = container.NewBorder(container.NewVBox(top, container.NewBorder(nil, nil, nil, t.cancel, t.progress)), nil, nil, nil, t.list)
	return t
}

func (t *hoursTab) refresh() {
	sh, from, to := t.c.sh, t.from.Text, t.to.Text
	async(sh, func() ([]data.VolunteerTotal, error) { return sh.store.VolunteerTotals(sh.ctx, 0, from, to) }, func(rs []data.VolunteerTotal) {
		t.rows = rs
		t.list.Refresh()
	})
}

// onCerts issues and prints certificates for everyone with hours in the period, with a progress
// bar and a cancel button.
func (t *hoursTab) onCerts() {
	from, to := t.from.Text, t.to.Text
	t.stop = false
	d, v := &documents.VolunteerCerts, documents.Values{"all": "true", "from": from, "to": to}
	if err := d.Validate(v); err != nil {
		t.c.sh.showError(err)
		return
	}
	render := t.c.out.render(d, v)
	t.c.out.save(d.FileName(v), func(ctx context.Context, w io.Writer) error {
		t.c.sh.do(func() { t.progress.SetValue(0); t.progress.Show(); t.cancel.Show() })
		defer t.c.sh.do(func() { t.progress.Hide(); t.cancel.Hide() })
		return render(documents.WithProgress(ctx, func(done, total int) bool {
			t.c.sh.do(func() { t.progress.SetValue(float64(done) / float64(max(total, 1))) })
			return !t.stop
		}), w)
	}, true)
}
