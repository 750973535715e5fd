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
)

// enrolTab: the programme's children, 在读 then 候补 then the rest; enrol, withdraw, transfer.
type enrolTab struct {
	c        *childrenScreen
	rows     []data.Enrollment
	list     *widget.List
	selected int
	box      fyne.CanvasObject
	// the enrolment form
	child      data.Person
	guardians  []data.GuardianLink
	who        *widget.Label
	guardian   *keySelect
	consentDay *widget.Entry
	consentBy  *widget.Entry
	clashAsk   dialog.Dialog // the question about a clash, while it shows
	consentHow *keySelect
	enrolBtn   *widget.Button
	result     *widget.Label
	picker     *personPicker
	addGuard   *widget.Button // opens the child's own form to add a guardian
	childForm  *personForm
	shownFor   int64 // the programme whose children the picker lists
}

func newEnrolTab(c *childrenScreen) *enrolTab {
	t := &enrolTab{c: c, selected: -1, who: widget.NewLabel(lang.L("（未选择儿童）")), guardian: newSelect(nil, nil),
		consentDay: widget.NewEntry(), consentBy: widget.NewEntry(), consentHow: newSelect(trWords(consentMethods), nil),
		result: widget.NewLabel("")}
	t.result.Wrapping = fyne.TextWrapBreak // Chinese wraps by character
	t.consentDay.SetText(c.sh.now().Format("2006-01-02"))
	t.consentHow.SetSelectedIndex(0)
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			e := t.rows[id]
			consent := ""
			if e.Consent.Day != "" {
				consent = fmt.Sprintf(lang.L("  同意：%s %s %s"), e.Consent.Day, tr(e.Consent.By), tr(e.Consent.How))
			}
			o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s  %s  %d 岁  监护人 %s%s"), tr(e.Status), e.Child, e.Age, e.Guardian, consent))
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.selected = id }
	picker := newPersonPicker(c.sh, t.pickChild)
	picker.showAge = true
	picker.filter = t.ageFilter
	picker.search.SetPlaceHolder(lang.L("姓名或拼音首字母，回车查找；只列出年龄合适的儿童"))
	t.picker = picker
	t.addGuard = widget.NewButtonWithIcon(lang.L("添加监护人…"), theme.AccountIcon(), t.onAddGuardian)
	t.addGuard.Hide()
	t.enrolBtn = widget.NewButtonWithIcon(lang.L("报名"), theme.ContentAddIcon(), t.onEnrol)
	t.enrolBtn.Importance = widget.HighImportance
	withdraw := widget.NewButton(lang.L("所选退出"), t.onWithdraw)
	transfer := widget.NewButton(lang.L("所选转到其他项目…"), t.onTransfer)
	if !c.canWrite() {
		t.enrolBtn.Disable()
		withdraw.Disable()
		transfer.Disable()
	}
	why := messageLabel(lang.L("未满 14 周岁的儿童，依《个人信息保护法》第三十一条，须先取得并记录监护人的同意，才能登记其个人信息。"))
	form := widget.NewForm(widget.NewFormItem(lang.L("查找儿童"), picker.view()), widget.NewFormItem(lang.L("儿童"), t.who),
		widget.NewFormItem(lang.L("监护人"), t.guardian), widget.NewFormItem(lang.L("同意日期"), t.consentDay),
		widget.NewFormItem(lang.L("同意人"), t.consentBy), widget.NewFormItem(lang.L("同意方式"), t.consentHow))
	left := container.NewVScroll(container.NewVBox(form, why, t.enrolBtn, t.result, t.addGuard))
	right := container.NewBorder(container.NewHBox(withdraw, transfer), nil, nil, nil, t.list)
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	t.box = split
	return t
}

func (t *enrolTab) load() {
	if t.c.current == nil {
		return
	}
	sh, id := t.c.sh, t.c.current.ID
	if t.shownFor != id { // another programme: its own children to choose from
		t.shownFor = id
		t.picker.search.SetText("")
		t.picker.find()
	}
	async(sh, func() ([]data.Enrollment, error) { return sh.store.Enrollments(sh.ctx, id) }, func(es []data.Enrollment) {
		t.rows = es
		t.selected = -1
		t.list.UnselectAll()
		t.list.Refresh()
	})
}

// ageFilter offers only children within the programme's age range.
func (t *enrolTab) ageFilter() data.PeopleFilter {
	p := t.c.current
	if p == nil {
		return data.PeopleFilter{}
	}
	from, to := data.BirthRange(p.AgeMin, p.AgeMax, t.c.sh.now())
	return data.PeopleFilter{BornFrom: from, BornTo: to}
}

// pickChild shows the chosen child and their guardians; what was said about the previous child
// goes.
func (t *enrolTab) pickChild(p data.Person) {
	t.child = p
	t.result.SetText("")
	t.addGuard.Hide()
	t.guardians = nil
	t.guardian.ClearSelected()
	t.guardian.SetOptions(nil)
	t.consentBy.SetText("")
	age := p.Age(t.c.sh.now())
	t.who.SetText(fmt.Sprintf(lang.L("%s  %d 岁  %s"), p.Name, age, p.Community))
	sh := t.c.sh
	async(sh, func() ([]data.GuardianLink, error) { return sh.store.Guardians(sh.ctx, p.ID) }, func(gs []data.GuardianLink) {
		if t.child.ID != p.ID {
			return // another child was chosen meanwhile
		}
		t.guardians = gs
		var opts []string
		for _, g := range gs {
			opts = append(opts, g.Relation+" "+g.Name)
		}
		t.guardian.SetOptions(opts)
		if len(opts) > 0 {
			t.guardian.SetSelectedIndex(0)
			t.consentBy.SetText(opts[0])
		} else {
			t.guardian.ClearSelected()
			t.result.SetText(lang.L("这位儿童还没有登记监护人，请先添加。"))
			if t.c.sh.actor.Role.Can(data.PermPeopleWrite) {
				t.addGuard.Show()
			}
		}
	})
}

// onAddGuardian opens the child's own form, where guardians are added, and looks again when it
// closes.
func (t *enrolTab) onAddGuardian() {
	child := t.child
	if child.ID == 0 {
		return
	}
	t.childForm = openPersonFormWith(t.c.sh, child.ID, nil, func() {
		if t.child.ID == child.ID {
			t.pickChild(child)
		}
	})
}

func (t *enrolTab) onEnrol() {
	i := t.guardian.SelectedIndex()
	if t.child.ID == 0 || i < 0 {
		t.c.sh.showError(&data.Error{Code: data.CodeInvalid, Message: lang.L("请选择儿童和监护人")})
		return
	}
	sh, pid, cid, gid := t.c.sh, t.c.current.ID, t.child.ID, t.guardians[i].GuardianID
	c := data.Consent{Day: t.consentDay.Text, By: t.consentBy.Text, How: chosenWord(consentMethods, t.consentHow)}
	if t.child.Age(sh.now()) >= data.ConsentAge {
		c = data.Consent{}
	}
	// A clash with another programme the child is in is asked about before the enrolment.
	async(sh, func() ([]string, error) { return sh.store.EnrolmentClashes(sh.ctx, pid, cid) }, func(clashes []string) {
		if len(clashes) == 0 {
			t.enrol(pid, cid, gid, c)
			return
		}
		text := strings.Join(clashes, "\n") + "\n\n" + lang.L("仍然报名？")
		t.clashAsk = sh.confirm(lang.L("时间冲突"), text, lang.L("仍然报名"), false, func() { t.enrol(pid, cid, gid, c) })
	})
}

// enrol saves the enrolment the user chose.
func (t *enrolTab) enrol(pid, cid, gid int64, c data.Consent) {
	sh := t.c.sh
	async(sh, func() (data.Enrollment, error) { return sh.store.Enroll(sh.ctx, pid, cid, gid, c) }, func(e data.Enrollment) {
		msg := fmt.Sprintf(lang.L("%s 已报名，状态：%s"), e.Child, e.Status)
		if e.Status == data.EnrolWaiting {
			msg += lang.L("（名额已满，进入候补；有人退出时按报名先后递补）")
		}
		for _, w := range e.Clashes {
			msg += "\n" + lang.L("时间冲突（已确认）：") + w
		}
		t.result.SetText(msg)
		t.load()
	})
}

func (t *enrolTab) onWithdraw() {
	if t.selected < 0 {
		return
	}
	sh, e := t.c.sh, t.rows[t.selected]
	dialog.ShowConfirm(lang.L("退出项目"), fmt.Sprintf(lang.L("%s 退出“%s”？"), e.Child, t.c.current.Name), func(ok bool) {
		if !ok {
			return
		}
		async(sh, func() (string, error) { return sh.store.Withdraw(sh.ctx, e.ID) }, func(promoted string) {
			if promoted != "" {
				t.result.SetText(fmt.Sprintf(lang.L("已退出；候补的 %s 递补为在读。"), promoted))
			}
			t.load()
		})
	}, sh.win)
}

func (t *enrolTab) onTransfer() {
	if t.selected < 0 {
		return
	}
	sh, e := t.c.sh, t.rows[t.selected]
	var opts []string
	var ids []int64
	for _, p := range t.c.programmes {
		if p.ID != t.c.current.ID {
			opts, ids = append(opts, p.Name), append(ids, p.ID)
		}
	}
	to := newSelect(opts, nil)
	var moved data.Enrollment
	fd := newFormDialog(sh, lang.L("转到其他项目"), lang.L("转入"), []*widget.FormItem{widget.NewFormItem(lang.L("转入项目"), to)}, func() (func() error, error) {
		if to.SelectedIndex() < 0 {
			return nil, fieldError("转入项目", lang.L("必须选择"))
		}
		target := ids[to.SelectedIndex()]
		return func() error { n, err := sh.store.Transfer(sh.ctx, e.ID, target); moved = n; return err }, nil
	}, func() {
		t.result.SetText(fmt.Sprintf(lang.L("%s 已转入，状态：%s"), moved.Child, moved.Status))
		t.load()
	})
	fd.Show(520)
}
