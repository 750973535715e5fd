package app

import (
	"context"
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

func (p *backupPanel) confirmRestore(file string) {
	dialog.ShowConfirm(lang.L("从备份恢复"), lang.L("先检查备份文件，再把当前数据库另存一份，然后用备份替换当前数据。恢复后需要重新登录。\n\n备份文件：")+filepath.Base(file),
		func(ok bool) {
			if ok {
				p.sh.restoreFrom(file)
			}
		}, p.sh.win)
}

// restoreFrom checks the backup, keeps a copy of the current database, swaps the files and
// reopens the store; everyone signs in again.
func (sh *shell) restoreFrom(file string) {
	ctx := sh.ctx
	old := sh.store
	async(sh, func() (*data.Store, error) {
		if problems, err := data.VerifyFile(context.Background(), file); err != nil {
			return nil, err
		} else if len(problems) > 0 {
			return nil, &data.Error{Code: data.CodeRefused, Message: lang.L("备份文件未通过检查，未恢复：") + problems[0]}
		}
		if err := old.Record(ctx, "恢复", "数据库", 0, "从备份 "+filepath.Base(file)+" 恢复"); err != nil {
			return nil, err
		}
		path := old.Path()
		old.Close()
		if _, err := data.RestoreFile(context.Background(), path, file); err != nil {
			s, _ := data.Open(context.Background(), path)
			if s != nil {
				sh.setStore(s)
			}
			return nil, err
		}
		return data.Open(context.Background(), path)
	}, func(s *data.Store) {
		sh.setStore(s)
		sh.actor, sh.ctx = nil, context.Background()
		sh.screens = map[int]screen{}
		sh.showLogin()
		dialog.ShowInformation(lang.L("恢复完成"), lang.L("已从备份恢复，原数据库另存在同一文件夹。请重新登录。"), sh.win)
	})
}
