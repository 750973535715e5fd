package sample

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"linli/data"
)

// A year of 风和丽苑社区's 「共富集市」 on Saturday and Sunday mornings: 2 爱心帮扶摊位 for
// families in difficulty, 2 公益摊位 stocked by the partner bank's suppliers, produce and other
// stalls; the 11-item 共富集市公约 (a second version half-way through the year, which everyone
// signs again), vendors applying, the allocation confirmed the evening before, leaves, no-shows,
// violations logged by 社区, 业委会 and 物业, takings entered after the market. Every write goes
// through the store with the replay clock, never after the sample's today.

// MarketPact is the sample office's 公约, written from the seed's 「集市容环境、停车管理、设摊秩序等方面
// 11项内容」.
var MarketPact = []data.PactItem{
	{Title: "市容环境", Text: "摊位内外保持整洁，垃圾分类装袋，收市后带走，不向绿地和下水道倾倒污水。"},
	{Title: "停车管理", Text: "进货车辆 6:30 前卸货后停入指定停车区，不占消防通道和小区道路。"},
	{Title: "设摊秩序", Text: "按分配的摊位编号设摊，不越线、不占道、不私自转让或转租摊位。"},
	{Title: "准入登记", Text: "摊主实名登记、签署本公约后方可设摊，长期摊主持摊位证经营。"},
	{Title: "商品质量", Text: "不销售过期、变质、来源不明的商品，农产品标明产地。"},
	{Title: "明码标价", Text: "商品明码标价，不哄抬价格，不以次充好。"},
	{Title: "计量准确", Text: "使用经检定的计量器具，社区公平秤供居民复秤。"},
	{Title: "食品安全", Text: "熟食点心摊位持健康证，食品加盖防尘，生熟分开。"},
	{Title: "文明经营", Text: "文明待客，不高声叫卖、不使用扩音设备，与居民和其他摊主和睦相处。"},
	{Title: "安全用电用火", Text: "不私拉电线，不使用明火和液化气，摊位备灭火器材。"},
	{Title: "按时开收市", Text: "7:00 开市、11:00 收市，不能出摊提前告知社区；无故缺席三次暂停摊位。"},
}

type vendorSeed struct {
	name, category string
	permit         bool
}

var marketTraders = []vendorSeed{
	{"沈国强", "蔬菜", true}, {"何明", "水果", true}, {"吴建新", "禽蛋", false}, {"顾秀珍", "蔬菜", false},
	{"钱志刚", "水产", true}, {"陆小芳", "熟食点心", false}, {"金海燕", "日用百货", false}, {"姚卫东", "粮油", false},
	{"蒋丽华", "手工艺品", false}, {"许根宝", "蔬菜", true}, {"杨春梅", "水果", false}, {"朱永康", "其他", false},
}

var marketLayout = []data.Stall{
	{Number: "A01", Kind: data.StallHelp, Size: "2×1.5 米"}, {Number: "A02", Kind: data.StallHelp, Size: "2×1.5 米"},
	{Number: "B01", Kind: data.StallCharity, Size: "3×2 米"}, {Number: "B02", Kind: data.StallCharity, Size: "3×2 米"},
	{Number: "C01", Kind: data.StallProduce, Size: "2×2 米"}, {Number: "C02", Kind: data.StallProduce, Size: "2×2 米"},
	{Number: "C03", Kind: data.StallProduce, Size: "2×2 米"}, {Number: "C04", Kind: data.StallProduce, Size: "2×2 米", Category: "水产"},
	{Number: "D01", Kind: data.StallRegular, Size: "2×2 米"}, {Number: "D02", Kind: data.StallRegular, Size: "2×2 米"},
	{Number: "D03", Kind: data.StallRegular, Size: "2×2 米"}, {Number: "D04", Kind: data.StallRegular, Size: "2×2 米", Category: "熟食点心"},
}

// marketSample is what the market's steps share.
type marketSample struct {
	*loader
	rng      *rand.Rand
	first    time.Time // the first market day
	helped   []int64
	charity  []int64
	regular  []int64
	resident map[int64]bool
	pacts    []int64
}

func (l *loader) on0(t time.Time, h, m int) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), h, m, 0, 0, l.today.Location())
}

// event is a write planned for a time between market days.
type event struct {
	at  time.Time
	run func() error
}

// market writes the year of the 共富集市, in time order.
func (l *loader) market(ctx context.Context) error {
	m := &marketSample{loader: l, rng: rand.New(rand.NewPCG(2026, 24)), resident: map[int64]bool{}}
	m.first = midnight(l.today.AddDate(-1, 0, 0))
	for m.first.Weekday() != time.Saturday {
		m.first = m.first.AddDate(0, 0, 1)
	}
	if err := m.setup(); err != nil {
		return err
	}
	mid := m.first.AddDate(0, 0, 26*7)
	if err := m.generate(m.first, mid.AddDate(0, 0, -1), m.first.AddDate(0, 0, -10)); err != nil {
		return err
	}
	// Half-way: two more 普通 stalls by the north gate (a new layout version), and a month later a
	// second version of the 公约, which every vendor signs again (one of them three weeks late).
	events := []event{{m.on0(mid.AddDate(0, 0, -12), 15, 0), func() error {
		stalls := append(append([]data.Stall(nil), marketLayout...), data.Stall{Number: "D05", Kind: data.StallRegular, Size: "2×2 米"},
			data.Stall{Number: "D06", Kind: data.StallRegular, Size: "2×2 米"})
		if _, err := l.s.SaveStallLayout(l.staff, data.StallLayout{Note: "北门口增设 D05、D06", Stalls: stalls}); err != nil {
			return err
		}
		return m.generate(mid, l.today.AddDate(0, 0, 21), mid.AddDate(0, 0, -12))
	}}}
	events = append(events, m.secondPact(mid.AddDate(0, 0, 4*7))...)
	for i, d := 0, m.first; !d.After(l.today.AddDate(0, 0, 21)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			continue
		}
		t0 := m.on0(d.AddDate(0, 0, -1), 11, 45)
		if t0.After(l.today) {
			break
		}
		for len(events) > 0 && events[0].at.Before(t0) {
			l.at(events[0].at)
			if err := events[0].run(); err != nil {
				return err
			}
			events = events[1:]
		}
		if err := m.hold(d, i); err != nil {
			return err
		}
		i++
	}
	for _, e := range events {
		if !e.at.After(l.today) {
			l.at(e.at)
			if err := e.run(); err != nil {
				return err
			}
		}
	}
	return nil
}

// setup writes the rules, fees, the first layout and pact, and the vendors with their signatures.
func (m *marketSample) setup() error {
	l := m.loader
	l.at(l.on0(m.first.AddDate(0, 0, -20), 10, 0))
	if err := l.s.SaveMarketRules(l.admin, data.MarketRules{CategoryCap: 3, NoShowLimit: 3, WarnAfter: 2, SuspendAfter: 3,
		SuspendDays: 2, ReleaseTime: "07:30"}); err != nil {
		return err
	}
	for _, f := range []data.FeeRule{{Kind: data.StallProduce, Method: data.FeePerDay, DayFen: 500},
		{Kind: data.StallRegular, Method: data.FeePercent, RateBP: 300}} {
		if err := l.s.SaveFeeRule(l.admin, f); err != nil {
			return err
		}
	}
	if _, err := l.s.SaveStallLayout(l.staff, data.StallLayout{Note: "风和丽苑中心广场，首批 12 个摊位", Stalls: marketLayout}); err != nil {
		return err
	}
	id, err := l.s.SavePact(l.admin, data.Pact{Title: "风和丽苑社区共富集市公约", InForce: day(m.first.AddDate(0, 0, -7)), Items: MarketPact})
	if err != nil {
		return err
	}
	m.pacts = append(m.pacts, id)
	if err := m.vendors(); err != nil {
		return err
	}
	l.at(l.on0(m.first.AddDate(0, 0, -10), 14, 0))
	for _, v := range m.all() {
		if err := l.s.SignPact(l.staff, id, v, day(m.first.AddDate(0, 0, -10)), "郭丹明"); err != nil {
			return err
		}
	}
	return nil
}

func (m *marketSample) all() []int64 {
	return append(append(append([]int64(nil), m.helped...), m.charity...), m.regular...)
}

// vendors registers two 帮扶 families, the two 公益 stalls' suppliers, the traders and three
// residents who sell at the market.
func (m *marketSample) vendors() error {
	l := m.loader
	fenghe := l.byName["风和丽苑社区"]
	hard, err := l.s.PeopleWithHouseholdAttribute(l.staff, data.MarketHardshipKinds, day(m.first))
	if err != nil {
		return err
	}
	var helped, residents []data.Person
	for _, pass := range []bool{true, false} { // 风和丽苑's own families first
		for _, p := range l.people {
			if a := p.Age(m.first); a < 25 || a > 68 || (pass != (p.CommunityID == fenghe)) || len(helped) == 2 && len(residents) == 3 {
				continue
			}
			ok, err := l.s.PersonHasHouseholdAttribute(l.staff, p.ID, data.MarketHardshipKinds, day(l.today))
			if err != nil {
				return err
			}
			switch {
			case len(hard[p.ID]) > 0 && ok && len(helped) < 2:
				helped = append(helped, p)
			case len(hard[p.ID]) == 0 && !ok && pass && len(residents) < 3:
				residents = append(residents, p)
			}
		}
	}
	save := func(v data.Vendor, into *[]int64) error {
		if v.Phone == "" {
			v.Phone = fmt.Sprintf("1390573%04d", m.rng.IntN(10000))
		}
		id, err := l.s.SaveVendor(l.staff, v)
		*into = append(*into, id)
		m.resident[id] = v.PersonID != 0
		return err
	}
	for i, p := range helped {
		if err := save(data.Vendor{PersonID: p.ID, Phone: p.Phone, Category: []string{"熟食点心", "手工艺品"}[i], Kind: data.VendorHelped,
			Notes: "自制点心和手工编织"}, &m.helped); err != nil {
			return err
		}
	}
	for i, name := range []string{"共建银行助农专柜", "爱心粮油供应点"} {
		if err := save(data.Vendor{Name: name, Phone: fmt.Sprintf("0573870%05d", 12001+i), IDNumber: data.MakeID("330421", time.Date(1978+i, 5, 6, 0, 0, 0, 0, time.UTC), 31+i),
			Category: []string{"日用百货", "粮油"}[i], Kind: data.VendorCharity, Partner: "海宁农商银行硖石支行"}, &m.charity); err != nil {
			return err
		}
	}
	for i, t := range marketTraders {
		v := data.Vendor{Name: t.name, Phone: fmt.Sprintf("1380573%04d", 2100+i*37), Category: t.category, Kind: data.VendorRegular,
			IDNumber: data.MakeID("330482", time.Date(1965+i*2, time.Month(1+i%12), 3+i, 0, 0, 0, 0, time.UTC), 100+i)}
		if t.permit {
			v.PermitFrom, v.PermitTo = day(m.first), day(m.first.AddDate(1, 0, -1))
		}
		if err := save(v, &m.regular); err != nil {
			return err
		}
	}
	for i, p := range residents {
		if err := save(data.Vendor{PersonID: p.ID, Phone: p.Phone, Category: []string{"蔬菜", "熟食点心", "手工艺品"}[i], Kind: data.VendorRegular,
			Notes: "本小区居民，自家菜园"}, &m.regular); err != nil {
			return err
		}
	}
	return nil
}

// generate adds the Saturday and Sunday mornings from..to, as of at.
func (m *marketSample) generate(from, to, at time.Time) error {
	m.at(m.on0(at, 16, 0))
	_, err := m.s.GenerateMarketDays(m.staff, data.MarketDayRule{From: day(from), To: day(to), Weekdays: 1<<5 | 1<<6, Start: "07:00", End: "11:00"})
	return err
}

// secondPact plans version 2 from day from, saved on a Monday twelve days before; vendors sign it
// again on weekdays around it, the last one three weeks late.
func (m *marketSample) secondPact(from time.Time) []event {
	items := append([]data.PactItem(nil), MarketPact...)
	items[1].Text = "进货车辆 6:30 前卸货后停入丽苑路临时停车区（业委会议定），不占消防通道和小区道路。"
	var pact int64
	out := []event{{m.on0(from.AddDate(0, 0, -12), 16, 0), func() error {
		id, err := m.s.SavePact(m.admin, data.Pact{Title: "风和丽苑社区共富集市公约", InForce: day(from), Items: items})
		pact = id
		return err
	}}}
	vendors := m.all()
	for i, v := range vendors {
		when := from.AddDate(0, 0, []int{-11, -10, -9, -8, -5}[i%5]) // weekdays before it comes into force
		if i == len(vendors)-1 {
			when = from.AddDate(0, 0, 17) // a Tuesday, three weeks on
		}
		witness := []string{"郭丹明", "业委会 陈建平"}[i%2]
		out = append(out, event{m.on0(when, 10, i), func() error { return m.s.SignPact(m.staff, pact, v, day(when), witness) }})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

var (
	cancelReasons = map[int]string{9: "暴雨预警，集市暂停一次", 31: "台风“梅花”过境，停市", 58: "社区消防演练占用中心广场"}
	dutyRecorders = map[string]string{"社区": "郭丹明", "业委会": "业委会 陈建平", "物业": "物业 王经理"}
	breaches      = []struct {
		item int
		what string
	}{{1, "收市后摊位留有菜叶和泡沫箱"}, {2, "进货车辆停在消防通道"}, {3, "摊位越线占用通道"}, {6, "部分商品未标价"}, {9, "使用扩音喇叭叫卖"}, {11, "未提前告知，迟到一小时出摊"}}
)

// hold runs the ith weekend market day d: cancelled, or applied for, allocated the evening
// before, then held (a leave after the allocation, a no-show, a violation, a waiver), and its
// takings entered after 11:00 — each step only when its time has come by the sample's today.
func (m *marketSample) hold(d time.Time, i int) error {
	ds, err := m.s.MarketDays(m.staff, data.MarketDayFilter{Day: day(d)})
	if err != nil || len(ds) == 0 {
		return err
	}
	id := ds[0].ID
	if why, ok := cancelReasons[i]; ok {
		m.at(m.on0(d.AddDate(0, 0, -1), 11, 45))
		return m.s.CancelMarketDay(m.staff, id, why)
	}
	m.at(m.on0(d.AddDate(0, 0, -1), 12, 0))
	apply := append([]int64(nil), m.helped...)
	if m.rng.IntN(20) == 0 {
		apply = apply[1:]
	}
	apply = append(apply, m.charity...)
	for _, k := range m.rng.Perm(len(m.regular)) {
		if m.rng.IntN(100) < 85 {
			apply = append(apply, m.regular[k])
		}
	}
	if _, err := m.s.ApplyForMarketDay(m.staff, id, apply); err != nil {
		return err
	}
	if m.rng.IntN(16) == 0 {
		m.at(m.on0(d.AddDate(0, 0, -1), 14, 0))
		if _, err := m.s.ReportLeave(m.staff, id, apply[len(apply)-1]); err != nil {
			return err
		}
	}
	if !m.later(d, -1, 17, 0) {
		return nil
	}
	if _, err := m.s.ConfirmAllocation(m.staff, id); err != nil {
		return err
	}
	return m.onTheDay(d, i, id)
}

// later sets the clock to h:mm on d+days and reports whether that is not after today.
func (m *marketSample) later(d time.Time, days, h, mm int) bool {
	t := m.on0(d.AddDate(0, 0, days), h, mm)
	if t.After(m.today) {
		return false
	}
	m.at(t)
	return true
}

// given lists who holds a stall now, by stall number.
func (m *marketSample) given(id int64) ([]data.DayLine, error) {
	_, lines, err := m.s.MarketDaySheet(m.staff, id)
	var out []data.DayLine
	for _, l := range lines {
		if l.StallID != 0 {
			out = append(out, l)
		}
	}
	return out, err
}

// regularHolder picks a 普通 vendor holding a stall, or 0.
func (m *marketSample) regularHolder(lines []data.DayLine) int64 {
	var ids []int64
	for _, l := range lines {
		if l.Kind == data.VendorRegular {
			ids = append(ids, l.VendorID)
		}
	}
	if len(ids) == 0 {
		return 0
	}
	return ids[m.rng.IntN(len(ids))]
}

func (m *marketSample) onTheDay(d time.Time, i int, id int64) error {
	lines, err := m.given(id)
	if err != nil {
		return err
	}
	for k, absent := range []func(context.Context, int64, int64) (int64, error){m.s.ReportLeave, m.s.RecordNoShow} {
		if m.rng.IntN(25) != 0 || !m.later(d, 0, 6+k, 30+15*k) { // a leave at 06:30, a no-show at 07:45
			continue
		}
		if v := m.regularHolder(lines); v != 0 {
			if _, err := absent(m.staff, id, v); err != nil {
				return err
			}
			if lines, err = m.given(id); err != nil {
				return err
			}
		}
	}
	if m.rng.IntN(8) == 0 && m.later(d, 0, 9, 30) {
		if v := m.regularHolder(lines); v != 0 {
			b := breaches[m.rng.IntN(len(breaches))]
			party := data.DutyParties[m.rng.IntN(len(data.DutyParties))]
			if _, err := m.s.RecordViolation(m.staff, data.Violation{VendorID: v, Day: day(d), Item: b.item, Party: party,
				Recorder: dutyRecorders[party], What: b.what}); err != nil {
				return err
			}
		}
	}
	if i%23 == 5 && m.later(d, 0, 10, 0) {
		if v := m.regularHolder(lines); v != 0 {
			if err := m.s.WaiveFee(m.staff, id, v, "郭丹明", "雨天客流少，社区同意减免当日摊位费"); err != nil {
				return err
			}
		}
	}
	if !m.later(d, 0, 11, 30) {
		return nil
	}
	return m.takings(d, i, id, lines)
}

// takings enters the day's takings: produce and other stalls by what they sell, 帮扶 stalls a
// family's morning, 公益 stalls the bank's suppliers; on a wet day some sell nothing, and on the
// last week's days one entry is still missing.
func (m *marketSample) takings(d time.Time, i int, id int64, lines []data.DayLine) error {
	wet := i%17 == 3
	recent := m.today.Sub(d) < 7*24*time.Hour
	var es []data.TakingsEntry
	for k, l := range lines {
		if recent && k == len(lines)-1 {
			continue
		}
		lo, hi := int64(8000), int64(45000)
		switch l.StallKind {
		case data.StallHelp:
			lo, hi = 6000, 28000
		case data.StallCharity:
			lo, hi = 20000, 90000
		case data.StallProduce:
			lo, hi = 15000, 60000
		}
		fen := (lo + m.rng.Int64N(hi-lo)) / 10 * 10
		if d.Weekday() == time.Sunday {
			fen = fen * 11 / 10
		}
		if wet {
			fen /= 3
			if m.rng.IntN(3) == 0 {
				fen = 0
			}
		}
		es = append(es, data.TakingsEntry{VendorID: l.VendorID, TakingsFen: fen})
	}
	if len(es) == 0 {
		return nil
	}
	return m.s.RecordTakings(m.staff, id, es)
}
