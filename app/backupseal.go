package app

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// onBackupEncrypted asks for a new backup passphrase (twice), then where to write, then writes
// the verified, encrypted backup off the UI thread while a progress dialog shows.
func (p *backupPanel) onBackupEncrypted() {
	note := lang.L("加密备份可以放心带出这台电脑（U 盘、网盘、邮件）。备份密码不会保存在任何地方：请另行妥善保管，忘记备份密码，这份备份就无法恢复。")
	p.passDialog = newPassphraseDialog(p.sh, lang.L("导出加密备份"), note, "备份密码", true, func(pass string) {
		p.chooseSave("linli-加密备份-"+p.sh.now().Format("20060102-1504")+".age", func(path string) { p.writeEncrypted(path, pass) })
	})
}

func (p *backupPanel) writeEncrypted(path, pass string) {
	progress := dialog.NewCustomWithoutButtons(lang.L("正在导出加密备份…"), widget.NewProgressBarInfinite(), p.sh.win)
	progress.Show()
	async(p.sh, func() (struct{}, error) { return struct{}{}, p.sh.store.BackupEncrypted(p.sh.ctx, path, pass) }, func(struct{}) {
		dialog.ShowInformation(lang.L("加密备份完成"), lang.L("已备份、校验并加密：")+path, p.sh.win)
	}, progress.Hide)
}
