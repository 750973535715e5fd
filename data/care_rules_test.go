package data

import (
	"slices"
	"testing"
)

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
		if got := ruleFields(t, ServiceRequest{Minutes: m, Result: "已送药"}.ValidateCompletion()); !slices.Equal(got, []string{"用时"}) {
			t.Errorf("completion in %d minutes: %v", m, got)
		}
	}
	if err := (ServiceRequest{Minutes: 45, Result: "已送药"}).ValidateCompletion(); err != nil {
		t.Errorf("completion in 45 minutes: %v", err)
	}
	if got := ruleFields(t, ServiceRequest{Minutes: 45, Result: " "}.ValidateCompletion()); !slices.Equal(got, []string{"结果"}) {
		t.Errorf("completion without a result: %v", got)
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
