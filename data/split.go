package data

import (
	"fmt"
	"sort"
	"strings"
)

// Split rules: how the trainees' part of a payment is shared.
const (
	RuleByPieces  = "按件"
	RuleByMinutes = "按工时"
	RuleEqual     = "平均"
	RuleByValue   = "按产值" // pieces weighted by their line's unit price: a 680-元 宫灯 counts more than a 120-元 荷花灯
)

// SplitRules lists the rules in the order forms offer them.
var SplitRules = []string{RuleByPieces, RuleByValue, RuleByMinutes, RuleEqual}

// MaxFen bounds one payment: ten million 元.
const MaxFen = 1_000_000_000

// Share is one trainee's weight in a split.
type Share struct {
	TraineeID int64
	Number    string // trainee number: the fixed tie-break
	Name      string
	Weight    int64 // pieces, minutes, or 1 for equal
}

// SplitInput is everything a split depends on; it is frozen with the split.
type SplitInput struct {
	Payment     int64 // 分, > 0
	Materials   int64 // 分 of this payment that covers materials, 0 ≤ Materials ≤ Payment
	RetentionBP int64 // the workshop's rate in basis points of (Payment − Materials), 0–10000
	Rule        string
	Shares      []Share
	// The order the payment belongs to, for the formula's words (0 when not known).
	OrderTotal, OrderMaterials int64
}

// SplitLine is one trainee's part.
type SplitLine struct {
	Share
	Amount int64 // 分
}

// SplitResult is how a payment divides: materials + retention + Σ lines = payment, exactly.
type SplitResult struct {
	Materials int64
	Retention int64
	Trainees  int64 // the trainees' part, = Σ Lines
	Lines     []SplitLine
}

// ComputeSplit divides a payment. The workshop's retention is rounded down; the trainees' part is
// shared by weight with the largest-remainder method in whole 分, ties going to the lower trainee
// number, so that each trainee gets within 1 分 of the exact quota and the lines add up exactly.
// Trainees with weight 0 get nothing; all-zero weights and a zero payment are refused.
func ComputeSplit(in SplitInput) (SplitResult, error) {
	bad := &Invalid{}
	if in.Payment <= 0 || in.Payment > MaxFen {
		bad.Add("收款金额", "应在 0.01 元到 1000 万元之间")
	}
	if in.Materials < 0 || in.Materials > in.Payment {
		bad.Add("材料费", "应在 0 到收款金额之间")
	}
	if in.RetentionBP < 0 || in.RetentionBP > 10000 {
		bad.Add("工坊留存比例", "应在 0%% 到 100%% 之间")
	}
	var total int64
	for _, s := range in.Shares {
		if s.Weight < 0 || s.Weight > MaxFen {
			bad.Add("分配依据", "%s 的数量不合理", s.Name)
		}
		total += s.Weight
	}
	if total == 0 {
		bad.Add("分配依据", "还没有学员的生产记录（件数或工时都为 0），无法分配")
	}
	if err := bad.Err(); err != nil {
		return SplitResult{}, err
	}
	r := SplitResult{Materials: in.Materials}
	net := in.Payment - in.Materials
	r.Retention = net * in.RetentionBP / 10000 // both non-negative: division rounds down
	r.Trainees = net - r.Retention
	type rem struct {
		i   int
		rem int64
	}
	var rems []rem
	var given int64
	for _, s := range in.Shares {
		if s.Weight == 0 {
			continue
		}
		exact := r.Trainees * s.Weight // ≤ 10^9 · 10^9 < 2^63
		line := SplitLine{Share: s, Amount: exact / total}
		given += line.Amount
		r.Lines = append(r.Lines, line)
		rems = append(rems, rem{len(r.Lines) - 1, exact % total})
	}
	sort.SliceStable(rems, func(a, b int) bool {
		if rems[a].rem != rems[b].rem {
			return rems[a].rem > rems[b].rem
		}
		return r.Lines[rems[a].i].Number < r.Lines[rems[b].i].Number
	})
	for k := int64(0); k < r.Trainees-given; k++ { // fewer than len(rems) 分 are left
		r.Lines[rems[k].i].Amount++
	}
	sort.SliceStable(r.Lines, func(a, b int) bool { return r.Lines[a].Number < r.Lines[b].Number })
	return r, nil
}

// Yuan formats 分 as 元 with two decimals: 123456 → "1,234.56".
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	y := fmt.Sprint(fen / 100)
	var b strings.Builder
	for i, c := range y {
		if i > 0 && (len(y)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s%s.%02d", sign, b.String(), fen%100)
}

// ParseYuan reads an amount typed in 元 ("1234.5", "1,234.56", "￥30") into 分, refusing more
// than two decimals; it never goes through a float.
func ParseYuan(s string) (int64, error) {
	s = strings.NewReplacer(",", "", "，", "", "￥", "", "¥", "", "元", "", " ", "").Replace(Fold(s))
	if s == "" {
		return 0, invalidf("金额不能为空")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || (frac != "" && !allDigits(frac)) || len(frac) > 2 || len(whole) > 10 {
		return 0, invalidf("“%s”不是有效金额（最多两位小数）", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	var fen int64
	for _, c := range whole + frac {
		fen = fen*10 + int64(c-'0')
	}
	if neg {
		fen = -fen
	}
	return fen, nil
}

// Formula explains a split in words, as the window shows it before saving. Each amount keeps its
// 元 on the same line.
func (r SplitResult) Formula(in SplitInput) string {
	var b strings.Builder
	if in.OrderTotal > 0 {
		fmt.Fprintf(&b, "收款 %s；材料费按收款比例扣除：收款 %s × 材料成本 %s ÷ 订单金额 %s = %s（向下取整到分）；可分配 %s；",
			yuanCN(in.Payment), yuanCN(in.Payment), yuanCN(in.OrderMaterials), yuanCN(in.OrderTotal), yuanCN(r.Materials), yuanCN(in.Payment-r.Materials))
	} else {
		fmt.Fprintf(&b, "收款 %s − 材料 %s = 可分配 %s；", yuanCN(in.Payment), yuanCN(r.Materials), yuanCN(in.Payment-r.Materials))
	}
	fmt.Fprintf(&b, "工坊留存 %d.%02d%%（向下取整到分）= %s；学员合计 %s，%s分配：", in.RetentionBP/100, in.RetentionBP%100,
		yuanCN(r.Retention), yuanCN(r.Trainees), in.Rule)
	var total int64
	for _, l := range r.Lines {
		total += l.Weight
	}
	unit := map[string]string{RuleByPieces: "件", RuleByMinutes: "分钟", RuleEqual: "份"}[in.Rule]
	for i, l := range r.Lines {
		if i > 0 {
			b.WriteString("；")
		}
		if in.Rule == RuleByValue { // the weight is the pieces' value in 分
			fmt.Fprintf(&b, "%s 产值 %s/%s → %s", l.Name, yuanCN(l.Weight), yuanCN(total), yuanCN(l.Amount))
			continue
		}
		fmt.Fprintf(&b, "%s %d%s/%d%s → %s", l.Name, l.Weight, unit, total, unit, yuanCN(l.Amount))
	}
	b.WriteString("。尾差按最大余数法逐分补足，余数相同时按学员编号先后。")
	return b.String()
}
