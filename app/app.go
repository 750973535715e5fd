// Package app is Linli's window: a sidebar of sections, one file per screen.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/assets"
	"linli/data"
)

// AppID is Linli's application ID (also in FyneApp.toml).
const AppID = "cn.linli.desktop"

const (
	prefWidth    = "window.width"
	prefHeight   = "window.height"
	prefLanguage = "ui.language" // "zh" (default) or "en"
)

// Run opens the window on the database file and returns when the window closes.
func Run(dbPath string) error {
	a := fyneapp.NewWithID(AppID)
	useLanguage(startLanguage(a))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(lang.L("邻里 Linli"))
	w.Resize(fyne.NewSize(
		float32(a.Preferences().FloatWithFallback(prefWidth, 1180)),
		float32(a.Preferences().FloatWithFallback(prefHeight, 760))))
	var sh *shell
	w.SetCloseIntercept(func() {
		quit := func() {
			size := w.Canvas().Size()
			a.Preferences().SetFloat(prefWidth, float64(size.Width))
			a.Preferences().SetFloat(prefHeight, float64(size.Height))
			w.Close()
		}
		if sh == nil {
			quit()
			return
		}
		sh.mayQuit(quit) // unsaved forms or running work ask first
	})
	w.SetMaster()
	w.SetContent(container.NewCenter(widget.NewLabel(lang.L("正在打开数据库…"))))
	go func() {
		s, err := openStore(dbPath)
		good := ""
		if errors.Is(err, data.ErrDamaged) || errors.Is(err, &data.Error{Code: data.CodeInternal}) {
			good = data.NewestGoodBackup(context.Background(), data.BackupDir(dbPath))
		}
		fyne.Do(func() {
			if err != nil {
				showOpenFailure(w, dbPath, err, good)
				return
			}
			sh = newShell(a, w, s)
			w.SetContent(sh.root)
			sh.start()
		})
	}()
	w.ShowAndRun()
	if sh != nil {
		sh.stop()
	}
	return nil
}

func openStore(dbPath string) (*data.Store, error) {
	if data.IsServerURL(dbPath) {
		return data.Open(context.Background(), dbPath)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return nil, &data.Error{Code: data.CodeRefused, Message: fmt.Sprintf("无法创建数据文件夹 %s（%v）", filepath.Dir(dbPath), err), Err: err}
	}
	return data.Open(context.Background(), dbPath)
}

// showOpenFailure explains why the database cannot be opened and, when the file looks damaged,
// offers the newest backup that passes the check (found off the UI thread: good).
func showOpenFailure(w fyne.Window, dbPath string, err error, good string) {
	msg := widget.NewLabel(data.Message(err))
	msg.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(widget.NewLabelWithStyle(lang.L("无法打开数据库"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), msg)
	if b := good; b != "" {
		{
			box.Add(widget.NewLabel(lang.L("可以用最近一份完好的备份恢复：") + filepath.Base(b)))
			box.Add(widget.NewButton(lang.L("用此备份恢复"), func() {
				go func() { // file work stays off the UI thread
					res, rerr := data.RestoreFile(context.Background(), dbPath, b)
					fyne.Do(func() {
						if rerr != nil {
							dialog.ShowError(errors.New(data.Message(rerr)), w)
							return
						}
						dialog.ShowInformation(lang.L("已恢复"), lang.L("原文件已另存为：")+res.Kept+"\n"+lang.L("请重新启动邻里。"), w)
					})
				}()
			}))
		}
	}
	w.SetContent(container.NewPadded(container.NewCenter(box)))
}
