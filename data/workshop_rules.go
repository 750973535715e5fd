package data

import (
	"fmt"
	"strings"
	"time"
)

// Normalize trims the product's name.
func (p *Product) Normalize() {
	p.Name = strings.TrimSpace(Fold(p.Name))
}

// Validate checks the product's name, price and material cost.
func (p Product) Validate() error {
	bad := &Invalid{}
	if p.Name == "" {
		bad.Add("品名", "不能为空")
	}
	if p.UnitPriceFen <= 0 || p.UnitPriceFen > MaxFen {
		bad.Add("单价", "应大于 0")
	}
	if p.MaterialFen < 0 || p.MaterialFen > p.UnitPriceFen {
		bad.Add("材料成本", "应在 0 到单价之间")
	}
	return bad.Err()
}

// MaxOrderQuantity bounds one order line.
const MaxOrderQuantity = 100000

// Validate checks a line's quantity and, when the line gives its own, its price (0 takes the
// catalogue's).
func (l OrderLine) Validate() error {
	bad := &Invalid{}
	l.check(bad, "")
	return bad.Err()
}

func (l OrderLine) check(bad *Invalid, prefix string) {
	if l.Quantity <= 0 || l.Quantity > MaxOrderQuantity {
		bad.Add(prefix+"数量", "应为 1 到 %d", MaxOrderQuantity)
	}
	if l.UnitPriceFen < 0 || l.UnitPriceFen > MaxFen {
		bad.Add(prefix+"单价", "金额不合理")
	}
}

// Normalize trims the customer, writes the phone and due date in their stored form and fills the
// defaults of a new order: status 已接单, split 按件.
func (o *Order) Normalize() {
	o.CustomerName = strings.TrimSpace(Fold(o.CustomerName))
	if ph, err := NormalizePhone(o.CustomerPhone); err == nil {
		o.CustomerPhone = ph
	}
	normDate(&o.Due)
	if o.Status == "" {
		o.Status = StatusAccepted
	}
	if o.SplitRule == "" {
		o.SplitRule = RuleByPieces
	}
}

// Validate checks the order and each of its lines (named by row). A new order (ID 0) starts at
// 询价 or 已接单.
func (o Order) Validate() error {
	bad := &Invalid{}
	if o.CustomerName == "" {
		bad.Add("客户", "不能为空")
	}
	if _, err := NormalizePhone(o.CustomerPhone); err != nil {
		bad.Add("客户电话", "不是有效电话")
	}
	checkDate(bad, "交货日期", o.Due, true)
	switch {
	case o.ID == 0 && o.Status != StatusInquiry && o.Status != StatusAccepted:
		bad.Add("状态", "新订单只能是 询价 或 已接单")
	case !inList(o.Status, OrderStatuses):
		bad.Add("状态", "“%s”不是订单状态", o.Status)
	}
	if !inList(o.SplitRule, SplitRules) {
		bad.Add("分配方式", "应为 按件、按产值、按工时 或 平均")
	}
	if o.RetentionBP < 0 || o.RetentionBP > 10000 {
		bad.Add("工坊留存比例", "应在 0%% 到 100%% 之间")
	}
	if len(o.Lines) == 0 {
		bad.Add("订单明细", "至少一种产品")
	}
	for i, l := range o.Lines {
		l.check(bad, fmt.Sprintf("第 %d 行", i+1))
	}
	return bad.Err()
}

// AcceptsPayment reports why the order cannot take a payment of amount 分 now, or nil: only an
// accepted, in-progress or delivered order takes money, and never more than is still due.
func (o Order) AcceptsPayment(amount int64) error {
	if o.Status != StatusAccepted && o.Status != StatusMaking && o.Status != StatusDelivered {
		return &Error{Code: CodeInvalid, Message: "只有“已接单”“制作中”“已交付”的订单可以收款（当前：" + o.Status + "）"}
	}
	if amount <= 0 {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "收款金额", Message: "应大于 0"}}}
	}
	if o.PaidFen+amount > o.TotalFen {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "收款金额", Message: fmt.Sprintf("超过未收金额 %s 元", Yuan(o.TotalFen-o.PaidFen))}}}
	}
	return nil
}

// ProductionLog is what a trainee made for an order line on a day: pieces, minutes or both.
type ProductionLog struct {
	ID        int64
	LineID    int64
	TraineeID int64
	Day       string
	Pieces    int64
	Minutes   int64
}

// Normalize writes the day in its stored form.
func (p *ProductionLog) Normalize() { normDate(&p.Day) }

// Validate checks the day and that pieces and minutes are sensible, with at least one given.
func (p ProductionLog) Validate() error {
	bad := &Invalid{}
	checkDate(bad, "日期", p.Day, true)
	if p.Pieces < 0 || p.Minutes < 0 || (p.Pieces == 0 && p.Minutes == 0) || p.Pieces > 100000 || p.Minutes > 100000 {
		bad.Add("数量", "件数和工时不能为负，且至少填一项")
	}
	return bad.Err()
}

// Normalize trims the nickname, writes the joining day in its stored form and makes a trainee
// without a skill level a 学徒.
func (t *Trainee) Normalize() {
	t.Nickname = strings.TrimSpace(Fold(t.Nickname))
	if t.SkillLevel == "" {
		t.SkillLevel = SkillLevels[0]
	}
	normDate(&t.Joined)
}

// Validate checks the trainee's person, the restricted disability fields and the skill level. An
// empty joining day is allowed: the store gives today.
func (t Trainee) Validate() error {
	bad := &Invalid{}
	if t.PersonID == 0 && t.ID == 0 {
		bad.Add("居民", "必须选择一位居民")
	}
	if t.DisabilityCategory != "" && !inList(t.DisabilityCategory, DisabilityCategories) {
		bad.Add("残疾类别", "“%s”不是有效类别", t.DisabilityCategory)
	}
	if t.DisabilityLevel != "" && !inList(t.DisabilityLevel, DisabilityLevels) {
		bad.Add("残疾等级", "“%s”不是有效等级", t.DisabilityLevel)
	}
	if !inList(t.SkillLevel, SkillLevels) {
		bad.Add("技能等级", "应为 学徒、熟练 或 骨干")
	}
	checkDate(bad, "加入日期", t.Joined, false)
	return bad.Err()
}

// Normalize writes the day in its stored form and trims the topic.
func (ts *TrainingSession) Normalize() {
	normDate(&ts.Day)
	ts.Topic = strings.TrimSpace(ts.Topic)
}

// Validate checks the lesson's day, topic, length and that someone attended.
func (ts TrainingSession) Validate() error {
	bad := &Invalid{}
	checkDate(bad, "日期", ts.Day, true)
	if ts.Topic == "" {
		bad.Add("内容", "不能为空")
	}
	if ts.Minutes <= 0 || ts.Minutes > 720 {
		bad.Add("时长", "应为 1 到 720 分钟")
	}
	if len(ts.Trainees) == 0 {
		bad.Add("出勤学员", "至少选择一位")
	}
	return bad.Err()
}

// Normalize writes the day in its stored form.
func (p *Payment) Normalize() { normDate(&p.Day) }

// Validate checks a payment as entered: its day and a positive amount. What the order still
// accepts is Order.AcceptsPayment; a reversal is made by the store, never entered.
func (p Payment) Validate() error {
	bad := &Invalid{}
	checkDate(bad, "收款日期", p.Day, true)
	if p.AmountFen <= 0 || p.AmountFen > MaxFen {
		bad.Add("收款金额", "应大于 0")
	}
	return bad.Err()
}

// Payout is money handed to a trainee for a month's earnings.
type Payout struct {
	ID        int64
	TraineeID int64
	Month     string // YYYY-MM the money is for
	Day       string // when it was handed over
	AmountFen int64
	Method    string
	Note      string // a reversal: its reason
	Username  string
	// A reversal (冲销发放) is a negative payout naming the one it reverses, made by the store.
	Reverses   int64
	ReversedBy int64 // the reversal of this payout, 0 while it stands
}

// Normalize writes the day in its stored form and trims the month.
func (p *Payout) Normalize() {
	p.Month = Fold(p.Month)
	normDate(&p.Day)
}

// Validate checks the trainee, month, day and a positive amount; whether it exceeds what the
// trainee is owed is the store's to check.
func (p Payout) Validate() error {
	bad := &Invalid{}
	if p.TraineeID == 0 {
		bad.Add("学员", "必须选择")
	}
	if _, err := time.Parse("2006-01", p.Month); err != nil {
		bad.Add("月份", "应为 YYYY-MM")
	}
	checkDate(bad, "发放日期", p.Day, true)
	if p.AmountFen <= 0 || p.AmountFen > MaxFen {
		bad.Add("发放金额", "应大于 0")
	}
	return bad.Err()
}
