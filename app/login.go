package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
	return f
}

func (f *loginForm) view() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("用户名"), f.user), widget.NewFormItem(lang.L("密码"), f.pass)),
		f.btn, f.msg)
}

func (f *loginForm) onLogin() {
	user, pw := f.user.Text, f.pass.Text
	f.btn.Disable()
	f.msg.SetText("")
	f.sh.background(func() {
		a, err := f.sh.store.Login(f.sh.ctx, user, pw)
		f.sh.do(func() {
			f.btn.Enable()
			if err != nil {
				f.msg.SetText(data.Message(err))
				return
			}
			f.pass.SetText("")
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
	sh.lock.Hide()
	f := newLoginForm(sh, "", func(a *data.Actor) { sh.signedIn(a) })
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
			hint.SetText(lang.L("这是示例数据库，示例账户：") + "\nadmin（管理员）　staff（社工）\nworkshop（工坊管理员）　viewer（只读）\n" +
				lang.L("密码均为 ") + sample.Password)
		}
	})
	sh.loginForm = f
}

// lockNow covers the window with a sign-in for the current user; what is underneath, including
// unsaved form input, stays as it was.
func (sh *shell) lockNow() {
	if sh.actor == nil {
		return
	}
	f := newLoginForm(sh, sh.actor.Username, func(a *data.Actor) {
		sh.lock.Hide()
		sh.touch()
	})
	other := widget.NewButton(lang.L("切换用户"), sh.logout)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	if bg.FillColor == nil {
		bg.FillColor = color.White
	}
	box := container.NewVBox(widget.NewLabel(lang.L("离开时间较长，已自动锁定。请输入密码继续。")), f.view(), other)
	sh.lock.Objects = []fyne.CanvasObject{bg, card(lang.L("已锁定"), sh.actor.Display, box)}
	sh.lock.Show()
	sh.lock.Refresh()
	sh.win.Canvas().Focus(f.pass)
	sh.loginForm = f
}
