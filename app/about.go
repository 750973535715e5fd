package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/version"
)

// aboutView is the 关于 tab of 设置: the version, the commit and build date it was built from, and
// where this window's database and its automatic backups are, which is what an office's IT asks
// for first (and what an uninstall leaves in place).
func aboutView(dbPath string) fyne.CanvasObject {
	label := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapBreak
		l.Selectable = true
		return l
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("版本"), label(version.Version)),
		widget.NewFormItem(lang.L("提交"), label(version.CommitID())),
		widget.NewFormItem(lang.L("构建日期"), label(version.BuildDate())),
		widget.NewFormItem(lang.L("数据版本"), label(strconv.Itoa(data.SchemaVersion()))),
		widget.NewFormItem(lang.L("数据文件"), label(dbPath)),
		widget.NewFormItem(lang.L("自动备份"), label(data.BackupDir(dbPath))),
	)
	title := widget.NewLabelWithStyle(lang.L("邻里 Linli"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	note := widget.NewLabel(lang.L("卸载邻里不会删除数据文件和备份；换电脑时请先备份，再在新电脑上恢复。"))
	note.Wrapping = fyne.TextWrapWord
	// Wrapping labels ask for one character per line until they are laid out: in a scroll the tab
	// cannot make the window taller than the screen.
	return container.NewVScroll(container.NewVBox(title, form, note))
}
