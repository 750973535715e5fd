package data

import (
	"regexp"
	"strings"
)

// Household relations and attributes.
var (
	// HouseholdRelations are a member's relation to the head (户主 is the head's own).
	HouseholdRelations = []string{"户主", "配偶", "子女", "父母", "孙子女", "其他"}
	// HouseholdAttributeKinds are the facts that belong to a household, not to one person.
	HouseholdAttributeKinds = []string{"低保户", "低边户", "困难家庭", "特困供养", "残疾人家庭"}
	// HardshipKinds are the attributes the market's 帮扶摊位 and the posts' matching count as a
	// family in difficulty.
	HardshipKinds = []string{"低保户", "低边户", "困难家庭", "特困供养"}
)

// HouseholdTags maps the per-person tags that stand for a household fact to the household
// attribute they become (the tag migration, MigrateHouseholdTags).
var HouseholdTags = map[string]string{
	"低保": "低保户", "低保户": "低保户", "低边": "低边户", "低边户": "低边户", "困难家庭": "困难家庭",
	"特困": "特困供养", "特困供养": "特困供养", "残疾人家庭": "残疾人家庭",
}

// Household is a 户: an address down to the room, and (filled by queries) its current head,
// member count and the attributes that hold today.
type Household struct {
	ID          int64
	Number      string // 户号: the office's own, or HH-00001 when left empty
	CommunityID int64
	Community   string
	GridID      int64
	Grid        string
	Address     string // 小区、街路和门牌
	Building    string // 幢
	Unit        string // 单元
	Room        string // 室
	Notes       string

	// On creation: the head (a resident) and the day the household starts (default today).
	HeadID int64
	Since  string

	Head       string   // the current head's name, filled by queries
	Members    int      // current members, filled by queries
	Attributes []string // attributes holding today, filled by queries
}

// HouseholdMember is one stay of a person in a household: from the day they moved in until the
// day they moved out (To: the first day they no longer live there; "" while they do).
type HouseholdMember struct {
	ID          int64
	HouseholdID int64
	PersonID    int64
	Name        string // filled by queries
	Relation    string
	From, To    string
}

// Current reports whether the member lives in the household on day.
func (m HouseholdMember) Current(day string) bool {
	return m.From <= day && (m.To == "" || day < m.To)
}

// HouseholdAttribute is a household fact (低保户 …) from a day until an optional day, both
// inclusive.
type HouseholdAttribute struct {
	ID          int64
	HouseholdID int64
	Kind        string
	From, To    string
	Note        string
}

// Holds reports whether the attribute holds on day.
func (a HouseholdAttribute) Holds(day string) bool {
	return a.From <= day && (a.To == "" || day <= a.To)
}

// AddressLine is the household's address in one line: 南苑路 12 号 3 幢 2 单元 301 室.
func (h Household) AddressLine() string {
	s := h.Address
	if h.Building != "" {
		s += h.Building + "幢"
	}
	if h.Unit != "" {
		s += h.Unit + "单元"
	}
	if h.Room != "" {
		s += h.Room + "室"
	}
	return s
}

// Normalize folds and trims what was typed and drops the 幢/单元/室 a user typed after a number.
func (h *Household) Normalize() {
	trim := func(s string, suffixes ...string) string {
		s = strings.Join(strings.Fields(Fold(s)), "")
		for _, x := range suffixes {
			s = strings.TrimSuffix(s, x)
		}
		return s
	}
	h.Number = strings.ToUpper(trim(h.Number))
	h.Address = strings.TrimSpace(Fold(h.Address))
	h.Building = trim(h.Building, "幢", "栋", "号楼")
	h.Unit = trim(h.Unit, "单元")
	h.Room = trim(h.Room, "室")
	h.Notes = strings.TrimSpace(h.Notes)
	normDate(&h.Since)
}

// Validate checks the household as typed: a community, an address, parts of sensible length and,
// for a new household, a head.
func (h Household) Validate() error {
	bad := &Invalid{}
	if n := len([]rune(h.Number)); n > 30 {
		bad.Add("户号", "不能超过 30 个字符")
	}
	if h.CommunityID == 0 {
		bad.Add("社区", "必须选择")
	}
	if h.Address == "" {
		bad.Add("地址", "不能为空（小区、街路和门牌）")
	} else if len([]rune(h.Address)) > 80 {
		bad.Add("地址", "不能超过 80 个字")
	}
	for _, f := range []struct{ field, v string }{{"幢", h.Building}, {"单元", h.Unit}, {"室", h.Room}} {
		if len([]rune(f.v)) > 10 {
			bad.Add(f.field, "不能超过 10 个字")
		}
	}
	if h.ID == 0 && h.HeadID == 0 {
		bad.Add("户主", "必须选择一位居民作户主")
	}
	checkDate(bad, "建户日期", h.Since, false)
	return bad.Err()
}

// Normalize writes the days in their stored form.
func (m *HouseholdMember) Normalize() {
	m.Relation = strings.TrimSpace(Fold(m.Relation))
	normDate(&m.From)
	normDate(&m.To)
}

// Validate checks a membership: a household, a person, a known relation, a move-in day and a
// move-out day after it.
func (m HouseholdMember) Validate() error {
	bad := &Invalid{}
	if m.HouseholdID == 0 {
		bad.Add("户", "必须选择")
	}
	if m.PersonID == 0 {
		bad.Add("成员", "必须选择一位居民")
	}
	if !inList(m.Relation, HouseholdRelations) {
		bad.Add("与户主关系", "应为 户主、配偶、子女、父母、孙子女 或 其他")
	}
	okFrom := checkDate(bad, "迁入日期", m.From, true)
	okTo := checkDate(bad, "迁出日期", m.To, false)
	if okFrom && okTo && m.To != "" && m.To <= m.From {
		bad.Add("迁出日期", "应晚于迁入日期")
	}
	return bad.Err()
}

// Normalize writes the days in their stored form and trims the note.
func (a *HouseholdAttribute) Normalize() {
	a.Kind = strings.TrimSpace(Fold(a.Kind))
	normDate(&a.From)
	normDate(&a.To)
	a.Note = strings.TrimSpace(a.Note)
}

// Validate checks an attribute: a household, a known kind, a start and an end no earlier.
func (a HouseholdAttribute) Validate() error {
	bad := &Invalid{}
	if a.HouseholdID == 0 {
		bad.Add("户", "必须选择")
	}
	if !inList(a.Kind, HouseholdAttributeKinds) {
		bad.Add("户属性", "应为 低保户、低边户、困难家庭、特困供养 或 残疾人家庭")
	}
	okFrom := checkDate(bad, "开始日期", a.From, true)
	okTo := checkDate(bad, "结束日期", a.To, false)
	if okFrom && okTo && a.To != "" && a.To < a.From {
		bad.Add("结束日期", "不能早于开始日期")
	}
	if len([]rune(a.Note)) > 200 {
		bad.Add("说明", "不能超过 200 个字")
	}
	return bad.Err()
}

var (
	addrBuilding = regexp.MustCompile(`(\d+)(?:幢|栋|号楼)`)
	addrUnit     = regexp.MustCompile(`(\d+)单元`)
	addrRoom     = regexp.MustCompile(`(\d+)室?$`)
)

// SplitAddress reads a resident's one-line address (海宁市硖石街道南苑路12号3幢201室) as a
// household's: the street part and the building, unit and room numbers it names.
func SplitAddress(line string) (address, building, unit, room string) {
	s := strings.Join(strings.Fields(Fold(line)), "")
	cut := len(s)
	if m := addrRoom.FindStringSubmatchIndex(s); m != nil && (addrBuilding.MatchString(s) || strings.HasSuffix(s, "室")) {
		room, cut = s[m[2]:m[3]], m[0]
	}
	if m := addrUnit.FindStringSubmatchIndex(s[:cut]); m != nil {
		unit, cut = s[m[2]:m[3]], m[0]
	}
	if m := addrBuilding.FindStringSubmatchIndex(s[:cut]); m != nil {
		building, cut = s[m[2]:m[3]], m[0]
	}
	return s[:cut], building, unit, room
}

// relationWords are how offices' sheets write a relation to the head.
var relationWords = map[string]string{
	"户主": "户主", "本人": "户主", "配偶": "配偶", "妻": "配偶", "妻子": "配偶", "夫": "配偶", "丈夫": "配偶", "老伴": "配偶",
	"子女": "子女", "子": "子女", "女": "子女", "儿子": "子女", "女儿": "子女", "长子": "子女", "次子": "子女", "长女": "子女",
	"次女": "子女", "养子": "子女", "养女": "子女", "继子": "子女", "继女": "子女",
	"父母": "父母", "父": "父母", "母": "父母", "父亲": "父母", "母亲": "父母",
	"孙子女": "孙子女", "孙子": "孙子女", "孙女": "孙子女", "外孙": "孙子女", "外孙子": "孙子女", "外孙女": "孙子女",
	"其他": "其他", "儿媳": "其他", "女婿": "其他", "兄弟": "其他", "姐妹": "其他", "兄弟姐妹": "其他", "兄": "其他", "弟": "其他",
	"姐": "其他", "妹": "其他", "祖父": "其他", "祖母": "其他", "外祖父": "其他", "外祖母": "其他", "岳父": "其他", "岳母": "其他",
	"公公": "其他", "婆婆": "其他", "侄子": "其他", "侄女": "其他", "外甥": "其他", "外甥女": "其他", "曾孙": "其他", "曾孙女": "其他",
}

// ParseRelation reads a relation to the head as offices write it (本人, 妻, 长子, 外孙女 …) as one
// of HouseholdRelations.
func ParseRelation(text string) (string, error) {
	t := strings.Join(strings.Fields(Fold(text)), "")
	if r, ok := relationWords[t]; ok {
		return r, nil
	}
	return "", &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "与户主关系",
		Message: "“" + t + "”不是可识别的关系：应为 户主（本人）、配偶、子女、父母、孙子女 或 其他（如 儿媳、兄弟姐妹）"}}}
}
