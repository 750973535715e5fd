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
	action   *widget.Select
	from, to *widget.Entry
	table    *widget.Table
	count    *widget.Label
	entries  []data.AuditEntry
	box      fyne.CanvasObject
	exporter *printScreen
}

var auditActions = []string{"全部", data.ActCreate, data.ActUpdate, data.ActDelete, data.ActPrint, data.ActExport,
	data.ActImport, data.ActReveal, data.ActLogin, data.ActErase, data.ActBackup, data.ActRestore}

var auditHeaders = []string{"序号", "时间", "用户", "操作", "对象", "编号", "摘要"}
var auditWidths = []float32{60, 200, 90, 90, 90, 60, 420}

func newAuditScreen(sh *shell) *auditScreen {
	a := &auditScreen{sh: sh, user: widget.NewEntry(), action: newSelect(auditActions, nil), from: widget.NewEntry(),
		to: widget.NewEntry(), count: widget.NewLabel("")}
	a.user.SetPlaceHolder(lang.L("用户名"))
	a.from.SetPlaceHolder("2026-01-01")
	a.to.SetPlaceHolder("2026-12-31")
	a.action.SetSelectedIndex(0)
	a.table = newHeaderTable(auditHeaders, auditWidths, func() int { return len(a.entries) }, func(row, col int) string {
		e := a.entries[row]
		return []string{fmt.Sprint(e.ID), e.At, e.Username, e.ActionLabel(), e.Entity, fmt.Sprint(e.EntityID), e.Summary}[col]
	})
	search := widget.NewButtonWithIcon(lang.L("查询"), theme.SearchIcon(), a.refresh)
	a.exporter = &printScreen{sh: sh, progress: widget.NewProgressBarInfinite(), status: widget.NewLabel("")}
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
	async(a.sh, func() ([]data.AuditEntry, error) { return a.sh.store.ListAudit(a.sh.ctx, f) }, func(es []data.AuditEntry) {
		a.entries = es
		a.count.SetText(fmt.Sprintf(lang.L("共 %d 条（最新在前，最多显示 5000 条）"), len(es)))
		a.table.Refresh()
	})
}

func (a *auditScreen) onExport() {
	f := a.filter()
	a.exporter.document(&documents.AuditXLSX, documents.Values{"username": f.Username, "from": f.From, "to": f.To, "action": f.Action})
}
