package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// householdsScreen is 户籍: every household (一户一档) with its head, members today and the
// attributes holding today, searched by 户号, address or a member's name, filtered by community
// and attribute, and paged as the registry is (a count, then pages of 100 as they scroll into
// view). A row opens the household page.
type householdsScreen struct {
	sh        *shell
	search    *widget.Entry
	community *keySelect
	kind      *keySelect
	table     *widget.Table
	count     *widget.Label
	box       fyne.CanvasObject

	comms   []data.Community
	filter  data.HouseholdFilter
	total   int
	pages   map[int][]data.Household
	loading map[int]bool
	gen     int // bumped on every new filter; late pages of an older one are dropped
	opened  *householdPage
}

const householdsPage = 100

var householdHeaders = []string{"户号", "户主", "人数", "社区", "网格", "住址", "户属性"}
var householdWidths = []float32{100, 90, 50, 100, 120, 320, 200}

func newHouseholdsScreen(sh *shell) *householdsScreen {
	h := &householdsScreen{sh: sh, search: widget.NewEntry(), community: newSelect(nil, nil), count: widget.NewLabel(""),
		kind:  newSelect(append([]string{lang.L("全部户属性")}, trWords(data.HouseholdAttributeKinds)...), nil),
		pages: map[int][]data.Household{}, loading: map[int]bool{}}
	h.search.SetPlaceHolder(lang.L("搜索：户号、住址或成员姓名"))
	h.search.OnChanged = func(string) { h.reload() }
	h.kind.SetSelectedIndex(0)
	h.kind.OnChanged = func(string) { h.reload() }
	h.table = newHeaderTable(householdHeaders, householdWidths, func() int { return h.total }, h.cell)
	h.table.OnSelected = func(id widget.TableCellID) {
		h.table.UnselectAll()
		if hh, ok := h.at(id.Row); ok {
			h.opened = openHouseholdPage(sh, hh.ID, h.reload)
		}
	}
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(h.community, h.kind), h.search)
	top := container.NewVBox(heading(lang.L("户籍 · 一户一档")), filters, h.count)
	h.box = container.NewPadded(container.NewBorder(top, nil, nil, nil, h.table))
	return h
}

func (h *householdsScreen) view() fyne.CanvasObject { return h.box }

func (h *householdsScreen) refresh() {
	async(h.sh, func() ([]data.Community, error) { return h.sh.store.Communities(h.sh.ctx) }, func(cs []data.Community) {
		h.comms = cs
		opts := []string{lang.L("全部社区")}
		for _, c := range cs {
			opts = append(opts, c.Name)
		}
		sel := h.community.SelectedIndex()
		h.community.OnChanged = nil
		h.community.SetOptions(opts)
		h.community.SetSelectedIndex(max(sel, 0))
		h.community.OnChanged = func(string) { h.reload() }
		h.reload()
	})
}

func (h *householdsScreen) currentFilter() data.HouseholdFilter {
	f := data.HouseholdFilter{Query: strings.TrimSpace(h.search.Text)}
	if i := h.community.SelectedIndex(); i > 0 && i <= len(h.comms) {
		f.CommunityID = h.comms[i-1].ID
	}
	if i := h.kind.SelectedIndex(); i > 0 {
		f.Kind = data.HouseholdAttributeKinds[i-1]
	}
	return f
}

// reload counts the matches and loads the first page; other pages load as they scroll into view.
func (h *householdsScreen) reload() {
	h.filter = h.currentFilter()
	h.gen++
	gen, f := h.gen, h.filter
	type first struct {
		total int
		page  []data.Household
	}
	async(h.sh, func() (first, error) {
		n, err := h.sh.store.CountHouseholds(h.sh.ctx, f)
		if err != nil {
			return first{}, err
		}
		f.Limit = householdsPage
		page, err := h.sh.store.Households(h.sh.ctx, f)
		return first{n, page}, err
	}, func(r first) {
		if gen != h.gen {
			return
		}
		h.total = r.total
		h.pages = map[int][]data.Household{0: r.page}
		h.loading = map[int]bool{}
		h.count.SetText(fmt.Sprintf(lang.L("共 %d 户"), r.total))
		h.table.ScrollToTop()
		h.table.Refresh()
	})
}

func (h *householdsScreen) at(row int) (data.Household, bool) {
	page, ok := h.pages[row/householdsPage]
	if !ok || row%householdsPage >= len(page) {
		return data.Household{}, false
	}
	return page[row%householdsPage], true
}

// cell is the text of a cell; a row not yet loaded shows … and loads its page.
func (h *householdsScreen) cell(row, col int) string {
	hh, ok := h.at(row)
	if !ok {
		h.loadPage(row / householdsPage)
		return "…"
	}
	switch col {
	case 0:
		return hh.Number
	case 1:
		return hh.Head
	case 2:
		return strconv.Itoa(hh.Members)
	case 3:
		return hh.Community
	case 4:
		return hh.Grid
	case 5:
		return hh.AddressLine()
	}
	return joinWords(hh.Attributes)
}

func (h *householdsScreen) loadPage(page int) {
	if h.loading[page] {
		return
	}
	h.loading[page] = true
	gen, f := h.gen, h.filter
	f.Offset, f.Limit = page*householdsPage, householdsPage
	async(h.sh, func() ([]data.Household, error) { return h.sh.store.Households(h.sh.ctx, f) }, func(hs []data.Household) {
		if gen != h.gen {
			return
		}
		h.pages[page] = hs
		h.table.Refresh()
	})
}
