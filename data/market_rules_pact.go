package data

import (
	"fmt"
	"strings"
)

// The 共富集市公约 and its violations: the types, Normalize and Validate, and the ladder of
// outcomes (提醒 → 警告 → 暂停) the office configures in MarketRules.

// ViolationOutcome is what a violation leads to.
type ViolationOutcome string

// The outcomes, mildest first.
const (
	OutcomeRemind  ViolationOutcome = "提醒"
	OutcomeWarn    ViolationOutcome = "警告"
	OutcomeSuspend ViolationOutcome = "暂停"
)

// OutcomeFor is the outcome of a vendor's nth violation in a year under the rules, and for a
// suspension how many market days it lasts.
func (r MarketRules) OutcomeFor(nth int) (ViolationOutcome, int) {
	switch {
	case nth >= r.SuspendAfter:
		return OutcomeSuspend, r.SuspendDays
	case nth >= r.WarnAfter:
		return OutcomeWarn, 0
	}
	return OutcomeRemind, 0
}

// PactItem is one numbered item of the 公约.
type PactItem struct {
	Number int
	Title  string // 市容环境
	Text   string
}

// Pact is one version of the 共富集市公约.
type Pact struct {
	ID        int64
	Version   int
	Title     string
	InForce   string // the first day it binds
	Items     []PactItem
	CreatedBy string
	Signed    int // vendors who signed it (filled by queries)
}

// Normalize trims the text and numbers the items 1, 2, 3 … in their order.
func (p *Pact) Normalize() {
	p.Title = strings.TrimSpace(p.Title)
	normDate(&p.InForce)
	for i := range p.Items {
		p.Items[i].Number = i + 1
		p.Items[i].Title, p.Items[i].Text = strings.TrimSpace(p.Items[i].Title), strings.TrimSpace(p.Items[i].Text)
	}
}

// Validate checks a pact: a title, the day it comes into force, 1 to 30 items each with a title
// and a text.
func (p Pact) Validate() error {
	bad := &Invalid{}
	if n := len([]rune(p.Title)); n < 2 || n > 40 {
		bad.Add("公约名称", "应为 2 到 40 个字")
	}
	checkDate(bad, "生效日期", p.InForce, true)
	if len(p.Items) == 0 || len(p.Items) > 30 {
		bad.Add("条款", "公约应有 1 到 30 条")
	}
	for i, it := range p.Items {
		if it.Title == "" || len([]rune(it.Title)) > 20 {
			bad.Add(fmt.Sprintf("第 %d 条标题", i+1), "应为 1 到 20 个字")
		}
		if it.Text == "" {
			bad.Add(fmt.Sprintf("第 %d 条内容", i+1), "请写明条款内容")
		}
	}
	return bad.Err()
}

// DutyParties are who may be on duty at the market and log a violation.
var DutyParties = []string{"社区", "业委会", "物业"}

// Violation is a breach of an item of the pact, logged by the person on duty.
type Violation struct {
	ID          int64
	VendorID    int64
	Vendor      string // filled by queries
	Day         string
	PactID      int64
	PactVersion int // filled by queries
	Item        int
	ItemTitle   string // filled by queries
	Party       string // 社区, 业委会 or 物业
	Recorder    string
	What        string
	Photo       string // a photo file's path, optional
	Outcome     ViolationOutcome
	SuspendDays int
}

// Normalize trims the text.
func (v *Violation) Normalize() {
	v.Party, v.Recorder, v.What, v.Photo = strings.TrimSpace(v.Party), strings.TrimSpace(v.Recorder), strings.TrimSpace(v.What), strings.TrimSpace(v.Photo)
	normDate(&v.Day)
}

// Validate checks a violation before the store works out its outcome.
func (v Violation) Validate() error {
	bad := &Invalid{}
	if v.VendorID == 0 {
		bad.Add("摊主", "请选择摊主")
	}
	checkDate(bad, "日期", v.Day, true)
	if v.Item < 1 {
		bad.Add("公约条款", "请选择违反的条款")
	}
	if !inList(v.Party, DutyParties) {
		bad.Add("值班方", "应为 社区、业委会 或 物业")
	}
	if n := len([]rune(v.Recorder)); n < 2 || n > 20 {
		bad.Add("记录人", "应为 2 到 20 个字")
	}
	if len([]rune(v.What)) < 2 {
		bad.Add("情况", "请写明发生了什么")
	}
	if len(v.Photo) > 260 {
		bad.Add("照片", "文件路径过长")
	}
	return bad.Err()
}
