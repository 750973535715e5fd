package app

import (
	"bytes"
	"context"
	"fmt"
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
	"linli/data/importer"
	"linli/reports"
)

// importWizard: choose a file, check the column mapping against a preview, see every error or
// import everything in one transaction, with progress and cancel.
type importWizard struct {
	sh       *shell
	kind     string
	path     string
	table    *importer.Table
	fields   []importer.Field
	mapping  map[importer.Field]*keySelect
	dup      *widget.RadioGroup
	status   *widget.Label
	errors   *widget.Label
	progress *widget.ProgressBar
	check    *widget.Button
	run      *widget.Button
	saveErrs *widget.Button
	close    *widget.Button // 取消, then 完成 once the import is done
	info     *widget.Label
	preview  *widget.Table
	cancel   context.CancelFunc
	result   data.ImportResult
	dlg      dialog.Dialog
	onDone   func()
}

var dupChoices = []string{"遇到重复即停止", "跳过重复的行", "用表中数据更新已有居民"}
var dupPolicies = []data.DupPolicy{data.DupStop, data.DupSkip, data.DupUpdate}

// pickImportFile asks for the file to import, then opens the wizard on it.
func pickImportFile(sh *shell, kind string, onDone func()) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		newImportWizard(sh, kind, path, onDone).load()
	}, sh.win)
	d.SetFilter(importFileFilter())
	d.Show()
}

// importFileFilter offers every file the import reads (.xlsx, .xls, .ods, .csv …), so that no
// office's sheet is hidden in the picker.
func importFileFilter() storage.FileFilter {
	return storage.NewExtensionFileFilter(importer.Extensions)
}

func newImportWizard(sh *shell, kind, path string, onDone func()) *importWizard {
	w := &importWizard{sh: sh, kind: kind, path: path, onDone: onDone, mapping: map[importer.Field]*keySelect{},
		status: widget.NewLabel(""), errors: widget.NewLabel(""), progress: widget.NewProgressBar()}
	w.fields = importer.PeopleFields
	if kind == data.ImportVolunteers {
		w.fields = importer.VolunteerFields
	}
	var choices []string
	for _, c := range dupChoices {
		choices = append(choices, tr(c))
	}
	w.dup = widget.NewRadioGroup(choices, nil)
	w.dup.SetSelected(choices[0])
	w.errors.Wrapping = fyne.TextWrapWord
	w.status.Wrapping = fyne.TextWrapWord
	w.progress.Hide()
	w.check = widget.NewButtonWithIcon(lang.L("检查"), theme.SearchIcon(), w.recheck)
	w.run = widget.NewButtonWithIcon(lang.L("导入"), theme.UploadIcon(), func() { w.start(false) })
	w.run.Importance = widget.HighImportance
	w.run.Disable()
	w.saveErrs = widget.NewButtonWithIcon(lang.L("保存错误说明表…"), theme.DocumentSaveIcon(), w.onSaveErrors)
	w.saveErrs.Hide()
	w.close = widget.NewButton(lang.L("取消"), w.onCancel)
	w.info = widget.NewLabel("")
	return w
}

// load reads the file off the UI thread, then shows the mapping and a preview.
func (w *importWizard) load() {
	async(w.sh, func() (*importer.Table, error) { return data.ReadImportFile(w.path) }, func(t *importer.Table) {
		w.table = t
		w.show()
	})
}

func (w *importWizard) show() {
	auto := importer.AutoMap(w.table.Header)
	form := widget.NewForm()
	for _, f := range w.fields {
		sel := newSelect(nil, func(string) { w.run.Disable() })
		w.mapping[f] = sel
		form.Append(tr(string(f)), sel)
	}
	w.fillMapping(auto, nil)
	w.preview = widget.NewTable(func() (int, int) { return min(len(w.table.Rows), 5) + 1, len(w.table.Header) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.SetText(w.table.Header[id.Col])
				l.TextStyle.Bold = true
				return
			}
			l.TextStyle.Bold = false
			l.SetText(w.table.Rows[id.Row-1].Cells[id.Col])
		})
	w.showTable()
	left := container.NewVBox(w.info, widget.NewLabel(lang.L("列的对应关系（可修改）：")), form)
	right := container.NewBorder(widget.NewLabel(lang.L("前 5 行预览：")), container.NewVBox(widget.NewLabel(lang.L("重复的人（身份证号相同；无证件号时姓名和电话相同）：")), w.dup), nil, nil, w.preview)
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.38
	bottom := container.NewVBox(w.progress, w.status, container.NewVScroll(w.errors), container.NewHBox(w.saveErrs, layoutSpacer(), w.close, w.check, w.run))
	title := lang.L("导入居民")
	if w.kind == data.ImportVolunteers {
		title = lang.L("导入志愿者")
	}
	w.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, bottom, nil, nil, split), w.sh.win)
	w.dlg.Resize(fyne.NewSize(1000, 680))
	w.dlg.Show()
}

// fillMapping offers the file's columns for each field: the column chosen before (by its name)
// when the file still has it, else the automatic match.
func (w *importWizard) fillMapping(auto map[importer.Field]int, before map[importer.Field]string) {
	cols := append([]string{lang.L("（不导入）")}, w.table.Header...)
	for _, f := range w.fields {
		sel := w.mapping[f]
		sel.SetOptions(cols)
		sel.SetSelectedIndex(0)
		if name, ok := before[f]; ok {
			sel.SetSelected(name)
		} else if i, ok := auto[f]; ok {
			sel.SetSelectedIndex(i + 1)
		}
	}
}

// showTable shows what was read: the file's line and the preview.
func (w *importWizard) showTable() {
	info := fmt.Sprintf(lang.L("文件：%s · 表头在第 %d 行 · 数据 %d 行"), filepath.Base(w.path), w.table.HeaderRow, len(w.table.Rows))
	if w.table.Encoding != "" {
		info += " · " + lang.L("编码") + " " + w.table.Encoding
	}
	w.info.SetText(info)
	for i := range w.table.Header {
		w.preview.SetColumnWidth(i, 120)
	}
	w.preview.Refresh()
}

// recheck reads the file again (the user may have fixed the sheet), keeps the column choices
// that still apply, and checks it.
func (w *importWizard) recheck() {
	w.check.Disable()
	w.run.Disable()
	w.status.SetText(lang.L("正在重新读取文件…"))
	w.sh.background(func() {
		t, err := importer.ReadFile(w.path)
		w.sh.do(func() {
			if err != nil {
				w.check.Enable()
				w.status.SetText(data.Message(err))
				return
			}
			before := map[importer.Field]string{}
			for f, sel := range w.mapping {
				if sel.SelectedIndex() > 0 {
					before[f] = sel.Selected
				}
			}
			w.table = t
			w.fillMapping(importer.AutoMap(t.Header), before)
			w.showTable()
			w.start(true)
		})
	})
}

func (w *importWizard) options(dry bool) data.ImportOptions {
	m := map[importer.Field]int{}
	for f, sel := range w.mapping {
		if i := sel.SelectedIndex(); i > 0 {
			m[f] = i - 1
		}
	}
	o := data.ImportOptions{Kind: w.kind, FileName: filepath.Base(w.path), Mapping: m, DryRun: dry, OnDuplicate: data.DupStop}
	for i, c := range dupChoices {
		if w.dup.Selected == tr(c) {
			o.OnDuplicate = dupPolicies[i]
		}
	}
	return o
}

// start checks (dry) or imports, off the UI thread, reporting progress; cancel stops it and
// nothing is written.
func (w *importWizard) start(dry bool) {
	o := w.options(dry)
	ctx, cancel := context.WithCancel(w.sh.ctx)
	w.cancel = cancel
	o.Progress = func(done, total int) {
		w.sh.do(func() { w.progress.SetValue(float64(done) / float64(max(total, 1))) })
	}
	w.check.Disable()
	w.run.Disable()
	w.progress.SetValue(0)
	w.progress.Show()
	w.status.SetText(lang.L("正在处理…"))
	w.sh.background(func() {
		res, err := w.sh.store.Import(ctx, w.table, o)
		cancel()
		w.sh.do(func() { w.finish(dry, res, err) })
	})
}

func (w *importWizard) finish(dry bool, res data.ImportResult, err error) {
	w.result = res
	w.cancel = nil
	w.progress.Hide()
	w.check.Enable()
	if len(res.Errors) > 0 {
		var lines []string
		for i, e := range res.Errors {
			if i == 100 {
				lines = append(lines, fmt.Sprintf(lang.L("……另有 %d 处，见错误说明表"), len(res.Errors)-100))
				break
			}
			lines = append(lines, e.String())
		}
		w.status.SetText(fmt.Sprintf(lang.L("有 %d 处错误，没有导入任何数据。请修改表格后重新导入，或保存错误说明表。"), len(res.Errors)))
		w.errors.SetText(strings.Join(lines, "\n"))
		w.saveErrs.Show()
		return
	}
	w.saveErrs.Hide()
	w.errors.SetText(noticeLines(res.Notices))
	if err != nil {
		w.status.SetText(data.Message(err))
		return
	}
	if dry {
		w.status.SetText(fmt.Sprintf(lang.L("检查通过：将新增 %d 人，更新 %d 人，跳过 %d 人。"), res.Added, res.Updated, res.Skipped))
		w.run.Enable()
		return
	}
	w.status.SetText(fmt.Sprintf(lang.L("已导入：新增 %d 人，更新 %d 人，跳过 %d 人（批次 %d，可在“导入记录”中撤销）。"), res.Added, res.Updated, res.Skipped, res.BatchID))
	w.close.SetText(lang.L("完成"))
	w.close.Importance = widget.HighImportance
	w.close.Refresh()
	w.check.Disable()
	if w.onDone != nil {
		w.onDone()
	}
}

// noticeLines lists, row by row, what the import changed on the way in (15-digit ID numbers
// converted to 18 digits), so that staff can check those records.
func noticeLines(notes []data.RowError) string {
	var lines []string
	for i, n := range notes {
		if i == 100 {
			lines = append(lines, fmt.Sprintf(lang.L("……另有 %d 处"), len(notes)-100))
			break
		}
		lines = append(lines, n.String())
	}
	return strings.Join(lines, "\n")
}

func (w *importWizard) onCancel() {
	if w.cancel != nil {
		w.cancel() // the import rolls back; finish reports it
		return
	}
	w.dlg.Hide()
}

func (w *importWizard) onSaveErrors() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		t, errs := w.table, w.result.Errors
		async(w.sh, func() (struct{}, error) {
			defer wc.Close()
			var buf bytes.Buffer
			if err := reports.ImportErrorsXLSX(&buf, t.Header, t.Rows, errs); err != nil {
				return struct{}{}, err
			}
			_, err := wc.Write(buf.Bytes())
			return struct{}{}, err
		}, func(struct{}) { w.status.SetText(lang.L("错误说明表已保存：") + wc.URI().Path()) })
	}, w.sh.win)
	d.SetFileName(strings.TrimSuffix(filepath.Base(w.path), filepath.Ext(w.path)) + "-错误说明.xlsx")
	d.Show()
}

// openBatches lists imports and undoes one.
func openBatches(sh *shell, onDone func()) {
	async(sh, func() ([]data.ImportBatch, error) { return sh.store.ImportBatches(sh.ctx) }, func(bs []data.ImportBatch) {
		var d dialog.Dialog
		list := widget.NewList(func() int { return len(bs) },
			func() fyne.CanvasObject {
				return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("撤销"), nil), widget.NewLabel(""))
			},
			func(id widget.ListItemID, o fyne.CanvasObject) {
				b := bs[id]
				row := o.(*fyne.Container)
				txt := fmt.Sprintf(lang.L("#%d  %s  %s  %s  %s  新增 %d / 更新 %d / 跳过 %d"), b.ID, data.LocalTime(b.At), b.By, b.Kind, b.FileName, b.Added, b.Updated, b.Skipped)
				btn := row.Objects[1].(*widget.Button)
				if b.Undone {
					txt += "  " + lang.L("（已撤销）")
					btn.Disable()
				} else {
					btn.Enable()
				}
				row.Objects[0].(*widget.Label).SetText(txt)
				btn.OnTapped = func() {
					dialog.ShowConfirm(lang.L("撤销导入"), lang.L("删除该批次新增的人员，并把更新过的人员恢复原样？"), func(ok bool) {
						if !ok {
							return
						}
						async(sh, func() (struct{}, error) { return struct{}{}, sh.store.UndoImport(sh.ctx, b.ID) }, func(struct{}) {
							d.Hide()
							onDone()
						})
					}, sh.win)
				}
			})
		if len(bs) == 0 {
			dialog.ShowInformation(lang.L("导入记录"), lang.L("还没有导入过数据。"), sh.win)
			return
		}
		d = dialog.NewCustom(lang.L("导入记录"), lang.L("关闭"), list, sh.win)
		d.Resize(fyne.NewSize(820, 420))
		d.Show()
	})
}
