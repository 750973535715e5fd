package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// timesheetForm records a day's work of a student on post, signed off by the supervisor; the
// store keeps the minors' caps with the rest of the day and week.
type timesheetForm struct {
	dlg                 *formDialog
	day, start, end, by *keyEntry
}

func newTimesheetForm(v *placementView) *timesheetForm {
	sh := v.t.p.sh
	f := &timesheetForm{day: newEntry(sh), start: newEntry(sh), end: newEntry(sh), by: newEntry(sh)}
	fillTimesheetFields(sh, v.post, f.day, f.start, f.end, f.by)
	id := v.app.ID
	items := []*widget.FormItem{widget.NewFormItem(lang.L("学生"), widget.NewLabel(v.app.Student+" · "+v.app.Shop+"「"+v.app.Post+"」")),
		widget.NewFormItem(lang.L("日期"), f.day), widget.NewFormItem(lang.L("开始时间"), f.start), widget.NewFormItem(lang.L("结束时间"), f.end),
		widget.NewFormItem(lang.L("指导人签字"), f.by)}
	f.dlg = newFormDialog(sh, lang.L("登记工时"), lang.L("保存"), items, func() (func() error, error) {
		t, err := f.value(id)
		if err != nil {
			return nil, err
		}
		return func() error { _, err := sh.store.AddTimesheet(sh.ctx, t); return err }, nil
	}, v.load)
	f.dlg.liveCheck(func() error { _, err := f.value(id); return err })
	f.dlg.Show(520)
	sh.win.Canvas().Focus(f.day)
	return f
}

// fillTimesheetFields puts today (within the post's dates), the post's hours and its supervisor
// into a timesheet's fields.
func fillTimesheetFields(sh *shell, p data.Post, day, start, end, by *keyEntry) {
	d := sh.now().Format("2006-01-02")
	if p.ID != 0 && (d < p.From || d > p.To) {
		d = p.From
	}
	day.SetText(d)
	day.SetPlaceHolder("YYYY-MM-DD")
	start.SetText(p.Start)
	start.SetPlaceHolder("09:00")
	end.SetText(p.End)
	end.SetPlaceHolder("12:00")
	by.SetText(p.Supervisor)
}

func (f *timesheetForm) value(app int64) (data.Timesheet, error) {
	t := data.Timesheet{ApplicationID: app, Day: f.day.Text, Start: f.start.Text, End: f.end.Text, SignedBy: f.by.Text}
	t.Normalize()
	return t, t.Validate()
}
