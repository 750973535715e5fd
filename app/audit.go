package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// auditScreen shows the audit trail to 管理员, filtered, and exports it.
type auditScreen struct {
	sh       *shell
	user     *widget.Entry
	action   *keySelect
	from, to *widget.Entry
	table    *widget.Table
	count    *widget.Label
	entries  []data.AuditEntry
	rows     []data.AuditLine // entries as shown: local time, names
	box      fyne.CanvasObject
	exporter *fileWriter
}

var auditActions = []string{"全部", data.ActCreate, data.ActUpdate, data.ActDelete, data.ActPrint, data.ActExport,
	data.ActImport, data.ActReveal, data.ActLogin, data.ActLoginFailed, data.ActErase, data.ActBackup, data.ActRestore, data.ActRestoreRefused}

var auditHeaders = []string{"序号", "时间", "用户", "操作", "对象", "摘要"}
var auditWidths = []float32{60, 140, 90, 90, 160, 560}

func newAuditScreen(sh *shell) *auditScreen {
	a := &auditScreen{sh: sh, user: widget.NewEntry(), action: newSelect(auditActions, nil), from: widget.NewEntry(),
		to: widget.NewEntry(), count: widget.NewLabel("")}
	a.user.SetPlaceHolder(lang.L("用户名"))
	a.from.SetPlaceHolder("2026-01-01")
	a.to.SetPlaceHolder("2026-12-31")
	a.action.SetSelectedIndex(0)
	a.table = newHeaderTable(auditHeaders, auditWidths, func() int { return len(a.rows) }, func(row, col int) string {
		r := a.rows[row]
		return []string{fmt.Sprint(r.Entry.ID), r.At, r.User, r.Action, r.Object, r.Summary}[col]
	})
	search := widget.NewButtonWithIcon(lang.L("查询"), theme.SearchIcon(), a.refresh)
	a.exporter = newFileWriter(sh)
	export := widget.NewButtonWithIcon(lang.L("导出 Excel"), theme.DownloadIcon(), a.onExport)
	filters := container.NewHBox(widget.NewLabel(lang.L("用户")), container.NewGridWrap(fyne.NewSize(110, 36), a.user),
		widget.NewLabel(lang.L("操作")), a.action, widget.NewLabel(lang.L("从")), container.NewGridWrap(fyne.NewSize(120, 36), a.from),
		widget.NewLabel(lang.L("到")), container.NewGridWrap(fyne.NewSize(120, 36), a.to), search, export)
	a.box = container.NewPadded(container.NewBorder(container.NewVBox(heading(lang.L("审计记录")), filters, a.count), nil, nil, nil, a.table))
	return a
}

func (a *auditScreen) view() fyne.CanvasObject { return a.box }

func (a *auditScreen) filter() data.AuditFilter {
	f := data.AuditFilter{Username: a.user.Text, From: a.from.Text, To: a.to.Text, Limit: 5000}
	if a.action.SelectedIndex() > 0 {
		f.Action = a.action.Selected
	}
	return f
}

func (a *auditScreen) refresh() {
	f := a.filter()
	type shown struct {
		es   []data.AuditEntry
		rows []data.AuditLine
	}
	async(a.sh, func() (shown, error) {
		es, err := a.sh.store.ListAudit(a.sh.ctx, f)
		if err != nil {
			return shown{}, err
		}
		lines, err := a.sh.store.AuditLines(a.sh.ctx, es)
		return shown{es, lines}, err
	}, func(r shown) {
		es := r.es
		a.entries, a.rows = r.es, r.rows
		a.count.SetText(fmt.Sprintf(lang.L("共 %d 条（最新在前，最多显示 5000 条）"), len(es)))
		a.table.Refresh()
	})
}

func (a *auditScreen) onExport() {
	f := a.filter()
	a.exporter.document(&documents.AuditXLSX, documents.Values{"username": f.Username, "from": f.From, "to": f.To, "action": f.Action})
}
