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
	"linli/documents"
)

// careScreen is 助老服务: recipients, 结对, the monthly 一碗汤 round, home services and hours.
type careScreen struct {
	sh         *shell
	tabs       *container.AppTabs
	pages      []tabPage
	recipients *recipientsTab
	pairings   *pairingsTab
	soup       *soupTab
	services   *servicesTab
	hours      *hoursTab
	out        *fileWriter
}

func newCareScreen(sh *shell) *careScreen {
	c := &careScreen{sh: sh, out: newFileWriter(sh)}
	c.recipients = newRecipientsTab(c)
	c.pairings = newPairingsTab(c)
	c.soup = newSoupTab(c)
	c.services = newServicesTab(c)
	c.hours = newHoursTab(c)
	c.pages = []tabPage{{lang.L("一碗汤"), c.soup.box, c.soup.refresh}, {lang.L("上门服务"), c.services.box, c.services.refresh},
		{lang.L("服务对象"), c.recipients.box, c.recipients.refresh}, {lang.L("结对"), c.pairings.box, c.pairings.refresh},
		{lang.L("服务时长与证明"), c.hours.box, c.hours.refresh}}
	c.tabs = newTabs(c.pages)
	return c
}

func (c *careScreen) view() fyne.CanvasObject {
	// The status line shares the title's row: empty, it takes no height from the lists.
	c.out.status.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, heading(lang.L("助老服务")), nil, c.out.status)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, c.tabs))
}

func (c *careScreen) refresh() { reloadTab(c.tabs, c.pages) }

func (c *careScreen) canWrite() bool { return c.sh.actor.Role.Can(data.PermCareWrite) }

// recipientsTab lists care profiles and edits them.
type recipientsTab struct {
	c      *careScreen
	rows   []data.CareRecipient
	list   *widget.List
	box    fyne.CanvasObject
	editID int64 // the recipient whose form is on show, for tests
}

func newRecipientsTab(c *careScreen) *recipientsTab {
	t := &recipientsTab{c: c}
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := t.rows[id]
			soup := ""
			if r.Soup {
				soup = "  " + lang.X("care.soup", "一碗汤")
			}
			vols := strings.Join(r.Volunteers, "、")
			if vols == "" {
				vols = lang.L("（未结对）")
			}
			txt := fmt.Sprintf(lang.L("%s  %s  %s  %s%s  结对：%s"), r.Person.Name, r.Person.Community, tr(r.Living), joinWords(r.Services), soup, vols)
			if r.End != "" {
				txt += "  " + lang.L("已停止服务") + " " + r.End
			}
			o.(*widget.Label).SetText(txt)
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.UnselectAll(); t.edit(t.rows[id]) }
	add := widget.NewButtonWithIcon(lang.L("新增服务对象"), theme.ContentAddIcon(), func() { t.edit(data.CareRecipient{Living: "独居", Soup: true}) })
	if !c.canWrite() {
		add.Disable()
	}
	t.box = container.NewBorder(add, nil, nil, nil, t.list)
	return t
}

func (t *recipientsTab) refresh() {
	sh := t.c.sh
	async(sh, func() ([]data.CareRecipient, error) { return sh.store.CareRecipients(sh.ctx) }, func(rs []data.CareRecipient) {
		t.rows = rs
		t.list.Refresh()
	})
}

func (t *recipientsTab) edit(r data.CareRecipient) {
	sh := t.c.sh
	who := widget.NewLabel(r.Person.Name)
	picker := newPersonPicker(sh, func(p data.Person) { r.PersonID = p.ID; who.SetText(p.Name + "  " + p.Community) })
	living := newSelect(data.LivingSituations, nil)
	living.SetSelected(r.Living)
	services := widget.NewCheckGroup(data.ServiceTypes, nil)
	services.Horizontal = true
	services.SetSelected(r.Services)
	soup := widget.NewCheck(lang.L("参加「老宝贝一碗汤」"), nil)
	soup.SetChecked(r.Soup)
	health := widget.NewMultiLineEntry()
	health.SetText(r.HealthNotes)
	start, end := widget.NewEntry(), widget.NewEntry()
	start.SetText(r.Start)
	end.SetText(r.End)
	start.SetPlaceHolder(sh.now().Format("2006-01-02"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("居民"), who)}
	if r.ID == 0 {
		items = append(items, widget.NewFormItem(lang.L("查找居民"), picker.view()))
	}
	items = append(items, widget.NewFormItem(lang.L("居住情况"), living), widget.NewFormItem(lang.L("服务需求"), services),
		widget.NewFormItem("", soup))
	if sh.actor.Role.Can(data.PermReveal) {
		items = append(items, widget.NewFormItem(lang.L("健康情况（保密）"), health))
	}
	items = append(items, widget.NewFormItem(lang.L("开始服务"), start), widget.NewFormItem(lang.L("停止服务"), end))
	fd := newFormDialog(sh, lang.L("服务对象"), lang.L("保存"), items, func() (func() error, error) {
		if !t.c.canWrite() {
			return nil, nil
		}
		r.Living, r.Services, r.Soup, r.HealthNotes, r.Start, r.End = living.Selected, services.Selected, soup.Checked, health.Text, start.Text, end.Text
		c := r
		return func() error { _, err := sh.store.SaveCareRecipient(sh.ctx, c); return err }, nil
	}, t.refresh)
	t.editID = r.ID
	fd.Show(720)
}

// pairingsTab: 结对, active first, with warnings. A click selects a row; ending a pairing is
// its own button.
type pairingsTab struct {
	c        *careScreen
	rows     []data.Pairing
	list     *widget.List
	selected int
	end      *widget.Button
	warnings *widget.Label
	box      fyne.CanvasObject
	// the dialogs on show, for tests
	dlg      *formDialog
	vol      *choicePicker
	rec      *choicePicker
	confirm  *dialog.ConfirmDialog
	question string
}

func newPairingsTab(c *careScreen) *pairingsTab {
	t := &pairingsTab{c: c, selected: -1, warnings: widget.NewLabel("")}
	t.warnings.Wrapping = fyne.TextWrapWord
	t.warnings.Importance = widget.WarningImportance
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := t.rows[id]
			period := p.From + " 起"
			if p.To != "" {
				period = p.From + " 至 " + p.To + "（" + lang.L("已结束") + "）"
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s ↔ %s  %s  %s", p.Volunteer, p.Recipient, period, p.Note))
		})
	t.list.OnSelected = func(id widget.ListItemID) {
		t.selected = id
		if t.rows[id].To == "" && c.canWrite() {
			t.end.Enable()
		} else {
			t.end.Disable()
		}
	}
	t.list.OnUnselected = func(widget.ListItemID) { t.selected = -1; t.end.Disable() }
	add := widget.NewButtonWithIcon(lang.L("新建结对"), theme.ContentAddIcon(), t.onAdd)
	t.end = widget.NewButtonWithIcon(lang.L("结束所选结对…"), theme.CancelIcon(), t.onEnd)
	t.end.Disable()
	if !c.canWrite() {
		add.Disable()
	}
	t.box = container.NewBorder(container.NewVBox(container.NewHBox(add, t.end), t.warnings), nil, nil, nil, t.list)
	return t
}

func (t *pairingsTab) refresh() {
	sh := t.c.sh
	type both struct {
		ps []data.Pairing
		ws []string
	}
	async(sh, func() (both, error) {
		ps, err := sh.store.Pairings(sh.ctx)
		if err != nil {
			return both{}, err
		}
		ws, err := sh.store.PairingWarnings(sh.ctx)
		return both{ps, ws}, err
	}, func(b both) {
		t.rows = b.ps
		t.warnings.SetText(strings.Join(b.ws, "\n"))
		t.list.UnselectAll()
		t.selected = -1
		t.end.Disable()
		t.list.Refresh()
	})
}

func (t *pairingsTab) onEnd() {
	if t.selected < 0 || t.selected >= len(t.rows) {
		return
	}
	sh, p := t.c.sh, t.rows[t.selected]
	t.confirm = dialog.NewConfirm(lang.L("结束结对"), fmt.Sprintf(lang.L("%s 与 %s 的结对今天结束？记录会保留。"), p.Volunteer, p.Recipient), func(ok bool) {
		if ok {
			async(sh, func() (struct{}, error) {
				return struct{}{}, sh.store.EndPairing(sh.ctx, p.ID, sh.now().Format("2006-01-02"))
			}, func(struct{}) { t.refresh() })
		}
	}, sh.win)
	t.confirm.SetConfirmText(lang.L("结束结对"))
	t.confirm.SetDismissText(lang.L("取消"))
	t.confirm.Show()
}

// pairingLists is what the 新建结对 dialog offers, and how many elders each volunteer has now.
type pairingLists struct {
	vs     []data.Volunteer
	rs     []data.CareRecipient
	active map[int64]int // volunteer id → active pairings
	limit  int
}

func (t *pairingsTab) onAdd() {
	sh := t.c.sh
	async(sh, func() (pairingLists, error) {
		l := pairingLists{active: map[int64]int{}, limit: sh.store.SettingInt(sh.ctx, data.SettingMaxRecipients, data.DefaultMaxRecipients)}
		var err error
		if l.vs, err = sh.store.Volunteers(sh.ctx, data.VolunteerFilter{ActiveOnly: true}); err != nil {
			return l, err
		}
		if l.rs, err = sh.store.CareRecipients(sh.ctx); err != nil {
			return l, err
		}
		ps, err := sh.store.Pairings(sh.ctx)
		for _, p := range ps {
			if p.To == "" {
				l.active[p.VolunteerID]++
			}
		}
		return l, err
	}, t.showAdd)
}

func (t *pairingsTab) showAdd(l pairingLists) {
	sh := t.c.sh
	var vc, rc []choice
	names := map[int64]string{}
	for _, v := range l.vs {
		load := fmt.Sprintf(lang.L("已结对 %d 位"), l.active[v.ID])
		vc = append(vc, choice{id: v.ID, personID: v.PersonID, label: withNotes(v.Person.Name, v.Number, v.Person.Community, load)})
		names[v.ID] = v.Person.Name
	}
	today := sh.now().Format("2006-01-02")
	for _, r := range l.rs {
		if r.Active(today) {
			rc = append(rc, choice{id: r.ID, personID: r.PersonID, label: withNotes(r.Person.Name, r.Person.Community, strings.Join(r.Volunteers, "、"))})
		}
	}
	t.vol, t.rec = newChoicePicker(sh, vc), newChoicePicker(sh, rc)
	from := widget.NewEntry()
	from.SetText(today)
	var fd *formDialog
	asked := int64(0) // the volunteer the user agreed to pair beyond the limit
	fd = newFormDialog(sh, lang.L("新建结对"), lang.L("保存"), []*widget.FormItem{widget.NewFormItem(lang.L("志愿者"), t.vol.view()),
		widget.NewFormItem(lang.L("服务对象"), t.rec.view()), widget.NewFormItem(lang.L("开始日期"), from)}, func() (func() error, error) {
		v, ok := t.vol.selected()
		if !ok {
			return nil, fieldError("志愿者", lang.L("必须选择"))
		}
		r, ok := t.rec.selected()
		if !ok {
			return nil, fieldError("服务对象", lang.L("必须选择"))
		}
		f, n, ok := from.Text, l.active[v.id], asked == v.id
		return func() error {
			// The rules no office may break answer first; only then the limit asks.
			c, err := sh.store.CheckPairing(sh.ctx, v.id, r.id, f)
			if err != nil {
				return err
			}
			if len(c.Refused) > 0 {
				bad := &data.Error{Code: data.CodeInvalid, Message: "输入有误"}
				for _, why := range c.Refused {
					bad.Fields = append(bad.Fields, data.FieldError{Field: "志愿者", Message: why})
				}
				return bad
			}
			if n+1 > l.limit && !ok {
				return &askFirst{func() { t.askBeyondLimit(names[v.id], n, l.limit, func() { asked = v.id; fd.onConfirm() }) }}
			}
			_, err = sh.store.Pair(sh.ctx, v.id, r.id, f, "")
			return err
		}, nil
	}, t.refresh)
	t.dlg = fd
	fd.Show(720)
}

// askBeyondLimit asks before a volunteer gets more elders than the setting allows.
func (t *pairingsTab) askBeyondLimit(name string, n, limit int, yes func()) {
	t.question = fmt.Sprintf(lang.L("%s 已结对 %d 位老人，再结对将超过 %d 位，仍然结对？"), name, n, limit)
	t.confirm = dialog.NewConfirm(lang.L("超过结对上限"), t.question, func(ok bool) {
		if ok {
			yes()
		}
	}, t.c.sh.win)
	t.confirm.SetConfirmText(lang.L("仍然结对"))
	t.confirm.SetDismissText(lang.L("取消"))
	t.confirm.Show()
}

func (c *careScreen) printMonth(kind, month string) {
	switch kind {
	case "roster":
		c.out.document(&documents.SoupRoster, documents.Values{"month": month})
	case "ledger":
		c.out.document(&documents.CareLedger, documents.Values{"month": month})
	}
}
