package app

import (
	"context"
	"errors"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/deskconf"
)

// databasePanel is 设置 → 数据库: which database this desk opens. A PostgreSQL server's URL (and
// its password) is tried first, then remembered for this user on this computer only (deskconf,
// mode 0600); the desk connects to it from the next start on.
type databasePanel struct {
	sh       *shell
	url      *widget.Entry
	password *widget.Entry
	status   *widget.Label
	connect  *widget.Button
}

func newDatabasePanel(sh *shell) *databasePanel {
	p := &databasePanel{sh: sh, url: widget.NewEntry(), password: widget.NewPasswordEntry(), status: widget.NewLabel("")}
	p.url.SetPlaceHolder("postgres://linli@192.168.1.10/linli?sslmode=require")
	p.status.Wrapping = fyne.TextWrapWord
	if u := deskconf.Server(); u != "" {
		p.url.SetText(data.RedactURL(u))
	}
	p.connect = widget.NewButton(lang.L("连接服务器"), p.onConnect)
	return p
}

func (p *databasePanel) view() fyne.CanvasObject {
	current := widget.NewLabel(lang.L("当前数据库：") + p.sh.store.Location())
	current.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(widget.NewFormItem(lang.L("服务器地址"), p.url), widget.NewFormItem(lang.L("数据库密码"), p.password))
	local := widget.NewButton(lang.L("改用本机数据库文件"), p.onLocal)
	return container.NewVBox(current, form, container.NewHBox(p.connect, local), p.status)
}

// serverURL is the typed address with the password put in.
func (p *databasePanel) serverURL() (string, error) {
	raw := p.url.Text
	if !data.IsServerURL(raw) {
		return "", errors.New(lang.L("服务器地址应以 postgres:// 开头"))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", errors.New(lang.L("服务器地址应以 postgres:// 开头"))
	}
	if p.password.Text != "" && u.User != nil {
		u.User = url.UserPassword(u.User.Username(), p.password.Text)
	}
	return u.String(), nil
}

func (p *databasePanel) onConnect() {
	u, err := p.serverURL()
	if err != nil {
		p.status.SetText(err.Error())
		return
	}
	p.connect.Disable()
	p.status.SetText(lang.L("正在连接…"))
	async(p.sh, func() (struct{}, error) {
		s, err := data.Open(context.Background(), u) // connects and brings the schema up to date
		if err != nil {
			return struct{}{}, err
		}
		s.Close()
		return struct{}{}, deskconf.SetServer(u)
	}, func(struct{}) {
		p.password.SetText("")
		p.status.SetText(lang.L("已保存在本机（只有当前用户可读）。重新启动邻里后连接此服务器。"))
	}, func() {
		p.connect.Enable()
		if p.status.Text == lang.L("正在连接…") {
			p.status.SetText("")
		}
	})
}

func (p *databasePanel) onLocal() {
	async(p.sh, func() (struct{}, error) { return struct{}{}, deskconf.SetServer("") }, func(struct{}) {
		p.url.SetText("")
		p.status.SetText(lang.L("已改回本机数据库文件。重新启动邻里后生效。"))
	})
}
