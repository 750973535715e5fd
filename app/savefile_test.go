package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data/sample"
)

func TestSaveDialog(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	p := openSection[*printScreen](t, sh, "打印中心")
	render := func(_ context.Context, w io.Writer) error { _, err := io.WriteString(w, "%PDF-1.4 test"); return err }
	dir := t.TempDir()

	t.Run("a full path typed in the box is where the file goes", func(t *testing.T) {
		p.save("居民名册-赞山社区.pdf", render, false)
		d := sh.lastSave
		target := filepath.Join(dir, "台账", "名册.pdf")
		if err := os.Mkdir(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		d.path.SetText("")
		test.Type(d.path, target)
		d.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		sh.pending.Wait()
		b, err := os.ReadFile(target)
		if err != nil || !strings.HasPrefix(string(b), "%PDF") {
			t.Fatalf("not written to %s: %v", target, err)
		}
		if !strings.Contains(sh.lastNotice, "已保存") || !strings.Contains(sh.lastNotice, target) {
			t.Fatalf("notice %q", sh.lastNotice)
		}
	})
	t.Run("the next save of the kind starts in that folder", func(t *testing.T) {
		p.save("居民名册.pdf", render, false)
		d := sh.lastSave
		if want := filepath.Join(dir, "台账", "居民名册.pdf"); d.path.Text != want {
			t.Fatalf("path %q, want %q", d.path.Text, want)
		}
		test.Tap(findButton(t, sh, "取消"))
	})
	t.Run("a folder that does not exist gets a Chinese message and nothing is written", func(t *testing.T) {
		p.save("志愿者名册.pdf", render, false)
		d := sh.lastSave
		missing := filepath.Join(dir, "没有这个文件夹", "名册.pdf")
		d.path.SetText(missing)
		test.Tap(d.save)
		sh.pending.Wait()
		if !d.msg.Visible() || !strings.Contains(d.msg.Text, "不存在") || strings.Contains(d.msg.Text, "内部错误") {
			t.Fatalf("message %q (shown %v)", d.msg.Text, d.msg.Visible())
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatal("a file appeared")
		}
		if !overlayShown(sh) {
			t.Fatal("the dialog closed; the path typed is lost")
		}
		press(sh, fyne.KeyEscape)
	})
	t.Run("a bare name goes into the remembered folder with its extension", func(t *testing.T) {
		got, err := checkSavePath("名册", dir, ".pdf")
		if err != nil || got != filepath.Join(dir, "名册.pdf") {
			t.Fatalf("%q, %v", got, err)
		}
	})
}

// findButton finds a button with the text in the dialog on top.
func findButton(t *testing.T, sh *shell, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(sh.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %s button", text)
	}
	return found
}

func TestFolderPickerStartsAtTheNearestExistingFolder(t *testing.T) {
	dir := t.TempDir()
	if got := browseStart(filepath.Join(dir, "不存在", "更深", "名册.pdf")); got != dir {
		t.Fatalf("start %q, want %q", got, dir)
	}
	if got := browseStart("名册.pdf"); got == "/" || got == "" && defaultSaveDir() != "" {
		t.Fatalf("a bare file name starts at %q", got)
	}
}
