package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"linli/data"
)

var ledgerDayColumns = []Column{
	{Header: "日期", Width: 34}, {Header: "状态", Width: 34}, {Header: "摊位", Width: 13, Align: "R"}, {Header: "出摊", Width: 13, Align: "R"},
	{Header: "请假", Width: 13, Align: "R"}, {Header: "缺席", Width: 13, Align: "R"}, {Header: "违约", Width: 13, Align: "R"},
	{Header: "未录入", Width: 15, Align: "R"}, {Header: "营业额（元）", Width: 27, Align: "R"}, {Header: "摊位费（元）", Width: 24, Align: "R"},
	{Header: "公益→社区基金（元）", Width: 36, Align: "R"}, {Header: "帮扶增收（元）", Width: 32, Align: "R"},
}

var ledgerFamilyColumns = []Column{
	{Header: "户号", Width: 30}, {Header: "地址", Width: 90}, {Header: "户主", Width: 30}, {Header: "出摊次数", Width: 25, Align: "R"},
	{Header: "营业额（元）", Width: 40, Align: "R"},
}

var ledgerLineColumns = []Column{
	{Header: "日期", Width: 24}, {Header: "摊位", Width: 14, Align: "C"}, {Header: "类型", Width: 16, Align: "C"}, {Header: "摊主", Width: 34},
	{Header: "经营品类", Width: 22}, {Header: "出摊", Width: 30}, {Header: "营业额（元）", Width: 27, Align: "R"},
	{Header: "摊位费（元）", Width: 24, Align: "R"}, {Header: "备注", Width: 76},
}

// LedgerLines are a day's lines for the ledger's detail.
type LedgerLines struct {
	Day   string
	Lines []data.DayLine
}

func ledgerDayRow(d data.LedgerDay, label string) []string {
	state := "已举办"
	if d.Cancelled != "" {
		state = "取消：" + d.Cancelled
	}
	if label != "" {
		state = ""
	}
	if label == "" {
		label = dayShort(d.Day)
	}
	return []string{label, state, strconv.Itoa(d.Stalls), strconv.Itoa(d.Taken), strconv.Itoa(d.Leaves), strconv.Itoa(d.NoShows),
		strconv.Itoa(d.Violations), strconv.Itoa(d.Missing), data.Yuan(d.TakingsFen), data.Yuan(d.FeeFen), data.Yuan(d.FundFen), data.Yuan(d.HelpedFen)}
}

// dayShort writes 2026-11-28 as 2026-11-28 周六.
func dayShort(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return day + " 周" + string([]rune(weekdaysCN[t.Weekday()])[2:])
}

// MarketLedger writes the 集市台账 of a period on A4 landscape: each market day's figures and the
// totals, the 帮扶增收台账 of each family for the period, and every stall's line.
func MarketLedger(w io.Writer, m Meta, l data.MarketLedger, fams []data.HelpedFamily, days []LedgerLines) error {
	m.Landscape = true
	m.Subtitle = fmt.Sprintf("%s 至 %s · 举办 %d 次", l.From, l.To, l.Held)
	doc := NewDoc(m)
	rows := make([][]string, 0, len(l.Days)+1)
	for _, d := range l.Days {
		rows = append(rows, ledgerDayRow(d, ""))
	}
	rows = append(rows, ledgerDayRow(l.Total, "合计"))
	doc.Table(ledgerDayColumns, rows)
	doc.pdf.Ln(2)
	doc.Text(9.5, fmt.Sprintf("本期营业额 %s 元，其中公益摊位 %s 元计入社区基金、帮扶摊位 %s 元为帮扶户增收；收取摊位费 %s 元（帮扶、公益摊位免租，减免 %d 次）。",
		data.Yuan(l.Total.TakingsFen), data.Yuan(l.Total.FundFen), data.Yuan(l.Total.HelpedFen), data.Yuan(l.Total.FeeFen), l.Total.Waivers))
	doc.pdf.Ln(3)
	doc.Text(11, "帮扶增收台账")
	frows := make([][]string, 0, len(fams))
	for _, f := range fams {
		frows = append(frows, []string{f.Number, f.Address, f.Head, strconv.Itoa(len(f.Days)), data.Yuan(f.TotalFen)})
	}
	if len(frows) == 0 {
		frows = append(frows, []string{"", "本期没有帮扶户出摊", "", "", ""})
	}
	doc.Table(ledgerFamilyColumns, frows)
	doc.pdf.Ln(3)
	doc.Text(11, "摊位明细")
	var lrows [][]string
	for _, d := range days {
		for _, x := range d.Lines {
			if x.StallID == 0 && x.Attendance == "" {
				continue
			}
			came := "出摊"
			if x.Attendance != "" {
				came = x.Attendance
			}
			note := dayNote(x)
			takings, fee := yuanOrMissing(x.HasTakings, x.TakingsFen), ""
			if x.Attendance != "" {
				takings = ""
			} else if x.HasTakings {
				fee = data.Yuan(x.FeeFen)
			}
			lrows = append(lrows, []string{d.Day, x.Stall, string(x.StallKind), x.Vendor, x.Category, came, takings, fee, note})
		}
	}
	doc.Table(ledgerLineColumns, lrows)
	doc.Signatures("制表人", "审核人", "社区负责人（盖章）")
	return doc.Write(w)
}

var helpedColumns = []Column{
	{Header: "月份", Width: 18, Align: "C"}, {Header: "出摊次数", Width: 20, Align: "R"}, {Header: "营业额（元）", Width: 30, Align: "R"},
	{Header: "每次营业额（日：元）", Width: 112},
}

// HelpedIncome writes each 帮扶 household's 增收台账 for a year: per month the market days and the
// takings with each day's amount, and the year's total — what the office reports as 助人自助.
func HelpedIncome(w io.Writer, m Meta, year int, fams []data.HelpedFamily) error {
	m.Subtitle = fmt.Sprintf("%d 年 · 爱心帮扶摊位 · %d 户", year, len(fams))
	doc := NewDoc(m)
	var all int64
	for i, f := range fams {
		if i > 0 {
			doc.pdf.Ln(4)
		}
		doc.Text(11.5, fmt.Sprintf("%s　%s　户主 %s", f.Number, f.Address, f.Head))
		byMonth := make([][]string, 12)
		counts := make([]int, 12)
		for _, d := range f.Days {
			mo, _ := strconv.Atoi(d.Day[5:7])
			counts[mo-1]++
			byMonth[mo-1] = append(byMonth[mo-1], fmt.Sprintf("%s日 %s", strings.TrimPrefix(d.Day[8:], "0"), data.Yuan(d.TakingsFen)))
		}
		rows := make([][]string, 0, 13)
		for mo := 0; mo < 12; mo++ {
			if counts[mo] == 0 {
				continue
			}
			rows = append(rows, []string{fmt.Sprintf("%d 月", mo+1), strconv.Itoa(counts[mo]), data.Yuan(f.Months[mo]), strings.Join(byMonth[mo], "；")})
		}
		rows = append(rows, []string{"全年", strconv.Itoa(len(f.Days)), data.Yuan(f.TotalFen), ""})
		doc.Table(helpedColumns, rows)
		all += f.TotalFen
	}
	if len(fams) == 0 {
		doc.Text(11, "本年度没有帮扶户在爱心帮扶摊位出摊。")
	}
	doc.pdf.Ln(3)
	doc.Text(10, fmt.Sprintf("%d 年帮扶户在爱心帮扶摊位经营收入合计 %s 元（免收摊位费），助力困难家庭摆摊增收，促进助人自助。", year, data.Yuan(all)))
	doc.Signatures("制表人", "审核人", "社区负责人（盖章）")
	return doc.Write(w)
}

// MarketAllocationXLSX writes a day's allocation: every applicant in processing order with the
// stall or the reason; mask hides phones (只读).
func MarketAllocationXLSX(w io.Writer, d data.MarketDay, lines []data.DayLine, mask bool) error {
	cols := []XCol{{Header: "集市日"}, {Header: "顺序"}, {Header: "优先级"}, {Header: "摊主编号"}, {Header: "摊主"}, {Header: "电话", Text: true},
		{Header: "摊主类型"}, {Header: "经营品类"}, {Header: "摊位"}, {Header: "摊位类型"}, {Header: "未安排原因"}, {Header: "说明", Width: 40},
		{Header: "出摊情况"}, {Header: "帮扶户属性"}}
	rows := make([][]any, len(lines))
	for i, l := range lines {
		phone := l.Phone
		if mask {
			phone = data.MaskPhone(phone)
		}
		rows[i] = []any{d.Day, l.Order, data.AllocGroups[l.Group], l.VendorNumber, l.Vendor, phone, string(l.Kind), l.Category, l.Stall,
			string(l.StallKind), l.Reason, l.Detail, l.Attendance, l.Hardship}
	}
	return WriteXLSX(w, "摊位分配", cols, rows)
}

// MarketTakingsXLSX writes the takings of the days given, one row per stall held (a missing entry
// is marked 未录入, never written as zero).
func MarketTakingsXLSX(w io.Writer, days []LedgerLines) error {
	cols := []XCol{{Header: "日期"}, {Header: "摊位"}, {Header: "摊位类型"}, {Header: "摊主编号"}, {Header: "摊主"}, {Header: "经营品类"},
		{Header: "录入"}, {Header: "营业额（元）"}, {Header: "摊位费（元）"}, {Header: "计入社区基金"}, {Header: "减免批准人"}, {Header: "减免原因", Width: 30}}
	var rows [][]any
	for _, d := range days {
		for _, l := range d.Lines {
			if l.StallID == 0 {
				continue
			}
			entered, takings, fee := "已录入", any(yuanCell(l.TakingsFen)), any(yuanCell(l.FeeFen))
			if !l.HasTakings {
				entered, takings, fee = "未录入", "", ""
			}
			fund := ""
			if l.StallKind == data.StallCharity {
				fund = "是"
			}
			rows = append(rows, []any{d.Day, l.Stall, string(l.StallKind), l.VendorNumber, l.Vendor, l.Category, entered, takings, fee, fund,
				l.WaiverBy, l.WaiverReason})
		}
	}
	return WriteXLSX(w, "营业额", cols, rows)
}

// MarketViolationsXLSX writes violations with the item, who logged them and the outcome.
func MarketViolationsXLSX(w io.Writer, vs []data.Violation) error {
	cols := []XCol{{Header: "日期"}, {Header: "摊主"}, {Header: "公约版本"}, {Header: "条款"}, {Header: "条款名称"}, {Header: "值班方"},
		{Header: "记录人"}, {Header: "情况", Width: 40}, {Header: "处理"}, {Header: "暂停集市日"}, {Header: "照片", Width: 30}}
	rows := make([][]any, len(vs))
	for i, v := range vs {
		rows[i] = []any{v.Day, v.Vendor, v.PactVersion, v.Item, v.ItemTitle, v.Party, v.Recorder, v.What, string(v.Outcome), v.SuspendDays, v.Photo}
	}
	return WriteXLSX(w, "违约记录", cols, rows)
}
