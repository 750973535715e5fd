package app

import (
	"context"
	"errors"
	"fmt"
	"os"
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
}

func newBackupPanel(sh *shell) *backupPanel {
	p := &backupPanel{sh: sh, dir: widget.NewLabel("")}
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

func (p *backupPanel) view() fyne.CanvasObject {
	backup := widget.NewButtonWithIcon(lang.L("立即备份…"), theme.DocumentSaveIcon(), p.onBackup)
	backup.Importance = widget.HighImportance
	restore := widget.NewButtonWithIcon(lang.L("从备份文件恢复…"), theme.HistoryIcon(), p.onRestoreFile)
	top := container.NewVBox(p.dir, container.NewHBox(backup, restore), widget.NewLabel(lang.L("自动备份（点一份即可恢复）：")))
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
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close() // the store writes the file itself, atomically
		os.Remove(path)
		async(p.sh, func() (struct{}, error) { return struct{}{}, p.sh.store.Backup(p.sh.ctx, path) }, func(struct{}) {
			dialog.ShowInformation(lang.L("备份完成"), lang.L("已备份并校验：")+path, p.sh.win)
		})
	}, p.sh.win)
	d.SetFileName("linli-备份-" + p.sh.now().Format("20060102-1504") + ".db")
	d.Show()
}

func (p *backupPanel) onRestoreFile() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		p.confirmRestore(path)
	}, p.sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.Show()
}

// confirmRestore checks the backup off the UI thread, then shows what it holds (date, office,
// counts) and asks before restoring.
func (p *backupPanel) confirmRestore(file string) {
	async(p.sh, func() (data.BackupInfo, error) { return data.InspectBackup(context.Background(), file) }, func(info data.BackupInfo) {
		msg := lang.L("备份文件：") + filepath.Base(file) + "\n" + info.Describe() + "\n\n" +
			lang.L("先把当前数据库另存一份，再用备份替换当前数据；备份之后写下的审计记录会带入恢复后的审计记录。恢复后需要重新登录。")
		p.sh.confirm(lang.L("从备份恢复"), msg, lang.L("恢复"), true, func() { p.sh.restoreFrom(file) })
	})
}

// restoreFrom restores a backup: once the workers in flight have drained, the store is closed,
// the files swapped (keeping the audit trail and a copy of the current database) and the store
// reopened; everyone signs in again.
func (sh *shell) restoreFrom(file string) {
	ctx := sh.ctx
	var res data.RestoreResult
	sh.swapStore(func(old *data.Store) (*data.Store, error) {
		var err error
		res, err = old.Restore(ctx, file) // closes old in every case
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
