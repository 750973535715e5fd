package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"linli/data/sample"
	"linli/documents"
)

func TestPrintCentreExportsWithAPassword(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	sh.showSection("打印中心")
	sh.pending.Wait()
	p := sh.screens[sh.current].(*printScreen)
	var row *docRow
	for _, r := range p.rows {
		if r.doc == &documents.PeopleXLSX {
			row = r
		}
	}
	if row == nil || row.encrypt == nil {
		t.Fatal("the people export offers no 加密")
	}
	out := filepath.Join(t.TempDir(), "居民.xlsx")
	row.encrypt.SetChecked(true)
	test.Tap(row.button)
	test.Type(p.passDialog.pass, "街道专用 2026")
	test.Type(p.passDialog.again, "街道专用 2026")
	test.Tap(p.passDialog.ok)
	sh.lastSave.path.SetText(out)
	test.Tap(sh.lastSave.save)
	sh.pending.Wait()
	if f, err := excelize.OpenFile(out); err == nil {
		f.Close()
		t.Fatal("the export opened without its password")
	}
	f, err := excelize.OpenFile(out, excelize.Options{Password: "街道专用 2026"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("居民")
	if err != nil || len(rows) != 241 {
		t.Fatalf("%d rows (%v), want the 240 residents and the header", len(rows), err)
	}
}
