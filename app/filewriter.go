package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"linli/data"
	"linli/documents"
	"os"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// fileWriter saves what a button renders: it asks where (the save dialog), renders off the UI
// thread, writes the file, shows it in the window's file line and, for PDFs, opens it in the
// system viewer. The print centre and every screen's print and export buttons share it.
type fileWriter struct {
	sh       *shell
	progress *widget.ProgressBarInfinite
	status   *widget.Label
	lastFile string // the last file written, for tests
}

func newFileWriter(sh *shell) *fileWriter {
	return &fileWriter{sh: sh, progress: widget.NewProgressBarInfinite(), status: widget.NewLabel("")}
}

// document checks the values, asks where to save (the catalogue's file name), renders off the UI
// thread and, for PDFs, opens the file.
func (p *fileWriter) document(d *documents.Doc, v documents.Values) {
	if err := d.Validate(v); err != nil {
		p.sh.showError(err)
		return
	}
	// A refusal (the role, no round that month, a programme not over) comes before the save dialog.
	ctx := p.sh.ctx
	async(p.sh, func() (struct{}, error) { return struct{}{}, d.Ready(ctx, p.sh.store, v) }, func(struct{}) {
		p.save(d.FileName(v), p.render(d, v), d.Verb == documents.Print)
	})
}

// render runs a document of the catalogue on the shell's store.
func (p *fileWriter) render(d *documents.Doc, v documents.Values) func(context.Context, io.Writer) error {
	return func(ctx context.Context, w io.Writer) error { return d.Run(ctx, p.sh.store, v, w) }
}

// save asks where to save, renders off the UI thread, writes the file and, for PDFs, opens it in
// the system viewer.
func (p *fileWriter) save(name string, render func(context.Context, io.Writer) error, open bool) {
	p.sh.askSavePath(name, func(path string) { p.write(path, render, open) })
}

func (p *fileWriter) write(path string, render func(context.Context, io.Writer) error, open bool) {
	p.progress.Show()
	p.progress.Start()
	p.status.SetText(lang.L("正在生成…"))
	ctx := p.sh.sess.snapshot()
	async(p.sh, func() (string, error) {
		var buf bytes.Buffer
		if err := render(ctx, &buf); err != nil {
			return "", err
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return "", &data.Error{Code: data.CodeRefused, Message: fmt.Sprintf("无法写入文件 %s：%s", path, plainFileError(err)), Err: err}
		}
		return storage.NewFileURI(path).String(), nil
	}, func(uri string) {
		p.lastFile = uri
		p.status.SetText(lang.L("已保存：") + path)
		p.sh.notice(lang.L("已保存：") + path) // seen wherever the button was pressed
		p.sh.files.show(path)
		if open {
			p.sh.openFile(path)
		}
	}, func() {
		p.progress.Stop()
		p.progress.Hide()
		p.status.SetText("")
	})
}
