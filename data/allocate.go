package data

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
)

// MaterialsFor is the part of an order's cumulative paid amount that covers materials. Materials
// are deducted in proportion to the payment: paid × material cost ÷ order total, rounded down to
// the 分, so a fully paid order has deducted exactly its material cost, however it was paid.
func MaterialsFor(paid, orderTotal, orderMaterials int64) int64 {
	if paid <= 0 || orderTotal <= 0 || orderMaterials <= 0 {
		return 0
	}
	if paid >= orderTotal {
		return orderMaterials
	}
	return mulDiv(paid, orderMaterials, orderTotal)
}

// mulDiv is a·b÷c rounded down, for 0 ≤ a < c and 0 ≤ b: the product may pass 2^63, the quotient
// (less than b) does not.
func mulDiv(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, _ := bits.Div64(hi, lo, uint64(c))
	return int64(q)
}

// Allocation is one payment's part of its order's cumulative split.
type Allocation struct {
	Cumulative SplitInput  // the order's split payments so far, this one included
	Whole      SplitResult // their exact split by the frozen rule
	Before     SplitResult // what the earlier splits gave each party
	Part       SplitResult // this payment's split: Whole − Before, party by party
	Amount     int64       // this payment
}

// Allocate splits a payment against its order's cumulative paid amount: the cumulative amount
// (what earlier splits covered, plus this payment; cum.Payment) is split exactly with
// ComputeSplit, and each party gets its share of that less what the earlier splits already gave
// it. So after the last payment every party holds its share of the whole, whatever the schedule.
// The parts add up exactly to the payment; one can be negative when production logged since an
// earlier payment moved the shares.
func Allocate(cum SplitInput, amount int64, before SplitResult) (Allocation, error) {
	a := Allocation{Cumulative: cum, Before: before, Amount: amount}
	if amount <= 0 || amount > cum.Payment {
		return a, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "收款金额", Message: "应大于 0 且不超过累计收款"}}}
	}
	whole, err := ComputeSplit(cum)
	if err != nil {
		return a, err
	}
	a.Whole = whole
	a.Part = SplitResult{Materials: whole.Materials - before.Materials, Retention: whole.Retention - before.Retention,
		Trainees: whole.Trainees - before.Trainees}
	byID := map[int64]int{}
	for _, l := range whole.Lines {
		byID[l.TraineeID] = len(a.Part.Lines)
		a.Part.Lines = append(a.Part.Lines, l)
	}
	for _, l := range before.Lines {
		i, ok := byID[l.TraineeID]
		if !ok {
			l.Weight, l.Amount = 0, 0
			byID[l.TraineeID], i = len(a.Part.Lines), len(a.Part.Lines)
			a.Part.Lines = append(a.Part.Lines, l)
		}
		a.Part.Lines[i].Amount -= l.Amount
	}
	kept := a.Part.Lines[:0]
	for _, l := range a.Part.Lines {
		if l.Weight > 0 || l.Amount != 0 {
			kept = append(kept, l)
		}
	}
	a.Part.Lines = kept
	sort.SliceStable(a.Part.Lines, func(i, j int) bool { return a.Part.Lines[i].Number < a.Part.Lines[j].Number })
	if a.Part.Materials+a.Part.Retention+a.Part.Trainees != amount {
		return a, internal(fmt.Errorf("allocation of %d: parts %+v, earlier splits %+v", amount, a.Part, before))
	}
	return a, nil
}

// first reports whether nothing was split before this payment.
func (a Allocation) first() bool {
	return a.Before.Materials == 0 && a.Before.Retention == 0 && a.Before.Trainees == 0 && len(a.Before.Lines) == 0 &&
		a.Cumulative.Payment == a.Amount
}

// Formula explains the allocation in words: the cumulative split, then (after earlier payments)
// what this payment adds to each party.
func (a Allocation) Formula() string {
	if a.first() {
		return a.Whole.Formula(a.Cumulative)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "本笔收款 %s，连同此前已分配的 %s，累计 %s 按订单规则整体分配。", yuanCN(a.Amount), yuanCN(a.Cumulative.Payment-a.Amount),
		yuanCN(a.Cumulative.Payment))
	b.WriteString(a.Whole.Formula(a.Cumulative))
	fmt.Fprintf(&b, "本笔 = 累计应得 − 此前已分：材料 %s，工坊留存 %s", yuanCN(a.Part.Materials), yuanCN(a.Part.Retention))
	for _, l := range a.Part.Lines {
		fmt.Fprintf(&b, "，%s %s", l.Name, yuanCN(l.Amount))
	}
	fmt.Fprintf(&b, "，合计 %s。", yuanCN(a.Amount))
	return b.String()
}

// yuanCN is an amount with its unit, kept on one line: "1,342.58元" (no space for a line to break at).
func yuanCN(fen int64) string { return Yuan(fen) + "元" }

// ReversalFormula explains a reversal: every part of the original split, taken back.
func ReversalFormula(paymentID int64, reason string, neg SplitResult, amount int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "冲销第 %d 笔收款", paymentID)
	if reason = strings.TrimSpace(reason); reason != "" {
		fmt.Fprintf(&b, "（原因：%s）", reason)
	}
	fmt.Fprintf(&b, "：收款 %s，材料 %s，工坊留存 %s，学员合计 %s", yuanCN(amount), yuanCN(neg.Materials), yuanCN(neg.Retention), yuanCN(neg.Trainees))
	for i, l := range neg.Lines {
		sep := "，"
		if i == 0 {
			sep = "：其中 "
		}
		fmt.Fprintf(&b, "%s%s %s", sep, l.Name, yuanCN(l.Amount))
	}
	b.WriteString("。冲销只退回原分配的各部分，不重新计算。")
	return b.String()
}
