package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

const prefAutoLock = "security.autolock.minutes"

// loginForm asks for a username and password; on success it calls onOK with the actor.
type loginForm struct {
	sh   *shell
	user *widget.Entry
	pass *widget.Entry
	msg  *widget.Label
	btn  *widget.Button
	onOK func(*data.Actor)
	used string // the password that signed in, while a reset password is being replaced
}

func newLoginForm(sh *shell, fixedUser string, onOK func(*data.Actor)) *loginForm {
	f := &loginForm{sh: sh, user: widget.NewEntry(), pass: widget.NewPasswordEntry(), msg: widget.NewLabel(""), onOK: onOK}
	f.user.SetPlaceHolder(lang.L("用户名"))
	f.pass.SetPlaceHolder(lang.L("密码"))
	if fixedUser != "" {
		f.user.SetText(fixedUser)
		f.user.Disable()
	}
	f.msg.Importance = widget.DangerImportance
	f.msg.Wrapping = fyne.TextWrapWord
	f.btn = widget.NewButtonWithIcon(lang.L("登录"), theme.LoginIcon(), f.onLogin)
	f.btn.Importance = widget.HighImportance
	f.pass.OnSubmitted = func(string) { f.onLogin() }
	f.user.OnSubmitted = func(string) { sh.win.Canvas().Focus(f.pass) }
	return f
}

func (f *loginForm) view() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("用户名"), f.user), widget.NewFormItem(lang.L("密码"), f.pass)),
		f.btn, f.msg)
}

func (f *loginForm) onLogin() {
	user, pw := f.user.Text, f.pass.Text
	f.msg.SetText("")
	switch {
	case user == "":
		f.msg.SetText(lang.L("请输入用户名"))
		f.sh.win.Canvas().Focus(f.user)
		return
	case pw == "":
		f.msg.SetText(lang.L("请输入密码"))
		f.sh.win.Canvas().Focus(f.pass)
		return
	}
	f.btn.Disable()
	f.sh.background(func() {
		a, err := f.sh.store.Login(f.sh.ctx, user, pw)
		f.sh.do(func() {
			f.btn.Enable()
			f.pass.SetText("") // a retry starts from an empty field, never appends to the wrong one
			if err != nil {
				f.msg.SetText(data.Message(err))
				f.sh.win.Canvas().Focus(f.pass)
				return
			}
			if a.MustChange {
				f.used = pw
			}
			f.onOK(a)
		})
	})
}

// card puts content in a framed panel of fixed width, centred in the window.
func card(title, subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewCenter(container.New(fixedWidth(440), widget.NewCard(title, subtitle, content)))
}

// fixedWidth lays out its objects at a fixed width and their natural height.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// showLogin replaces the window's page with the login screen.
func (sh *shell) showLogin() {
	sh.dropLock()
	var f *loginForm
	f = newLoginForm(sh, "", func(a *data.Actor) {
		if a.MustChange {
			old := f.used
			f.used = ""
			sh.showMustChange(a, old)
			return
		}
		sh.signedIn(a)
	})
	hint := widget.NewLabel("")
	office := widget.NewLabel("")
	office.Alignment = fyne.TextAlignCenter
	box := container.NewVBox(office, f.view(), hint)
	sh.page.Objects = []fyne.CanvasObject{card(lang.L("邻里 Linli"), lang.L("社区服务台账 · 请登录"), box)}
	sh.page.Refresh()
	sh.win.Canvas().Focus(f.user)
	type info struct {
		office string
		sample bool
	}
	async(sh, func() (info, error) {
		o, err := sh.store.Office(sh.ctx)
		return info{o.Name, sh.store.IsSample(sh.ctx)}, err
	}, func(i info) {
		office.SetText(i.office)
		if i.sample {
			hint.SetText(lang.L("这是示例数据库，示例账户：") + "\n" + withNotes("admin", tr(string(data.RoleAdmin))) + "　" + withNotes("staff", tr(string(data.RoleStaff))) +
				"\n" + withNotes("workshop", tr(string(data.RoleWorkshop))) + "　" + withNotes("viewer", tr(string(data.RoleViewer))) + "\n" +
				lang.L("密码均为 ") + sample.Password)
		}
	})
	sh.loginForm = f
}

// mustChangeForm asks a user whose password an administrator reset for a new one before the
// window opens.
type mustChangeForm struct {
	new1, new2 *widget.Entry
	msg        *widget.Label
	btn        *widget.Button
}

func (sh *shell) showMustChange(a *data.Actor, oldPw string) {
	f := &mustChangeForm{new1: widget.NewPasswordEntry(), new2: widget.NewPasswordEntry(), msg: widget.NewLabel("")}
	f.msg.Importance = widget.DangerImportance
	f.msg.Wrapping = fyne.TextWrapWord
	ctx := data.WithActor(sh.ctx, a)
	submit := func() {
		f.msg.SetText("")
		if f.new1.Text != f.new2.Text {
			f.msg.SetText(lang.L("两次输入的新密码不一致"))
			return
		}
		pw := f.new1.Text
		f.btn.Disable()
		sh.background(func() {
			err := sh.store.ChangePassword(ctx, oldPw, pw)
			sh.do(func() {
				f.btn.Enable()
				if err != nil {
					f.msg.SetText(data.Message(err))
					return
				}
				changed := *a
				changed.MustChange = false
				sh.pwChange = nil
				sh.signedIn(&changed)
			})
		})
	}
	f.btn = widget.NewButtonWithIcon(lang.L("设置新密码并登录"), theme.ConfirmIcon(), submit)
	f.btn.Importance = widget.HighImportance
	f.new2.OnSubmitted = func(string) { submit() }
	why := widget.NewLabel(lang.L("您的密码是管理员设置的（新账户的初始密码或重置的密码）。请设置一个只有您知道的新密码（至少 8 个字符），再继续使用。"))
	why.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(why, widget.NewForm(widget.NewFormItem(lang.L("新密码"), f.new1),
		widget.NewFormItem(lang.L("再输入一次"), f.new2)), f.btn, f.msg)
	sh.page.Objects = []fyne.CanvasObject{card(lang.L("设置新密码"), a.Display, box)}
	sh.page.Refresh()
	sh.win.Canvas().Focus(f.new1)
	sh.pwChange = f
	sh.loginForm = nil
}
