package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data/sample"
	"linli/version"
)

// labelTexts collects the text of every label in the tree under o.
func labelTexts(o fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out[l.Text] = true
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// TestAboutShowsVersionAndDatabase: every role's 设置 has a 关于 tab naming the version and the
// database file it works on.
func TestAboutShowsVersionAndDatabase(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "viewer", sample.Password)
	s := openSection[*settingsScreen](t, sh, "设置")
	found := false
	for _, tab := range s.tabs.Items {
		if tab.Text != "关于" {
			continue
		}
		texts := labelTexts(tab.Content)
		for _, want := range []string{version.Version, version.CommitID(), sh.store.Path()} {
			if !texts[want] {
				t.Errorf("关于 lacks %q", want)
			}
		}
		found = true
	}
	if !found {
		t.Fatal("设置 has no 关于 tab for a read-only account")
	}
}
