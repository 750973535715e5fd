package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// newLiveShell is a shell on a freshly set-up office whose background work runs for real, beside
// the test (not inline), so that the race detector sees the window and its workers together.
func newLiveShell(t *testing.T) *shell {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "linli.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	if _, err := s.Setup(context.Background(), data.Office{Name: "城东街道办事处"}, "boss", "主任", "password1"); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1180, 760))
	sh := newShell(a, w, s)
	w.SetContent(sh.root)
	t.Cleanup(func() { sh.stop(); w.Close() })
	sh.begin()
	sh.pending.Wait()
	login(t, sh, "boss", "password1")
	if sh.actor == nil {
		t.Fatal("boss could not sign in")
	}
	return sh
}

// overlayTexts are the labels of the dialogs on show.
func overlayTexts(t *testing.T, sh *shell) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range sh.win.Canvas().Overlays().List() {
		walk(o)
	}
	return strings.Join(out, "\n")
}

// TestRestoreWaitsForWorkersAndHoldsNewOnesBack runs under `go test -race -run
// TestRestoreWaitsForWorkersAndHoldsNewOnesBack ./app/`: a worker is using the store when a
// restore starts and the home screen keeps refreshing meanwhile; none of them may meet a closed
// store, and afterwards the window runs on the restored one.
func TestRestoreWaitsForWorkersAndHoldsNewOnesBack(t *testing.T) {
	sh := newLiveShell(t)
	cs, err := sh.store.Communities(sh.ctx)
	if err != nil || len(cs) != 0 {
		t.Fatalf("communities %v %v", cs, err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := sh.store.Backup(sh.ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.AddCommunity(sh.ctx, "备份后新增的社区"); err != nil {
		t.Fatal(err)
	}

	held, gate := make(chan struct{}), make(chan struct{})
	var inFlight error
	sh.background(func() { // a worker already using the store when the restore starts
		close(held)
		<-gate
		_, inFlight = sh.store.Communities(sh.ctx)
	})
	<-held
	sh.do(func() { sh.restoreFrom(backup, "") })
	for i := 0; i < 5; i++ { // the window's own workers, started while the restore waits
		sh.do(sh.reloadCurrent)
	}
	close(gate)
	sh.pending.Wait()

	if inFlight != nil {
		t.Fatalf("the worker in flight met: %v", inFlight)
	}
	if texts := overlayTexts(t, sh); strings.Contains(texts, "出错了") || !strings.Contains(texts, "恢复完成") {
		t.Fatalf("dialogs after the restore:\n%s", texts)
	}
	if sh.actor != nil || sh.loginForm == nil {
		t.Fatal("after a restore everyone signs in again")
	}
	cs, err = sh.store.Communities(context.Background())
	if err != nil || len(cs) != 0 {
		t.Fatalf("the window is not on the restored database: %v %v", cs, err)
	}
}
