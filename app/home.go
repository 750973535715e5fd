package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// homeScreen shows today's figures: residents per community and the counts that exist so far.
type homeScreen struct {
	sh     *shell
	title  *widget.Label
	today  *widget.Label
	counts *fyne.Container
	chart  *barChart
	empty  *widget.Label
	box    fyne.CanvasObject
	stats  data.HomeStats // last loaded, for tests

	careStats data.CareStats

	rates   *barChart // 一碗汤 达标率 by month
	care    *widget.Label
	income  *barChart // workshop income by month, for roles that see the workshop
	earners *barChart
	due     *widget.Label
	ws      *fyne.Container
	loaded  bool

	children *widget.Label // 儿童项目 in one line: projects, enrolled, waiting
	sections []string      // the order the blocks show in, for tests (see homeOrder)
	concerns *concernsHome
}

// Blocks of the home screen, shown in the order that suits the role (homeOrder).
const (
	homeFigures   = "居民概况"
	homeCare      = "助老与儿童"
	homeWorkshop  = "灯彩工坊"
	homeCommunity = "各社区居民人数"
)

// homeOrder is the order of the home screen's blocks for a role: the workshop manager sees the
// workshop's figures and due orders first, the 社工 care and children; the others the residents.
func homeOrder(r data.Role) []string {
	switch r {
	case data.RoleWorkshop:
		return []string{homeWorkshop, homeFigures, homeCare, homeCommunity}
	case data.RoleStaff:
		return []string{homeCare, homeFigures, homeCommunity, homeWorkshop}
	}
	return []string{homeFigures, homeCare, homeCommunity, homeWorkshop}
}

// dateLine is today's date as the interface language writes it: 2026年11月28日 星期六, or
// Saturday 28 November 2026 (Fyne's weekday names follow the language too).
func dateLine(now time.Time) string {
	day := tr(strings.ToLower(now.Weekday().String()))
	if currentLanguage == langEn {
		return day + " " + now.Format("2 January 2006")
	}
	return now.Format("2006年1月2日") + " " + day
}

func newHomeScreen(sh *shell) *homeScreen {
	h := &homeScreen{sh: sh, title: heading(""), today: widget.NewLabel(""), counts: container.NewGridWrap(fyne.NewSize(112, 86)),
		chart: newBarChart(), empty: widget.NewLabel("")}
	h.empty.Wrapping = fyne.TextWrapWord
	h.empty.Hide()
	yuan := func(fen int) string { return data.Yuan(int64(fen)) + " 元" }
	h.income, h.earners, h.due = newBarChart(), newBarChart(), widget.NewLabel("")
	h.income.format, h.earners.format, h.earners.labelW = yuan, yuan, 180
	h.due.Wrapping = fyne.TextWrapWord
	h.ws = container.NewVBox(widget.NewSeparator(), heading(lang.L("灯彩工坊：近 12 个月收入")), h.income,
		heading(lang.L("学员今年收入")), h.earners, heading(lang.L("近期到期订单")), h.due)
	h.ws.Hide()
	h.rates, h.care = newBarChart(), widget.NewLabel("")
	h.rates.format = func(n int) string { return fmt.Sprintf("%d%%", n) }
	h.care.Wrapping = fyne.TextWrapWord
	h.children = widget.NewLabel("")
	h.children.Wrapping = fyne.TextWrapWord
	h.children.Hide()
	blocks := map[string]fyne.CanvasObject{
		homeFigures: h.counts,
		homeCare: container.NewVBox(widget.NewSeparator(), heading(lang.L("助老服务")), h.care, h.children,
			heading(lang.L("一碗汤近 12 个月达标率")), h.rates),
		homeCommunity: container.NewVBox(widget.NewSeparator(), heading(lang.L("各社区居民人数")), h.chart, h.empty),
		homeWorkshop:  h.ws,
	}
	page := container.NewVBox(h.title, h.today)
	var role data.Role
	if sh.actor != nil {
		role = sh.actor.Role
	}
	h.sections = homeOrder(role)
	for _, b := range h.sections {
		page.Add(blocks[b])
	}
	h.concerns = newConcernsHome(sh)
	page.Add(h.concerns.box)
	h.box = container.NewVScroll(container.NewPadded(page))
	return h
}

func (h *homeScreen) view() fyne.CanvasObject { return h.box }

func (h *homeScreen) refresh() {
	async(h.sh, func() (data.HomeStats, error) { return h.sh.store.HomeStats(h.sh.ctx) }, h.apply)
	async(h.sh, func() (data.CareStats, error) { return h.sh.store.CareStats(h.sh.ctx) }, h.applyCare)
	async(h.sh, func() ([]data.Programme, error) { return h.sh.store.Programmes(h.sh.ctx) }, h.applyChildren)
	h.concerns.refresh()
	if h.sh.actor.Role.Can(data.PermWorkshopView) {
		async(h.sh, func() (data.WorkshopStats, error) { return h.sh.store.WorkshopStats(h.sh.ctx) }, h.applyWorkshop)
	}
}

func (h *homeScreen) applyCare(c data.CareStats) {
	h.careStats = c
	txt := lang.L("本月还没有一碗汤配送计划。")
	if c.Round != nil {
		p := c.Progress
		txt = fmt.Sprintf(lang.L("本月一碗汤（%s %s，%s）：共 %d 户，已登记 %d 户，送达 %d 户，达标率 %s。"), tr(c.Round.SolarTerm), c.Round.Day,
			c.Round.Soup, p.Total, p.Recorded, p.Delivered, data.RateText(p.WithinStd, p.Delivered))
	}
	txt += fmt.Sprintf(lang.L("上门服务：未完成 %d 单，其中逾期 %d 单。"), c.Open, c.Overdue)
	h.care.SetText(txt)
	h.rates.SetData(c.RateByMonth)
}

// applyChildren sums up the children's programmes in one line.
func (h *homeScreen) applyChildren(ps []data.Programme) {
	if len(ps) == 0 {
		h.children.Hide()
		return
	}
	var enrolled, waiting, full int
	for _, p := range ps {
		enrolled, waiting = enrolled+p.Enrolled, waiting+p.Waiting
		if p.Capacity > 0 && p.Enrolled >= p.Capacity {
			full++
		}
	}
	h.children.SetText(fmt.Sprintf(lang.L("儿童项目：%d 个项目，在读 %d 人，候补 %d 人，已满 %d 个。"), len(ps), enrolled, waiting, full))
	h.children.Show()
}

func (h *homeScreen) applyWorkshop(w data.WorkshopStats) {
	h.income.SetData(w.IncomeByMonth)
	h.earners.SetData(w.TraineeYear)
	today := h.sh.now().Format("2006-01-02")
	var lines []string
	for _, o := range w.Due {
		mark := ""
		if o.Overdue(today) {
			mark = "【" + lang.L("逾期") + "】"
		}
		lines = append(lines, fmt.Sprintf("%s%s  %s%s  %s  %s", mark, o.Number, o.CustomerName, orgText(o.CustomerOrg), o.Due, tr(o.Status)))
	}
	if len(lines) == 0 {
		lines = []string{lang.L("近两周没有到期订单")}
	}
	h.due.SetText(strings.Join(lines, "\n"))
	h.ws.Show()
}

func (h *homeScreen) apply(st data.HomeStats) {
	h.stats, h.loaded = st, true
	h.title.SetText(st.Office)
	now := h.sh.now()
	h.today.SetText(dateLine(now) + " · " + h.sh.actor.Display)
	items := []data.CommunityCount{{Name: lang.L("居民"), Count: st.People}, {Name: lang.X("home.communities", "社区"), Count: len(st.ByCommunity)},
		{Name: lang.L("网格"), Count: st.Grids}}
	for _, t := range st.Tags {
		items = append(items, data.CommunityCount{Name: tr(t.Name), Count: t.Count})
	}
	h.counts.Objects = nil
	for _, it := range items {
		h.counts.Add(statTile(it.Name, it.Count))
	}
	h.counts.Refresh()
	h.chart.SetData(st.ByCommunity)
	if st.People == 0 {
		h.empty.SetText(lang.L("还没有居民档案。先在「设置 → 社区与网格」中添加社区和网格，再到「居民档案」中录入或从 Excel 导入。想先试用，可另建一个数据库，首次启动时选择「载入示例数据」。"))
		h.empty.Show()
	} else {
		h.empty.Hide()
	}
}

func statTile(name string, n int) fyne.CanvasObject {
	num := widget.NewLabelWithStyle(fmt.Sprint(n), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	num.SizeName = theme.SizeNameHeadingText
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 6
	return container.NewStack(bg, container.NewVBox(num, widget.NewLabelWithStyle(name, fyne.TextAlignCenter, fyne.TextStyle{})))
}
