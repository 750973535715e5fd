package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"linli/data"
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

// TestMonthWithoutDataShowsADash: a month without deliveries has no 达标率; it shows 「—」, not 0%.
func TestMonthWithoutDataShowsADash(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart()
	c.format = func(n int) string { return fmt.Sprintf("%d%%", n) }
	c.SetData([]data.CommunityCount{{Name: "2026-11", Count: 90}, {Name: "2026-12", Count: data.NoData}})
	c.Resize(fyne.NewSize(600, 80))
	var texts []string
	for _, o := range test.TempWidgetRenderer(t, c).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			texts = append(texts, tx.Text)
		}
	}
	if got := strings.Join(texts, " "); got != "2026-11 90% 2026-12 —" {
		t.Fatalf("bars read %q", got)
	}
}

// A round planned but not yet delivered has nothing to measure: its 达标率 reads 「—」.
func TestHomeRateOfARoundWithoutDeliveriesIsADash(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	h := sh.screens[sh.current].(*homeScreen)
	h.applyCare(data.CareStats{Round: &data.SoupRound{SolarTerm: "大雪", Day: "2026-12-07", Soup: "萝卜汤"},
		Progress: data.RoundSummary{Total: 12}})
	if !strings.Contains(h.care.Text, "达标率 —") || strings.Contains(h.care.Text, "0%") {
		t.Fatalf("care line %q", h.care.Text)
	}
}
