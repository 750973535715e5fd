package app

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// reverseForm corrects a timesheet row: never in place, but a 冲销 with a reason and, when the
// day was worked after all, the day as it was worked, in one save.
type reverseForm struct {
	dlg                 *formDialog
	row                 *keySelect
	reason              *keyEntry
	redo                *widget.Check
	day, start, end, by *keyEntry
	rows                []data.Timesheet
}

func newReverseForm(v *placementView) *reverseForm {
	sh := v.t.p.sh
	f := &reverseForm{reason: newEntry(sh), day: newEntry(sh), start: newEntry(sh), end: newEntry(sh), by: newEntry(sh), rows: v.standing()}
	opts := make([]string, len(f.rows))
	for i, t := range f.rows {
		opts[i] = fmt.Sprintf("%s %s–%s（%d 分钟）", t.Day, t.Start, t.End, t.Minutes)
	}
	f.row = newSelect(opts, func(string) { f.fillFromRow() })
	f.redo = widget.NewCheck(lang.L("同时登记更正后的工时"), nil)
	f.redo.SetChecked(true)
	f.reason.SetPlaceHolder(lang.L("如 结束时间登记错了"))
	if len(opts) > 0 {
		f.row.SetSelectedIndex(len(opts) - 1)
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("冲销的工时"), f.row), widget.NewFormItem(lang.L("冲销原因"), f.reason),
		widget.NewFormItem("", f.redo), widget.NewFormItem(lang.L("日期"), f.day), widget.NewFormItem(lang.L("开始时间"), f.start),
		widget.NewFormItem(lang.L("结束时间"), f.end), widget.NewFormItem(lang.L("指导人签字"), f.by)}
	f.dlg = newFormDialog(sh, lang.L("冲销工时"), lang.L("冲销"), items, func() (func() error, error) {
		id, reason, fix, err := f.value()
		if err != nil {
			return nil, err
		}
		return func() error { _, err := sh.store.ReverseTimesheet(sh.ctx, id, reason, fix); return err }, nil
	}, v.load)
	f.dlg.liveCheck(func() error { _, _, _, err := f.value(); return err })
	f.dlg.Show(560)
	sh.win.Canvas().Focus(f.reason)
	return f
}

// fillFromRow starts the corrected day from the row being reversed.
func (f *reverseForm) fillFromRow() {
	if i := f.row.SelectedIndex(); i >= 0 && i < len(f.rows) {
		t := f.rows[i]
		f.day.SetText(t.Day)
		f.start.SetText(t.Start)
		f.end.SetText(t.End)
		f.by.SetText(t.SignedBy)
	}
}

// value is the row to reverse, the reason and the corrected day (nil without one), checked.
func (f *reverseForm) value() (int64, string, *data.Timesheet, error) {
	i := f.row.SelectedIndex()
	if i < 0 || i >= len(f.rows) {
		return 0, "", nil, fieldError("冲销的工时", lang.L("必须选择"))
	}
	bad := &data.Error{Code: data.CodeInvalid, Message: "输入有误"}
	if de, ok := data.CheckReason("冲销原因", f.reason.Text).(*data.Error); ok {
		bad.Fields = append(bad.Fields, de.Fields...)
	}
	var fix *data.Timesheet
	if f.redo.Checked {
		fix = &data.Timesheet{ApplicationID: f.rows[i].ApplicationID, Day: f.day.Text, Start: f.start.Text, End: f.end.Text, SignedBy: f.by.Text}
		fix.Normalize()
		if de, ok := fix.Validate().(*data.Error); ok {
			bad.Fields = append(bad.Fields, de.Fields...)
		}
	}
	if len(bad.Fields) > 0 {
		return 0, "", nil, bad
	}
	return f.rows[i].ID, f.reason.Text, fix, nil
}
