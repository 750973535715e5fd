package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// evalForm completes a placement with the supervisor's evaluation: a grade and a short remark.
type evalForm struct {
	dlg    *formDialog
	grade  *keySelect
	remark *keyEntry
}

func newEvalForm(v *placementView) *evalForm {
	sh := v.t.p.sh
	f := &evalForm{remark: newEntry(sh)}
	grades := make([]string, len(data.EvalGrades))
	for i, g := range data.EvalGrades {
		grades[i] = tr(g)
	}
	f.grade = newSelect(grades, nil)
	f.remark.SetPlaceHolder(lang.L("如 认真负责，礼貌待客"))
	id := v.app.ID
	items := []*widget.FormItem{widget.NewFormItem(lang.L("学生"), widget.NewLabel(v.app.Student+" · "+v.app.Shop+"「"+v.app.Post+"」")),
		widget.NewFormItem(lang.L("评价等级"), f.grade), widget.NewFormItem(lang.L("评语"), f.remark)}
	f.dlg = newFormDialog(sh, lang.L("完成评价"), lang.L("完成"), items, func() (func() error, error) {
		grade, remark := f.value()
		if err := data.CheckEvaluation(grade, remark); err != nil {
			return nil, err
		}
		return func() error { return sh.store.CompleteApplication(sh.ctx, id, grade, remark) }, nil
	}, v.done)
	f.dlg.liveCheck(func() error { return data.CheckEvaluation(f.value()) })
	f.dlg.Show(560)
	sh.win.Canvas().Focus(f.remark)
	return f
}

func (f *evalForm) value() (string, string) {
	grade := ""
	if i := f.grade.SelectedIndex(); i >= 0 {
		grade = data.EvalGrades[i]
	}
	return grade, f.remark.Text
}
