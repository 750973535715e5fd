package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// Opening a line's own record from the one-page file: the section the record lives in is shown
// with the record open in it (the recipient's form, the service request's next step, the
// programme's enrolment, the trainee's row), and a certificate shows its register entry.

// recordOpener is what opens a line's record, or nil for a line without a screen.
func (r *residentFile) recordOpener(l data.FileLine) func() {
	switch l.Kind {
	case data.FileRecipient:
		return func() { r.openCare(2, func(c *careScreen) { openRecipient(c, l.ID) }) }
	case data.FileService:
		return func() {
			r.openCare(1, func(c *careScreen) { openRequest(c, l.ID) })
		}
	case data.FileProgramme:
		return func() { r.openProgramme(l.ID) }
	case data.FileTrainee:
		return func() { r.openTrainee(l.ID) }
	case data.FileCertificate:
		return func() { r.openCertificate(l.ID) }
	}
	return nil
}

// goToScreen closes the file and every dialog under it (the resident form it was opened from:
// asking first when a form has unsaved changes), shows a section (when the role has it) and hands
// its screen to then. Nothing happens when the user keeps editing.
func goToScreen[T screen](r *residentFile, section string, then func(T)) {
	r.sh.closeAll(func() {
		if !r.sh.showSection(section) {
			return
		}
		if s, ok := r.sh.screens[r.sh.current].(T); ok {
			then(s)
		}
	})
}

func (r *residentFile) openCare(tab int, then func(*careScreen)) {
	goToScreen(r, "助老服务", func(c *careScreen) {
		if tab == 1 {
			c.services.open.SetChecked(false) // a finished request is listed too
		}
		c.tabs.SelectIndex(tab)
		then(c)
	})
}

// openRecipient opens the recipient's form.
func openRecipient(c *careScreen, id int64) {
	sh := c.sh
	async(sh, func() ([]data.CareRecipient, error) { return sh.store.CareRecipients(sh.ctx) }, func(rs []data.CareRecipient) {
		for _, rec := range rs {
			if rec.ID == id {
				c.recipients.edit(rec)
				return
			}
		}
	})
}

// openRequest scrolls to the service request and opens its next step (for those who may act).
func openRequest(c *careScreen, id int64) {
	sh, t := c.sh, c.services
	async(sh, func() ([]data.ServiceRequest, error) { return sh.store.Requests(sh.ctx, false) }, func(rs []data.ServiceRequest) {
		t.rows = rs
		t.list.Refresh()
		for i, q := range rs {
			if q.ID == id {
				t.list.ScrollTo(i)
				t.focused = id
				t.act(q)
				return
			}
		}
	})
}

// openProgramme chooses the programme in 儿童项目 and shows its enrolment (the screen's refresh
// keeps the programme that is current).
func (r *residentFile) openProgramme(id int64) {
	goToScreen(r, "儿童项目", func(c *childrenScreen) {
		c.current = &data.Programme{ID: id}
		for i, p := range c.programmes {
			if p.ID == id {
				c.pick.SetSelectedIndex(i)
			}
		}
		c.tabs.SelectIndex(1)
	})
}

// openTrainee shows 学员 with the trainee's row selected.
func (r *residentFile) openTrainee(id int64) {
	goToScreen(r, "灯彩工坊", func(w *workshopScreen) { openTraineeRow(w, id) })
}

// openTraineeRow shows 学员 with the trainee's row selected.
func openTraineeRow(w *workshopScreen, id int64) {
	w.tabs.SelectIndex(1)
	t, sh := w.trainees, w.sh
	async(sh, func() ([]data.Trainee, error) { return sh.store.Trainees(sh.ctx, false) }, func(ts []data.Trainee) {
		t.rows = ts
		t.list.Refresh()
		for i, x := range ts {
			if x.ID == id {
				t.list.Select(i)
				t.list.ScrollTo(i)
			}
		}
	})
}

// openCertificate shows the certificate's entry in the shared register.
func (r *residentFile) openCertificate(id int64) {
	sh := r.sh
	async(sh, func() (data.Certificate, error) { return sh.store.Certificate(sh.ctx, id) }, func(c data.Certificate) {
		lines := []string{
			lang.L("证书编号") + "：" + c.Number, lang.L("证书类别") + "：" + c.Kind,
			lang.L("持证人") + "：" + withNotes(c.Name, c.IDNumber),
			lang.L("期间") + "：" + c.From + " — " + c.To,
		}
		if c.Minutes > 0 {
			lines = append(lines, fmt.Sprintf(lang.L("服务时长：%d 分钟"), c.Minutes))
		}
		if c.Content != "" {
			lines = append(lines, lang.L("内容")+"："+c.Content)
		}
		lines = append(lines, lang.L("验证码")+"："+c.VerifyCode, lang.L("签发")+"："+withNotes(c.IssuedBy, c.IssuedAt))
		if c.Revoked {
			lines = append(lines, lang.L("已注销")+"："+c.RevokeReason)
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = fyne.TextWrapWord
		r.cert = dialog.NewCustom(lang.L("证书登记簿")+" · "+c.Number, lang.L("关闭"), l, sh.win)
		r.cert.Resize(fyne.NewSize(560, 0))
		r.cert.Show()
	})
}
