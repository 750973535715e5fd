package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// barChart draws horizontal bars, one per item, with the label on the left and the count on the
// right.
type barChart struct {
	widget.BaseWidget
	items  []data.CommunityCount
	format func(int) string // the value label; plain number by default
	labelW float32
}

func newBarChart() *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetData replaces the bars.
func (c *barChart) SetData(items []data.CommunityCount) {
	c.items = items
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{chart: c}
	r.build()
	return r
}

type barRenderer struct {
	chart  *barChart
	labels []*canvas.Text
	bars   []*canvas.Rectangle
	counts []*canvas.Text
	objs   []fyne.CanvasObject
}

const barRow = 30

func (r *barRenderer) build() {
	r.labels, r.bars, r.counts, r.objs = nil, nil, nil, nil
	size := theme.TextSize()
	for _, it := range r.chart.items {
		l := canvas.NewText(it.Name, theme.Color(theme.ColorNameForeground))
		l.TextSize = size
		b := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		b.CornerRadius = 3
		label := fmt.Sprint(it.Count)
		if it.Count == data.NoData {
			label = "—"
		} else if r.chart.format != nil {
			label = r.chart.format(it.Count)
		}
		n := canvas.NewText(label, theme.Color(theme.ColorNameForeground))
		n.TextSize = size
		r.labels, r.bars, r.counts = append(r.labels, l), append(r.bars, b), append(r.counts, n)
		r.objs = append(r.objs, l, b, n)
	}
}

func (r *barRenderer) Layout(size fyne.Size) {
	maxCount := 1
	for _, it := range r.chart.items {
		maxCount = max(maxCount, it.Count)
	}
	labelW := max(r.chart.labelW, 110)
	countW := float32(110)
	avail := size.Width - labelW - countW
	for i, it := range r.chart.items {
		y := float32(i) * barRow
		r.labels[i].Move(fyne.NewPos(0, y+4))
		w := avail * float32(max(it.Count, 0)) / float32(maxCount)
		if it.Count > 0 {
			w = max(w, 2)
		}
		r.bars[i].Move(fyne.NewPos(labelW, y+5))
		r.bars[i].Resize(fyne.NewSize(w, barRow-10))
		r.counts[i].Move(fyne.NewPos(labelW+w+6, y+4))
	}
}

func (r *barRenderer) MinSize() fyne.Size {
	return fyne.NewSize(320, float32(len(r.chart.items))*barRow)
}

func (r *barRenderer) Refresh() {
	r.build()
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barRenderer) Destroy()                     {}
