package app

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"linli/data/sample"
)

// TestPrintingOpensThePDFAndKeepsItAtHand: 打印 on a screen (not the print centre) opens the PDF in
// the system viewer, and the line at the foot of the window keeps 打开 and 打开所在文件夹.
func TestPrintingOpensThePDFAndKeepsItAtHand(t *testing.T) {
	sh := newTestShell(t, true)
	var opened []string
	sh.openURL = func(u *url.URL) error {
		if u.Scheme != "file" {
			t.Errorf("opened %s: not a file URL", u)
		}
		opened = append(opened, u.Path)
		return nil
	}
	login(t, sh, "staff", sample.Password)
	v := openSection[*volunteersScreen](t, sh, "志愿者")
	target := filepath.Join(t.TempDir(), "志愿者名册.pdf")

	v.onPrint()
	sh.lastSave.path.SetText(target)
	test.Tap(sh.lastSave.save)
	sh.pending.Wait()

	fileURL := storage.NewFileURI(target).Path()
	t.Run("the PDF is opened in the system viewer", func(t *testing.T) {
		if len(opened) != 1 || opened[0] != fileURL {
			t.Fatalf("opened %q, want [%s]", opened, fileURL)
		}
	})
	t.Run("the status line offers 打开 and 打开所在文件夹", func(t *testing.T) {
		f := sh.files
		if !f.box.Visible() || !strings.Contains(f.label.Text, target) {
			t.Fatalf("line shown %v with %q", f.box.Visible(), f.label.Text)
		}
		if f.open.Text != "打开" || f.folder.Text != "打开所在文件夹" {
			t.Fatalf("buttons %q, %q", f.open.Text, f.folder.Text)
		}
	})
	t.Run("打开 opens the file again", func(t *testing.T) {
		opened = nil
		test.Tap(sh.files.open)
		if len(opened) != 1 || opened[0] != fileURL {
			t.Fatalf("opened %q", opened)
		}
	})
	t.Run("打开所在文件夹 opens its folder", func(t *testing.T) {
		opened = nil
		test.Tap(sh.files.folder)
		if want := filepath.Dir(target); len(opened) != 1 || opened[0] != want {
			t.Fatalf("opened %q, want %s", opened, want)
		}
	})
}

// TestSaveDialogStartsInDocuments: a kind of document never saved before starts in the user's
// Documents folder, not the home folder.
func TestSaveDialogStartsInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	p := openSection[*printScreen](t, sh, "打印中心")
	p.save("居民名册.pdf", nil, false)
	if want := filepath.Join(docs, "居民名册.pdf"); sh.lastSave.path.Text != want {
		t.Fatalf("path %q, want %q", sh.lastSave.path.Text, want)
	}
}
