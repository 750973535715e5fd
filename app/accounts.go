package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// accountsPanel lets a 管理员 create, disable and reset accounts.
type accountsPanel struct {
	sh       *shell
	users    []data.User
	list     *widget.List
	selected int
	toggle   *widget.Button
	reset    *widget.Button
	grant    *widget.Button // grants or withdraws personal prints and exports for the account
	dlg      *formDialog    // the dialog on show, for tests
	resetPw  *widget.Entry  // its new password, for tests
}

func newAccountsPanel(sh *shell) *accountsPanel {
	p := &accountsPanel{sh: sh, selected: -1}
	p.list = widget.NewList(func() int { return len(p.users) },
		func() fyne.CanvasObject { return widget.NewLabel("username（工坊管理员）停用") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			u := p.users[id]
			txt := u.Username + "  " + withNotes(u.DisplayName, tr(string(u.Role)))
			if u.Disabled {
				txt += "  " + lang.L("已停用")
			}
			if u.MustChange {
				txt += "  " + lang.L("待本人改密码")
			}
			if u.Personal {
				txt += "  " + lang.L("可导出个人信息")
			} else {
				txt += "  " + lang.L("不可导出个人信息")
			}
			o.(*widget.Label).SetText(txt)
		})
	p.list.OnSelected = p.onSelected
	p.toggle = widget.NewButton(lang.L("停用/启用"), p.onToggle)
	p.reset = widget.NewButton(lang.L("重置密码"), p.onReset)
	p.grant = widget.NewButton(lang.L("授权导出个人信息"), p.onGrant)
	p.unselect()
	return p
}

func (p *accountsPanel) onSelected(id widget.ListItemID) {
	p.selected = id
	p.toggle.Enable()
	p.reset.Enable()
	u := p.users[id]
	if u.Personal {
		p.grant.SetText(lang.L("收回导出个人信息"))
	} else {
		p.grant.SetText(lang.L("授权导出个人信息"))
	}
	if u.Role == data.RoleAdmin { // always may: nothing to grant or withdraw
		p.grant.Disable()
	} else {
		p.grant.Enable()
	}
}

func (p *accountsPanel) unselect() {
	p.selected = -1
	p.toggle.Disable()
	p.reset.Disable()
	p.grant.Disable()
}

// onGrant grants or withdraws, for the chosen account, printing and exporting documents that
// carry personal data; the store keeps and audits the decision.
func (p *accountsPanel) onGrant() {
	if p.selected < 0 {
		return
	}
	u := p.users[p.selected]
	async(p.sh, func() (struct{}, error) {
		return struct{}{}, p.sh.store.SetPersonalExports(p.sh.ctx, u.ID, !u.Personal)
	}, func(struct{}) { p.refresh() })
}

func (p *accountsPanel) view() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("新建账户"), theme.ContentAddIcon(), p.onAdd)
	note := widget.NewLabel(lang.L("含个人信息的名册、台账和导出表：社工和管理员默认可以打印、导出，工坊管理员和只读默认不可以；可按账户授权或收回，每次变更记入审计记录。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(container.NewHBox(add, p.toggle, p.reset, p.grant), note), nil, nil, nil, p.list)
}

func (p *accountsPanel) refresh() {
	async(p.sh, func() ([]data.User, error) { return p.sh.store.ListUsers(p.sh.ctx) }, func(us []data.User) {
		p.users = us
		p.list.UnselectAll()
		p.unselect()
		p.list.Refresh()
	})
}

func (p *accountsPanel) onAdd() {
	user, display, pw := widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry()
	var roles []string
	for _, r := range data.Roles {
		roles = append(roles, string(r))
	}
	role := newSelect(roles, nil)
	role.SetSelected(string(data.RoleStaff))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("用户名"), user), widget.NewFormItem(lang.L("姓名"), display),
		widget.NewFormItem(lang.L("角色"), role), widget.NewFormItem(lang.L("初始密码"), pw)}
	fd := newFormDialog(p.sh, lang.L("新建账户"), lang.L("创建"), items, func() (func() error, error) {
		u, d, r, w := user.Text, display.Text, data.Role(role.Selected), pw.Text
		return func() error {
			_, err := p.sh.store.CreateUser(p.sh.ctx, u, d, r, w)
			return renameError(err, "密码", "初始密码")
		}, nil
	}, p.refresh)
	p.dlg = fd
	fd.Show(520)
}

func (p *accountsPanel) onToggle() {
	if p.selected < 0 {
		return
	}
	u := p.users[p.selected]
	async(p.sh, func() (struct{}, error) {
		return struct{}{}, p.sh.store.SetUserDisabled(p.sh.ctx, u.ID, !u.Disabled)
	}, func(struct{}) { p.refresh() })
}

func (p *accountsPanel) onReset() {
	if p.selected < 0 {
		return
	}
	u := p.users[p.selected]
	pw := widget.NewPasswordEntry()
	note := widget.NewLabel(lang.L("对方下次登录时须改成自己的新密码。"))
	note.Wrapping = fyne.TextWrapWord
	p.resetPw = pw
	fd := newFormDialog(p.sh, lang.L("重置密码")+"："+withNotes(u.Username, u.DisplayName), lang.L("重置"), []*widget.FormItem{
		widget.NewFormItem(lang.L("新密码"), pw), widget.NewFormItem("", note)}, func() (func() error, error) {
		w := pw.Text
		return func() error { return p.sh.store.ResetPassword(p.sh.ctx, u.ID, w) }, nil
	}, func() {
		p.refresh()
		dialog.ShowInformation(lang.L("已重置"), lang.L("密码已重置，账户已解锁。对方下次登录时须设置新密码。"), p.sh.win)
	})
	p.dlg = fd
	fd.Show(560)
}
