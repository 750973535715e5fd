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

// meetingsTab lists the 「三杯茶」 meetings; a new one or a draft opens the meeting form, a
// finalized one shows its minutes with 更正说明 and the prints.
type meetingsTab struct {
	c    *concernsScreen
	rows []data.TeaMeeting
	list *widget.List
	box  fyne.CanvasObject
	form *meetingForm // on show, for tests
}

func newMeetingsTab(c *concernsScreen) *meetingsTab {
	t := &meetingsTab{c: c}
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			m := t.rows[id]
			state := lang.L("草稿")
			if m.Final() {
				state = lang.L("已定稿")
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s  %s  [%s]", m.Day, m.Place, m.Topic, m.Host, state))
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.UnselectAll(); t.open(t.rows[id].ID) }
	add := widget.NewButtonWithIcon(lang.L("新建议事会"), theme.ContentAddIcon(), func() { t.open(0) })
	add.Importance = widget.HighImportance
	if !c.canWrite() {
		add.Disable()
	}
	t.box = container.NewBorder(container.NewHBox(add), nil, nil, nil, t.list)
	return t
}

func (t *meetingsTab) refresh() {
	sh := t.c.sh
	async(sh, func() ([]data.TeaMeeting, error) { return sh.store.Meetings(sh.ctx) }, func(ms []data.TeaMeeting) {
		t.rows = ms
		t.list.Refresh()
	})
}

// open loads a meeting (0: a new one) and the concerns waiting to be discussed, then shows the form.
func (t *meetingsTab) open(id int64) {
	sh := t.c.sh
	type loaded struct {
		m       data.TeaMeeting
		waiting []data.Concern
		owners  []data.OwnerAccount
	}
	async(sh, func() (loaded, error) {
		var l loaded
		var err error
		if id != 0 {
			if l.m, err = sh.store.Meeting(sh.ctx, id); err != nil {
				return l, err
			}
		} else {
			l.m = data.TeaMeeting{Day: sh.now().Format("2006-01-02"), Place: data.DefaultMeetingPlace, Host: sh.actor.Display}
		}
		if !l.m.Final() {
			if l.waiting, err = sh.store.Concerns(sh.ctx, data.ConcernFilter{State: data.StateAgenda}); err != nil {
				return l, err
			}
			l.owners, err = sh.store.ConcernOwners(sh.ctx)
		}
		return l, err
	}, func(l loaded) {
		t.form = newMeetingForm(t, l.m, l.waiting)
		t.form.owners = l.owners
		t.form.dlg.Show(860)
	})
}

// agendaRow is one concern that can be put on the agenda, with its decision.
type agendaRow struct {
	concernID             int64
	ownerUserID           int64 // an account decided as owner, kept while 责任单位 stays empty
	on                    *widget.Check
	decision, unit, dueOn *keyEntry
}

// meetingForm edits a draft meeting or shows a finalized one.
type meetingForm struct {
	dlg                      *formDialog
	m                        data.TeaMeeting
	day, place, host, topic  *keyEntry
	minutes, guests, note    *widget.Entry
	agenda                   []*agendaRow
	residents                []data.Person
	residentList             *widget.Label
	finalize, signIn, report *widget.Button
	owners                   []data.OwnerAccount // an owner typed as one of these names is that account
}

func newMeetingForm(t *meetingsTab, m data.TeaMeeting, waiting []data.Concern) *meetingForm {
	sh := t.c.sh
	f := &meetingForm{m: m, day: newEntry(sh), place: newEntry(sh), host: newEntry(sh), topic: newEntry(sh),
		minutes: widget.NewMultiLineEntry(), guests: widget.NewMultiLineEntry(), note: widget.NewMultiLineEntry(), residentList: widget.NewLabel("")}
	f.day.SetText(m.Day)
	f.place.SetText(m.Place)
	f.host.SetText(m.Host)
	f.topic.SetText(m.Topic)
	f.minutes.SetText(m.Minutes)
	f.minutes.SetMinRowsVisible(3)
	f.minutes.Wrapping = fyne.TextWrapWord
	f.guests.SetPlaceHolder(lang.L("来宾每行一位：姓名 单位，如 王建华 物业服务中心"))
	f.guests.SetMinRowsVisible(2)
	var guests []string
	for _, a := range m.Attendees {
		switch a.Kind {
		case data.AttendeeGuest:
			guests = append(guests, strings.TrimSpace(a.Name+" "+a.Unit))
		case data.AttendeeResident:
			f.residents = append(f.residents, data.Person{ID: a.PersonID, Name: a.Name})
		}
	}
	f.guests.SetText(strings.Join(guests, "\n"))
	f.showResidents()
	var items []*widget.FormItem
	if m.Final() {
		items = f.finalItems()
	} else {
		items = f.draftItems(sh, waiting)
	}
	confirm := lang.L("保存")
	if m.Final() {
		confirm = lang.L("添加更正说明")
	}
	f.dlg = newFormDialog(sh, lang.L("「三杯茶」议事会"), confirm, items, f.submit(sh), t.refresh)
	f.addPrints(t)
	if !m.Final() && m.ID != 0 {
		f.finalize = widget.NewButton(lang.L("定稿"), func() {
			id := m.ID
			async(sh, func() (struct{}, error) { return struct{}{}, sh.store.FinalizeMeeting(sh.ctx, id) }, func(struct{}) {
				f.dlg.dlg.Hide()
				sh.notice(lang.L("纪要已定稿"))
				t.refresh()
			})
		})
		f.dlg.addButton(f.finalize)
	}
	if !t.c.canWrite() {
		f.dlg.confirm.Disable()
	}
	return f
}

func (f *meetingForm) addPrints(t *meetingsTab) {
	if f.m.ID == 0 {
		return
	}
	v := documents.Values{"date": f.m.Day}
	f.signIn = widget.NewButtonWithIcon(lang.L("签到表"), theme.DocumentPrintIcon(), func() { t.c.out.document(&documents.MeetingSignIn, v) })
	f.report = widget.NewButtonWithIcon(lang.L("会议纪要"), theme.DocumentPrintIcon(), func() { t.c.out.document(&documents.MeetingMinutes, v) })
	f.dlg.addButton(f.signIn)
	f.dlg.addButton(f.report)
}

func (f *meetingForm) finalItems() []*widget.FormItem {
	var agenda []string
	for i, it := range f.m.Items {
		agenda = append(agenda, fmt.Sprintf("%d. %s %s → %s（%s，%s）", i+1, it.Number, it.Text, it.Decision, it.Owner, it.DueOn))
	}
	var notes []string
	for _, n := range f.m.Notes {
		notes = append(notes, n.At[:10]+" "+n.Username+"："+n.Text)
	}
	label := func(s string) *widget.Label { l := widget.NewLabel(s); l.Wrapping = wrapFor("中文"); return l }
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("会议"), label(fmt.Sprintf("%s  %s  %s\n%s", f.m.Day, f.m.Place, f.m.Host, f.m.Topic))),
		widget.NewFormItem(lang.L("议程"), label(strings.Join(agenda, "\n"))),
		widget.NewFormItem(lang.L("会议纪要"), label(f.m.Minutes+"\n（"+lang.L("已定稿，不能修改")+"）")),
		widget.NewFormItem(lang.L("更正说明"), label(strings.Join(notes, "\n"))),
		widget.NewFormItem(lang.L("新的更正说明"), f.note),
	}
}

func (f *meetingForm) draftItems(sh *shell, waiting []data.Concern) []*widget.FormItem {
	rows := container.NewVBox()
	add := func(id int64, label string, it data.MeetingItem, on bool) {
		r := &agendaRow{concernID: id, on: widget.NewCheck(label, nil), decision: newEntry(sh), unit: newEntry(sh), dueOn: newEntry(sh)}
		r.on.SetChecked(on)
		r.decision.SetText(it.Decision)
		r.decision.SetPlaceHolder(lang.L("议定事项"))
		r.unit.SetText(it.OwnerUnit)
		r.unit.SetPlaceHolder(lang.L("责任单位或账户姓名"))
		if it.OwnerUserID != 0 {
			r.ownerUserID = it.OwnerUserID
			r.unit.SetPlaceHolder(it.Owner)
		}
		r.dueOn.SetText(it.DueOn)
		r.dueOn.SetPlaceHolder(lang.L("完成期限"))
		f.agenda = append(f.agenda, r)
		rows.Add(r.on)
		rows.Add(container.NewGridWithColumns(3, r.decision, r.unit, r.dueOn))
	}
	for _, it := range f.m.Items {
		add(it.ConcernID, it.Number+" "+it.Text, it, true)
	}
	for _, c := range waiting {
		add(c.ID, c.Number+" "+c.Text+"（"+c.Community+"）", data.MeetingItem{}, false)
	}
	if len(f.agenda) == 0 {
		rows.Add(widget.NewLabel(lang.L("没有待议的民情")))
	}
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(760, 220))
	picker := newPersonPicker(sh, func(p data.Person) {
		for _, x := range f.residents {
			if x.ID == p.ID {
				return
			}
		}
		f.residents = append(f.residents, p)
		f.showResidents()
	})
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("日期"), f.day), widget.NewFormItem(lang.L("地点"), f.place),
		widget.NewFormItem(lang.L("主持人"), f.host), widget.NewFormItem(lang.L("议题"), f.topic),
		widget.NewFormItem(lang.L("议程"), scroll),
		widget.NewFormItem(lang.L("参会居民"), container.NewVBox(f.residentList, picker.view())),
		widget.NewFormItem(lang.L("来宾"), f.guests), widget.NewFormItem(lang.L("会议纪要"), f.minutes),
	}
}

func (f *meetingForm) showResidents() {
	names := make([]string, len(f.residents))
	for i, p := range f.residents {
		names[i] = p.Name
	}
	f.residentList.SetText(strings.Join(names, "、"))
}

// meeting is what the draft form holds.
func (f *meetingForm) meeting(sh *shell) data.TeaMeeting {
	m := data.TeaMeeting{ID: f.m.ID, Day: f.day.Text, Place: f.place.Text, Host: f.host.Text, Topic: f.topic.Text, Minutes: f.minutes.Text}
	for _, r := range f.agenda {
		if r.on.Checked {
			it := data.MeetingItem{ConcernID: r.concernID, Decision: r.decision.Text, OwnerUnit: r.unit.Text, DueOn: r.dueOn.Text}
			if strings.TrimSpace(it.OwnerUnit) == "" {
				it.OwnerUserID = r.ownerUserID
			} else if id := f.ownerAccountNamed(it.OwnerUnit); id != 0 {
				it.OwnerUserID, it.OwnerUnit = id, "" // an account's name makes that account the owner
			}
			m.Items = append(m.Items, it)
		}
	}
	m.Attendees = append(m.Attendees, data.Attendee{Kind: data.AttendeeStaff, UserID: sh.actor.UserID})
	for _, p := range f.residents {
		m.Attendees = append(m.Attendees, data.Attendee{Kind: data.AttendeeResident, PersonID: p.ID})
	}
	for _, line := range strings.Split(f.guests.Text, "\n") {
		if fs := strings.Fields(line); len(fs) > 0 {
			m.Attendees = append(m.Attendees, data.Attendee{Kind: data.AttendeeGuest, Name: fs[0], Unit: strings.Join(fs[1:], " ")})
		}
	}
	return m
}

func (f *meetingForm) submit(sh *shell) func() (func() error, error) {
	return func() (func() error, error) {
		if f.m.Final() {
			id, text := f.m.ID, f.note.Text
			return func() error {
				return renameError(sh.store.AddMeetingNote(sh.ctx, id, text), "更正说明", "新的更正说明")
			}, nil
		}
		m := f.meeting(sh)
		m.Normalize()
		if err := m.Validate(); err != nil {
			return nil, renameAgenda(err)
		}
		return func() error { _, err := sh.store.SaveMeeting(sh.ctx, m); return renameAgenda(err) }, nil
	}
}

// renameAgenda shows the errors of agenda items and attendees under 议程 and 来宾.
func renameAgenda(err error) error {
	de, ok := err.(*data.Error)
	if !ok || len(de.Fields) == 0 {
		return err
	}
	out := *de
	out.Fields = nil
	for _, fe := range de.Fields {
		switch {
		case strings.HasPrefix(fe.Field, "议程"):
			fe = data.FieldError{Field: "议程", Message: fe.Field + "：" + fe.Message}
		case strings.HasPrefix(fe.Field, "参会人"):
			fe = data.FieldError{Field: "来宾", Message: fe.Field + "：" + fe.Message}
		}
		out.Fields = append(out.Fields, fe)
	}
	return &out
}

// ownerAccountNamed is the account whose name is typed as the owner, or 0 for a unit.
func (f *meetingForm) ownerAccountNamed(name string) int64 {
	name = strings.TrimSpace(name)
	for _, o := range f.owners {
		if o.Name == name {
			return o.ID
		}
	}
	return 0
}
