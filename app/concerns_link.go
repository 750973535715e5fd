package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// A concern's two one-step actions beside its next state: 列入议事 (plan it for a meeting: it
// becomes 待议 and shows in the next meeting's agenda) and 关联 (link it to the children's
// programme, home service or other record that answers it: 赞山's 点单 → 派单).

// addConcernButtons adds the buttons the concern's state and the role allow.
func (a *concernActions) addConcernButtons(t *concernListTab) {
	if !t.c.canWrite() {
		return
	}
	if data.CanMove(a.concern.State, data.StateAgenda) {
		a.plan = widget.NewButton(lang.L("列入议事会（待议）"), func() { a.onPlan(t) })
		a.dlg.addButton(a.plan)
	}
	a.link = widget.NewButton(lang.L("关联项目或服务"), func() { a.linkDlg = showConcernLink(t, a) })
	a.dlg.addButton(a.link)
}

// onPlan closes the concern's dialog (asking first when something typed there would be lost),
// then moves the concern to 待议: nothing moves while the question is on show or when the user
// keeps editing.
func (a *concernActions) onPlan(t *concernListTab) {
	sh, id, number := t.c.sh, a.concern.ID, a.concern.Number
	a.dlg.leave(func() {
		async(sh, func() (struct{}, error) {
			return struct{}{}, sh.store.MoveConcern(sh.ctx, id, data.Move{To: data.StateAgenda, Note: "列入议事会"})
		}, func(struct{}) {
			sh.notice(number + " " + lang.L("已列入议事会议程（待议）"))
			t.refresh()
		})
	})
}

// concernLink is the link dialog: the kind, then the record picked from its list (or a label
// for 其他).
type concernLink struct {
	dlg    *formDialog
	kind   *keySelect
	record *keySelect
	label  *keyEntry
	ids    []int64
	names  []string
	lists  linkLists
}

type linkLists struct {
	programmes []data.Programme
	requests   []data.ServiceRequest
}

// The kinds offered, in the store's words.
var linkKindOrder = []string{"儿童项目", "上门服务", "其他"}

func showConcernLink(t *concernListTab, a *concernActions) *concernLink {
	sh := t.c.sh
	l := &concernLink{label: newEntry(sh), record: newSelect(nil, nil)}
	kinds := make([]string, len(linkKindOrder))
	for i, k := range linkKindOrder {
		kinds[i] = tr(k)
	}
	l.kind = newSelect(kinds, func(string) { l.fill() })
	l.label.SetPlaceHolder(lang.L("其他记录：写明名称或编号"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("民情"), widget.NewLabel(a.concern.Number+" "+a.concern.Text)),
		widget.NewFormItem(lang.L("关联类型"), l.kind), widget.NewFormItem(lang.L("关联记录"), l.record),
		widget.NewFormItem(lang.L("说明"), l.label)}
	id := a.concern.ID
	l.dlg = newFormDialog(sh, lang.L("关联项目或服务"), lang.L("保存"), items, func() (func() error, error) {
		i := l.kind.SelectedIndex()
		if i < 0 {
			return nil, fieldError("关联类型", lang.L("请选择"))
		}
		kind, linkID, label := linkKindOrder[i], int64(0), strings.TrimSpace(l.label.Text)
		if kind != "其他" {
			j := l.record.SelectedIndex()
			if j < 0 {
				return nil, fieldError("关联记录", lang.L("请从列表中选择"))
			}
			linkID, label = l.ids[j], l.names[j]
		}
		return func() error { return sh.store.LinkConcern(sh.ctx, id, kind, linkID, label) }, nil
	}, func() {
		a.dlg.close()
		sh.notice(a.concern.Number + " " + lang.L("已关联"))
		t.refresh()
	})
	l.kind.SetSelectedIndex(0) // before Show: what the dialog opened with is not an edit
	l.dlg.Show(640)
	async(sh, func() (linkLists, error) {
		ps, err := sh.store.Programmes(sh.ctx)
		if err != nil {
			return linkLists{}, err
		}
		rs, err := sh.store.Requests(sh.ctx, false)
		return linkLists{ps, rs}, err
	}, func(x linkLists) {
		l.lists = x
		l.fill()
	})
	return l
}

// fill lists the records of the kind chosen.
func (l *concernLink) fill() {
	l.ids, l.names = nil, nil
	switch i := l.kind.SelectedIndex(); {
	case i == 0:
		for _, p := range l.lists.programmes {
			l.ids, l.names = append(l.ids, p.ID), append(l.names, p.Name+"（"+p.Community+"）")
		}
	case i == 1:
		for _, r := range l.lists.requests {
			day := r.RequestedAt
			if len(day) > 10 {
				day = day[:10]
			}
			l.ids = append(l.ids, r.ID)
			l.names = append(l.names, fmt.Sprintf("#%d %s %s %s", r.ID, r.Recipient, r.Type, day))
		}
	}
	l.record.SetOptions(l.names)
	l.record.ClearSelected()
	if len(l.names) > 0 {
		l.record.Enable()
	} else {
		l.record.Disable()
	}
}

// initOwners shows the concern's owner account (or none) until the accounts are read, so that
// filling the list when they come is not an edit.
func (a *concernActions) initOwners() {
	opts := []string{lang.L("（不指定账户，填写责任单位）")}
	if a.concern.OwnerUserID != 0 {
		opts = append(opts, a.concern.Owner)
	}
	a.account.SetOptions(opts)
	a.account.SetSelectedIndex(len(opts) - 1)
}

// fillOwners fills the account picker beside 责任单位: 「（单位）」 or one of the active accounts.
func (a *concernActions) fillOwners(os []data.OwnerAccount) {
	a.owners = os
	opts := []string{lang.L("（不指定账户，填写责任单位）")}
	sel := 0
	for i, o := range os {
		opts = append(opts, o.Name)
		if o.ID == a.concern.OwnerUserID {
			sel = i + 1
		}
	}
	a.account.SetOptions(opts)
	a.account.SetSelectedIndex(sel)
}

// ownerUserID is the account chosen, or 0.
func (a *concernActions) ownerUserID() int64 {
	if i := a.account.SelectedIndex(); i > 0 && i-1 < len(a.owners) {
		return a.owners[i-1].ID
	}
	return 0
}
