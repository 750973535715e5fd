package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// withNotes is a name followed by its non-empty notes in brackets: 「林语嫣（南苑社区）」, never
// 「林语嫣（南苑社区，）」 or 「林语嫣（）」.
func withNotes(name string, notes ...string) string {
	var kept []string
	for _, n := range notes {
		if n = strings.TrimSpace(n); n != "" {
			kept = append(kept, n)
		}
	}
	if len(kept) == 0 {
		return name
	}
	if currentLanguage == langEn {
		return name + " (" + strings.Join(kept, ", ") + ")"
	}
	return name + "（" + strings.Join(kept, "，") + "）"
}

// personPicker finds a resident by the search box rules, optionally only within an age range.
type personPicker struct {
	sh      *shell
	search  *widget.Entry
	found   *keySelect
	matches []data.Person
	picked  func(data.Person)
	filter  func() data.PeopleFilter // the base filter (an age range); nil: everyone
	showAge bool
}

func newPersonPicker(sh *shell, picked func(data.Person)) *personPicker {
	p := &personPicker{sh: sh, search: widget.NewEntry(), found: newSelect(nil, nil), picked: picked}
	p.search.SetPlaceHolder(lang.L("姓名、拼音首字母或电话尾号，回车查找"))
	p.search.OnSubmitted = func(string) { p.find() }
	p.found.OnChanged = func(string) {
		if i := p.found.SelectedIndex(); i >= 0 && i < len(p.matches) {
			p.picked(p.matches[i])
		}
	}
	return p
}

func (p *personPicker) view() fyne.CanvasObject {
	file := widget.NewButtonWithIcon("", theme.FileIcon(), func() { // the picked resident's 一人一档
		if i := p.found.SelectedIndex(); i >= 0 && i < len(p.matches) {
			openResidentFile(p.sh, p.matches[i].ID)
		}
	})
	return container.NewVBox(container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.SearchIcon(), p.find), p.search),
		container.NewBorder(nil, nil, nil, file, p.found))
}

func (p *personPicker) label(x data.Person) string {
	if p.showAge {
		age := ""
		if a := x.Age(p.sh.now()); a >= 0 {
			age = fmt.Sprintf(lang.L("%d 岁"), a)
		}
		return withNotes(x.Name, age, x.Community)
	}
	return withNotes(x.Name, x.Community, data.MaskPhone(x.Phone))
}

func (p *personPicker) find() {
	f := data.PeopleFilter{}
	if p.filter != nil {
		f = p.filter()
	}
	f.Query, f.Limit = p.search.Text, 50
	async(p.sh, func() ([]data.Person, error) { return p.sh.store.People(p.sh.ctx, f) }, func(ps []data.Person) {
		p.matches = ps
		var opts []string
		for _, x := range ps {
			opts = append(opts, p.label(x))
		}
		p.found.ClearSelected()
		p.found.SetOptions(opts)
		if len(opts) > 0 && strings.TrimSpace(f.Query) != "" {
			p.found.SetSelectedIndex(0)
		}
	})
}

// choice is one entry of a choicePicker: what is saved, the resident it is, and its text.
type choice struct {
	id          int64
	personID    int64
	label       string
	recommended bool // a suggestion marked 推荐 (派单 preselects only such a one)
}

// choicePicker is a drop-down over a list already loaded (服务对象, volunteers) with a search box
// above it that narrows the list by the registry search's rules (name, pinyin initials, digits).
type choicePicker struct {
	sh     *shell
	search *widget.Entry
	sel    *keySelect
	all    []choice
	shown  []choice
	seq    int
}

func newChoicePicker(sh *shell, all []choice) *choicePicker {
	p := &choicePicker{sh: sh, search: widget.NewEntry(), sel: newSelect(nil, nil), all: all}
	p.search.SetPlaceHolder(lang.L("输入姓名或拼音首字母筛选"))
	p.search.OnChanged = p.narrow
	p.show(all)
	return p
}

func (p *choicePicker) view() fyne.CanvasObject { return container.NewVBox(p.search, p.sel) }

// selected is the chosen entry.
func (p *choicePicker) selected() (choice, bool) {
	i := p.sel.SelectedIndex()
	if i < 0 || i >= len(p.shown) {
		return choice{}, false
	}
	return p.shown[i], true
}

// selectID selects the entry with this id, if shown.
func (p *choicePicker) selectID(id int64) {
	for i, c := range p.shown {
		if c.id == id {
			p.sel.SetSelectedIndex(i)
		}
	}
}

func (p *choicePicker) show(cs []choice) {
	keep, had := p.selected()
	p.shown = cs
	var opts []string
	for _, c := range cs {
		opts = append(opts, c.label)
	}
	p.sel.ClearSelected()
	p.sel.PlaceHolder = lang.L("（请选择）")
	if len(opts) == 0 {
		p.sel.PlaceHolder = lang.L("（没有符合的人）")
	}
	p.sel.SetOptions(opts)
	if had {
		p.selectID(keep.id)
	}
	if p.sel.SelectedIndex() < 0 && len(opts) > 0 && strings.TrimSpace(p.search.Text) != "" {
		p.sel.SetSelectedIndex(0)
	}
}

// narrow shows the entries whose resident the search text finds; the newest search wins.
func (p *choicePicker) narrow(q string) {
	p.seq++
	seq := p.seq
	if strings.TrimSpace(q) == "" {
		p.show(p.all)
		return
	}
	async(p.sh, func() (map[int64]bool, error) { return p.sh.store.MatchPeople(p.sh.ctx, q) }, func(ids map[int64]bool) {
		if seq != p.seq {
			return
		}
		var cs []choice
		for _, c := range p.all {
			if ids[c.personID] {
				cs = append(cs, c)
			}
		}
		p.show(cs)
	})
}
