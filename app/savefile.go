package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// saveDialog asks where to save a document: one box with the whole path, filled with the last
// folder used for this kind of document and the suggested file name. Typing a full path saves
// there; a folder that does not exist gets a message in Chinese; 「选择文件夹…」 opens Fyne's
// folder dialog (its labels in Chinese where Fyne allows).
type saveDialog struct {
	sh     *shell
	kind   string // the document kind, for the remembered folder
	ext    string // the suggested name's extension, added when a typed name has none
	path   *keyEntry
	msg    *widget.Label
	save   *widget.Button
	dlg    *dialog.CustomDialog
	chosen func(path string)
}

// prefSaveDir is the preference holding the last folder a kind of document was saved in.
const prefSaveDir = "save.dir."

// docKind is a file name's document kind: 「居民名册-赞山社区.pdf」 → 「居民名册」.
func docKind(name string) string {
	k := strings.TrimSuffix(name, filepath.Ext(name))
	if i := strings.IndexAny(k, "-_ "); i > 0 {
		k = k[:i]
	}
	return k
}

// askSavePath shows the save dialog for a suggested file name; chosen gets the path to write.
func (sh *shell) askSavePath(name string, chosen func(path string)) *saveDialog {
	d := &saveDialog{sh: sh, kind: docKind(name), ext: filepath.Ext(name), path: newEntry(sh), msg: messageLabel(""), chosen: chosen}
	dir := sh.app.Preferences().String(prefSaveDir + d.kind)
	if dir == "" {
		dir = defaultSaveDir()
	}
	d.path.SetText(filepath.Join(dir, name))
	d.path.OnSubmitted = func(string) { d.onSave() }
	d.msg.Importance = widget.DangerImportance
	d.msg.Hide()
	browse := widget.NewButtonWithIcon(lang.L("选择文件夹…"), theme.FolderOpenIcon(), d.onBrowse)
	cancel := widget.NewButtonWithIcon(lang.L("取消"), theme.CancelIcon(), func() { d.dlg.Hide() })
	d.save = widget.NewButtonWithIcon(lang.L("保存"), theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	hint := messageLabel(lang.L("可以直接输入完整路径，例如 D:\\台账\\居民名册.pdf；文件夹须已存在。"))
	form := container.NewVBox(widget.NewLabel(lang.L("保存到")), container.NewBorder(nil, nil, nil, browse, d.path), hint, d.msg)
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("保存文件"), form, sh.win)
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.save})
	d.dlg.Resize(fyne.NewSize(min(720, sh.win.Canvas().Size().Width*0.9), 0))
	d.dlg.Show()
	sh.win.Canvas().Focus(d.path)
	sh.lastSave = d
	return d
}

// onSave checks the path (off the UI thread: it asks the disk) and, when it will do, remembers
// its folder for this kind of document and hands it on.
func (d *saveDialog) onSave() {
	sh, typed, ext := d.sh, d.path.Text, d.ext
	fallback := sh.app.Preferences().String(prefSaveDir + d.kind)
	type checked struct {
		path    string
		problem error
	}
	async(sh, func() (checked, error) {
		p, err := checkSavePath(typed, fallback, ext)
		return checked{p, err}, nil
	}, func(c checked) {
		if c.problem != nil {
			d.showProblem(data.Message(c.problem))
			return
		}
		path := c.path
		d.msg.Hide()
		sh.app.Preferences().SetString(prefSaveDir+d.kind, filepath.Dir(path))
		d.dlg.Hide()
		d.chosen(path)
	})
}

// showProblem says, inside the dialog, what is wrong with the path.
func (d *saveDialog) showProblem(text string) {
	d.msg.SetText(text)
	d.msg.Show()
}

// checkSavePath makes a typed path whole (a bare name goes into the last folder) and refuses a
// folder that does not exist, or a path that is a folder, with a message naming it.
func checkSavePath(typed, lastDir, ext string) (string, error) {
	p := strings.Trim(strings.TrimSpace(typed), `"`)
	if p == "" || strings.HasSuffix(p, string(filepath.Separator)) {
		return "", savePathError("请填写文件名（可以包含完整路径）")
	}
	if !filepath.IsAbs(p) {
		if lastDir == "" {
			lastDir = defaultSaveDir()
		}
		p = filepath.Join(lastDir, p)
	}
	if filepath.Ext(p) == "" && ext != "" {
		p += ext
	}
	dir := filepath.Dir(p)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", savePathError(fmt.Sprintf("文件夹「%s」不存在：请先建好这个文件夹，或换一个位置", dir))
	case err != nil:
		return "", savePathError(fmt.Sprintf("无法打开文件夹「%s」：%s", dir, plainFileError(err)))
	case !st.IsDir():
		return "", savePathError(fmt.Sprintf("「%s」不是文件夹", dir))
	}
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return "", savePathError(fmt.Sprintf("「%s」是一个文件夹：请在后面加上文件名", p))
	}
	return p, nil
}

func savePathError(msg string) error { return &data.Error{Code: data.CodeInvalid, Message: msg} }

// plainFileError says in Chinese what went wrong with a file.
func plainFileError(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, fs.ErrNotExist):
		return "不存在"
	}
	return err.Error()
}

// onBrowse picks the folder in Fyne's folder dialog and keeps the file name typed.
func (d *saveDialog) onBrowse() {
	name := filepath.Base(d.path.Text)
	f := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		d.path.SetText(filepath.Join(u.Path(), name))
	}, d.sh.win)
	f.SetTitleText(lang.L("选择保存的文件夹"))
	f.SetConfirmText(lang.L("选择"))
	f.SetDismissText(lang.L("取消"))
	if l, err := storage.ListerForURI(storage.NewFileURI(browseStart(d.path.Text))); err == nil {
		f.SetLocation(l)
	}
	f.Resize(fyne.NewSize(min(900, d.sh.win.Canvas().Size().Width*0.95), min(600, d.sh.win.Canvas().Size().Height*0.9)))
	f.Show()
}

// browseStart is where the folder picker opens: the folder typed, or the nearest one above it
// that exists, else the user's documents folder (never the filesystem's root).
func browseStart(typed string) string {
	dir := filepath.Dir(strings.TrimSpace(typed))
	for filepath.IsAbs(dir) && dir != filepath.Dir(dir) {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
		dir = filepath.Dir(dir)
	}
	return defaultSaveDir()
}
