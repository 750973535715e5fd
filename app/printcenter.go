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
	p.box = container.NewVScroll(container.NewPadded(container.NewVBox(heading(lang.L("打印中心")), roster, note, p.progress, p.status,
		p.monthly(), p.certificates())))
	return p
}

func (p *printScreen) view() fyne.CanvasObject { return p.box }

// monthly offers every monthly document, for the month typed.
func (p *printScreen) monthly() fyne.CanvasObject {
	month := widget.NewEntry()
	month.SetText(p.sh.now().Format("2006-01"))
	doc := func(title, file string, job func(ctx context.Context, s *data.Store, month string, w io.Writer) error) *widget.Button {
		return widget.NewButtonWithIcon(title, theme.DocumentPrintIcon(), func() {
			m := month.Text
			p.save(file+"-"+m+".pdf", func(ctx context.Context, w io.Writer) error { return job(ctx, p.sh.store, m, w) }, true)
		})
	}
	buttons := container.NewGridWithColumns(3,
		doc(lang.L("一碗汤配送单"), "一碗汤配送单", jobs.PrintRoster),
		doc(lang.L("助老服务台账"), "助老服务台账", jobs.PrintCareLedger),
		doc(lang.L("儿童活动台账"), "儿童活动台账", jobs.PrintChildrenLedger))
	if p.sh.actor.Role.Can(data.PermWorkshopView) {
		buttons.Add(doc(lang.L("工坊收入台账"), "工坊收入台账", jobs.PrintWorkshopLedger))
		buttons.Add(doc(lang.L("收入分配单"), "收入分配单", jobs.PrintPayouts))
	}
	buttons.Add(widget.NewButtonWithIcon(lang.L("志愿者名册"), theme.DocumentPrintIcon(), func() {
		p.save("志愿者名册.pdf", func(ctx context.Context, w io.Writer) error {
			return jobs.PrintVolunteers(ctx, p.sh.store, data.VolunteerFilter{}, w)
		}, true)
	}))
	form := widget.NewForm(widget.NewFormItem(lang.L("月份"), container.NewGridWrap(fyne.NewSize(110, 36), month)))
	return widget.NewCard(lang.L("台账与名单"), lang.L("按月打印；每份都记入审计记录"), container.NewVBox(form, buttons))
}

// certificates prints the 志愿服务证明 of everyone with hours in a period (each one numbered in
// the register).
func (p *printScreen) certificates() fyne.CanvasObject {
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetText(p.sh.now().Format("2006") + "-01-01")
	to.SetText(p.sh.now().Format("2006-01-02"))
	btn := widget.NewButtonWithIcon(lang.L("打印志愿服务证明"), theme.DocumentPrintIcon(), func() {
		f, t := from.Text, to.Text
		p.save("志愿服务证明.pdf", func(ctx context.Context, w io.Writer) error {
			return jobs.PrintVolunteerCerts(ctx, p.sh.store, "", f, t, w, nil)
		}, true)
	})
	if !p.sh.actor.Role.Can(data.PermCareWrite) {
		btn.Disable()
	}
	note := widget.NewLabel(lang.L("证明写明服务时间、服务内容和记录单位（《志愿服务记录与证明出具办法（试行）》第十五条），带编号、二维码和校验码；结业证书和培训证书在各项目中打印。"))
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("从"), from), widget.NewFormItem(lang.L("到"), to))
	return widget.NewCard(lang.L("志愿服务证明"), "", container.NewVBox(form, btn, note))
}

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

// printDoc saves a PDF rendered by a job from the store and opens it.
func (p *printScreen) printDoc(name string, render func(ctx context.Context, s *data.Store, w io.Writer) error) {
	p.save(name, func(ctx context.Context, w io.Writer) error { return render(ctx, p.sh.store, w) }, true)
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
