package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"linli/data"
)

// The 共富集市 documents: the 摊位安排表 of a market day, the 公约 with its signature sheet, the
// 集市台账 and the 帮扶增收台账, and the Excel exports of allocation, takings and violations.

// MarketPriority is the allocation rule as printed under the 摊位安排表.
const MarketPriority = "分配规则：①爱心帮扶摊位优先安排当日户属低保户、低边户、困难家庭或残疾人家庭的帮扶户；②公益摊位安排公益名单；" +
	"③持摊位证的长期摊主；④其余申请人按报名先后。农产品摊位只安排农产品，同一品类不超过上限。未签现行公约、暂停资格或已请假者不安排。"

var weekdaysCN = []string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// dayCN writes 2026-11-28 as 2026年11月28日（星期六）.
func dayCN(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.Format("2006年1月2日") + "（" + weekdaysCN[t.Weekday()] + "）"
}

var daySheetColumns = []Column{
	{Header: "摊位", Width: 16, Align: "C"}, {Header: "类型", Width: 16, Align: "C"}, {Header: "摊主", Width: 34},
	{Header: "经营品类", Width: 24}, {Header: "联系电话", Width: 30}, {Header: "备注", Width: 60},
}

var waitColumns = []Column{
	{Header: "顺序", Width: 14, Align: "C"}, {Header: "摊主", Width: 34}, {Header: "类别", Width: 22},
	{Header: "经营品类", Width: 24}, {Header: "原因", Width: 86},
}

// MarketDaySheet writes a day's 摊位安排表: every stall of the day's layout with its vendor (on the
// public copy names masked and no phones) and, on the office's copy, who was not given a stall
// and why.
func MarketDaySheet(w io.Writer, m Meta, d data.MarketDay, stalls []data.Stall, lines []data.DayLine, public bool) error {
	m.Subtitle = fmt.Sprintf("%s %s–%s · 摊位布局第 %d 版", dayCN(d.Day), d.Start, d.End, d.LayoutVersion)
	if public {
		m.Subtitle += " · 公示版"
	}
	doc := NewDoc(m)
	if d.Cancelled != "" {
		doc.Text(16, "本集市日已取消："+d.Cancelled)
		return doc.Write(w)
	}
	if !d.Allocated {
		doc.Text(11, "（摊位尚未确认分配，以下为预览）")
	}
	holder := map[int64]data.DayLine{}
	for _, l := range lines {
		if l.StallID != 0 {
			holder[l.StallID] = l
		}
	}
	rows := make([][]string, 0, len(stalls))
	for _, st := range stalls {
		l, ok := holder[st.ID]
		if !ok {
			rows = append(rows, []string{st.Number, string(st.Kind), "（空置）", st.Category, "", ""})
			continue
		}
		name, phone := l.Vendor, data.MaskPhone(l.Phone)
		if public {
			name, phone = data.MaskName(l.Vendor), ""
		}
		rows = append(rows, []string{st.Number, string(st.Kind), name, l.Category, phone, dayNote(l)})
	}
	cols := daySheetColumns
	if public { // no phone column on the copy posted on site
		cols = append(append([]Column(nil), daySheetColumns[:4]...), Column{Header: "备注", Width: 90})
		for i, r := range rows {
			rows[i] = append(r[:4:4], r[5])
		}
	}
	doc.Table(cols, rows)
	if !public {
		var wait [][]string
		for _, l := range lines {
			if l.StallID == 0 {
				why := l.Reason
				if l.Attendance != "" {
					why = l.Attendance + "（" + l.Detail + "）"
				} else if l.Detail != "" {
					why += "：" + l.Detail
				}
				wait = append(wait, []string{strconv.Itoa(l.Order), l.Vendor, data.AllocGroups[l.Group], l.Category, why})
			}
		}
		if len(wait) > 0 {
			doc.pdf.Ln(4)
			doc.Text(11, "未安排摊位（候补按顺序递补）")
			doc.Table(waitColumns, wait)
		}
	}
	doc.pdf.Ln(3)
	doc.Text(9, MarketPriority)
	doc.Signatures("社区值班", "业委会", "物业")
	return doc.Write(w)
}

// dayNote says what happened at a stall: 递补, 免租, a waiver.
func dayNote(l data.DayLine) string {
	var notes []string
	if l.Released {
		notes = append(notes, "候补递补")
	}
	if l.StallKind.AlwaysFree() {
		notes = append(notes, "免租")
	}
	if l.StallKind == data.StallCharity {
		notes = append(notes, "营业额计入社区基金")
	}
	if l.WaiverBy != "" {
		notes = append(notes, "摊位费减免（"+l.WaiverBy+"）")
	}
	return strings.Join(notes, "；")
}

var pactSignColumns = []Column{
	{Header: "序号", Width: 12, Align: "C"}, {Header: "编号", Width: 20}, {Header: "摊主", Width: 30}, {Header: "经营品类", Width: 22},
	{Header: "签署日期", Width: 24, Align: "C"}, {Header: "见证人", Width: 30}, {Header: "本人签字", Width: 42},
}

var chineseNumbers = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// itemCN numbers an item 第一条 … 第三十条.
func itemCN(n int) string {
	switch {
	case n <= 10:
		return "第" + chineseNumbers[n] + "条"
	case n < 20:
		return "第十" + chineseNumbers[n-10] + "条"
	case n%10 == 0:
		return "第" + chineseNumbers[n/10] + "十条"
	}
	return "第" + chineseNumbers[n/10] + "十" + chineseNumbers[n%10] + "条"
}

// MarketPact writes a version of the 公约 and the signature sheet of every vendor: those who
// signed with the day and witness, the others with blank lines to sign on paper.
func MarketPact(w io.Writer, m Meta, p data.Pact, vendors []data.Vendor, sigs []data.PactSignature) error {
	m.Title = p.Title
	m.Subtitle = fmt.Sprintf("第 %d 版 · %s起施行", p.Version, dayCN(p.InForce))
	doc := NewDoc(m)
	doc.Text(11, "为共同维护小区集市的市容环境、停车和设摊秩序，实现「生活便利、城市文明、居民共富」，社区会同业委会制定本公约。"+
		"社区和业委会双向负责，物业公司现场辅助管理，小区居民全员监督。")
	doc.pdf.Ln(2)
	for _, it := range p.Items {
		doc.Text(11, itemCN(it.Number)+"　"+it.Title+"："+it.Text)
		doc.pdf.Ln(1)
	}
	doc.pdf.AddPage()
	doc.Text(13, fmt.Sprintf("公约签署表（第 %d 版）", p.Version))
	doc.pdf.Ln(2)
	signed := map[int64]data.PactSignature{}
	for _, g := range sigs {
		signed[g.VendorID] = g
	}
	rows := make([][]string, 0, len(vendors))
	for i, v := range vendors {
		g := signed[v.ID]
		rows = append(rows, []string{strconv.Itoa(i + 1), v.Number, v.Name, v.Category, g.Day, g.Witness, ""})
	}
	doc.lineH = 8
	doc.Table(pactSignColumns, rows)
	doc.lineH = 5.2
	doc.pdf.Ln(2)
	doc.Text(9.5, fmt.Sprintf("已签署 %d 人，未签署 %d 人。未签署现行公约的摊主不安排摊位。", len(sigs), len(vendors)-len(sigs)))
	doc.Signatures("社区（盖章）", "业委会（盖章）")
	return doc.Write(w)
}

// yuanOrMissing is an amount, or 未录入.
func yuanOrMissing(has bool, fen int64) string {
	if !has {
		return "未录入"
	}
	return data.Yuan(fen)
}
