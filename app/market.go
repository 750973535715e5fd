package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"linli/data"
)

// marketScreen is 共富集市: the market days with their allocation and takings
// (market_days.go, market_takings.go), the vendors and the 公约 (market_vendors.go), and the
// violations (market_violations.go), and how the market runs (market_setup.go).
type marketScreen struct {
	sh         *shell
	tabs       *container.AppTabs
	pages      []tabPage
	days       *marketDaysTab
	vendors    *marketVendorsTab
	violations *marketViolationsTab
	setup      *marketSetupTab
	out        *fileWriter
}

func newMarketScreen(sh *shell) *marketScreen {
	m := &marketScreen{sh: sh, out: newFileWriter(sh)}
	m.days = newMarketDaysTab(m)
	m.vendors = newMarketVendorsTab(m)
	m.violations = newMarketViolationsTab(m)
	m.setup = newMarketSetupTab(m)
	m.pages = []tabPage{{lang.L("集市日与摊位"), m.days.box, m.days.refresh}, {lang.L("摊主与公约"), m.vendors.box, m.vendors.refresh},
		{lang.L("违约记录"), m.violations.box, m.violations.refresh}, {lang.L("集市设置"), m.setup.box, m.setup.refresh}}
	m.tabs = newTabs(m.pages)
	return m
}

func (m *marketScreen) view() fyne.CanvasObject {
	m.out.status.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, heading(lang.L("共富集市")), nil, m.out.status)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, m.tabs))
}

func (m *marketScreen) refresh() { reloadTab(m.tabs, m.pages) }

func (m *marketScreen) canWrite() bool { return m.sh.actor.Role.Can(data.PermMarketWrite) }
