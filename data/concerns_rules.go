package data

import (
	"strings"
	"time"
)

// ConcernState is where a 民情 stands.
type ConcernState string

// The states of a concern: the main line 登记 → 核实 → 待议 → 已议定 → 办理中 → 已办结, and the three
// ways out 不予办理 (with a reason), 转办 (to a department, with its reference) and 重复 (linked to
// the concern it duplicates).
const (
	StateRecorded  ConcernState = "登记"
	StateVerified  ConcernState = "核实"
	StateAgenda    ConcernState = "待议"
	StateDecided   ConcernState = "已议定"
	StateInHand    ConcernState = "办理中"
	StateResolved  ConcernState = "已办结"
	StateDeclined  ConcernState = "不予办理"
	StateReferred  ConcernState = "转办"
	StateDuplicate ConcernState = "重复"
)

// ConcernStates lists every state in the order screens offer them.
var ConcernStates = []ConcernState{StateRecorded, StateVerified, StateAgenda, StateDecided, StateInHand, StateResolved,
	StateDeclined, StateReferred, StateDuplicate}

// concernTransitions is the whole state machine: a change not listed here does not exist.
// 核实 → 办理中 is for a small matter the community fixes without a meeting (a loose tile);
// 已办结 → 办理中 happens only through an unsatisfied 回访 (FollowUpConcern), never by hand.
var concernTransitions = map[ConcernState][]ConcernState{
	StateRecorded: {StateVerified, StateDeclined, StateReferred, StateDuplicate},
	StateVerified: {StateAgenda, StateInHand, StateDeclined, StateReferred, StateDuplicate},
	StateAgenda:   {StateDecided, StateDeclined, StateReferred, StateDuplicate},
	StateDecided:  {StateInHand},
	StateInHand:   {StateResolved},
}

// CanMove reports whether the state machine has the change from → to (by hand).
func CanMove(from, to ConcernState) bool {
	for _, s := range concernTransitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStates lists the states a concern in from may be moved to by hand.
func NextStates(from ConcernState) []ConcernState { return concernTransitions[from] }

// Open reports whether a concern in this state still waits for something to be done.
func (st ConcernState) Open() bool {
	switch st {
	case StateResolved, StateDeclined, StateReferred, StateDuplicate:
		return false
	}
	return true
}

// Valid reports whether st is one of the states.
func (st ConcernState) Valid() bool {
	for _, s := range ConcernStates {
		if s == st {
			return true
		}
	}
	return false
}

// Reporter kinds: a resident from the registry, a free-text name, or nobody.
const (
	ReporterResident  = "居民"
	ReporterNamed     = "署名"
	ReporterAnonymous = "匿名"
)

// ConcernChannels are how a concern comes in.
var ConcernChannels = []string{"茶室", "电话", "上门", "网格员走访"}

// DefaultConcernCategories are the categories every database starts with; an administrator adds more.
var DefaultConcernCategories = []string{"环境卫生", "噪音", "设施维修", "交通停车", "邻里纠纷", "安全隐患", "服务需求", "其他"}

// SettingFollowUpDays is how many days after 已办结 a 回访 is due (default DefaultFollowUpDays).
const (
	SettingFollowUpDays = "concern_followup_days"
	DefaultFollowUpDays = 7
)

// Concern is one 民情: what was raised, where, by whom, and what became of it.
type Concern struct {
	ID           int64
	Number       string
	Text         string
	CommunityID  int64
	Community    string
	GridID       int64
	Grid         string
	Place        string // place or building
	Category     string
	ReporterKind string // 居民, 署名, 匿名
	PersonID     int64  // 居民
	ReporterName string // 署名: the name as given; 居民: the resident's name (read only)
	Channel      string
	RaisedOn     string // YYYY-MM-DD
	Recorder     string
	State        ConcernState
	Reason       string // 不予办理
	ReferredTo   string // 转办
	ReferralRef  string
	DuplicateOf  int64 // 重复
	DuplicateNo  string
	OwnerUserID  int64
	OwnerUnit    string
	Owner        string // the account's display name or the unit (read only)
	PromisedOn   string
	ResolvedOn   string
	Resolution   string
	LinkKind     string
	LinkID       int64
	LinkLabel    string
	Reopened     int
	Satisfaction string // the latest 回访 (read only)
}

// Normalize trims the text fields and writes the date as YYYY-MM-DD.
func (c *Concern) Normalize() {
	for _, p := range []*string{&c.Text, &c.Place, &c.Category, &c.ReporterKind, &c.ReporterName, &c.Channel,
		&c.OwnerUnit, &c.PromisedOn, &c.RaisedOn, &c.LinkKind, &c.LinkLabel} {
		*p = strings.TrimSpace(*p)
	}
	for _, p := range []*string{&c.RaisedOn, &c.PromisedOn} {
		if t, err := ParseDate(*p); *p != "" && err == nil {
			*p = t.Format(dayLayout)
		}
	}
	if c.ReporterKind == "" {
		switch {
		case c.PersonID != 0:
			c.ReporterKind = ReporterResident
		case c.ReporterName != "":
			c.ReporterKind = ReporterNamed
		default:
			c.ReporterKind = ReporterAnonymous
		}
	}
	if c.ReporterKind == ReporterAnonymous {
		c.ReporterName, c.PersonID = "", 0
	}
}

const dayLayout = "2006-01-02"

// Validate checks what a new concern needs; each message names its field. The category's
// existence is checked by the store (categories live in the database).
func (c Concern) Validate() error {
	bad := &Invalid{}
	switch n := len([]rune(c.Text)); {
	case n == 0:
		bad.Add("反映内容", "必填")
	case n > 1000:
		bad.Add("反映内容", "不能超过 1000 字（现有 %d 字）", n)
	}
	if c.CommunityID == 0 {
		bad.Add("社区", "必须选择")
	}
	if len([]rune(c.Place)) > 60 {
		bad.Add("地点", "不能超过 60 字")
	}
	if c.Category == "" {
		bad.Add("类别", "必须选择")
	}
	switch c.ReporterKind {
	case ReporterResident:
		if c.PersonID == 0 {
			bad.Add("反映人", "请从居民档案中选择一位居民")
		}
	case ReporterNamed:
		if c.ReporterName == "" {
			bad.Add("反映人", "请填写姓名（或选择匿名）")
		} else if len([]rune(c.ReporterName)) > 30 {
			bad.Add("反映人", "姓名不能超过 30 字")
		}
	case ReporterAnonymous:
	default:
		bad.Add("反映人", "“%s”不是有效的反映人类型（居民、署名、匿名）", c.ReporterKind)
	}
	if !contains(ConcernChannels, c.Channel) {
		bad.Add("反映渠道", "请选择 %s 之一", strings.Join(ConcernChannels, "、"))
	}
	if c.RaisedOn == "" {
		bad.Add("反映日期", "必填")
	} else if _, err := time.Parse(dayLayout, c.RaisedOn); err != nil {
		bad.Add("反映日期", "“%s”不是有效日期", c.RaisedOn)
	}
	if c.PromisedOn != "" {
		if _, err := time.Parse(dayLayout, c.PromisedOn); err != nil {
			bad.Add("承诺日期", "“%s”不是有效日期", c.PromisedOn)
		} else if c.PromisedOn < c.RaisedOn {
			bad.Add("承诺日期", "不能早于反映日期 %s", c.RaisedOn)
		}
	}
	if c.OwnerUserID != 0 && c.OwnerUnit != "" {
		bad.Add("责任人", "选择一个账户或填写一个单位，二者选一")
	}
	return bad.Err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Overdue reports whether an open concern's promised date has passed on the store's day today:
// a concern promised for 5 May is overdue from 6 May 00:00, not during 5 May.
func (c Concern) Overdue(now time.Time) bool {
	return c.State.Open() && c.PromisedOn != "" && now.Format(dayLayout) > c.PromisedOn
}

// FollowUpDue is the day a resolved concern's 回访 falls due, or "" when it is not resolved.
func (c Concern) FollowUpDue(days int) string {
	t, err := time.Parse(dayLayout, c.ResolvedOn)
	if c.State != StateResolved || err != nil {
		return ""
	}
	return t.AddDate(0, 0, days).Format(dayLayout)
}

// Move is one requested change of state with what that change needs.
type Move struct {
	To          ConcernState
	Note        string // why, or what was done; the reason of 不予办理; the resolution of 已办结
	ReferredTo  string // 转办
	ReferralRef string
	DuplicateOf int64 // 重复
	OwnerUserID int64 // 已议定 (and optionally 办理中)
	OwnerUnit   string
	PromisedOn  string
}

// Normalize trims the move's text.
func (m *Move) Normalize() {
	for _, p := range []*string{&m.Note, &m.ReferredTo, &m.ReferralRef, &m.OwnerUnit, &m.PromisedOn} {
		*p = strings.TrimSpace(*p)
	}
	if t, err := ParseDate(m.PromisedOn); m.PromisedOn != "" && err == nil {
		m.PromisedOn = t.Format(dayLayout)
	}
}

// Validate checks the move against the state machine and what its target state requires.
func (m Move) Validate(from ConcernState, self int64) error {
	if !CanMove(from, m.To) {
		return &Error{Code: CodeConflict, Message: "“" + string(from) + "”的民情不能改为“" + string(m.To) + "”" + allowedHint(from)}
	}
	bad := &Invalid{}
	switch m.To {
	case StateDeclined:
		if m.Note == "" {
			bad.Add("不予办理原因", "必填")
		}
	case StateReferred:
		if m.ReferredTo == "" {
			bad.Add("转办部门", "必填")
		}
		if m.ReferralRef == "" {
			bad.Add("转办单号", "必填（对方的受理编号或文号）")
		}
	case StateDuplicate:
		switch {
		case m.DuplicateOf == 0:
			bad.Add("重复于", "请选择它重复的那条民情")
		case m.DuplicateOf == self:
			bad.Add("重复于", "不能是它自己")
		}
	case StateDecided:
		if m.OwnerUserID == 0 && m.OwnerUnit == "" {
			bad.Add("责任人", "请选择账户或填写责任单位")
		}
		if m.PromisedOn == "" {
			bad.Add("承诺日期", "必填")
		}
	case StateResolved:
		if m.Note == "" {
			bad.Add("办理结果", "必填")
		}
	}
	if m.OwnerUserID != 0 && m.OwnerUnit != "" {
		bad.Add("责任人", "选择一个账户或填写一个单位，二者选一")
	}
	if m.PromisedOn != "" {
		if _, err := time.Parse(dayLayout, m.PromisedOn); err != nil {
			bad.Add("承诺日期", "“%s”不是有效日期", m.PromisedOn)
		}
	}
	return bad.Err()
}

func allowedHint(from ConcernState) string {
	next := concernTransitions[from]
	if len(next) == 0 {
		return "（“" + string(from) + "”之后不再改变状态）"
	}
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = string(s)
	}
	return "（只能改为：" + strings.Join(names, "、") + "）"
}

// MaskName keeps the first character and hides the rest, whatever its length: 王秀英 → 王**.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + "**"
}

// ReporterLabel is who raised the concern as shown: the name, or 匿名; masked when mask is set.
func (c Concern) ReporterLabel(mask bool) string {
	if c.ReporterKind == ReporterAnonymous || c.ReporterName == "" {
		return "匿名"
	}
	if mask {
		return MaskName(c.ReporterName)
	}
	return c.ReporterName
}

// ValidateFollowUp checks a 回访: a known satisfaction, and a remark when not satisfied (it is
// what reopens the concern).
func ValidateFollowUp(satisfaction, remark string) error {
	bad := &Invalid{}
	if !contains(Satisfactions, satisfaction) {
		bad.Add("满意度", "请选择 满意、基本满意 或 不满意")
	}
	if satisfaction == "不满意" && strings.TrimSpace(remark) == "" {
		bad.Add("回访意见", "不满意时必须写明原因（将重新办理）")
	}
	return bad.Err()
}
