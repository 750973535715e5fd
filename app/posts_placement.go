package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// placementView is one application: the student, where they stand and their timesheets, with the
// next steps its state allows (审核, 修改, 上岗, 登记工时, 冲销, 完成评价, 中止), each as its own form.
type placementView struct {
	t       *postMatchTab
	dlg     *formDialog
	app     data.Application
	sheets  []data.Timesheet
	post    data.Post // the post placed in (zero before placement)
	hours   *widget.Label
	buttons map[string]*widget.Button
	stop    *stopForm // the forms on show, for tests
	eval    *evalForm
	sheet   *timesheetForm
	reverse *reverseForm
}

// the steps each state offers
var placementSteps = map[data.AppState][]string{
	data.AppApplied:   {"审核", "修改报名", "中止"},
	data.AppReviewed:  {"修改报名", "中止"},
	data.AppPlaced:    {"上岗", "中止"},
	data.AppWorking:   {"登记工时", "冲销工时", "完成评价", "中止"},
	data.AppCompleted: {"冲销工时"},
	data.AppUnplaced:  {"中止"},
}

func showPlacement(t *postMatchTab, a data.Application) *placementView {
	sh := t.p.sh
	v := &placementView{t: t, app: a, hours: widget.NewLabel(lang.L("（读取中）")), buttons: map[string]*widget.Button{}}
	v.hours.Wrapping = wrapFor("中文")
	details := widget.NewLabel(placementText(a))
	details.Wrapping = wrapFor(details.Text)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("报名"), details), widget.NewFormItem(lang.L("工时"), v.hours)}
	if !t.p.canWrite() {
		why := widget.NewLabel(lang.L("（本角色无权）"))
		why.Importance = widget.LowImportance
		items = append(items, widget.NewFormItem("", why))
	}
	v.dlg = newFormDialog(sh, a.Student, lang.L("关闭"), items, func() (func() error, error) { return nil, nil }, nil)
	for _, step := range placementSteps[a.State] {
		if step == "冲销工时" && a.CertificateID != 0 { // certified: the certificate is revoked first
			continue
		}
		b := widget.NewButton(lang.L(step), v.action(step))
		if !t.p.canWrite() {
			b.Disable()
		}
		v.buttons[step] = b
		v.dlg.addButton(b)
	}
	v.dlg.Show(720)
	v.load()
	return v
}

// placementText describes an application in a few lines.
func placementText(a data.Application) string {
	lines := []string{fmt.Sprintf("%s · %s %s · %s", a.Student, a.School, a.Grade, tr(string(a.State)))}
	if a.PostID != 0 {
		lines = append(lines, fmt.Sprintf(lang.L("录用：%s「%s」（第%d志愿）"), a.Shop, a.Post, a.PlacedRank))
	}
	if a.Hardship != "" {
		lines = append(lines, lang.L("优先")+"："+a.Hardship)
	}
	if a.Reason != "" {
		lines = append(lines, lang.L("说明")+"："+a.Reason)
	}
	if a.EvalGrade != "" {
		lines = append(lines, fmt.Sprintf(lang.L("评价：%s，%s"), a.EvalGrade, a.EvalRemark))
	}
	return strings.Join(lines, "\n")
}

// load reads the timesheets off the UI thread.
func (v *placementView) load() {
	sh, id, post := v.t.p.sh, v.app.ID, v.app.PostID
	type loaded struct {
		ts   []data.Timesheet
		post data.Post
	}
	async(sh, func() (loaded, error) {
		ts, err := sh.store.Timesheets(sh.ctx, id)
		if err != nil || post == 0 {
			return loaded{ts: ts}, err
		}
		p, err := sh.store.Post(sh.ctx, post)
		return loaded{ts, p}, err
	}, func(l loaded) {
		v.sheets, v.post = l.ts, l.post
		v.hours.SetText(timesheetsText(l.ts))
		if b := v.buttons["冲销工时"]; b != nil {
			if len(v.standing()) == 0 || !v.t.p.canWrite() {
				b.Disable() // nothing standing to reverse
			} else {
				b.Enable()
			}
		}
		v.dlg.fit()
	})
}

// timesheetsText lists the rows, a 冲销 row under the one it reverses, and the hours standing.
func timesheetsText(ts []data.Timesheet) string {
	if len(ts) == 0 {
		return lang.L("（尚无工时）")
	}
	var lines []string
	total := 0
	for _, t := range ts {
		total += t.Minutes
		switch {
		case t.Reverses != 0:
			lines = append(lines, fmt.Sprintf(lang.L("  冲销 %s %s–%s（%d 分钟）：%s"), t.Day, t.Start, t.End, t.Minutes, t.Reason))
		case t.Reversed:
			lines = append(lines, fmt.Sprintf(lang.L("%s %s–%s（%d 分钟）%s签认，已冲销"), t.Day, t.Start, t.End, t.Minutes, t.SignedBy))
		default:
			lines = append(lines, fmt.Sprintf(lang.L("%s %s–%s（%d 分钟）%s签认"), t.Day, t.Start, t.End, t.Minutes, t.SignedBy))
		}
	}
	return strings.Join(append(lines, fmt.Sprintf(lang.L("合计 %d 分钟"), total)), "\n")
}

// standing are the timesheet rows that may still be reversed.
func (v *placementView) standing() []data.Timesheet {
	var out []data.Timesheet
	for _, t := range v.sheets {
		if t.Reverses == 0 && !t.Reversed {
			out = append(out, t)
		}
	}
	return out
}

// action is what a step's button does.
func (v *placementView) action(step string) func() {
	sh := v.t.p.sh
	id := v.app.ID
	move := func(work func() error) func() {
		return func() {
			async(sh, func() (struct{}, error) { return struct{}{}, work() }, func(struct{}) { v.done() })
		}
	}
	switch step {
	case "审核":
		return move(func() error { return sh.store.ReviewApplication(sh.ctx, id) })
	case "上岗":
		start := move(func() error { return sh.store.StartPlacement(sh.ctx, id) })
		return func() {
			if end := v.post.To; end != "" && sh.now().Format("2006-01-02") > end {
				// Recording a placement after the post ended (catching up the paper record) is
				// allowed, but never by one unnoticed click.
				sh.confirm(lang.L("岗位已结束"), fmt.Sprintf(lang.L("岗位「%s」已于 %s 结束。仍要登记上岗吗？（补登以前的记录）"), v.post.Title, end),
					lang.L("仍然登记"), false, start)
				return
			}
			start()
		}
	case "修改报名":
		return func() { v.dlg.close(); v.t.openAppForm(v.app) }
	case "中止":
		return func() { v.stop = newStopForm(v) }
	case "完成评价":
		return func() { v.eval = newEvalForm(v) }
	case "登记工时":
		return func() { v.sheet = newTimesheetForm(v) }
	}
	return func() { v.reverse = newReverseForm(v) }
}

// done closes the view and reloads the list after a step was saved.
func (v *placementView) done() {
	v.dlg.close()
	v.t.refresh()
	v.t.p.list.refresh()
}
