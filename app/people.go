package app

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// peopleScreen is the 居民档案: a table that loads only the pages it shows, so it stays fast at
// 100,000 rows, with one search box, filters and sortable columns.
type peopleScreen struct {
	sh        *shell
	search    *widget.Entry
	community *keySelect
	grid      *keySelect
	tag       *keySelect
	table     *widget.Table
	count     *widget.Label
	add       *widget.Button
	box       fyne.CanvasObject

	comms   []data.Community
	filter  data.PeopleFilter
	total   int
	pages   map[int][]data.Person
	loading map[int]bool
	gen     int // bumped on every new filter; late pages of an older one are dropped
}

const peoplePage = 100

var peopleHeaders = []string{"姓名", "性别", "年龄", "身份证号", "联系电话", "社区", "网格", "住址", "标签"}
var peopleWidths = []float32{90, 70, 56, 160, 120, 100, 120, 270, 140}

// sortable columns: header index → PeopleFilter.Sort
var peopleSorts = map[int]string{0: "name", 2: "birth", 5: "community"}

func newPeopleScreen(sh *shell) *peopleScreen {
	p := &peopleScreen{sh: sh, search: widget.NewEntry(), community: newSelect(nil, nil), grid: newSelect(nil, nil),
		tag: newSelect(append([]string{lang.L("全部标签")}, data.KnownTags...), nil), count: widget.NewLabel(""),
		pages: map[int][]data.Person{}, loading: map[int]bool{}}
	p.search.SetPlaceHolder(lang.L("搜索：姓名、拼音首字母（如 wxy）、全拼、证件号或电话尾号"))
	p.search.OnChanged = func(string) { p.reload() }
	p.tag.SetSelectedIndex(0)
	p.tag.OnChanged = func(string) { p.reload() }
	p.community.OnChanged = func(string) { p.fillGrids(); p.reload() }
	p.grid.OnChanged = func(string) { p.reload() }
	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return p.total, len(peopleHeaders) },
		func() fyne.CanvasObject { return newCellLabel() },
		p.updateCell)
	p.table.ShowHeaderColumn = false
	p.table.StickyColumnCount = 1 // 姓名 stays in view while scrolling right to 标签
	p.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	p.table.UpdateHeader = p.updateHeader
	for i, w := range peopleWidths {
		p.table.SetColumnWidth(i, w)
	}
	p.table.OnSelected = func(id widget.TableCellID) {
		p.table.UnselectAll()
		if person, ok := p.at(id.Row); ok {
			openPersonForm(sh, person.ID, p.reload)
		}
	}
	p.add = widget.NewButtonWithIcon(lang.L("新增居民"), theme.ContentAddIcon(), func() { openPersonForm(sh, 0, p.reload) })
	p.add.Importance = widget.HighImportance
	imp := widget.NewButtonWithIcon(lang.L("导入 Excel/CSV"), theme.UploadIcon(), func() { openImportWizard(sh, data.ImportPeople, p.reload) })
	batches := widget.NewButtonWithIcon(lang.L("导入记录"), theme.HistoryIcon(), func() { openBatches(sh, p.reload) })
	if !sh.actor.Role.Can(data.PermPeopleWrite) {
		p.add.Disable()
		imp.Disable()
		batches.Disable()
	}
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(p.community, p.grid, p.tag), p.search)
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("居民档案")), container.NewHBox(p.add, imp, batches)), filters, p.count)
	p.box = container.NewPadded(container.NewBorder(top, nil, nil, nil, p.table))
	return p
}

func (p *peopleScreen) view() fyne.CanvasObject { return p.box }

func (p *peopleScreen) refresh() {
	async(p.sh, func() ([]data.Community, error) { return p.sh.store.Communities(p.sh.ctx) }, func(cs []data.Community) {
		p.comms = cs
		opts := []string{lang.L("全部社区")}
		for _, c := range cs {
			opts = append(opts, c.Name)
		}
		sel := p.community.SelectedIndex()
		p.community.OnChanged = nil
		p.community.SetOptions(opts)
		p.community.SetSelectedIndex(max(sel, 0))
		p.community.OnChanged = func(string) { p.fillGrids(); p.reload() }
		p.fillGrids()
		p.reload()
	})
}

func (p *peopleScreen) fillGrids() {
	opts := []string{lang.L("全部网格")}
	if i := p.community.SelectedIndex(); i > 0 {
		for _, g := range p.comms[i-1].Grids {
			opts = append(opts, g.Name)
		}
	}
	p.grid.OnChanged = nil
	p.grid.SetOptions(opts)
	p.grid.SetSelectedIndex(0)
	p.grid.OnChanged = func(string) { p.reload() }
}

// currentFilter reads the search box and filters.
func (p *peopleScreen) currentFilter() data.PeopleFilter {
	f := data.PeopleFilter{Query: p.search.Text, Sort: p.filter.Sort, Desc: p.filter.Desc}
	if i := p.community.SelectedIndex(); i > 0 && i <= len(p.comms) {
		c := p.comms[i-1]
		f.CommunityID = c.ID
		if j := p.grid.SelectedIndex(); j > 0 && j <= len(c.Grids) {
			f.GridID = c.Grids[j-1].ID
		}
	}
	if i := p.tag.SelectedIndex(); i > 0 {
		f.Tag = p.tag.Selected
	}
	return f
}

// reload counts the matches and loads the first page; other pages load as they scroll into view.
func (p *peopleScreen) reload() {
	p.filter = p.currentFilter()
	p.gen++
	gen, f := p.gen, p.filter
	type first struct {
		total int
		page  []data.Person
	}
	async(p.sh, func() (first, error) {
		n, err := p.sh.store.CountPeople(p.sh.ctx, f)
		if err != nil {
			return first{}, err
		}
		f.Limit = peoplePage
		page, err := p.sh.store.People(p.sh.ctx, f)
		return first{n, page}, err
	}, func(r first) {
		if gen != p.gen {
			return
		}
		p.total = r.total
		p.pages = map[int][]data.Person{0: r.page}
		p.loading = map[int]bool{}
		p.count.SetText(fmt.Sprintf(lang.L("共 %d 人"), r.total) + " · " + p.sortText())
		p.table.ScrollToTop()
		p.table.ScrollToLeading()
		p.table.Refresh()
	})
}

func (p *peopleScreen) at(row int) (data.Person, bool) {
	page, ok := p.pages[row/peoplePage]
	if !ok || row%peoplePage >= len(page) {
		return data.Person{}, false
	}
	return page[row%peoplePage], true
}

func (p *peopleScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*cellLabel)
	person, ok := p.at(id.Row)
	if !ok {
		l.SetText("…")
		p.loadPage(id.Row / peoplePage)
		return
	}
	l.SetText(personCell(person, id.Col, p.sh.now()))
}

func personCell(person data.Person, col int, now time.Time) string {
	switch col {
	case 0:
		return person.Name
	case 1:
		return tr(person.Sex)
	case 2:
		if a := person.Age(now); a >= 0 {
			return strconv.Itoa(a)
		}
		return ""
	case 3:
		return data.MaskID(person.IDNumber)
	case 4:
		return data.MaskPhone(person.Phone)
	case 5:
		return person.Community
	case 6:
		return person.Grid
	case 7:
		return person.Address
	case 8:
		return joinWords(person.Tags)
	}
	return ""
}

func (p *peopleScreen) loadPage(page int) {
	if p.loading[page] {
		return
	}
	p.loading[page] = true
	gen, f := p.gen, p.filter
	f.Offset, f.Limit = page*peoplePage, peoplePage
	async(p.sh, func() ([]data.Person, error) { return p.sh.store.People(p.sh.ctx, f) }, func(ps []data.Person) {
		if gen != p.gen {
			return
		}
		p.pages[page] = ps
		p.table.Refresh()
	})
}

func (p *peopleScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		return
	}
	title := tr(peopleHeaders[id.Col])
	sortKey, sortable := peopleSorts[id.Col]
	if sortable {
		title += " " + p.sortArrow(sortKey)
	}
	b.SetText(title)
	b.Importance = widget.LowImportance
	if !sortable {
		b.OnTapped = nil
		return
	}
	b.OnTapped = func() { p.sortBy(sortKey) }
}

// sortBy sorts by a column; tapping the same column again reverses the order.
func (p *peopleScreen) sortBy(key string) {
	if p.filter.Sort == key {
		p.filter.Desc = !p.filter.Desc
	} else {
		p.filter.Sort, p.filter.Desc = key, false
	}
	p.reload()
}

// sortArrow is a sortable header's mark: ▲ or ▼ on the column the table is sorted by, ⇅ on the
// others (tap to sort).
func (p *peopleScreen) sortArrow(key string) string {
	switch {
	case p.filter.Sort != key:
		return "⇅"
	case p.filter.Desc:
		return "▼"
	}
	return "▲"
}

// sortText says how the table is sorted, beside the count.
func (p *peopleScreen) sortText() string {
	for col, key := range peopleSorts {
		if key == p.filter.Sort {
			return fmt.Sprintf(lang.L("按%s排序"), tr(peopleHeaders[col])) + " " + p.sortArrow(key)
		}
	}
	return lang.L("按登记顺序")
}
