package data

import (
	"strings"
	"time"
)

// Programme defaults.
const (
	DefaultStartTime    = "14:00"
	DefaultMinutes      = 90
	DefaultThresholdPct = 80
)

// Normalize trims the name, writes the dates in their stored form and fills the defaults: sessions
// at 14:00 for 90 minutes, 80% attendance to complete.
func (p *Programme) Normalize() {
	p.Name = strings.TrimSpace(Fold(p.Name))
	normDate(&p.Start)
	normDate(&p.End)
	for i := range p.SkipDays {
		normDate(&p.SkipDays[i])
	}
	if p.StartTime == "" {
		p.StartTime = DefaultStartTime
	}
	if p.Minutes <= 0 {
		p.Minutes = DefaultMinutes
	}
	if p.ThresholdPct == 0 {
		p.ThresholdPct = DefaultThresholdPct
	}
}

// Validate checks the programme: name, kind, community, places, ages (children: 0 to 17), dates,
// start time, completion threshold and skipped days.
func (p Programme) Validate() error {
	bad := &Invalid{}
	if p.Name == "" {
		bad.Add("名称", "不能为空")
	}
	if !inList(p.Kind, ProgrammeKinds) {
		bad.Add("类型", "应为 课程、观察团、关爱走访 或 主题活动")
	}
	if p.CommunityID == 0 {
		bad.Add("社区", "必须选择")
	}
	if p.Capacity <= 0 || p.Capacity > 1000 {
		bad.Add("名额", "应为 1 到 1000")
	}
	if p.AgeMin < 0 || p.AgeMax > 17 || p.AgeMin > p.AgeMax {
		bad.Add("年龄范围", "应在 0 到 17 岁之间")
	}
	okStart := checkDate(bad, "起止日期", p.Start, true)
	okEnd := checkDate(bad, "起止日期", p.End, true)
	if okStart && okEnd && p.End < p.Start {
		bad.Add("结束日期", "不能早于开始日期")
	}
	if _, err := time.Parse("15:04", p.StartTime); err != nil {
		bad.Add("开始时间", "应写作 14:00")
	}
	if p.ThresholdPct < 1 || p.ThresholdPct > 100 {
		bad.Add("结业出勤率", "应为 1 到 100")
	}
	for _, d := range p.SkipDays {
		checkDate(bad, "停课日期", d, true)
	}
	return bad.Err()
}

// AdmitsAge reports whether a child of age (in whole years) fits the programme's age range.
func (p Programme) AdmitsAge(age int) bool { return age >= p.AgeMin && age <= p.AgeMax }

// Normalize writes the consent day in its stored form and trims who gave it and how.
func (c *Consent) Normalize() {
	normDate(&c.Day)
	c.By, c.How = strings.TrimSpace(c.By), strings.TrimSpace(c.How)
}

// Given reports whether the consent is recorded in full.
func (c Consent) Given() bool { return c.Day != "" && c.By != "" && c.How != "" }

// Normalize normalizes the consent.
func (e *Enrollment) Normalize() { e.Consent.Normalize() }

// Validate checks an enrolment of the child named e.Child, aged e.Age (−1 when the birth date is
// unknown): a known age under 18, a guardian, and for a child under 14 the guardian's consent
// (PIPL Art. 31). Whether the age fits the programme is Programme.AdmitsAge.
func (e Enrollment) Validate() error {
	bad := &Invalid{}
	switch {
	case e.Age < 0:
		bad.Add("儿童", "%s 没有出生日期，无法确认年龄", e.Child)
	case e.Age >= 18:
		bad.Add("儿童", "%s 已满 18 周岁", e.Child)
	}
	if e.GuardianID == 0 {
		bad.Add("监护人", "必须选择")
	}
	if e.Age >= 0 && e.Age < ConsentAge {
		if !e.Consent.Given() {
			bad.Add("监护人同意", "%s 未满 %d 周岁，依《个人信息保护法》第三十一条，处理其个人信息须先取得监护人同意：请填写同意日期、同意人和方式", e.Child, ConsentAge)
		} else {
			checkDate(bad, "同意日期", e.Consent.Day, true)
		}
	}
	return bad.Err()
}

// DefaultVisitMinutes is what a 社会妈妈 visit credits each volunteer when no length is given.
const DefaultVisitMinutes = 60

// Normalize writes the day in its stored form and gives a visit without a length an hour.
func (v *Visit) Normalize() {
	normDate(&v.Day)
	if v.Minutes <= 0 {
		v.Minutes = DefaultVisitMinutes
	}
}

// Validate checks the visit's child, day and that at least one volunteer went. Whether the child
// is one the programme visits (困境儿童 or 特殊家庭) is the store's to check.
func (v Visit) Validate() error {
	bad := &Invalid{}
	if v.ChildID == 0 {
		bad.Add("儿童", "必须选择")
	}
	checkDate(bad, "日期", v.Day, true)
	if len(v.Volunteers) == 0 {
		bad.Add("志愿者", "至少一位")
	}
	return bad.Err()
}

// CorpsRole is a corps member's role for a term.
type CorpsRole struct {
	ProgrammeID int64
	ChildID     int64
	Role        string
	From, To    string
}

// Normalize writes the term's days in their stored form.
func (r *CorpsRole) Normalize() {
	normDate(&r.From)
	normDate(&r.To)
}

// Validate checks that the role is one of CorpsRoles and the term is two days, in order.
func (r CorpsRole) Validate() error {
	_, err1 := ParseDate(r.From)
	_, err2 := ParseDate(r.To)
	if !inList(r.Role, CorpsRoles) || err1 != nil || err2 != nil || r.To < r.From {
		return &Error{Code: CodeInvalid, Message: "请选择角色并填写有效的任期（起始不晚于结束）"}
	}
	return nil
}

// Normalize writes the session's day in its stored form and trims the topic.
func (x *Session) Normalize() {
	normDate(&x.Day)
	x.Topic = strings.TrimSpace(x.Topic)
}

// Validate checks a session's day and, when given, its start time and length.
func (x Session) Validate() error {
	bad := &Invalid{}
	checkDate(bad, "日期", x.Day, true)
	if x.StartTime != "" {
		if _, err := time.Parse("15:04", x.StartTime); err != nil {
			bad.Add("开始时间", "应写作 14:00")
		}
	}
	if x.Minutes < 0 || x.Minutes > 720 {
		bad.Add("时长", "应为 1 到 720 分钟")
	}
	return bad.Err()
}
