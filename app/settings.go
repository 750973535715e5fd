package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// settingsScreen: office details, accounts, one's own password, backups, preferences and 关于.
type settingsScreen struct {
	sh                           *shell
	office, address, phone, seal *widget.Entry
	saveOffice                   *widget.Button
	oldPw, newPw, newPw2         *widget.Entry
	changePw                     *widget.Button
	autoLock, language           *keySelect
	accounts                     *accountsPanel
	communities                  *communitiesPanel
	workshop                     *workshopPanel
	backups                      *backupPanel
	tabs                         *container.AppTabs
}

var autoLockChoices = []string{"5 分钟", "10 分钟", "15 分钟", "30 分钟", "不自动锁定"}
var autoLockMinutes = []int{5, 10, 15, 30, 0}

func newSettingsScreen(sh *shell) *settingsScreen {
	s := &settingsScreen{sh: sh, office: widget.NewEntry(), address: widget.NewEntry(), phone: widget.NewEntry(), seal: widget.NewEntry(),
		oldPw: widget.NewPasswordEntry(), newPw: widget.NewPasswordEntry(), newPw2: widget.NewPasswordEntry()}
	s.saveOffice = widget.NewButton(lang.L("保存单位信息"), s.onSaveOffice)
	s.saveOffice.Importance = widget.HighImportance
	s.changePw = widget.NewButton(lang.L("修改密码"), s.onChangePassword)
	s.changePw.Importance = widget.HighImportance
	var lockOpts []string
	for _, c := range autoLockChoices {
		lockOpts = append(lockOpts, tr(c))
	}
	s.autoLock = newSelect(lockOpts, s.onAutoLock)
	cur := sh.app.Preferences().IntWithFallback(prefAutoLock, 10)
	for i, m := range autoLockMinutes {
		if m == cur {
			s.autoLock.SetSelectedIndex(i)
		}
	}
	s.language = newSelect([]string{"中文", "English"}, nil)
	if currentLanguage == langEn {
		s.language.SetSelectedIndex(1)
	} else {
		s.language.SetSelectedIndex(0)
	}
	s.language.OnChanged = s.onLanguage

	admin := sh.actor.Role.Can(data.PermAdmin)
	var tabs []*container.TabItem
	if admin {
		officeForm := widget.NewForm(widget.NewFormItem(lang.L("单位名称"), s.office), widget.NewFormItem(lang.L("地址"), s.address),
			widget.NewFormItem(lang.L("电话"), s.phone), widget.NewFormItem(lang.L("盖章处文字"), s.seal))
		tabs = append(tabs, container.NewTabItem(lang.L("单位信息"), container.NewVBox(officeForm, s.saveOffice)))
		s.communities = newCommunitiesPanel(sh)
		tabs = append(tabs, container.NewTabItem(lang.L("社区与网格"), s.communities.view()))
		s.workshop = newWorkshopPanel(sh)
		tabs = append(tabs, container.NewTabItem(lang.L("工坊信息"), s.workshop.view()))
		s.accounts = newAccountsPanel(sh)
		tabs = append(tabs, container.NewTabItem(lang.L("账户"), s.accounts.view()))
	}
	pwForm := widget.NewForm(widget.NewFormItem(lang.L("原密码"), s.oldPw), widget.NewFormItem(lang.L("新密码"), s.newPw),
		widget.NewFormItem(lang.L("确认新密码"), s.newPw2))
	tabs = append(tabs, container.NewTabItem(lang.L("我的密码"), container.NewVBox(pwForm, s.changePw)))
	if admin {
		s.backups = newBackupPanel(sh)
		tabs = append(tabs, container.NewTabItem(lang.L("备份与恢复"), s.backups.view()))
	}
	prefs := widget.NewForm(widget.NewFormItem(lang.L("无操作自动锁定"), s.autoLock),
		widget.NewFormItem(lang.L("界面语言（本账户）"), s.language))
	tabs = append(tabs, container.NewTabItem(lang.L("偏好"), prefs))
	tabs = append(tabs, container.NewTabItem(lang.L("数据库"), newDatabasePanel(sh).view()))
	tabs = append(tabs, container.NewTabItem(lang.L("关于"), aboutView(sh.store.Path())))
	s.tabs = container.NewAppTabs(tabs...)
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject {
	return container.NewPadded(container.NewBorder(heading(lang.L("设置")), nil, nil, nil, s.tabs))
}

func (s *settingsScreen) refresh() {
	if !s.sh.actor.Role.Can(data.PermAdmin) {
		return
	}
	async(s.sh, func() (data.Office, error) { return s.sh.store.Office(s.sh.ctx) }, func(o data.Office) {
		s.office.SetText(o.Name)
		s.address.SetText(o.Address)
		s.phone.SetText(o.Phone)
		s.seal.SetText(o.SealText)
	})
	s.accounts.refresh()
	s.communities.refresh()
	s.workshop.refresh()
	s.backups.refresh()
}

func (s *settingsScreen) onSaveOffice() {
	o := data.Office{Name: s.office.Text, Address: s.address.Text, Phone: s.phone.Text, SealText: s.seal.Text}
	async(s.sh, func() (struct{}, error) { return struct{}{}, s.sh.store.SaveOffice(s.sh.ctx, o) }, func(struct{}) {
		dialog.ShowInformation(lang.L("已保存"), lang.L("单位信息已保存，之后打印的文书将使用新的名称。"), s.sh.win)
	})
}

func (s *settingsScreen) onChangePassword() {
	if s.newPw.Text != s.newPw2.Text {
		s.sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("确认新密码"), Message: lang.L("两次输入的密码不一致")}}})
		return
	}
	oldPw, newPw := s.oldPw.Text, s.newPw.Text
	async(s.sh, func() (struct{}, error) { return struct{}{}, s.sh.store.ChangePassword(s.sh.ctx, oldPw, newPw) }, func(struct{}) {
		s.oldPw.SetText("")
		s.newPw.SetText("")
		s.newPw2.SetText("")
		dialog.ShowInformation(lang.L("已修改"), lang.L("密码已修改，下次登录请使用新密码。"), s.sh.win)
	})
}

func (s *settingsScreen) onAutoLock(string) {
	if i := s.autoLock.SelectedIndex(); i >= 0 {
		s.sh.app.Preferences().SetInt(prefAutoLock, autoLockMinutes[i])
	}
}

func (s *settingsScreen) onLanguage(string) {
	l := langZh
	if s.language.SelectedIndex() == 1 {
		l = langEn
	}
	s.sh.setUserLanguage(l)
}
