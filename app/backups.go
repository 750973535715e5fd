package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// backupPanel: manual backup, restore, and the automatic backups kept beside the database.
type backupPanel struct {
	sh    *shell
	files []string
	list  *widget.List
	dir   *widget.Label
	// the passphrase dialog on show, and the file choosers (tests replace them)
	passDialog *passphraseDialog
	chooseSave func(name string, then func(path string))
	chooseOpen func(then func(path string))
}

func newBackupPanel(sh *shell) *backupPanel {
	p := &backupPanel{sh: sh, dir: widget.NewLabel("")}
	p.chooseOpen = p.openDialog
	p.chooseSave = func(name string, then func(string)) { sh.askSavePath(name, then) }
	p.dir.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.files) }, func() fyne.CanvasObject { return widget.NewLabel("linli-2026-01-01.db") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(filepath.Base(p.files[id])) })
	p.list.OnSelected = func(id widget.ListItemID) {
		f := p.files[id]
		p.list.UnselectAll()
		p.confirmRestore(f)
	}
	return p
}

// backupAdvice is what the backup screen recommends.
const backupAdvice = "备份文件里是全部居民的身份证号、电话、住址和健康、困难情况。凡是要带出这台电脑的备份（U 盘、网盘、邮件），请用「导出加密备份」，并把备份密码另行妥善保管：忘记备份密码，这份备份就无法恢复。这台电脑本身请开启操作系统的磁盘加密（Windows 的 BitLocker 或设备加密，macOS 的文件保险箱，Linux 的 LUKS 全盘加密）。"

func (p *backupPanel) view() fyne.CanvasObject {
	backup := widget.NewButtonWithIcon(lang.L("立即备份…"), theme.DocumentSaveIcon(), p.onBackup)
	sealed := widget.NewButtonWithIcon(lang.L("导出加密备份…"), theme.VisibilityOffIcon(), p.onBackupEncrypted)
	sealed.Importance = widget.HighImportance
	restore := widget.NewButtonWithIcon(lang.L("从备份文件恢复…"), theme.HistoryIcon(), p.onRestoreFile)
	advice := messageLabel(tr(backupAdvice))
	top := container.NewVBox(p.dir, advice, container.NewHBox(backup, sealed, restore), widget.NewLabel(lang.L("自动备份（点一份即可恢复）：")))
	return container.NewBorder(top, nil, nil, nil, p.list)
}

func (p *backupPanel) refresh() {
	dir := data.BackupDir(p.sh.store.Path())
	p.dir.SetText(lang.L("每天第一次启动时自动备份到：") + dir + lang.L("（保留最近 30 天的每日备份和 12 个月的月度备份）"))
	async(p.sh, func() ([]string, error) {
		files, err := filepath.Glob(filepath.Join(dir, "*.db"))
		sort.Sort(sort.Reverse(sort.StringSlice(files)))
		return files, err
	}, func(files []string) { p.files = files; p.list.Refresh() })
}

func (p *backupPanel) onBackup() {
	p.chooseSave("linli-备份-"+p.sh.now().Format("20060102-1504")+".db", func(path string) {
		async(p.sh, func() (struct{}, error) { return struct{}{}, p.sh.store.Backup(p.sh.ctx, path) }, func(struct{}) {
			dialog.ShowInformation(lang.L("备份完成"), lang.L("已备份并校验：")+path, p.sh.win)
		})
	})
}

func (p *backupPanel) onRestoreFile() {
	p.chooseOpen(p.confirmRestore)
}

func (p *backupPanel) openDialog(then func(path string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		then(path)
	}, p.sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".age"}))
	d.Show()
}

// confirmRestore opens the backup off the UI thread (asking for the passphrase of an encrypted
// one), then shows what it holds (date, office, counts) and asks before restoring.
func (p *backupPanel) confirmRestore(file string) {
	if err := p.sh.store.RestoreRefused(file); err != nil {
		p.sh.showError(err) // a server database: before any passphrase is asked for
		return
	}
	async(p.sh, func() (bool, error) { return data.IsEncryptedBackup(file) }, func(enc bool) {
		if !enc {
			p.openBackup(file, "")
			return
		}
		var info data.BackupInfo
		p.passDialog = newPassphraseDialog(p.sh, lang.L("加密备份"), lang.L("这是加密备份，请输入导出时设定的备份密码。")+"\n"+filepath.Base(file),
			"备份密码", false, func(pass string) { p.askRestore(file, pass, info) })
		p.passDialog.verify = func(pass string) (err error) {
			info, err = p.readBackup(file, pass)
			return err
		}
	})
}

// readBackup opens (decrypts) and checks a backup to say what it holds, off the UI thread; a
// backup that cannot be opened is audited (a wrong passphrase is an attempt on the office's data).
func (p *backupPanel) readBackup(file, pass string) (data.BackupInfo, error) {
	b, err := p.sh.store.OpenBackup(context.Background(), file, pass)
	if err != nil {
		if aerr := p.sh.store.AuditRefusedBackup(p.sh.ctx, file, err); aerr != nil {
			return data.BackupInfo{}, errors.Join(err, aerr)
		}
		return data.BackupInfo{}, err
	}
	b.Close()
	return b.Info, nil
}

// openBackup checks (and decrypts) the backup off the UI thread to show what it holds; the
// restore opens it again, so no decrypted copy waits for an answer.
func (p *backupPanel) openBackup(file, pass string) {
	async(p.sh, func() (data.BackupInfo, error) { return p.readBackup(file, pass) },
		func(info data.BackupInfo) { p.askRestore(file, pass, info) })
}

// askRestore shows what the backup holds and asks before restoring it.
func (p *backupPanel) askRestore(file, pass string, info data.BackupInfo) {
	msg := lang.L("备份文件：") + filepath.Base(file) + "\n" + info.Describe() + "\n\n" +
		lang.L("先把当前数据库另存一份，再用备份替换当前数据；备份之后写下的审计记录会带入恢复后的审计记录。恢复后需要重新登录。")
	p.sh.confirm(lang.L("从备份恢复"), msg, lang.L("恢复"), true, func() { p.sh.restoreFrom(file, pass) })
}

// restoreFrom restores a backup: once the workers in flight have drained, the backup is opened
// (decrypted) and checked, the store closed, the files swapped (keeping the audit trail and a
// copy of the current database) and the store reopened; everyone signs in again.
func (sh *shell) restoreFrom(file, pass string) {
	ctx := sh.sess.snapshot()
	var res data.RestoreResult
	sh.swapStore(func(old *data.Store) (*data.Store, error) {
		b, err := old.OpenBackup(context.Background(), file, pass)
		if err != nil {
			return nil, err // nothing changed
		}
		defer b.Close()
		res, err = old.Restore(ctx, b) // closes old in every case
		s, oerr := data.Open(context.Background(), old.Path())
		if oerr != nil {
			return nil, errors.Join(err, oerr)
		}
		return s, err
	}, func(err error) {
		if err != nil {
			sh.showError(err)
			return
		}
		sh.showLogin()
		dialog.ShowInformation(lang.L("恢复完成"), fmt.Sprintf(lang.L("已从备份恢复，原数据库另存为 %s；备份之后的 %d 条审计记录已带入。请重新登录。"),
			filepath.Base(res.Kept), res.Carried), sh.win)
	})
}
