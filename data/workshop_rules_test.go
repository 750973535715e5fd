package data

import (
	"errors"
	"testing"
)

func TestProductRules(t *testing.T) {
	ok := Product{Name: "荷花灯", UnitPriceFen: 12000, MaterialFen: 3000}
	with := func(f func(*Product)) Product { p := ok; f(&p); return p }
	runRules(t, []ruleCase{
		{"valid", ok, nil},
		{"no name", with(func(p *Product) { p.Name = "" }), []string{"品名"}},
		{"free", with(func(p *Product) { p.UnitPriceFen, p.MaterialFen = 0, 0 }), []string{"单价"}},
		{"materials above price", with(func(p *Product) { p.MaterialFen = 12001 }), []string{"材料成本"}},
		{"negative materials", with(func(p *Product) { p.MaterialFen = -1 }), []string{"材料成本"}},
	})
}

func TestProductNormalizeTrimsAndFoldsTheName(t *testing.T) {
	p := Product{Name: "　荷花灯 "}
	p.Normalize()
	if p.Name != "荷花灯" {
		t.Errorf("name = %q", p.Name)
	}
}

func ruleOrder() Order {
	o := Order{CustomerName: " 城东小学 ", CustomerPhone: "138 0013 8000", Due: "2026/5/1",
		Lines: []OrderLine{{ProductID: 1, Quantity: 10}}}
	o.Normalize()
	return o
}

func TestOrderNormalize(t *testing.T) {
	o := ruleOrder()
	if o.CustomerName != "城东小学" || o.Due != "2026-05-01" || o.Status != StatusAccepted || o.SplitRule != RuleByPieces {
		t.Errorf("normalized order = %+v", o)
	}
	if o.CustomerPhone == "138 0013 8000" {
		t.Errorf("phone not normalized: %q", o.CustomerPhone)
	}
}

func TestOrderRules(t *testing.T) {
	with := func(f func(*Order)) Order { o := ruleOrder(); f(&o); return o }
	runRules(t, []ruleCase{
		{"valid", ruleOrder(), nil},
		{"inquiry", with(func(o *Order) { o.Status = StatusInquiry }), nil},
		{"no customer", with(func(o *Order) { o.CustomerName = "" }), []string{"客户"}},
		{"bad phone", with(func(o *Order) { o.CustomerPhone = "12" }), []string{"客户电话"}},
		{"bad due date", with(func(o *Order) { o.Due = "下周" }), []string{"交货日期"}},
		{"new order already made", with(func(o *Order) { o.Status = StatusMaking }), []string{"状态"}},
		{"unknown rule", with(func(o *Order) { o.SplitRule = "抽签" }), []string{"分配方式"}},
		{"retention over 100%", with(func(o *Order) { o.RetentionBP = 10001 }), []string{"工坊留存比例"}},
		{"no lines", with(func(o *Order) { o.Lines = nil }), []string{"订单明细"}},
		{"lines named by row", with(func(o *Order) {
			o.Lines = []OrderLine{{Quantity: 1}, {Quantity: 0}, {Quantity: 1, UnitPriceFen: -5}}
		}), []string{"第 2 行数量", "第 3 行单价"}},
	})
}

func TestOrderLineRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", OrderLine{Quantity: 1}, nil},
		{"catalogue price", OrderLine{Quantity: MaxOrderQuantity}, nil},
		{"too many", OrderLine{Quantity: MaxOrderQuantity + 1}, []string{"数量"}},
		{"negative price", OrderLine{Quantity: 1, UnitPriceFen: -1}, []string{"单价"}},
	})
}

func TestOrderAcceptsPayment(t *testing.T) {
	o := Order{Status: StatusMaking, TotalFen: 10000, PaidFen: 4000}
	if err := o.AcceptsPayment(6000); err != nil {
		t.Errorf("paying the rest: %v", err)
	}
	if err := o.AcceptsPayment(6001); !errors.Is(err, ErrInvalid) {
		t.Errorf("paying more than is due: %v", err)
	}
	if err := o.AcceptsPayment(0); !errors.Is(err, ErrInvalid) {
		t.Errorf("paying nothing: %v", err)
	}
	o.Status = StatusInquiry
	if err := o.AcceptsPayment(100); !errors.Is(err, ErrInvalid) {
		t.Errorf("paying an inquiry: %v", err)
	}
}

func TestProductionLogRules(t *testing.T) {
	ok := ProductionLog{LineID: 1, TraineeID: 1, Day: "2026-03-02", Pieces: 3}
	with := func(f func(*ProductionLog)) ProductionLog { p := ok; f(&p); return p }
	runRules(t, []ruleCase{
		{"pieces", ok, nil},
		{"minutes only", with(func(p *ProductionLog) { p.Pieces, p.Minutes = 0, 90 }), nil},
		{"nothing", with(func(p *ProductionLog) { p.Pieces = 0 }), []string{"数量"}},
		{"negative", with(func(p *ProductionLog) { p.Minutes = -1 }), []string{"数量"}},
		{"no day", with(func(p *ProductionLog) { p.Day = "" }), []string{"日期"}},
	})
}

func TestTraineeRules(t *testing.T) {
	ok := Trainee{PersonID: 1}
	ok.Normalize()
	with := func(f func(*Trainee)) Trainee { x := ok; f(&x); return x }
	if ok.SkillLevel != "学徒" {
		t.Errorf("default skill level = %q", ok.SkillLevel)
	}
	runRules(t, []ruleCase{
		{"valid without a joining day", ok, nil},
		{"no person", with(func(x *Trainee) { x.PersonID = 0 }), []string{"居民"}},
		{"existing trainee keeps its person", with(func(x *Trainee) { x.PersonID, x.ID = 0, 7 }), nil},
		{"unknown disability", with(func(x *Trainee) { x.DisabilityCategory = "其他" }), []string{"残疾类别"}},
		{"unknown level", with(func(x *Trainee) { x.DisabilityLevel = "五级" }), []string{"残疾等级"}},
		{"unknown skill", with(func(x *Trainee) { x.SkillLevel = "大师" }), []string{"技能等级"}},
		{"bad joining day", with(func(x *Trainee) { x.Joined = "2026-02-30" }), []string{"加入日期"}},
	})
}

func TestTrainingSessionRules(t *testing.T) {
	ok := TrainingSession{Day: "2026-03-02", Topic: "扎骨架", Minutes: 120, Trainees: []int64{1}}
	with := func(f func(*TrainingSession)) TrainingSession { x := ok; f(&x); return x }
	runRules(t, []ruleCase{
		{"valid", ok, nil},
		{"no topic", with(func(x *TrainingSession) { x.Topic = "" }), []string{"内容"}},
		{"a whole day", with(func(x *TrainingSession) { x.Minutes = 721 }), []string{"时长"}},
		{"nobody came", with(func(x *TrainingSession) { x.Trainees = nil }), []string{"出勤学员"}},
	})
}

func TestPaymentRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", Payment{Day: "2026-03-02", AmountFen: 1}, nil},
		{"nothing", Payment{Day: "2026-03-02"}, []string{"收款金额"}},
		{"no day", Payment{AmountFen: 100}, []string{"收款日期"}},
	})
}

func TestPayoutRules(t *testing.T) {
	ok := Payout{TraineeID: 1, Month: "2026-03", Day: "2026-04-01", AmountFen: 5000}
	with := func(f func(*Payout)) Payout { x := ok; f(&x); return x }
	runRules(t, []ruleCase{
		{"valid", ok, nil},
		{"no trainee", with(func(x *Payout) { x.TraineeID = 0 }), []string{"学员"}},
		{"month as a day", with(func(x *Payout) { x.Month = "2026-03-01" }), []string{"月份"}},
		{"thirteenth month", with(func(x *Payout) { x.Month = "2026-13" }), []string{"月份"}},
		{"nothing paid", with(func(x *Payout) { x.AmountFen = 0 }), []string{"发放金额"}},
	})
}
