package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

// setupScreen is what a new, empty database shows: load the sample community, or create the
// office and its first 管理员.
type setupScreen struct {
	sh                             *shell
	office, address, phone         *widget.Entry
	username, display, pass, pass2 *widget.Entry
	create, sample                 *widget.Button
	progress                       *widget.ProgressBarInfinite
}

func newSetupScreen(sh *shell) *setupScreen {
	s := &setupScreen{sh: sh, office: widget.NewEntry(), address: widget.NewEntry(), phone: widget.NewEntry(),
		username: widget.NewEntry(), display: widget.NewEntry(), pass: widget.NewPasswordEntry(), pass2: widget.NewPasswordEntry(),
		progress: widget.NewProgressBarInfinite()}
	s.office.SetPlaceHolder(lang.L("例如：海宁市硖石街道办事处"))
	s.username.SetText("admin")
	s.pass.SetPlaceHolder(lang.L("至少 8 个字符"))
	s.create = widget.NewButtonWithIcon(lang.L("创建单位和管理员"), theme.ConfirmIcon(), s.onCreate)
	s.create.Importance = widget.HighImportance
	s.sample = widget.NewButtonWithIcon(lang.L("载入示例数据"), theme.DownloadIcon(), s.onSample)
	s.sample.Importance = widget.HighImportance
	s.progress.Hide()
	return s
}

func (s *setupScreen) view() fyne.CanvasObject {
	intro := widget.NewLabel(lang.L("第一次使用？载入硖石街道的示例社区（6 个社区、240 位居民和 4 个示例账户），先看看邻里能做什么。"))
	intro.Wrapping = fyne.TextWrapWord
	sample := widget.NewCard(lang.L("试用示例数据"), "", container.NewVBox(intro, s.sample, s.progress))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("单位名称"), s.office),
		widget.NewFormItem(lang.L("地址"), s.address),
		widget.NewFormItem(lang.L("电话"), s.phone),
		widget.NewFormItem(lang.L("管理员用户名"), s.username),
		widget.NewFormItem(lang.L("管理员姓名"), s.display),
		widget.NewFormItem(lang.L("密码"), s.pass),
		widget.NewFormItem(lang.L("确认密码"), s.pass2),
	)
	real := widget.NewCard(lang.L("正式使用"), lang.L("单位名称会印在所有文书上"), container.NewVBox(form, s.create))
	title := widget.NewLabelWithStyle(lang.L("欢迎使用邻里 Linli"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewVScroll(container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 700),
		container.NewVBox(title, sample, real))))
}

func (s *setupScreen) refresh() {}

func (s *setupScreen) busy(on bool) {
	if on {
		s.create.Disable()
		s.sample.Disable()
		s.progress.Show()
		s.progress.Start()
	} else {
		s.create.Enable()
		s.sample.Enable()
		s.progress.Stop()
		s.progress.Hide()
	}
}

// onSample fills the empty database with the sample, all or nothing (sample.Fill builds it apart
// and puts it in place at the end, as linli demo does), then opens it again for sign-in.
func (s *setupScreen) onSample() {
	s.busy(true)
	sh := s.sh
	sh.swapStore(func(old *data.Store) (*data.Store, error) {
		err := sample.Fill(context.Background(), old) // closes old in every case
		opened, oerr := old.Reopen(context.Background())
		if oerr != nil {
			return nil, errors.Join(err, oerr)
		}
		return opened, err
	}, func(err error) {
		s.busy(false)
		if err != nil {
			sh.showError(err)
			return
		}
		sh.showLogin()
	})
}

func (s *setupScreen) onCreate() {
	if s.pass.Text != s.pass2.Text {
		s.sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("确认密码"), Message: lang.L("两次输入的密码不一致")}}})
		return
	}
	o := data.Office{Name: s.office.Text, Address: s.address.Text, Phone: s.phone.Text, SealText: s.office.Text + "（盖章）"}
	user, display, pw := s.username.Text, s.display.Text, s.pass.Text
	s.busy(true)
	async(s.sh, func() (*data.Actor, error) {
		return s.sh.store.Setup(s.sh.ctx, o, user, display, pw)
	}, func(a *data.Actor) { s.sh.signedIn(a) }, func() { s.busy(false) })
}
