package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// The rules on the saved types, checked without a database: each case names the fields that must
// be reported (none: valid).

// ruleValidator is any saved type's rules.
type ruleValidator interface{ Validate() error }

type ruleCase struct {
	name   string
	value  ruleValidator
	fields []string // the fields reported, in order; nil: valid
}

func ruleFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want an invalid-input *Error, got %T %v", err, err)
	}
	var out []string
	for _, f := range e.Fields {
		if f.Message == "" {
			t.Errorf("field %s has no message", f.Field)
		}
		out = append(out, f.Field)
	}
	return out
}

func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ruleFields(t, tc.value.Validate()); !slices.Equal(got, tc.fields) {
				t.Errorf("fields = %v, want %v", got, tc.fields)
			}
		})
	}
}

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

func TestSoupRoundNormalizeGivesTheMonth(t *testing.T) {
	r := SoupRound{Day: "2026年3月5日", Soup: " 腌笃鲜 "}
	r.Normalize()
	if r.Day != "2026-03-05" || r.Month != "2026-03" || r.Soup != "腌笃鲜" {
		t.Errorf("normalized round = %+v", r)
	}
}

func TestSoupRoundRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", SoupRound{Day: "2026-03-05", Soup: "腌笃鲜", CostFen: 30000}, nil},
		{"no soup", SoupRound{Day: "2026-03-05"}, []string{"汤品"}},
		{"no day", SoupRound{Soup: "腌笃鲜"}, []string{"日期"}},
		{"negative cost", SoupRound{Day: "2026-03-05", Soup: "腌笃鲜", CostFen: -1}, []string{"食材费用"}},
	})
}

func TestDeliveryRules(t *testing.T) {
	left, arrived := "2026-03-05T11:00:00+08:00", "2026-03-05T11:08:00+08:00"
	runRules(t, []ruleCase{
		{"not yet recorded", Delivery{}, nil},
		{"delivered", Delivery{LeftAt: left, ArrivedAt: arrived, Outcome: OutcomeDelivered}, nil},
		{"not at home", Delivery{Outcome: OutcomeNotHome}, nil},
		{"delivered without times", Delivery{Outcome: OutcomeDelivered}, []string{"送达时间"}},
		{"arrived before leaving", Delivery{LeftAt: arrived, ArrivedAt: left, Outcome: OutcomeDelivered}, []string{"送达时间"}},
		{"other without a note", Delivery{Outcome: OutcomeOther}, []string{"备注"}},
		{"unknown outcome", Delivery{Outcome: "丢了"}, []string{"结果"}},
		{"unreadable time", Delivery{LeftAt: "11:00"}, []string{"出发时间"}},
	})
}

func TestServiceRequestRules(t *testing.T) {
	ok := ServiceRequest{RecipientID: 1, Type: "买菜", Channel: "电话",
		RequestedAt: "2026-03-05T09:00:00+08:00", DueAt: "2026-03-05T17:00:00+08:00"}
	with := func(f func(*ServiceRequest)) ServiceRequest { x := ok; f(&x); return x }
	runRules(t, []ruleCase{
		{"valid", ok, nil},
		{"no recipient", with(func(x *ServiceRequest) { x.RecipientID = 0 }), []string{"服务对象"}},
		{"unknown type", with(func(x *ServiceRequest) { x.Type = "修车" }), []string{"服务类型"}},
		{"unknown channel", with(func(x *ServiceRequest) { x.Channel = "信鸽" }), []string{"来源渠道"}},
		{"no due time", with(func(x *ServiceRequest) { x.DueAt = "" }), []string{"时间"}},
		{"due before asked", with(func(x *ServiceRequest) { x.DueAt = "2026-03-04T17:00:00+08:00" }), []string{"期限"}},
	})
	for _, m := range []int{0, 1441} {
		if got := ruleFields(t, ServiceRequest{Minutes: m}.ValidateCompletion()); !slices.Equal(got, []string{"用时"}) {
			t.Errorf("completion in %d minutes: %v", m, got)
		}
	}
	if err := (ServiceRequest{Minutes: 45}).ValidateCompletion(); err != nil {
		t.Errorf("completion in 45 minutes: %v", err)
	}
	if got := ruleFields(t, ServiceRequest{Satisfaction: "还行"}.ValidateFollowUp()); !slices.Equal(got, []string{"满意度"}) {
		t.Errorf("follow-up 还行: %v", got)
	}
}

func TestCareRecipientRules(t *testing.T) {
	ok := CareRecipient{PersonID: 1, Living: "独居", Services: []string{"买菜"}, Start: "2026-01-01"}
	with := func(f func(*CareRecipient)) CareRecipient { x := ok; f(&x); return x }
	runRules(t, []ruleCase{
		{"valid", ok, nil},
		{"no start (the store gives today)", with(func(x *CareRecipient) { x.Start = "" }), nil},
		{"no person", with(func(x *CareRecipient) { x.PersonID = 0 }), []string{"居民"}},
		{"unknown living", with(func(x *CareRecipient) { x.Living = "合租" }), []string{"居住情况"}},
		{"unknown service", with(func(x *CareRecipient) { x.Services = []string{"理发"} }), []string{"服务需求"}},
		{"ends before it starts", with(func(x *CareRecipient) { x.End = "2025-12-31" }), []string{"结束日期"}},
		{"bad end", with(func(x *CareRecipient) { x.End = "明年" }), []string{"服务期间"}},
	})
}

func TestPairingRules(t *testing.T) {
	ok := Pairing{VolunteerID: 1, RecipientID: 2, From: "2026-01-01"}
	with := func(f func(*Pairing)) Pairing { x := ok; f(&x); return x }
	runRules(t, []ruleCase{
		{"valid", ok, nil},
		{"ended", with(func(x *Pairing) { x.To = "2026-06-30" }), nil},
		{"no volunteer", with(func(x *Pairing) { x.VolunteerID = 0 }), []string{"志愿者"}},
		{"no recipient", with(func(x *Pairing) { x.RecipientID = 0 }), []string{"服务对象"}},
		{"no start", with(func(x *Pairing) { x.From = "" }), []string{"开始日期"}},
		{"ends before it starts", with(func(x *Pairing) { x.To = "2025-12-31" }), []string{"结束日期"}},
	})
}

func ruleProgramme() Programme {
	p := Programme{Name: " 剪纸课 ", Kind: "课程", CommunityID: 1, Capacity: 20, AgeMin: 6, AgeMax: 12,
		Start: "2026/3/1", End: "2026/6/30", SkipDays: []string{"2026.5.1"}}
	p.Normalize()
	return p
}

func TestProgrammeNormalizeFillsDefaults(t *testing.T) {
	p := ruleProgramme()
	if p.Name != "剪纸课" || p.Start != "2026-03-01" || p.End != "2026-06-30" || p.SkipDays[0] != "2026-05-01" {
		t.Errorf("normalized = %+v", p)
	}
	if p.StartTime != DefaultStartTime || p.Minutes != DefaultMinutes || p.ThresholdPct != DefaultThresholdPct {
		t.Errorf("defaults = %s %d %d", p.StartTime, p.Minutes, p.ThresholdPct)
	}
}

func TestProgrammeRules(t *testing.T) {
	with := func(f func(*Programme)) Programme { p := ruleProgramme(); f(&p); return p }
	runRules(t, []ruleCase{
		{"valid", ruleProgramme(), nil},
		{"no name", with(func(p *Programme) { p.Name = "" }), []string{"名称"}},
		{"unknown kind", with(func(p *Programme) { p.Kind = "夏令营" }), []string{"类型"}},
		{"no community", with(func(p *Programme) { p.CommunityID = 0 }), []string{"社区"}},
		{"no places", with(func(p *Programme) { p.Capacity = 0 }), []string{"名额"}},
		{"adults", with(func(p *Programme) { p.AgeMax = 18 }), []string{"年龄范围"}},
		{"ends before it starts", with(func(p *Programme) { p.End = "2026-02-01" }), []string{"结束日期"}},
		{"bad start time", with(func(p *Programme) { p.StartTime = "下午两点" }), []string{"开始时间"}},
		{"threshold over 100", with(func(p *Programme) { p.ThresholdPct = 101 }), []string{"结业出勤率"}},
		{"bad skipped day", with(func(p *Programme) { p.SkipDays = []string{"五一"} }), []string{"停课日期"}},
	})
	p := ruleProgramme()
	if !p.AdmitsAge(6) || !p.AdmitsAge(12) || p.AdmitsAge(5) || p.AdmitsAge(13) {
		t.Errorf("age range 6–12 admits wrongly")
	}
}

func TestEnrollmentRules(t *testing.T) {
	consent := Consent{Day: "2026-03-01", By: "母亲 张丽萍", How: "书面签字"}
	runRules(t, []ruleCase{
		{"child with consent", Enrollment{Child: "小明", Age: 8, GuardianID: 2, Consent: consent}, nil},
		{"14 needs no consent", Enrollment{Child: "小明", Age: 14, GuardianID: 2}, nil},
		{"13 needs consent", Enrollment{Child: "小明", Age: 13, GuardianID: 2}, []string{"监护人同意"}},
		{"half a consent", Enrollment{Child: "小明", Age: 8, GuardianID: 2, Consent: Consent{Day: "2026-03-01"}}, []string{"监护人同意"}},
		{"bad consent day", Enrollment{Child: "小明", Age: 8, GuardianID: 2, Consent: Consent{Day: "昨天", By: "母亲", How: "口头"}}, []string{"同意日期"}},
		{"no guardian", Enrollment{Child: "小明", Age: 15}, []string{"监护人"}},
		{"no birth date", Enrollment{Child: "小明", Age: -1, GuardianID: 2}, []string{"儿童"}},
		{"adult", Enrollment{Child: "小明", Age: 18, GuardianID: 2}, []string{"儿童"}},
	})
}

func TestVisitRules(t *testing.T) {
	v := Visit{ChildID: 1, Day: "2026/2/17", Volunteers: []int64{3}}
	v.Normalize()
	if v.Day != "2026-02-17" || v.Minutes != DefaultVisitMinutes {
		t.Errorf("normalized visit = %+v", v)
	}
	runRules(t, []ruleCase{
		{"valid", v, nil},
		{"nobody went", Visit{ChildID: 1, Day: "2026-02-17"}, []string{"志愿者"}},
		{"no child", Visit{Day: "2026-02-17", Volunteers: []int64{3}}, []string{"儿童"}},
	})
}

func TestCorpsRoleRules(t *testing.T) {
	ok := CorpsRole{ProgrammeID: 1, ChildID: 2, Role: CorpsRoles[0], From: "2026-03-01", To: "2026-08-31"}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid term: %v", err)
	}
	for name, r := range map[string]CorpsRole{
		"unknown role":  {Role: "班长", From: ok.From, To: ok.To},
		"reversed term": {Role: ok.Role, From: ok.To, To: ok.From},
		"no end":        {Role: ok.Role, From: ok.From},
	} {
		if err := r.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestVolunteerRules(t *testing.T) {
	v := Volunteer{PersonID: 1, Kinds: []string{"党员", " 党员", "学生"}, Joined: "2026.3.1"}
	v.Normalize()
	if !slices.Equal(v.Kinds, []string{"党员", "学生"}) || v.Joined != "2026-03-01" || !v.Active {
		t.Errorf("normalized volunteer = %+v", v)
	}
	runRules(t, []ruleCase{
		{"valid", v, nil},
		{"no person", Volunteer{}, []string{"居民"}},
		{"bad joining day", Volunteer{PersonID: 1, Joined: "去年"}, []string{"加入日期"}},
	})
}

func TestPlaceNameRules(t *testing.T) {
	long := strings.Repeat("长", 41)
	runRules(t, []ruleCase{
		{"community", Community{Name: "南苑社区"}, nil},
		{"community without a name", Community{}, []string{"社区名称"}},
		{"grid with a long name", Grid{Name: long}, []string{"网格名称"}},
	})
}

func TestGuardianLinkRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"mother", GuardianLink{ChildID: 1, GuardianID: 2, Relation: "母亲"}, nil},
		{"own guardian", GuardianLink{ChildID: 1, GuardianID: 1, Relation: "母亲"}, []string{"监护人"}},
		{"neighbour", GuardianLink{ChildID: 1, GuardianID: 2, Relation: "邻居"}, []string{"关系"}},
	})
}

func TestCertificateRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", Certificate{Kind: CertVolunteer, PersonID: 1, From: "2026-01-01", To: "2026-06-30"}, nil},
		{"no person", Certificate{Kind: CertVolunteer, From: "2026-01-01", To: "2026-06-30"}, []string{"对象"}},
		{"reversed period", Certificate{Kind: CertTraining, PersonID: 1, From: "2026-06-30", To: "2026-01-01"}, []string{"期间"}},
	})
	if err := (Certificate{Kind: "奖状", PersonID: 1, From: "2026-01-01", To: "2026-01-02"}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestUserRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", User{Username: "wangxy", DisplayName: "王秀英", Role: RoleStaff}, nil},
		{"short username", User{Username: "w", Role: RoleStaff}, []string{"用户名"}},
		{"username with a space", User{Username: "wang xy", Role: RoleStaff}, []string{"用户名"}},
		{"long display name", User{Username: "wangxy", DisplayName: strings.Repeat("王", 21), Role: RoleStaff}, []string{"姓名"}},
		{"unknown role", User{Username: "wangxy", Role: "超级管理员"}, []string{"角色"}},
	})
}

func TestCheckReasonAndDateParam(t *testing.T) {
	if got := ruleFields(t, checkReason("冲销原因", " 错 ")); !slices.Equal(got, []string{"冲销原因"}) {
		t.Errorf("one-character reason: %v", got)
	}
	if err := checkReason("冲销原因", "客户退货"); err != nil {
		t.Errorf("a reason: %v", err)
	}
	if d, err := dateParam("新日期", "2026年3月5日"); err != nil || d != "2026-03-05" {
		t.Errorf("dateParam = %q, %v", d, err)
	}
	if got := ruleFields(t, func() error { _, err := dateParam("新日期", "周五"); return err }()); !slices.Equal(got, []string{"新日期"}) {
		t.Errorf("dateParam of 周五: %v", got)
	}
}

func TestOfficeRules(t *testing.T) {
	o := Office{Name: "　硖石街道办事处 ", Phone: "0573-8708 1234"}
	o.Normalize()
	if o.Name != "硖石街道办事处" || o.Phone != "0573-87081234" {
		t.Errorf("normalized office = %+v", o)
	}
	runRules(t, []ruleCase{
		{"valid", o, nil},
		{"no phone", Office{Name: "硖石街道办事处"}, nil},
		{"no name", Office{}, []string{"单位名称"}},
		{"bad phone", Office{Name: "硖石街道办事处", Phone: "123"}, []string{"单位电话"}},
	})
}

func TestSessionRules(t *testing.T) {
	x := Session{Day: "2026/4/3", Topic: " 剪窗花 "}
	x.Normalize()
	if x.Day != "2026-04-03" || x.Topic != "剪窗花" {
		t.Errorf("normalized session = %+v", x)
	}
	runRules(t, []ruleCase{
		{"a day is enough", x, nil},
		{"no day", Session{}, []string{"日期"}},
		{"bad start", Session{Day: "2026-04-03", StartTime: "两点"}, []string{"开始时间"}},
		{"too long", Session{Day: "2026-04-03", Minutes: 721}, []string{"时长"}},
	})
}
