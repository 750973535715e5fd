package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/importer"
	"linli/data/sample"
)

func TestImportOffersTheTemplate(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	st := openImportWizard(sh, data.ImportVolunteers, nil)
	test.Tap(st.template)
	path := filepath.Join(t.TempDir(), "志愿者导入模板.xlsx")
	sh.lastSave.path.SetText(path)
	test.Tap(sh.lastSave.save)
	sh.pending.Wait()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("template not saved: %v", err)
	}
	tb, err := importer.ReadFile(path)
	if err != nil || len(tb.Rows) != 1 || tb.Header[0] != "姓名" {
		t.Fatalf("template reads %+v %v", tb, err)
	}
}

func TestImportPickerOffersEveryFormat(t *testing.T) {
	f := importFileFilter()
	for _, name := range []string{"名单.xlsx", "旧台账.XLS", "名单.ods", "名单.csv"} {
		if !f.Matches(storage.NewFileURI("/tmp/" + name)) {
			t.Errorf("the picker hides %s", name)
		}
	}
	if f.Matches(storage.NewFileURI("/tmp/照片.jpg")) {
		t.Error("the picker offers a picture")
	}
}
