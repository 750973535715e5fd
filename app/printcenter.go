package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/jobs"
)

// printScreen lists the documents Linli prints and exports.
type printScreen struct {
	sh        *shell
	community *widget.Select
	roster    *widget.Button
	export    *widget.Button
	progress  *widget.ProgressBarInfinite
	status    *widget.Label
	box       fyne.CanvasObject
	lastFile  string // the last file written, for tests
}

func newPrintScreen(sh *shell) *printScreen {
	p := &printScreen{sh: sh, community: newSelect(nil, nil), progress: widget.NewProgressBarInfinite(), status: widget.NewLabel("")}
	p.progress.Hide()
	p.roster = widget.NewButtonWithIcon(lang.L("打印居民名册（PDF）"), theme.DocumentPrintIcon(), p.onRoster)
	p.roster.Importance = widget.HighImportance
	p.export = widget.NewButtonWithIcon(lang.L("导出居民表（Excel）"), theme.DownloadIcon(), p.onExport)
	note := widget.NewLabel(lang.L("身份证号和电话在名册和导出表中一律脱敏（如 330481********1234、138****5678）。每次打印和导出都记入审计记录，页脚印有审计链编号。"))
	note.Wrapping = fyne.TextWrapWord
	roster := widget.NewCard(lang.L("居民名册"), lang.L("A4 横向，按社区、网格排列，附制表人、审核人签字栏"),
		container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("社区"), p.community)), container.NewHBox(p.roster, p.export)))
	later := widget.NewLabel(lang.L("一碗汤配送单、助老服务台账、志愿服务证明、结业证书、工坊收入台账和收入分配单将随各业务模块开放。"))
	later.Wrapping = fyne.TextWrapWord
	p.box = container.NewVScroll(container.NewPadded(container.NewVBox(heading(lang.L("打印中心")), roster, note, p.progress, p.status,
		widget.NewSeparator(), later)))
	return p
}

func (p *printScreen) view() fyne.CanvasObject { return p.box }

func (p *printScreen) refresh() {
	async(p.sh, func() ([]data.Community, error) { return p.sh.store.Communities(p.sh.ctx) }, func(cs []data.Community) {
		opts := []string{lang.L("全部社区")}
		for _, c := range cs {
			opts = append(opts, c.Name)
		}
		sel := p.community.Selected
		p.community.SetOptions(opts)
		if sel == "" {
			sel = opts[0]
		}
		p.community.SetSelected(sel)
	})
}

func (p *printScreen) scope() string {
	if p.community.SelectedIndex() <= 0 {
		return ""
	}
	return p.community.Selected
}

func (p *printScreen) onRoster() {
	name := "居民名册.pdf"
	if c := p.scope(); c != "" {
		name = "居民名册-" + c + ".pdf"
	}
	p.save(name, p.rosterRender(), true)
}

// rosterRender prints the roster of the community chosen now.
func (p *printScreen) rosterRender() func(context.Context, io.Writer) error {
	req := jobs.RosterRequest{Community: p.scope()}
	return func(ctx context.Context, w io.Writer) error { return jobs.PrintResidents(ctx, p.sh.store, req, w) }
}

func (p *printScreen) onExport() {
	p.save("居民.xlsx", func(ctx context.Context, w io.Writer) error { return jobs.ExportPeople(ctx, p.sh.store, w) }, false)
}

// save asks where to save, renders off the UI thread, writes the file and, for PDFs, opens it in
// the system viewer.
func (p *printScreen) save(name string, render func(context.Context, io.Writer) error, open bool) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			p.sh.showError(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		p.write(wc, render, open)
	}, p.sh.win)
	d.SetFileName(name)
	if ext := storage.NewExtensionFileFilter([]string{".pdf"}); open {
		d.SetFilter(ext)
	}
	d.Show()
}

func (p *printScreen) write(wc fyne.URIWriteCloser, render func(context.Context, io.Writer) error, open bool) {
	p.progress.Show()
	p.progress.Start()
	p.status.SetText(lang.L("正在生成…"))
	ctx := p.sh.ctx
	async(p.sh, func() (string, error) {
		defer wc.Close()
		var buf bytes.Buffer
		if err := render(ctx, &buf); err != nil {
			return "", err
		}
		if _, err := wc.Write(buf.Bytes()); err != nil {
			return "", fmt.Errorf("无法写入文件：%w", err)
		}
		return wc.URI().String(), nil
	}, func(uri string) {
		p.lastFile = uri
		p.status.SetText(lang.L("已保存：") + wc.URI().Path())
		if open {
			if u, err := url.Parse(uri); err == nil {
				_ = p.sh.app.OpenURL(u)
			}
		}
	}, func() {
		p.progress.Stop()
		p.progress.Hide()
		p.status.SetText("")
	})
}
