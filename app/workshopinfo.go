package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// workshopPanel lets a 管理员 name the workshop (共富工坊), its host community and the craft it
// trains; its ledgers, payout slips, order confirmations and training certificates print them.
type workshopPanel struct {
	sh          *shell
	comms       []data.Community
	name, craft *widget.Entry
	community   *keySelect
	save        *widget.Button
	communityID int64 // the saved host community, selected once the list arrives
}

func newWorkshopPanel(sh *shell) *workshopPanel {
	p := &workshopPanel{sh: sh, name: widget.NewEntry(), craft: widget.NewEntry(), community: newSelect(nil, nil)}
	p.name.SetPlaceHolder(lang.L("例如：城东社区共富工坊"))
	p.craft.SetPlaceHolder(lang.L("例如：灯彩制作技艺（印在培训证书上）"))
	p.save = widget.NewButton(lang.L("保存工坊信息"), p.onSave)
	p.save.Importance = widget.HighImportance
	return p
}

func (p *workshopPanel) view() fyne.CanvasObject {
	form := widget.NewForm(widget.NewFormItem(lang.L("工坊名称"), p.name), widget.NewFormItem(lang.L("所在社区"), p.community),
		widget.NewFormItem(lang.L("培训技艺"), p.craft))
	note := widget.NewLabel(lang.L("工坊名称印在工坊收入台账、收入分配单、订单确认单和培训证书上；未填写时这些文书会注明“尚未设置工坊名称”，也不能出具培训证书。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(form, p.save, note)
}

type workshopSettings struct {
	id    data.WorkshopIdentity
	comms []data.Community
}

func (p *workshopPanel) refresh() {
	async(p.sh, func() (workshopSettings, error) {
		id, err := p.sh.store.WorkshopIdentity(p.sh.ctx)
		if err != nil {
			return workshopSettings{}, err
		}
		cs, err := p.sh.store.Communities(p.sh.ctx)
		return workshopSettings{id, cs}, err
	}, func(ws workshopSettings) {
		p.comms = ws.comms
		opts := []string{lang.L("（不指定）")}
		sel := 0
		for i, c := range ws.comms {
			opts = append(opts, c.Name)
			if c.ID == ws.id.CommunityID {
				sel = i + 1
			}
		}
		p.community.SetOptions(opts)
		p.community.SetSelectedIndex(sel)
		p.name.SetText(ws.id.Name)
		p.craft.SetText(ws.id.Craft)
	})
}

func (p *workshopPanel) onSave() {
	w := data.WorkshopIdentity{Name: p.name.Text, Craft: p.craft.Text}
	if i := p.community.SelectedIndex(); i > 0 && i <= len(p.comms) {
		w.CommunityID = p.comms[i-1].ID
	}
	async(p.sh, func() (struct{}, error) { return struct{}{}, p.sh.store.SaveWorkshopIdentity(p.sh.ctx, w) }, func(struct{}) {
		dialog.ShowInformation(lang.L("已保存"), lang.L("工坊信息已保存，之后打印的工坊文书将使用新的名称。"), p.sh.win)
	})
}
