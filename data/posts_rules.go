package data

import (
	"fmt"
	"strings"
	"time"
)

// 爱心岗位: the types, their Normalize and Validate, and the legal guards for minors. The guards
// are plain functions so that the store (posts.go, posts_apply.go, posts_time.go) runs every one
// of them on every write, and screens and tests can ask the same questions without a database.

// PostKind is what a post offers a student.
type PostKind string

// The three kinds of post.
const (
	PostPaid      PostKind = "有报酬"
	PostPractice  PostKind = "社会实践"
	PostVolunteer PostKind = "志愿"
)

// PostKinds lists the kinds in the order screens offer them.
var PostKinds = []PostKind{PostPaid, PostPractice, PostVolunteer}

// Valid reports whether k is one of the kinds.
func (k PostKind) Valid() bool { return k == PostPaid || k == PostPractice || k == PostVolunteer }

// CountsAsService reports whether the post's hours count as volunteer service hours.
func (k PostKind) CountsAsService() bool { return k == PostPractice || k == PostVolunteer }

// The ages the law draws lines at.
const (
	WorkAge      = 16 // 劳动法 §15: no paid work under 16
	AdultAge     = 18 // 16 and 17 are 未成年工
	ChildPostAge = 14 // under 14: only 志愿/社会实践, with a guardian present and consent
)

// Limits for minors (未成年工特殊保护规定): no work from 20:00 to 06:00, at most 8 h a day and 40 h
// a week.
const (
	MinorEarliest   = 6 * 60  // 06:00
	MinorLatest     = 20 * 60 // 20:00
	MinorDayMinutes = 8 * 60
	MinorWeekMinute = 40 * 60
)

// Shop is an 爱心商铺.
type Shop struct {
	ID              int64
	Name            string
	Address         string
	Phone           string
	ContactPersonID int64  // a resident, or 0
	ContactName     string // the contact's name (filled from the registry for a resident)
	CreditCode      string // 统一社会信用代码, 18 characters or ""
	Posts           int    // posts offered over the years (filled by queries)
}

// Normalize trims the fields and writes the credit code in capitals.
func (s *Shop) Normalize() {
	s.Name, s.Address, s.ContactName = strings.TrimSpace(s.Name), strings.TrimSpace(s.Address), strings.TrimSpace(s.ContactName)
	s.Phone = strings.TrimSpace(s.Phone)
	s.CreditCode = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s.CreditCode), " ", ""))
}

// Validate checks a shop: a name, an address, a contact, and a credit code that passes its check
// character when one is given.
func (s Shop) Validate() error {
	bad := &Invalid{}
	if n := len([]rune(s.Name)); n < 2 || n > 40 {
		bad.Add("商铺名称", "应为 2 到 40 个字")
	}
	if s.Address == "" {
		bad.Add("地址", "请填写商铺地址")
	}
	if s.ContactPersonID == 0 && s.ContactName == "" {
		bad.Add("联系人", "请选择居民或填写联系人姓名")
	}
	if s.CreditCode != "" {
		if err := CheckCreditCode(s.CreditCode); err != nil {
			bad.Add("统一社会信用代码", "%s", err.Error())
		}
	}
	return bad.Err()
}

// creditChars are the characters of a 统一社会信用代码 (GB 32100-2015): digits and capitals
// without I, O, Z, S, V; a character's value is its index.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^i mod 31 for the first 17 positions.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCheckChar computes the 18th character of a code from its first 17 (GB 32100 §5).
func CreditCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("应为 17 位")
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("第 %d 位“%c”不是信用代码可用的字符", i+1, first17[i])
		}
		sum += v * creditWeights[i]
	}
	return creditChars[(31-sum%31)%31], nil
}

// CheckCreditCode checks a 统一社会信用代码: 18 characters of the code's alphabet whose last one is
// the check character of the first 17.
func CheckCreditCode(code string) error {
	if len(code) != 18 {
		return fmt.Errorf("应为 18 位（现为 %d 位）", len([]rune(code)))
	}
	c, err := CreditCheckChar(code[:17])
	if err != nil {
		return err
	}
	if strings.IndexByte(creditChars, code[17]) < 0 || code[17] != c {
		return fmt.Errorf("校验码不符（第 18 位应为 %c），请核对", c)
	}
	return nil
}

// Post is one post a shop offers in a season.
type Post struct {
	ID          int64
	ShopID      int64
	Shop        string
	Season      int // the summer's year
	Title       string
	Kind        PostKind
	Work        string // what the work is
	MinAge      int
	Places      int
	From, To    string // YYYY-MM-DD
	Weekdays    int    // bit 0 = 星期一 … bit 6 = 星期日
	DayMinutes  int    // working minutes a day
	Start, End  string // HH:MM
	Supervisor  string
	PayPerHour  int64 // 分, paid posts only
	Safety      string
	Placed      int // students placed (filled by queries)
	WaitListLen int // filled by queries
}

// Normalize trims the text and writes the dates in their stored form.
func (p *Post) Normalize() {
	p.Title, p.Work, p.Supervisor, p.Safety = strings.TrimSpace(p.Title), strings.TrimSpace(p.Work), strings.TrimSpace(p.Supervisor), strings.TrimSpace(p.Safety)
	p.Start, p.End = strings.TrimSpace(p.Start), strings.TrimSpace(p.End)
	normDate(&p.From)
	normDate(&p.To)
}

// clockMinutes reads HH:MM as minutes after midnight (24:00 is the end of the day).
func clockMinutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	var h, m int
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m > 0) {
		return 0, false
	}
	return h*60 + m, true
}

// workDays counts the days of a week mask.
func workDays(mask int) int {
	n := 0
	for i := 0; i < 7; i++ {
		if mask&(1<<i) != 0 {
			n++
		}
	}
	return n
}

// Validate checks a post on its own; the rules for a post open to minors are in LawfulPost.
func (p Post) Validate() error {
	bad := &Invalid{}
	if p.ShopID == 0 {
		bad.Add("商铺", "请选择商铺")
	}
	if p.Season < 2000 || p.Season > 2100 {
		bad.Add("年度", "应写作年份，如 2026")
	}
	if n := len([]rune(p.Title)); n < 2 || n > 40 {
		bad.Add("岗位名称", "应为 2 到 40 个字")
	}
	if !p.Kind.Valid() {
		bad.Add("岗位类型", "应为 有报酬、社会实践 或 志愿")
	}
	if p.Work == "" {
		bad.Add("工作内容", "请写明工作内容")
	}
	if p.MinAge < 6 || p.MinAge > 60 {
		bad.Add("最低年龄", "应为 6 到 60 岁")
	}
	if p.Places < 1 || p.Places > 200 {
		bad.Add("名额", "应为 1 到 200")
	}
	from, to := checkDate(bad, "开始日期", p.From, true), checkDate(bad, "结束日期", p.To, true)
	if from && to && p.To < p.From {
		bad.Add("结束日期", "不能早于开始日期")
	}
	if from && p.Season >= 2000 && !strings.HasPrefix(p.From, fmt.Sprint(p.Season)) {
		bad.Add("开始日期", "应在 %d 年内", p.Season)
	}
	if p.Weekdays <= 0 || p.Weekdays > 127 {
		bad.Add("工作日", "请至少选择一天")
	}
	s, okS := clockMinutes(p.Start)
	e, okE := clockMinutes(p.End)
	if !okS {
		bad.Add("开始时间", "应写作 09:00")
	}
	if !okE {
		bad.Add("结束时间", "应写作 12:00")
	}
	if okS && okE && e <= s {
		bad.Add("结束时间", "应晚于开始时间")
	}
	if p.DayMinutes < 30 || (okS && okE && e > s && p.DayMinutes > e-s) {
		bad.Add("每日时长", "应至少半小时，且不超过开始到结束的时间")
	}
	if p.Supervisor == "" {
		bad.Add("指导人", "请填写商铺的指导人")
	}
	switch {
	case p.Kind == PostPaid && p.PayPerHour <= 0:
		bad.Add("时薪", "有报酬的岗位应写明每小时报酬（分）")
	case p.Kind != PostPaid && p.PayPerHour != 0:
		bad.Add("时薪", "只有“有报酬”的岗位才有报酬")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return LawfulPost(p)
}

// LawfulPost checks that a post is lawful for the youngest student it admits: a paid post admits
// no one under 16, and a post open to minors keeps to their hours.
func LawfulPost(p Post) error {
	if p.Kind == PostPaid && p.MinAge < WorkAge {
		return unlawful("劳动法第十五条：禁止招用未满十六周岁的未成年人，有报酬岗位的最低年龄应不低于 16 岁")
	}
	if p.MinAge >= AdultAge {
		return nil
	}
	s, _ := clockMinutes(p.Start)
	e, _ := clockMinutes(p.End)
	return minorHours(s, e, p.DayMinutes, p.DayMinutes*workDays(p.Weekdays))
}

// minorHours checks a minor's working time: within 06:00–20:00, at most 8 hours a day and 40 a
// week.
func minorHours(start, end, dayMinutes, weekMinutes int) error {
	if start < MinorEarliest || end > MinorLatest {
		return unlawful("未成年工特殊保护规定：未成年人不得在 20:00 至次日 06:00 之间工作（%s–%s 超出）", hhmm(start), hhmm(end))
	}
	if dayMinutes > MinorDayMinutes {
		return unlawful("未成年工特殊保护规定：未成年人每日工作不得超过 8 小时（现为 %s）", hoursText(dayMinutes))
	}
	if weekMinutes > MinorWeekMinute {
		return unlawful("未成年工特殊保护规定：未成年人每周工作不得超过 40 小时（现为 %s）", hoursText(weekMinutes))
	}
	return nil
}

func hhmm(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// hoursText writes minutes as hours, e.g. 7.5 小时.
func hoursText(m int) string {
	if m%60 == 0 {
		return fmt.Sprintf("%d 小时", m/60)
	}
	return fmt.Sprintf("%d.%d 小时", m/60, m%60*10/60)
}

// AgeOn is a person's age in whole years on a day (YYYY-MM-DD), or -1 when unknown.
func AgeOn(p Person, day string) int {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return -1
	}
	return p.Age(d)
}

// PlacementCheck is what LawfulPlacement needs to know about a student and the post.
type PlacementCheck struct {
	Age             int // on the post's first day
	Consent         Consent
	GuardianPresent bool
}

// LawfulPlacement checks that a student may take a post: old enough for it, never a paid post
// under 16, a guardian's recorded consent for anyone under 18, and under 14 only 志愿/社会实践 with
// a guardian present. The message names the rule.
func LawfulPlacement(p Post, c PlacementCheck) error {
	switch {
	case c.Age < 0:
		return unlawful("不知道学生的出生日期，无法核对年龄，请先在居民档案中补全")
	case p.Kind == PostPaid && c.Age < WorkAge:
		return unlawful("劳动法第十五条：未满十六周岁（现 %d 岁）不得从事有报酬的岗位", c.Age)
	case c.Age < p.MinAge:
		return unlawful("岗位“%s”最低年龄 %d 岁，学生现 %d 岁", p.Title, p.MinAge, c.Age)
	case c.Age < ChildPostAge && p.Kind == PostPaid:
		return unlawful("未满十四周岁只能参加志愿或社会实践岗位")
	case c.Age < ChildPostAge && !c.GuardianPresent:
		return unlawful("未满十四周岁的学生参加岗位须有监护人在场陪同")
	case c.Age < AdultAge && !c.Consent.Given():
		return unlawful("未成年人（现 %d 岁）参加岗位须先记录监护人同意（日期、同意人、方式）", c.Age)
	}
	return nil
}

// unlawful is the refusal of a legal guard: invalid input, with the rule in the message.
func unlawful(format string, args ...any) error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf(format, args...)}
}

// AppState is where a student's application stands.
type AppState string

// The states: 报名 → 已审核 → 已录用 → 在岗 → 已完成, or 未录用 (by the matching, with why) and
// 中止 (with a reason).
const (
	AppApplied   AppState = "报名"
	AppReviewed  AppState = "已审核"
	AppPlaced    AppState = "已录用"
	AppWorking   AppState = "在岗"
	AppCompleted AppState = "已完成"
	AppUnplaced  AppState = "未录用"
	AppStopped   AppState = "中止"
)

// AppStates lists the states in the order screens offer them.
var AppStates = []AppState{AppApplied, AppReviewed, AppPlaced, AppWorking, AppCompleted, AppUnplaced, AppStopped}

// MaxChoices is how many posts a student may rank.
const MaxChoices = 3

// Application is a student's application for a season: up to three posts in order of preference.
type Application struct {
	ID              int64
	Season          int
	PersonID        int64
	Student         string // filled by queries
	BirthDate       string
	School, Grade   string
	GuardianID      int64
	Guardian        string
	Consent         Consent
	GuardianPresent bool
	Choices         []int64 // post IDs, first choice first
	State           AppState
	Reason          string
	PostID          int64 // the post placed in
	Post            string
	Shop            string
	PlacedRank      int
	Hardship        string // why first at matching
	EvalGrade       string
	EvalRemark      string
	CertificateID   int64
	Minutes         int // timesheet minutes (filled by queries)
}

// EvalGrades are the grades a supervisor gives.
var EvalGrades = []string{"优秀", "良好", "合格", "不合格"}

// Normalize trims the fields.
func (a *Application) Normalize() {
	a.School, a.Grade = strings.TrimSpace(a.School), strings.TrimSpace(a.Grade)
	a.Consent.Normalize()
}

// Validate checks an application on its own: a student, school and grade, one to three different
// posts.
func (a Application) Validate() error {
	bad := &Invalid{}
	if a.Season < 2000 || a.Season > 2100 {
		bad.Add("年度", "应写作年份，如 2026")
	}
	if a.PersonID == 0 {
		bad.Add("学生", "请选择学生")
	}
	if a.School == "" {
		bad.Add("学校", "请填写学校")
	}
	if a.Grade == "" {
		bad.Add("年级", "请填写年级")
	}
	if len(a.Choices) == 0 || len(a.Choices) > MaxChoices {
		bad.Add("志愿", "请按顺序选择 1 到 3 个岗位")
	}
	seen := map[int64]bool{}
	for i, c := range a.Choices {
		if c == 0 || seen[c] {
			bad.Add(fmt.Sprintf("第%d志愿", i+1), "岗位为空或重复")
		}
		seen[c] = true
	}
	if a.Consent.Day != "" {
		checkDate(bad, "监护人同意日期", a.Consent.Day, false)
	}
	return bad.Err()
}

// PostPay is the pay in 分 for minutes at perHour 分 an hour, rounded to the nearest 分.
func PostPay(minutes int, perHour int64) int64 { return (int64(minutes)*perHour + 30) / 60 }
