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

// communitiesPanel lets a 管理员 add the office's communities and their grids; residents, imports
// and programmes all need them.
type communitiesPanel struct {
	sh        *shell
	comms     []data.Community
	list      *widget.Label
	name      *widget.Entry
	community *keySelect
	grid      *widget.Entry
	addComm   *widget.Button
	addGrid   *widget.Button
}

func newCommunitiesPanel(sh *shell) *communitiesPanel {
	p := &communitiesPanel{sh: sh, list: widget.NewLabel(""), name: widget.NewEntry(), community: newSelect(nil, nil), grid: widget.NewEntry()}
	p.list.Wrapping = fyne.TextWrapWord
	p.name.SetPlaceHolder(lang.L("例如：东湖社区"))
	p.grid.SetPlaceHolder(lang.L("例如：东湖一网格"))
	p.addComm = widget.NewButtonWithIcon(lang.L("新增社区"), theme.ContentAddIcon(), p.onAddCommunity)
	p.addGrid = widget.NewButtonWithIcon(lang.L("新增网格"), theme.ContentAddIcon(), p.onAddGrid)
	return p
}

func (p *communitiesPanel) view() fyne.CanvasObject {
	form := widget.NewForm(widget.NewFormItem(lang.L("社区名称"), container.NewBorder(nil, nil, nil, p.addComm, p.name)),
		widget.NewFormItem(lang.L("所属社区"), p.community), widget.NewFormItem(lang.L("网格名称"), container.NewBorder(nil, nil, nil, p.addGrid, p.grid)))
	return container.NewBorder(form, nil, nil, nil, container.NewVScroll(p.list))
}

func (p *communitiesPanel) refresh() {
	async(p.sh, func() ([]data.Community, error) { return p.sh.store.Communities(p.sh.ctx) }, func(cs []data.Community) {
		p.comms = cs
		var names, lines []string
		for _, c := range cs {
			names = append(names, c.Name)
			var gs []string
			for _, g := range c.Grids {
				gs = append(gs, g.Name)
			}
			lines = append(lines, fmt.Sprintf("%s：%s", c.Name, strings.Join(gs, "、")))
		}
		if len(lines) == 0 {
			lines = []string{lang.L("还没有社区。先新增社区，再给社区添加网格。")}
		}
		sel := p.community.SelectedIndex()
		p.community.SetOptions(names)
		if len(names) > 0 {
			p.community.SetSelectedIndex(max(0, min(sel, len(names)-1)))
		}
		p.list.SetText(strings.Join(lines, "\n"))
	})
}

func (p *communitiesPanel) onAddCommunity() {
	name := p.name.Text
	async(p.sh, func() (int64, error) { return p.sh.store.AddCommunity(p.sh.ctx, name) }, func(int64) {
		p.name.SetText("")
		p.refresh()
	})
}

func (p *communitiesPanel) onAddGrid() {
	i := p.community.SelectedIndex()
	if i < 0 || i >= len(p.comms) {
		p.sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("所属社区"), Message: lang.L("请先选择社区")}}})
		return
	}
	id, name := p.comms[i].ID, p.grid.Text
	async(p.sh, func() (int64, error) { return p.sh.store.AddGrid(p.sh.ctx, id, name) }, func(int64) {
		p.grid.SetText("")
		p.refresh()
	})
}
