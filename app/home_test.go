package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"linli/data/sample"
)

// TestHomeFollowsTheRole: the workshop manager sees the workshop's figures and due orders first,
// the 社工 care and children first, the administrator and 只读 the residents' figures as before.
func TestHomeFollowsTheRole(t *testing.T) {
	for _, tc := range []struct {
		user  string
		first func(h *homeScreen) fyne.CanvasObject
		what  string
	}{
		{"workshop", func(h *homeScreen) fyne.CanvasObject { return h.income }, "灯彩工坊收入"},
		{"staff", func(h *homeScreen) fyne.CanvasObject { return h.care }, "助老服务"},
		{"admin", func(h *homeScreen) fyne.CanvasObject { return h.counts }, "居民概况"},
		{"viewer", func(h *homeScreen) fyne.CanvasObject { return h.counts }, "居民概况"},
	} {
		t.Run(tc.user, func(t *testing.T) {
			sh := newTestShell(t, true)
			login(t, sh, tc.user, sample.Password)
			h, ok := sh.screens[sh.current].(*homeScreen)
			if !ok || !h.loaded {
				t.Fatal("home screen not shown after login")
			}
			sh.win.Resize(fyne.NewSize(1180, 2000)) // lay out the blocks shown after loading
			d := fyne.CurrentApp().Driver()
			y := func(o fyne.CanvasObject) float32 { return d.AbsolutePositionForObject(o).Y }
			first := tc.first(h)
			if !first.Visible() {
				t.Fatalf("%s is not shown", tc.what)
			}
			others := []fyne.CanvasObject{h.counts, h.care, h.children, h.chart}
			if h.ws.Visible() {
				others = append(others, h.income, h.due)
			}
			for _, o := range others {
				if o != first && o.Visible() && y(o) < y(first) {
					t.Errorf("%s (y=%v) is not first: %T at y=%v", tc.what, y(first), o, y(o))
				}
			}
		})
	}
	t.Run("社工 sees the children's programmes beside care", func(t *testing.T) {
		sh := newTestShell(t, true)
		login(t, sh, "staff", sample.Password)
		h := sh.screens[sh.current].(*homeScreen)
		if !h.children.Visible() || h.children.Text == "" {
			t.Fatalf("children line %q shown %v", h.children.Text, h.children.Visible())
		}
	})
}
