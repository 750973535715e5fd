package app

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

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
	rows     []auditRow // entries as shown: local time, names
	box      fyne.CanvasObject
	exporter *fileWriter
}

var auditActions = []string{"全部", data.ActCreate, data.ActUpdate, data.ActDelete, data.ActPrint, data.ActExport,
	data.ActImport, data.ActReveal, data.ActLogin, data.ActLoginFailed, data.ActErase, data.ActBackup, data.ActRestore, data.ActRestoreRefused}

var auditHeaders = []string{"序号", "时间", "用户", "操作", "对象", "摘要"}
var auditWidths = []float32{60, 140, 90, 90, 160, 560}

// auditRow is an audit entry as the view shows it.
type auditRow struct {
	id                       int64
	at, user, action, object string
	summary                  string
}

// refInSummary finds 「居民 #79」 and 「项目 #3」 in summaries (written before names were shown).
var refInSummary = regexp.MustCompile(`(居民|项目) ?#(\d+)`)

// auditRows turns entries into rows: the time in the desk's local time (2026-11-28 09:42), and the
// records named (「居民 王秀英」) where names has them; an unnamed record keeps its number.
func auditRows(es []data.AuditEntry, names map[data.AuditRef]string) []auditRow {
	rows := make([]auditRow, len(es))
	for i, e := range es {
		at := e.At
		if t, err := time.Parse(time.RFC3339, e.At); err == nil {
			at = t.Local().Format("2006-01-02 15:04")
		}
		object := e.Entity
		if n, ok := names[data.AuditRef{Kind: e.Entity, ID: e.EntityID}]; ok {
			object += " " + n
		} else if e.EntityID != 0 {
			object += fmt.Sprintf(" #%d", e.EntityID)
		}
		summary := refInSummary.ReplaceAllStringFunc(e.Summary, func(m string) string {
			if n, ok := names[summaryRef(m)]; ok {
				return strings.TrimSpace(m[:strings.Index(m, "#")]) + " " + n
			}
			return m
		})
		rows[i] = auditRow{id: e.ID, at: at, user: e.Username, action: e.ActionLabel(), object: object, summary: summary}
	}
	return rows
}

// summaryRef is the record a 「居民 #79」 in a summary names.
func summaryRef(m string) data.AuditRef {
	sub := refInSummary.FindStringSubmatch(m)
	id, err := strconv.ParseInt(sub[2], 10, 64)
	if err != nil {
		return data.AuditRef{}
	}
	kind := "居民"
	if sub[1] == "项目" {
		kind = "儿童项目"
	}
	return data.AuditRef{Kind: kind, ID: id}
}

// auditRefs are the records the entries name, for AuditNames.
func auditRefs(es []data.AuditEntry) []data.AuditRef {
	var refs []data.AuditRef
	for _, e := range es {
		refs = append(refs, data.AuditRef{Kind: e.Entity, ID: e.EntityID})
		for _, m := range refInSummary.FindAllString(e.Summary, -1) {
			refs = append(refs, summaryRef(m))
		}
	}
	return refs
}

func newAuditScreen(sh *shell) *auditScreen {
	a := &auditScreen{sh: sh, user: widget.NewEntry(), action: newSelect(auditActions, nil), from: widget.NewEntry(),
		to: widget.NewEntry(), count: widget.NewLabel("")}
	a.user.SetPlaceHolder(lang.L("用户名"))
	a.from.SetPlaceHolder("2026-01-01")
	a.to.SetPlaceHolder("2026-12-31")
	a.action.SetSelectedIndex(0)
	a.table = newHeaderTable(auditHeaders, auditWidths, func() int { return len(a.rows) }, func(row, col int) string {
		r := a.rows[row]
		return []string{fmt.Sprint(r.id), r.at, r.user, r.action, r.object, r.summary}[col]
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
		rows []auditRow
	}
	async(a.sh, func() (shown, error) {
		es, err := a.sh.store.ListAudit(a.sh.ctx, f)
		if err != nil {
			return shown{}, err
		}
		names, err := a.sh.store.AuditNames(a.sh.ctx, auditRefs(es))
		return shown{es, auditRows(es, names)}, err
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
