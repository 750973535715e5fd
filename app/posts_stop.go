package app

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// stopForm stops an application (中止) with a reason; a place given up goes to the first student
// on the post's waiting list who may take it.
type stopForm struct {
	dlg    *formDialog
	reason *keyEntry
}

func newStopForm(v *placementView) *stopForm {
	sh := v.t.p.sh
	f := &stopForm{reason: newEntry(sh)}
	f.reason.SetPlaceHolder(lang.L("如 家中有事，提前离岗"))
	id := v.app.ID
	items := []*widget.FormItem{widget.NewFormItem(lang.L("学生"), widget.NewLabel(v.app.Student+" · "+tr(string(v.app.State)))),
		widget.NewFormItem(lang.L("中止原因"), f.reason)}
	f.dlg = newFormDialog(sh, lang.L("中止"), lang.L("中止"), items, func() (func() error, error) {
		reason := f.reason.Text
		if err := data.CheckReason("中止原因", reason); err != nil {
			return nil, err
		}
		return func() error {
			filled, err := sh.store.StopApplication(sh.ctx, id, reason)
			if err == nil && filled != 0 {
				sh.do(func() {
					sh.notice(fmt.Sprintf(lang.L("已中止；空出的名额由候补第一位递补（报名 #%d）"), filled))
				})
			}
			return err
		}, nil
	}, v.done)
	f.dlg.liveCheck(func() error { return data.CheckReason("中止原因", f.reason.Text) })
	f.dlg.Show(560)
	sh.win.Canvas().Focus(f.reason)
	return f
}
