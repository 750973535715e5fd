package app

import (
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fileLine is the line at the foot of the window that keeps the last file saved at hand: its
// path, 「打开」 to open it again and 「打开所在文件夹」 to show it in its folder. Every screen's
// print and export buttons go through fileWriter.write, which fills it.
type fileLine struct {
	sh     *shell
	label  *widget.Label
	open   *widget.Button
	folder *widget.Button
	box    *fyne.Container
	path   string
}

func newFileLine(sh *shell) *fileLine {
	f := &fileLine{sh: sh, label: widget.NewLabel("")}
	f.label.Truncation = fyne.TextTruncateEllipsis
	f.open = widget.NewButtonWithIcon(lang.L("打开"), theme.FileIcon(), func() { f.sh.openFile(f.path) })
	f.folder = widget.NewButtonWithIcon(lang.L("打开所在文件夹"), theme.FolderOpenIcon(), func() { f.sh.openFile(filepath.Dir(f.path)) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { f.box.Hide() })
	closeBtn.Importance = widget.LowImportance
	f.box = container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(f.open, f.folder, closeBtn), f.label)
	f.box.Hide()
	return f
}

// show keeps path on the line.
func (f *fileLine) show(path string) {
	f.path = path
	f.label.SetText(lang.L("已保存：") + path)
	f.box.Show()
}

// openFile opens a file in the program the system uses for it (a PDF in the PDF viewer), or a
// folder in the file manager. A failure is said in the status line, never in a crash.
func (sh *shell) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = sh.openURL(u)
	}
	if err != nil {
		sh.notice(lang.L("无法打开：") + path)
	}
}

// defaultSaveDir is where a save dialog starts for a kind of document never saved before: the
// user's Documents folder (文档 on a Chinese Linux desktop) when there is one, else the home folder.
func defaultSaveDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	for _, d := range []string{"Documents", "文档", "My Documents"} {
		if st, err := os.Stat(filepath.Join(home, d)); err == nil && st.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}
