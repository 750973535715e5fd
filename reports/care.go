package reports

import (
	"fmt"
	"io"
	"strconv"

	"linli/assets"
	"linli/data"
)

var deliveryColumns = []Column{
	{Header: "序号", Width: 10, Align: "C"},
	{Header: "服务对象", Width: 30},
	{Header: "住址", Width: 52},
	{Header: "电话", Width: 26},
	{Header: "汤品", Width: 26},
	{Header: "出发时间", Width: 18},
	{Header: "送达时间", Width: 18},
	{Header: "签字", Width: 10},
}

// SoupRoster writes the 一碗汤配送单 for a round: one section per volunteer, with the recipient's
// address and phone (the volunteer needs them) and blank columns to fill in on the way.
func SoupRoster(w io.Writer, m Meta, r data.SoupRound, ds []data.Delivery, standard int) error {
	if m.Title == "" {
		m.Title = "「老宝贝一碗汤」配送单"
	}
	m.Subtitle = fmt.Sprintf("%s · %s（%s）· %s · 共 %d 户 · %d 分钟必达", r.Month, r.Day, r.SolarTerm, r.Soup, len(ds), standard)
	d := NewDoc(m)
	for i := 0; i < len(ds); {
		j := i
		for j < len(ds) && ds[j].VolunteerID == ds[i].VolunteerID {
			j++
		}
		d.pdf.SetFont(assets.FontName, "", 12)
		d.pdf.CellFormat(0, 9, fmt.Sprintf("志愿者：%s（%d 户）", ds[i].Volunteer, j-i), "", 1, "L", false, 0, "")
		var rows [][]string
		for k, x := range ds[i:j] {
			rows = append(rows, []string{strconv.Itoa(k + 1), x.Recipient, x.Address, x.Phone, r.Soup, "", "", ""})
		}
		d.Table(deliveryColumns, rows)
		d.pdf.Ln(3)
		i = j
	}
	if len(ds) == 0 {
		d.Text(12, "本轮还没有配送名单：请先在窗口中“生成配送单”。")
	}
	d.Text(9.5, "说明：出发时记下时间，送到老人手中再记下时间；10 分钟内送达为达标。老人不在家请注明，社区将安排回访。\n"+
		"本配送单是工作用表，载有老人的完整电话，供送汤志愿者联系老人（其他名册和导出表中电话一律脱敏）；只有社工和管理员可以打印，用后请收回，不外传。")
	d.Signatures("制表人", "厨师代表", "日期")
	return d.Write(w)
}

var careLedgerColumns = []Column{
	{Header: "序号", Width: 11, Align: "C"},
	{Header: "日期", Width: 22, Align: "C"},
	{Header: "服务项目", Width: 30},
	{Header: "服务对象", Width: 30},
	{Header: "服务内容", Width: 34},
	{Header: "志愿者", Width: 20},
	{Header: "时长", Width: 20, Align: "R"},
	{Header: "结果", Width: 38},
	{Header: "记录人", Width: 16, Align: "C"},
	{Header: "备注", Width: 46},
}

// CareLedger writes the monthly 助老服务台账 with totals.
func CareLedger(w io.Writer, m Meta, rows []data.CareLedgerRow) error {
	m.Landscape = true
	if m.Title == "" {
		m.Title = "助老服务台账"
	}
	d := NewDoc(m)
	var table [][]string
	total, delivered, fixed := 0, 0, 0
	for i, r := range rows {
		total += r.Minutes
		if r.Item == "一碗汤配送" && r.Minutes > 0 {
			delivered++
		}
		if r.Fixed {
			fixed = r.Minutes
		}
		who := r.Recipient
		if r.Where != "" {
			who += "（" + r.Where + "）"
		}
		table = append(table, []string{strconv.Itoa(i + 1), r.Day, r.Item, who, r.Content, r.Volunteer, Hours(r.Minutes), r.Result, r.Recorder, r.Note})
	}
	table = append(table, []string{"合计", "", fmt.Sprintf("%d 项", len(rows)), "", fmt.Sprintf("送达 %d 户", delivered), "", Hours(total), "", "", ""})
	d.Table(careLedgerColumns, table)
	note := "说明：上门服务的时长为实际用时。"
	if fixed > 0 {
		note = fmt.Sprintf("说明：一碗汤配送每送达一户按 %s 计入志愿服务时长（不按路上实际用时，实际用时见“结果”栏）；上门服务的时长为实际用时。", Hours(fixed))
	}
	d.Text(9.5, note)
	d.Signatures("记录人", "社区负责人", "日期")
	return d.Write(w)
}

// DeliveriesXLSX exports a round's deliveries.
func DeliveriesXLSX(w io.Writer, r data.SoupRound, ds []data.Delivery, standard int) error {
	cols := []XCol{{Header: "月份", Width: 9}, {Header: "日期", Width: 12}, {Header: "汤品", Width: 14}, {Header: "志愿者", Width: 10},
		{Header: "服务对象", Width: 10}, {Header: "住址", Width: 36}, {Header: "电话", Width: 15, Text: true}, {Header: "出发", Width: 20},
		{Header: "送达", Width: 20}, {Header: "结果", Width: 8}, {Header: "达标", Width: 6}, {Header: "备注", Width: 20}}
	out := make([][]any, len(ds))
	for i, x := range ds {
		ok := ""
		if x.Outcome == data.OutcomeDelivered {
			ok = "否"
			if data.WithinStandard(x, durationMinutes(standard)) {
				ok = "是"
			}
		}
		out[i] = []any{r.Month, r.Day, r.Soup, x.Volunteer, x.Recipient, x.Address, data.MaskPhone(x.Phone), x.LeftAt, x.ArrivedAt, x.Outcome, ok, x.Note}
	}
	return WriteXLSX(w, "配送记录", cols, out)
}

// ServicesXLSX exports home-service requests.
func ServicesXLSX(w io.Writer, rs []data.ServiceRequest) error {
	cols := []XCol{{Header: "编号", Width: 7}, {Header: "服务对象", Width: 10}, {Header: "类型", Width: 9}, {Header: "渠道", Width: 9},
		{Header: "内容", Width: 24}, {Header: "点单时间", Width: 20}, {Header: "期限", Width: 20}, {Header: "志愿者", Width: 10},
		{Header: "完成时间", Width: 20}, {Header: "用时（分钟）", Width: 10}, {Header: "满意度", Width: 9}, {Header: "状态", Width: 8}}
	out := make([][]any, len(rs))
	for i, r := range rs {
		out[i] = []any{r.ID, r.Recipient, r.Type, r.Channel, r.Detail, r.RequestedAt, r.DueAt, r.Volunteer, r.DoneAt, r.Minutes, r.Satisfaction, r.Stage()}
	}
	return WriteXLSX(w, "上门服务", cols, out)
}
