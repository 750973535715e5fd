package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// concernActions is a concern's details, state history and duplicates, with its next step: only
// the states the state machine allows are offered, and each asks for what it needs.
type concernActions struct {
	dlg                          *formDialog
	next                         *keySelect
	note, dept, ref, dup, unit   *keyEntry
	promised                     *keyEntry
	states                       []data.ConcernState
	concern                      data.Concern
	history, duplicates, details *widget.Label
	account                      *keySelect // 责任人账户
	owners                       []data.OwnerAccount
	plan, link                   *widget.Button // 列入议事会, 关联 (concerns_link.go)
	linkDlg                      *concernLink
}

func showConcernActions(t *concernListTab, c data.Concern) *concernActions {
	sh := t.c.sh
	a := &concernActions{concern: c, states: data.NextStates(c.State), note: newEntry(sh), dept: newEntry(sh), ref: newEntry(sh),
		dup: newEntry(sh), unit: newEntry(sh), promised: newEntry(sh), account: newSelect(nil, nil)}
	a.account.OnChanged = func(string) {
		if a.account.SelectedIndex() > 0 {
			a.unit.SetText("") // an account or a unit, not both
		}
	}
	a.details = widget.NewLabel(concernDetails(c, !sh.actor.Role.Can(data.PermReveal)))
	a.details.Wrapping = wrapFor(a.details.Text)
	a.history, a.duplicates = widget.NewLabel(""), widget.NewLabel("")
	a.history.Wrapping = wrapFor("中文")
	opts := make([]string, len(a.states))
	for i, s := range a.states {
		opts[i] = tr(string(s))
	}
	a.next = newSelect(opts, nil)
	if len(opts) > 0 {
		a.next.SetSelectedIndex(0)
	}
	a.initOwners()
	a.unit.SetText(c.OwnerUnit)
	a.promised.SetText(c.PromisedOn)
	a.promised.SetPlaceHolder("YYYY-MM-DD")
	a.dup.SetPlaceHolder(lang.L("原民情编号，如 MQ-2026-0001"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("民情"), a.details), widget.NewFormItem(lang.L("办理经过"), a.history)}
	writable := t.c.canWrite() && len(a.states) > 0
	if writable {
		items = append(items, widget.NewFormItem(lang.L("改为"), a.next), widget.NewFormItem(lang.L("说明"), a.note),
			widget.NewFormItem(lang.L("责任人账户"), a.account), widget.NewFormItem(lang.L("责任单位"), a.unit),
			widget.NewFormItem(lang.L("承诺日期"), a.promised),
			widget.NewFormItem(lang.L("转办部门"), a.dept), widget.NewFormItem(lang.L("转办单号"), a.ref),
			widget.NewFormItem(lang.L("重复于"), a.dup))
	}
	confirm := lang.L("保存")
	if !writable {
		confirm = lang.L("关闭")
	}
	a.dlg = newFormDialog(sh, c.Number, confirm, items, func() (func() error, error) {
		if !writable {
			return nil, nil
		}
		return a.work(sh), nil
	}, t.refresh)
	a.addConcernButtons(t)
	a.dlg.Show(720)
	a.load(sh)
	return a
}

// load reads the history and the duplicates off the UI thread.
func (a *concernActions) load(sh *shell) {
	type extra struct {
		h []data.StateChange
		d []data.Concern
		o []data.OwnerAccount
	}
	id := a.concern.ID
	async(sh, func() (extra, error) {
		h, err := sh.store.ConcernHistory(sh.ctx, id)
		if err != nil {
			return extra{}, err
		}
		d, err := sh.store.Duplicates(sh.ctx, id)
		if err != nil {
			return extra{}, err
		}
		o, err := sh.store.ConcernOwners(sh.ctx)
		return extra{h, d, o}, err
	}, func(x extra) {
		a.fillOwners(x.o)
		var lines []string
		for _, h := range x.h {
			line := h.At[:16] + "  " + tr(string(h.To)) + "  " + h.Username
			if h.Note != "" {
				line += "  " + h.Note
			}
			lines = append(lines, strings.Replace(line, "T", " ", 1))
		}
		for _, d := range x.d {
			lines = append(lines, lang.L("重复项")+"："+d.Number+" "+d.RaisedOn)
		}
		a.history.SetText(strings.Join(lines, "\n"))
		a.dlg.fit()
	})
}

func concernDetails(c data.Concern, mask bool) string {
	s := fmt.Sprintf("%s\n%s %s %s · %s · %s %s · %s", c.Text, c.Community, c.Grid, c.Place, c.Category,
		c.ReporterLabel(mask), c.Channel, c.RaisedOn)
	s += "\n" + lang.L("状态") + "：" + tr(string(c.State))
	if c.Owner != "" {
		s += "  " + lang.L("责任人") + "：" + c.Owner
	}
	if c.PromisedOn != "" {
		s += "  " + lang.L("承诺日期") + "：" + c.PromisedOn
	}
	if c.LinkLabel != "" {
		s += "\n" + lang.L("关联") + "：" + c.LinkKind + " " + c.LinkLabel
	}
	return s
}

// work is the save: the chosen move with what was typed; errors name the form's fields.
func (a *concernActions) work(sh *shell) func() error {
	i := a.next.SelectedIndex()
	if i < 0 {
		return nil
	}
	m := data.Move{To: a.states[i], Note: a.note.Text, ReferredTo: a.dept.Text, ReferralRef: a.ref.Text,
		OwnerUserID: a.ownerUserID(), OwnerUnit: a.unit.Text, PromisedOn: a.promised.Text}
	if m.OwnerUserID == a.concern.OwnerUserID && m.OwnerUnit == a.concern.OwnerUnit && m.PromisedOn == a.concern.PromisedOn &&
		m.To != data.StateDecided {
		m.OwnerUserID, m.OwnerUnit, m.PromisedOn = 0, "", ""
	}
	number, id := strings.TrimSpace(a.dup.Text), a.concern.ID
	return func() error {
		if m.To == data.StateDuplicate && number != "" {
			orig, err := sh.store.ConcernByNumber(sh.ctx, number)
			if err != nil {
				return fieldError("重复于", data.Message(err))
			}
			m.DuplicateOf = orig.ID
		}
		err := sh.store.MoveConcern(sh.ctx, id, m)
		err = renameError(err, "不予办理原因", "说明")
		err = renameError(err, "办理结果", "说明")
		return renameError(err, "责任人", "责任单位")
	}
}
