package data

import (
	"fmt"
	"strings"
	"time"
)

// 共富集市: the types, their Normalize and Validate, the fee rule and the allocation of a market
// day's stalls as a pure function (market_alloc.go). The store (market*.go) runs every one of
// them on every write; forms and tests ask the same questions without a database.

// StallKind is what a stall is for.
type StallKind string

// The four kinds of stall.
const (
	StallHelp    StallKind = "帮扶" // 爱心帮扶摊位: families in difficulty, always 免租
	StallCharity StallKind = "公益" // 公益摊位 stocked by the partner bank's suppliers, always 免租
	StallProduce StallKind = "农产品"
	StallRegular StallKind = "普通"
)

// StallKinds lists the kinds in the order screens offer them.
var StallKinds = []StallKind{StallHelp, StallCharity, StallProduce, StallRegular}

// Valid reports whether k is one of the kinds.
func (k StallKind) Valid() bool {
	return k == StallHelp || k == StallCharity || k == StallProduce || k == StallRegular
}

// AlwaysFree reports whether the kind is 免租 by rule (帮扶 and 公益): no fee rule can change it.
func (k StallKind) AlwaysFree() bool { return k == StallHelp || k == StallCharity }

// MarketCategories are the goods a vendor sells.
var MarketCategories = []string{"蔬菜", "水果", "禽蛋", "水产", "粮油", "熟食点心", "日用百货", "手工艺品", "其他"}

// ProduceCategories may use a 农产品 stall.
var ProduceCategories = []string{"蔬菜", "水果", "禽蛋", "水产", "粮油"}

// MarketHardshipKinds are the household attributes that make a resident eligible for a 帮扶 stall
// on a market day.
var MarketHardshipKinds = []string{"低保户", "低边户", "困难家庭", "残疾人家庭"}

// Stall is one numbered stall of a layout.
type Stall struct {
	ID       int64
	LayoutID int64
	Number   string // A01 …
	Kind     StallKind
	Size     string // 2×1.5 米
	Category string // only this category may use it; "" for any
}

// StallLayout is one version of the market's layout; a market day keeps the version it used.
type StallLayout struct {
	ID        int64
	Version   int
	Note      string
	Stalls    []Stall
	CreatedBy string
	CreatedAt string
}

// Normalize trims the layout's text.
func (l *StallLayout) Normalize() {
	l.Note = strings.TrimSpace(l.Note)
	for i := range l.Stalls {
		st := &l.Stalls[i]
		st.Number = strings.ToUpper(strings.TrimSpace(Fold(st.Number)))
		st.Size, st.Category = strings.Join(strings.Fields(Fold(st.Size)), ""), strings.TrimSpace(st.Category) // 2×2 米 → 2×2米
	}
}

// Validate checks a layout: 1 to 500 stalls, each with a unique number, a kind, a size and a
// category limit from the list (or none).
func (l StallLayout) Validate() error {
	bad := &Invalid{}
	if len(l.Stalls) == 0 || len(l.Stalls) > 500 {
		bad.Add("摊位", "布局应有 1 到 500 个摊位")
	}
	seen := map[string]bool{}
	for i, st := range l.Stalls {
		row := fmt.Sprintf("第 %d 个摊位", i+1)
		if n := len([]rune(st.Number)); n == 0 || n > 10 {
			bad.Add(row+"编号", "应为 1 到 10 个字符")
		} else if seen[st.Number] {
			bad.Add(row+"编号", "“%s”重复", st.Number)
		}
		seen[st.Number] = true
		if !st.Kind.Valid() {
			bad.Add(row+"类型", "应为 帮扶、公益、农产品 或 普通")
		}
		if st.Size == "" {
			bad.Add(row+"尺寸", "请填写尺寸，如 2×1.5 米")
		}
		if st.Category != "" && !inList(st.Category, MarketCategories) {
			bad.Add(row+"限定品类", "“%s”不在品类表中", st.Category)
		}
		if st.Kind == StallProduce && st.Category != "" && !inList(st.Category, ProduceCategories) {
			bad.Add(row+"限定品类", "农产品摊位只能限定为农产品品类")
		}
	}
	return bad.Err()
}

// VendorKind is how a vendor takes part.
type VendorKind string

// The three kinds of vendor.
const (
	VendorHelped  VendorKind = "帮扶户" // a resident whose household is in difficulty
	VendorCharity VendorKind = "公益"  // on the charity roster (the partner bank's suppliers)
	VendorRegular VendorKind = "普通"
)

// VendorKinds lists the kinds in the order screens offer them.
var VendorKinds = []VendorKind{VendorHelped, VendorCharity, VendorRegular}

// Vendor is a 摊主: a resident from the registry or an outside trader.
type Vendor struct {
	ID         int64
	Number     string // TZ-0001, issued by the store
	PersonID   int64  // the resident, or 0 for an outside trader
	Name       string // filled from the registry for a resident
	Phone      string
	IDNumber   string
	Category   string
	Kind       VendorKind
	Partner    string // 公益: the supplier behind the stall
	PermitFrom string // a term permit (长期摊位证): from and to, or both ""
	PermitTo   string
	Notes      string
	Signed     int // the newest pact version signed (filled by queries)
}

// Normalize trims the fields and folds the phone and ID number.
func (v *Vendor) Normalize() {
	v.Name, v.Category, v.Partner, v.Notes = strings.TrimSpace(v.Name), strings.TrimSpace(v.Category), strings.TrimSpace(v.Partner), strings.TrimSpace(v.Notes)
	v.IDNumber = strings.ToUpper(strings.Join(strings.Fields(Fold(v.IDNumber)), ""))
	if ph, err := NormalizePhone(v.Phone); err == nil {
		v.Phone = ph
	}
	normDate(&v.PermitFrom)
	normDate(&v.PermitTo)
}

// Validate checks a vendor as of now (an ID number's birth date may not be later).
func (v Vendor) Validate(now time.Time) error {
	bad := &Invalid{}
	if v.PersonID == 0 {
		if n := len([]rune(v.Name)); n < 2 || n > 20 {
			bad.Add("摊主姓名", "应为 2 到 20 个字")
		}
		if v.IDNumber == "" {
			bad.Add("身份证号", "外来摊主须登记身份证号")
		}
	}
	if v.IDNumber != "" {
		if _, err := ParseID(v.IDNumber, now); err != nil {
			bad.merge(err)
		}
	}
	if v.Phone == "" {
		bad.Add("联系电话", "请填写联系电话")
	} else if _, err := NormalizePhone(v.Phone); err != nil {
		bad.merge(err)
	}
	if !inList(v.Category, MarketCategories) {
		bad.Add("经营品类", "请从品类表中选择")
	}
	switch v.Kind {
	case VendorHelped:
		if v.PersonID == 0 {
			bad.Add("摊主类型", "帮扶户必须是登记在册的居民")
		}
	case VendorCharity:
		if v.Partner == "" {
			bad.Add("供货单位", "公益摊位请写明供货单位")
		}
	case VendorRegular:
	default:
		bad.Add("摊主类型", "应为 帮扶户、公益 或 普通")
	}
	if (v.PermitFrom == "") != (v.PermitTo == "") {
		bad.Add("摊位证", "请同时填写起止日期，或都不填")
	} else if v.PermitFrom != "" {
		a, b := checkDate(bad, "摊位证起始", v.PermitFrom, true), checkDate(bad, "摊位证截止", v.PermitTo, true)
		if a && b && v.PermitTo < v.PermitFrom {
			bad.Add("摊位证截止", "不能早于起始日期")
		}
	}
	return bad.Err()
}

// HasPermit reports whether the vendor holds a term permit on day.
func (v Vendor) HasPermit(day string) bool {
	return v.PermitFrom != "" && v.PermitFrom <= day && day <= v.PermitTo
}

// MarketRules are the office's settings for the market.
type MarketRules struct {
	CategoryCap  int    // at most this many stalls selling the same category on a day (0: no cap)
	NoShowLimit  int    // no-shows without notice in a year that suspend the vendor
	WarnAfter    int    // the nth violation in a year is a 警告 (earlier ones are 提醒)
	SuspendAfter int    // the nth violation in a year and later ones suspend
	SuspendDays  int    // a suspension lasts this many market days
	ReleaseTime  string // HH:MM: a stall not taken by then is released to the waiting list
}

// Validate checks the settings.
func (r MarketRules) Validate() error {
	bad := &Invalid{}
	if r.CategoryCap < 0 || r.CategoryCap > 200 {
		bad.Add("同品类上限", "应为 0（不限）到 200")
	}
	if r.NoShowLimit < 1 || r.NoShowLimit > 20 {
		bad.Add("缺席次数上限", "应为 1 到 20")
	}
	if r.WarnAfter < 1 || r.WarnAfter > 20 {
		bad.Add("警告起始次数", "应为 1 到 20")
	}
	if r.SuspendAfter < r.WarnAfter || r.SuspendAfter > 30 {
		bad.Add("暂停起始次数", "应不小于警告起始次数，且不超过 30")
	}
	if r.SuspendDays < 1 || r.SuspendDays > 52 {
		bad.Add("暂停集市日数", "应为 1 到 52")
	}
	if _, ok := clockMinutes(r.ReleaseTime); !ok {
		bad.Add("释放时间", "应写作 08:30")
	}
	return bad.Err()
}

// FeeMethod is how a stall's fee is worked out.
type FeeMethod string

// The fee methods.
const (
	FeeFree    FeeMethod = "免租"
	FeePerDay  FeeMethod = "按日"
	FeePercent FeeMethod = "提成"
)

// FeeRule is the fee for one kind of stall.
type FeeRule struct {
	Kind   StallKind
	Method FeeMethod
	DayFen int64 // 按日: 分 a market day
	RateBP int   // 提成: basis points of the day's takings
}

// Validate checks a fee rule; 帮扶 and 公益 stalls are 免租, always.
func (f FeeRule) Validate() error {
	bad := &Invalid{}
	if !f.Kind.Valid() {
		bad.Add("摊位类型", "应为 帮扶、公益、农产品 或 普通")
	}
	if f.Kind.AlwaysFree() && f.Method != FeeFree {
		bad.Add("收费方式", "%s摊位永久免租，不能改为收费", f.Kind)
	}
	switch f.Method {
	case FeeFree:
		if f.DayFen != 0 || f.RateBP != 0 {
			bad.Add("收费金额", "免租摊位不收费")
		}
	case FeePerDay:
		if f.DayFen <= 0 || f.DayFen > 100000 || f.RateBP != 0 {
			bad.Add("每日摊位费", "应为 0.01 到 1000.00 元")
		}
	case FeePercent:
		if f.RateBP <= 0 || f.RateBP > 3000 || f.DayFen != 0 {
			bad.Add("提成比例", "应为 0.01%% 到 30%%")
		}
	default:
		bad.Add("收费方式", "应为 免租、按日 或 提成")
	}
	return bad.Err()
}

// Fee is the fee in 分 for a day's takings: 免租 nothing (帮扶 and 公益 always), 按日 the day's
// fee, 提成 the rate of the takings rounded half up to the 分.
func (f FeeRule) Fee(takingsFen int64) int64 {
	if f.Kind.AlwaysFree() {
		return 0
	}
	switch f.Method {
	case FeePerDay:
		return f.DayFen
	case FeePercent:
		return (takingsFen*int64(f.RateBP) + 5000) / 10000
	}
	return 0
}

// MarketDay is one market day.
type MarketDay struct {
	ID            int64
	Day           string
	LayoutID      int64
	LayoutVersion int
	Start, End    string // HH:MM
	Cancelled     string // the reason, "" when held
	Allocated     bool   // the allocation is confirmed
	Stalls        int    // filled by queries
	Taken         int
	Applicants    int
}

// MarketDayRule generates market days: every chosen weekday between From and To.
type MarketDayRule struct {
	From, To   string
	Weekdays   int // bit 0 = 星期一 … bit 6 = 星期日
	Start, End string
}

// Validate checks the rule: dates in order, at most a year and a half of days, a weekday, times.
func (r MarketDayRule) Validate() error {
	bad := &Invalid{}
	a, b := checkDate(bad, "开始日期", r.From, true), checkDate(bad, "结束日期", r.To, true)
	if a && b {
		f, _ := ParseDate(r.From)
		t, _ := ParseDate(r.To)
		if t.Before(f) {
			bad.Add("结束日期", "不能早于开始日期")
		} else if t.Sub(f) > 550*24*time.Hour {
			bad.Add("结束日期", "一次最多生成一年半的集市日")
		}
	}
	if r.Weekdays <= 0 || r.Weekdays > 127 {
		bad.Add("星期", "请至少选择一天")
	}
	s, okS := clockMinutes(r.Start)
	e, okE := clockMinutes(r.End)
	if !okS {
		bad.Add("开市时间", "应写作 07:00")
	}
	if !okE {
		bad.Add("收市时间", "应写作 11:00")
	}
	if okS && okE && e <= s {
		bad.Add("收市时间", "应晚于开市时间")
	}
	return bad.Err()
}

// Days lists the rule's days (YYYY-MM-DD) in order; the rule must be valid.
func (r MarketDayRule) Days() []string {
	f, err1 := ParseDate(r.From)
	t, err2 := ParseDate(r.To)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []string
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		if r.Weekdays&(1<<((int(d.Weekday())+6)%7)) != 0 {
			out = append(out, d.Format("2006-01-02"))
		}
	}
	return out
}

// ParseStalls reads a layout typed one stall a line: number, kind, size and an optional category
// limit, separated by spaces (A01 帮扶 2×1.5米, C04 农产品 2×2米 水产). Blank lines are skipped;
// a line that cannot be read is reported by its number. Validate checks the rest.
func ParseStalls(text string) ([]Stall, error) {
	bad := &Invalid{}
	var out []Stall
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(Fold(line))
		switch {
		case len(f) == 0:
			continue
		case len(f) < 3 || len(f) > 4:
			bad.Add(fmt.Sprintf("第 %d 行", i+1), "应写作：编号 类型 尺寸 [限定品类]，如 A01 帮扶 2×1.5米")
			continue
		}
		st := Stall{Number: f[0], Kind: StallKind(f[1]), Size: f[2]}
		if len(f) == 4 {
			st.Category = f[3]
		}
		out = append(out, st)
	}
	return out, bad.Err()
}

// StallsText writes a layout as ParseStalls reads it.
func StallsText(stalls []Stall) string {
	var b strings.Builder
	for _, st := range stalls {
		fmt.Fprintf(&b, "%s %s %s", st.Number, st.Kind, st.Size)
		if st.Category != "" {
			b.WriteString(" " + st.Category)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ParsePactItems reads the items of a pact typed one a line as 标题：内容 (a full-width or ASCII
// colon); blank lines are skipped. Items are numbered in their order.
func ParsePactItems(text string) ([]PactItem, error) {
	bad := &Invalid{}
	var out []PactItem
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		title, body, ok := strings.Cut(strings.Replace(line, "：", ":", 1), ":")
		if !ok {
			bad.Add(fmt.Sprintf("第 %d 行", i+1), "应写作 标题：内容，如 市容环境：摊位整洁")
			continue
		}
		out = append(out, PactItem{Number: len(out) + 1, Title: strings.TrimSpace(title), Text: strings.TrimSpace(body)})
	}
	return out, bad.Err()
}

// PactItemsText writes items as ParsePactItems reads them.
func PactItemsText(items []PactItem) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.Title + "：" + it.Text + "\n")
	}
	return b.String()
}
