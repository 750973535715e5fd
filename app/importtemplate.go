package app

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/reports"
)

// importStart is the first step of an import: it says which files the import reads and offers
// the template (headers, drop-down lists and text columns already set) beside 选择文件.
type importStart struct {
	dlg      *dialog.CustomDialog
	choose   *widget.Button
	template *widget.Button
	out      *fileWriter
}

// openImportWizard starts an import of kind (data.ImportPeople or ImportVolunteers).
func openImportWizard(sh *shell, kind string, onDone func()) *importStart {
	st := &importStart{out: newFileWriter(sh)}
	info := widget.NewLabel(lang.L("可导入 Excel（.xlsx、.xls，含 WPS 表格）、LibreOffice（.ods）和 CSV 文件。第一次导入请先下载导入模板：列名、下拉列表和文本格式都已设好，填好后再选择文件导入。"))
	info.Wrapping = fyne.TextWrapWord
	st.choose = widget.NewButtonWithIcon(lang.L("选择文件…"), theme.FolderOpenIcon(), func() {
		st.dlg.Hide()
		pickImportFile(sh, kind, onDone)
	})
	st.choose.Importance = widget.HighImportance
	st.template = widget.NewButtonWithIcon(lang.L("下载导入模板"), theme.DownloadIcon(), func() {
		st.out.save(kind+"导入模板.xlsx", func(ctx context.Context, w io.Writer) error {
			cols, err := sh.store.ImportTemplate(ctx, kind)
			if err != nil {
				return err
			}
			return reports.ImportTemplateXLSX(w, kind+"导入模板", cols)
		}, false)
	})
	st.out.progress.Hide()
	title := lang.L("导入居民")
	if kind == data.ImportVolunteers {
		title = lang.L("导入志愿者")
	}
	body := container.NewVBox(info, st.out.progress, st.out.status)
	st.dlg = dialog.NewCustomWithoutButtons(title, body, sh.win)
	st.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("取消"), func() { st.dlg.Hide() }), st.template, st.choose})
	st.dlg.Resize(fyne.NewSize(min(640, sh.win.Canvas().Size().Width*0.9), 0))
	st.dlg.Show()
	return st
}
