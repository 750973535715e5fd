package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data/sample"
)

// findHeading finds the screen title (see heading) showing text in the tree under o.
func findHeading(o fyne.CanvasObject, text string) *widget.Label {
	if l, ok := o.(*widget.Label); ok && l.Text == text && l.SizeName == theme.SizeNameSubHeadingText {
		return l
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if l := findHeading(c, text); l != nil {
			return l
		}
	}
	return nil
}

// TestEmptyStatusLineTakesNoRow: under the titles of 儿童项目 and 助老服务 an empty status line
// used to take a row of its own from the lists; it now shares the title's row.
func TestEmptyStatusLineTakesNoRow(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	for _, tc := range []struct {
		section string
		status  func() *widget.Label
	}{
		{"助老服务", func() *widget.Label { return openSection[*careScreen](t, sh, "助老服务").out.status }},
		{"儿童项目", func() *widget.Label { return openSection[*childrenScreen](t, sh, "儿童项目").out.status }},
	} {
		t.Run(tc.section, func(t *testing.T) {
			status := tc.status()
			title := findHeading(sh.win.Content(), tc.section)
			if title == nil {
				t.Fatalf("no title %s", tc.section)
			}
			d := fyne.CurrentApp().Driver()
			ty, sy := d.AbsolutePositionForObject(title).Y, d.AbsolutePositionForObject(status).Y
			if status.Text != "" || sy != ty {
				t.Errorf("status %q at y=%v, title at y=%v: not on the title's row", status.Text, sy, ty)
			}
		})
	}
}
