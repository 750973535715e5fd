package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/data"
)

// The 爱心岗位 documents: 岗位一览, the matching result with its lottery seed, the season's 爱心岗位
// 台账 and the Excel export. The two certificates use Certificates (certificate.go).

var postListColumns = []Column{
	{Header: "序号", Width: 10, Align: "C"},
	{Header: "商铺", Width: 30},
	{Header: "岗位", Width: 28},
	{Header: "类型", Width: 16, Align: "C"},
	{Header: "工作内容", Width: 50},
	{Header: "最低年龄", Width: 14, Align: "C"},
	{Header: "名额", Width: 11, Align: "C"},
	{Header: "日期", Width: 30, Align: "C"},
	{Header: "时间", Width: 30, Align: "C"},
	{Header: "指导人", Width: 16},
	{Header: "时薪（元）", Width: 16, Align: "R"},
	{Header: "安全提示", Width: 16},
}

// PostsList writes the 岗位一览 of a season, A4 landscape.
func PostsList(w io.Writer, m Meta, posts []data.Post) error {
	m.Landscape = true
	d := NewDoc(m)
	rows := make([][]string, len(posts))
	places := 0
	for i, p := range posts {
		pay := "—"
		if p.Kind == data.PostPaid {
			pay = data.Yuan(p.PayPerHour)
		}
		places += p.Places
		rows[i] = []string{strconv.Itoa(i + 1), p.Shop, p.Title, string(p.Kind), p.Work, strconv.Itoa(p.MinAge), strconv.Itoa(p.Places),
			p.From + "\n至 " + p.To, data.WeekdaysString(uint8(p.Weekdays)) + "\n" + p.Start + "–" + p.End + "（" + Hours(p.DayMinutes) + "）",
			p.Supervisor, pay, p.Safety}
	}
	d.Table(postListColumns, rows)
	d.pdf.Ln(3)
	d.Text(10, fmt.Sprintf("共 %d 个岗位、%d 个名额。未满十六周岁不安排有报酬岗位；未成年人须经监护人同意，不在 20:00 至次日 06:00 工作，每日不超过 8 小时、每周不超过 40 小时。", len(posts), places))
	d.Signatures("制表人", "审核人", "社区负责人（盖章）")
	return d.Write(w)
}

var placementColumns = []Column{
	{Header: "序号", Width: 12, Align: "C"},
	{Header: "学生", Width: 20},
	{Header: "学校 · 年级", Width: 42},
	{Header: "优先", Width: 24},
	{Header: "状态", Width: 16, Align: "C"},
	{Header: "录用岗位", Width: 52},
	{Header: "志愿", Width: 12, Align: "C"},
	{Header: "说明", Width: 89},
}

// Placements writes a season's matching result: each confirmed run's day and seed (so that anyone
// can re-run it), then every student with where they were placed or why not.
func Placements(w io.Writer, m Meta, runs []data.MatchRecord, apps []data.Application) error {
	m.Landscape = true
	d := NewDoc(m)
	if len(runs) == 0 {
		d.Text(10, "本年度尚未确认匹配。")
	}
	for _, r := range runs {
		d.Text(10, fmt.Sprintf("匹配日期 %s · 抽签种子 %d · 录用 %d 人、未录用 %d 人 · 确认人 %s。以同一日期和种子重新运行，结果相同。",
			r.Day, r.Seed, r.Placed, r.Unplaced, r.Username))
	}
	d.pdf.Ln(2)
	rows := make([][]string, 0, len(apps))
	for i, a := range apps {
		post, rank := "", ""
		if a.PostID != 0 {
			post, rank = a.Shop+"「"+a.Post+"」", strconv.Itoa(a.PlacedRank)
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), a.Student, a.School + " · " + a.Grade, a.Hardship, string(a.State), post, rank, a.Reason})
	}
	d.Table(placementColumns, rows)
	d.pdf.Ln(3)
	d.Text(10, "规则：低保户、低边户、困难家庭（以匹配日为准）的学生和困境儿童优先，其余学生随后；同组内按抽签顺序依次按志愿录用，岗位不超过名额。")
	d.Signatures("经办人", "监督人", "社区负责人（盖章）")
	return d.Write(w)
}

var postsLedgerColumns = []Column{
	{Header: "序号", Width: 10, Align: "C"},
	{Header: "商铺 · 岗位", Width: 50},
	{Header: "类型", Width: 16, Align: "C"},
	{Header: "学生", Width: 20},
	{Header: "状态", Width: 16, Align: "C"},
	{Header: "工时", Width: 22, Align: "R"},
	{Header: "时薪（分）", Width: 20, Align: "R"},
	{Header: "报酬（分）", Width: 22, Align: "R"},
	{Header: "评价", Width: 30},
	{Header: "证明编号", Width: 25},
	{Header: "备注", Width: 36},
}

// LedgerLine is one line of the 爱心岗位台账 (a placed student, or a post nobody took).
type LedgerLine struct {
	Post        data.Post
	App         data.Application // zero when nobody was placed
	Certificate string
}

// PostsLedger writes the season's 爱心岗位台账: posts, students, hours, pay in 分, completions.
func PostsLedger(w io.Writer, m Meta, lines []LedgerLine) error {
	m.Landscape = true
	d := NewDoc(m)
	rows := make([][]string, 0, len(lines))
	var minutes, completed int
	var pay int64
	for i, l := range lines {
		a := l.App
		var p int64
		if l.Post.Kind == data.PostPaid {
			p = data.PostPay(a.Minutes, l.Post.PayPerHour)
		}
		minutes, pay = minutes+a.Minutes, pay+p
		if a.State == data.AppCompleted {
			completed++
		}
		eval := a.EvalGrade
		if a.EvalRemark != "" {
			eval += "：" + a.EvalRemark
		}
		note := a.Reason
		if a.ID == 0 {
			note = "无人录用"
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Post.Shop + " · " + l.Post.Title, string(l.Post.Kind), a.Student, string(a.State),
			Hours(a.Minutes), strconv.FormatInt(l.Post.PayPerHour, 10), strconv.FormatInt(p, 10), eval, l.Certificate, note})
	}
	d.Table(postsLedgerColumns, rows)
	d.pdf.Ln(3)
	d.Text(10, fmt.Sprintf("合计：工时 %s，报酬 %d 分（%s 元），完成 %d 人。", Hours(minutes), pay, data.Yuan(pay), completed))
	d.Signatures("制表人", "审核人", "社区负责人（盖章）")
	return d.Write(w)
}

// PostsColumns are the columns of the 爱心岗位 export.
var PostsColumns = []XCol{{"年度", 8, false}, {"学生", 12, false}, {"学校", 22, false}, {"年级", 10, false}, {"优先", 14, false},
	{"志愿", 40, false}, {"状态", 10, false}, {"录用商铺", 22, false}, {"录用岗位", 20, false}, {"工时（小时）", 12, false},
	{"报酬（分）", 12, false}, {"评价", 10, false}, {"说明", 40, false}}

// PostsXLSX writes a season's applications; titles names each post ID for the choices column.
func PostsXLSX(w io.Writer, apps []data.Application, posts map[int64]data.Post) error {
	rows := make([][]any, len(apps))
	for i, a := range apps {
		var choices []string
		for r, c := range a.Choices {
			choices = append(choices, fmt.Sprintf("%d. %s「%s」", r+1, posts[c].Shop, posts[c].Title))
		}
		var pay int64
		if p := posts[a.PostID]; p.Kind == data.PostPaid {
			pay = data.PostPay(a.Minutes, p.PayPerHour)
		}
		rows[i] = []any{a.Season, a.Student, a.School, a.Grade, a.Hardship, strings.Join(choices, "；"), string(a.State), a.Shop, a.Post,
			strings.TrimSuffix(Hours(a.Minutes), " 小时"), pay, a.EvalGrade, a.Reason}
	}
	return WriteXLSX(w, "爱心岗位", PostsColumns, rows)
}
