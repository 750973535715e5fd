package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// overlayShown reports whether a dialog is on show in the shell's window.
func overlayShown(sh *shell) bool { return sh.win.Canvas().Overlays().Top() != nil }

func TestPanicInButtonIsRecoveredAndKeepsInput(t *testing.T) {
	sh := newTestShell(t, false)
	typed := widget.NewEntry()
	boom := widget.NewButton("炸", func() { panic("screen bug") })
	sh.guardTree(container.NewVBox(typed, container.NewHBox(boom)))
	test.Type(typed, "写了一半的地址")

	test.Tap(boom)

	if sh.panics.Load() != 1 || !overlayShown(sh) {
		t.Fatalf("panic not reported: %d recovered, dialog %v", sh.panics.Load(), overlayShown(sh))
	}
	if typed.Text != "写了一半的地址" {
		t.Fatalf("input lost: %q", typed.Text)
	}
	sh.panics.Store(0) // expected
}

func TestPanicInTableCellIsRecovered(t *testing.T) {
	sh := newTestShell(t, false)
	var rows []string
	table := widget.NewTable(func() (int, int) { return 3, 1 }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(rows[id.Row]) })
	sh.guardTree(table)
	sh.win.SetContent(table)

	sh.win.Canvas().(test.WindowlessCanvas).Capture()

	if sh.panics.Load() == 0 {
		t.Fatal("the out-of-range cell was not recovered")
	}
	sh.panics.Store(0) // expected
}

func TestPanicInBackgroundWorkShowsErrorAndFinishes(t *testing.T) {
	sh := newTestShell(t, false)
	applied, finished := false, false
	async(sh, func() (int, error) { panic("store bug") }, func(int) { applied = true }, func() { finished = true })
	sh.pending.Wait()
	if applied || !finished || sh.panics.Load() != 1 || !overlayShown(sh) {
		t.Fatalf("applied %v, finished %v, panics %d, dialog %v", applied, finished, sh.panics.Load(), overlayShown(sh))
	}
	sh.panics.Store(0) // expected
}

func TestPanicInAppliedResultIsRecovered(t *testing.T) {
	sh := newTestShell(t, false)
	async(sh, func() (int, error) { return 1, nil }, func(int) { panic("apply bug") })
	sh.pending.Wait()
	if sh.panics.Load() != 1 || !overlayShown(sh) {
		t.Fatalf("panics %d, dialog %v", sh.panics.Load(), overlayShown(sh))
	}
	sh.panics.Store(0) // expected
}
