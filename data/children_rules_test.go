package data

import (
	"errors"
	"testing"
)

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
