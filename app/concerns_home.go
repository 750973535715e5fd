package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// concernsHome is the home screen's 民情议事 block: open and overdue concerns by 社区, the last 12
// months' 办结率, 按期办结率 and 满意率 (by count, as the README defines them), the categories that
// came up most and the hot spots.
type concernsHome struct {
	sh      *shell
	box     fyne.CanvasObject
	summary *widget.Label
	open    *barChart
	cats    *barChart
	spots   *barChart
	figures data.ConcernFigures // last loaded, for tests
}

func newConcernsHome(sh *shell) *concernsHome {
	h := &concernsHome{sh: sh, summary: widget.NewLabel(""), open: newBarChart(), cats: newBarChart(), spots: newBarChart()}
	h.summary.Wrapping = fyne.TextWrapWord
	h.spots.labelW = 180
	h.box = container.NewVBox(widget.NewSeparator(), heading(lang.L("民情议事")), h.summary,
		heading(lang.L("各社区未办结民情")), h.open,
		container.NewGridWithColumns(2, container.NewVBox(heading(lang.L("近 12 个月民情类别")), h.cats),
			container.NewVBox(heading(lang.L("民情热点（网格、地点）")), h.spots)))
	return h
}

func (h *concernsHome) refresh() {
	async(h.sh, func() (data.ConcernFigures, error) { return h.sh.store.ConcernFigures(h.sh.ctx) }, h.apply)
}

func (h *concernsHome) apply(f data.ConcernFigures) {
	h.figures = f
	open, overdue := 0, 0
	var bars []data.CommunityCount
	var late []string
	for _, c := range f.ByCommunity {
		open, overdue = open+c.Open, overdue+c.Overdue
		bars = append(bars, data.CommunityCount{Name: c.Community, Count: c.Open})
		if c.Overdue > 0 {
			late = append(late, fmt.Sprintf("%s %d", c.Community, c.Overdue))
		}
	}
	// 「—」, never 0%（0/0）, for a rate with nothing to count.
	txt := fmt.Sprintf(lang.L("未办结 %d 件，逾期 %d 件。近 12 个月（%s 起）登记 %d 件：办结率 %s，按期办结率 %s，满意率 %s，回访不满意重办 %d 次。"),
		open, overdue, f.From, f.Raised, data.PercentText(f.Resolved, f.Counted), data.PercentText(f.OnTime, f.Promised),
		data.PercentText(f.Satisfied, f.FollowUps), f.Reopened)
	if len(late) > 0 {
		txt += lang.L("逾期：") + strings.Join(late, "、")
	}
	h.summary.SetText(txt)
	h.open.SetData(bars)
	h.cats.SetData(nameCounts(f.Categories))
	h.spots.SetData(nameCounts(append(append([]data.NameCount(nil), f.Grids...), f.Places...)))
}

func nameCounts(ns []data.NameCount) []data.CommunityCount {
	out := make([]data.CommunityCount, len(ns))
	for i, n := range ns {
		out[i] = data.CommunityCount{Name: n.Name, Count: n.Count}
	}
	return out
}
