package app

import (
	"context"
	"io"

	"fyne.io/fyne/v2/lang"

	"linli/documents"
	"linli/reports"
)

// exportNote is what the password dialog of a protected export says.
const exportNote = "导出的 Excel 文件将用密码保护：Excel 和 WPS 输入密码才能打开。密码不会保存在任何地方，请另行告知收件人（不要和文件放在同一封邮件里）。"

// onRow prints or exports a document of the print centre; an export marked 加密 first asks for
// its password, twice.
func (p *printScreen) onRow(r *docRow) {
	v := r.values()
	if r.encrypt == nil || !r.encrypt.Checked {
		p.document(r.doc, v)
		return
	}
	if err := r.doc.Validate(v); err != nil {
		p.sh.showError(err)
		return
	}
	p.passDialog = newPassphraseDialog(p.sh, lang.L("加密导出"), tr(exportNote), "导出密码", true, func(pass string) {
		p.save(r.doc.FileName(v), p.renderProtected(r.doc, v, pass), false)
	})
}

// renderProtected runs an export of the catalogue, protected with password.
func (p *printScreen) renderProtected(d *documents.Doc, v documents.Values, password string) func(context.Context, io.Writer) error {
	return func(ctx context.Context, w io.Writer) error {
		return d.Run(ctx, p.sh.store, v, reports.WithPassword(w, password))
	}
}
