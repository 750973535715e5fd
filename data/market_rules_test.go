package data

import (
	"fmt"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

func TestMarketFeeRule(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		rule    FeeRule
		ok      bool
		takings int64
		fee     int64
	}{
		{"帮扶 free", FeeRule{Kind: StallHelp, Method: FeeFree}, true, 50000, 0},
		{"公益 free", FeeRule{Kind: StallCharity, Method: FeeFree}, true, 50000, 0},
		{"帮扶 per day refused", FeeRule{Kind: StallHelp, Method: FeePerDay, DayFen: 1000}, false, 50000, 0},
		{"公益 percent refused", FeeRule{Kind: StallCharity, Method: FeePercent, RateBP: 500}, false, 50000, 0},
		{"produce per day", FeeRule{Kind: StallProduce, Method: FeePerDay, DayFen: 1000}, true, 50000, 1000},
		{"regular percent rounds half up", FeeRule{Kind: StallRegular, Method: FeePercent, RateBP: 250}, true, 12345, 309},
		{"percent of zero takings", FeeRule{Kind: StallRegular, Method: FeePercent, RateBP: 250}, true, 0, 0},
		{"per day needs an amount", FeeRule{Kind: StallRegular, Method: FeePerDay}, false, 0, 0},
		{"free with an amount", FeeRule{Kind: StallRegular, Method: FeeFree, DayFen: 5}, false, 0, 0},
		{"unknown method", FeeRule{Kind: StallRegular, Method: "包月"}, false, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.rule.Validate()
			if (err == nil) != c.ok {
				t.Fatalf("Validate = %v, want ok %v", err, c.ok)
			}
			if c.ok {
				if got := c.rule.Fee(c.takings); got != c.fee {
					t.Fatalf("Fee(%d) = %d, want %d", c.takings, got, c.fee)
				}
			}
		})
	}
	t.Run("a free kind is never charged whatever the rule says", func(t *testing.T) {
		if fee := (FeeRule{Kind: StallHelp, Method: FeePerDay, DayFen: 9999}).Fee(100000); fee != 0 {
			t.Fatalf("fee %d", fee)
		}
	})
}

func TestMarketDayRuleDays(t *testing.T) {
	t.Parallel()
	r := MarketDayRule{From: "2026-11-01", To: "2026-11-30", Weekdays: 1<<5 | 1<<6, Start: "07:00", End: "11:00"}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	days := r.Days()
	if len(days) != 9 || days[0] != "2026-11-01" || days[1] != "2026-11-07" || days[8] != "2026-11-29" {
		t.Fatalf("days %v", days)
	}
	for _, bad := range []MarketDayRule{
		{From: "2026-11-30", To: "2026-11-01", Weekdays: 1, Start: "07:00", End: "11:00"},
		{From: "2026-01-01", To: "2028-01-01", Weekdays: 1, Start: "07:00", End: "11:00"},
		{From: "2026-11-01", To: "2026-11-30", Weekdays: 0, Start: "07:00", End: "11:00"},
		{From: "2026-11-01", To: "2026-11-30", Weekdays: 1, Start: "11:00", End: "07:00"},
	} {
		if bad.Validate() == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}

func TestMarketOutcomeLadder(t *testing.T) {
	t.Parallel()
	r := MarketRules{WarnAfter: 2, SuspendAfter: 3, SuspendDays: 4}
	for nth, want := range map[int]ViolationOutcome{1: OutcomeRemind, 2: OutcomeWarn, 3: OutcomeSuspend, 7: OutcomeSuspend} {
		got, days := r.OutcomeFor(nth)
		if got != want || (got == OutcomeSuspend) != (days == 4) {
			t.Errorf("violation %d: %s %d, want %s", nth, got, days, want)
		}
	}
}

func TestMarketVendorValidate(t *testing.T) {
	t.Parallel()
	good := Vendor{Name: "周大勇", Phone: "13905730001", IDNumber: testID(fixedNow.AddDate(-40, 0, 0), Male), Category: "蔬菜", Kind: VendorRegular}
	for _, c := range []struct {
		name  string
		edit  func(*Vendor)
		field string
	}{
		{"outside trader needs an ID number", func(v *Vendor) { v.IDNumber = "" }, "身份证号"},
		{"bad ID number", func(v *Vendor) { v.IDNumber = "330481199001011234" }, "身份证号"},
		{"bad phone", func(v *Vendor) { v.Phone = "12" }, "联系电话"},
		{"category from the list", func(v *Vendor) { v.Category = "烟花" }, "经营品类"},
		{"帮扶户 must be a resident", func(v *Vendor) { v.Kind = VendorHelped }, "摊主类型"},
		{"公益 names its supplier", func(v *Vendor) { v.Kind = VendorCharity }, "供货单位"},
		{"permit needs both dates", func(v *Vendor) { v.PermitFrom = "2026-01-01" }, "摊位证"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := good
			c.edit(&v)
			v.Normalize()
			assertField(t, v.Validate(fixedNow), c.field)
		})
	}
	if err := good.Validate(fixedNow); err != nil {
		t.Fatal(err)
	}
}

// assertField fails unless err is invalid input naming field.
func assertField(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok || e.Code != CodeInvalid {
		t.Fatalf("want invalid %s, got %v", field, err)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("want field %s, got %v", field, e.Fields)
}

func TestMarketPactValidateNumbersItems(t *testing.T) {
	t.Parallel()
	p := Pact{Title: "共富集市公约", InForce: "2026/1/1", Items: []PactItem{{Title: "市容环境", Text: "摊位整洁"}, {Title: "停车管理", Text: "车辆停放有序"}}}
	p.Normalize()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.InForce != "2026-01-01" || p.Items[1].Number != 2 {
		t.Fatalf("%+v", p)
	}
	p.Items = append(p.Items, PactItem{Title: "设摊秩序"})
	assertField(t, p.Validate(), "第 3 条内容")
}

func TestMarketAllocatePriorityAndReasons(t *testing.T) {
	t.Parallel()
	stalls := []AllocStall{{ID: 1, Number: "A01", Kind: StallHelp}, {ID: 2, Number: "B01", Kind: StallCharity},
		{ID: 3, Number: "C01", Kind: StallProduce}, {ID: 4, Number: "D01", Kind: StallRegular}}
	vendors := []AllocVendor{
		{ID: 10, Seq: 1, Kind: VendorRegular, Category: "日用百货", Signed: true},             // applicant, first to apply
		{ID: 11, Seq: 2, Kind: VendorRegular, Category: "蔬菜", Signed: true, Permit: true}, // permit holder
		{ID: 12, Seq: 3, Kind: VendorHelped, Category: "蔬菜", Signed: true, Eligible: true},
		{ID: 13, Seq: 4, Kind: VendorHelped, Category: "水果", Signed: true}, // not eligible
		{ID: 14, Seq: 5, Kind: VendorCharity, Category: "粮油", Signed: true},
		{ID: 15, Seq: 6, Kind: VendorRegular, Category: "熟食点心"},                             // unsigned
		{ID: 16, Seq: 7, Kind: VendorRegular, Category: "其他", Signed: true, Suspended: "x"}, // suspended
		{ID: 17, Seq: 8, Kind: VendorRegular, Category: "其他", Signed: true, Leave: true},
		{ID: 18, Seq: 9, Kind: VendorRegular, Category: "其他", Signed: true}, // no stall left
	}
	got := map[int64]AllocLine{}
	var order []int64
	for _, l := range AllocateStalls(stalls, vendors, 0) {
		got[l.VendorID] = l
		order = append(order, l.VendorID)
	}
	if !reflect.DeepEqual(order[:3], []int64{12, 13, 14}) || got[11].Order != 4 {
		t.Fatalf("processing order %v", order)
	}
	want := map[int64]string{13: RefuseIneligible, 15: RefuseUnsigned, 16: RefuseSuspended, 17: RefuseLeave, 18: RefuseFull}
	for id, reason := range want {
		if got[id].Reason != reason || got[id].StallID != 0 {
			t.Errorf("vendor %d: %+v, want %s", id, got[id], reason)
		}
	}
	for id, stall := range map[int64]int64{12: 1, 14: 2, 11: 3, 10: 4} {
		if got[id].StallID != stall {
			t.Errorf("vendor %d got stall %d, want %d", id, got[id].StallID, stall)
		}
	}
	t.Run("category cap", func(t *testing.T) {
		vs := []AllocVendor{{ID: 1, Seq: 1, Kind: VendorRegular, Category: "蔬菜", Signed: true}, {ID: 2, Seq: 2, Kind: VendorRegular, Category: "蔬菜", Signed: true}}
		ls := AllocateStalls(stalls, vs, 1)
		if ls[0].StallID == 0 || ls[1].Reason != RefuseCategory {
			t.Fatalf("%+v", ls)
		}
	})
}

// genMarket draws a layout and applicants.
func genMarket(t *rapid.T) ([]AllocStall, []AllocVendor, int) {
	kinds := []StallKind{StallHelp, StallCharity, StallProduce, StallRegular}
	ns := rapid.IntRange(0, 30).Draw(t, "stalls")
	stalls := make([]AllocStall, ns)
	for i := range stalls {
		stalls[i] = AllocStall{ID: int64(i + 1), Number: fmt.Sprintf("S%02d", rapid.IntRange(0, 40).Draw(t, "num")),
			Kind: rapid.SampledFrom(kinds).Draw(t, "kind")}
		if rapid.IntRange(0, 4).Draw(t, "limited") == 0 {
			stalls[i].Category = rapid.SampledFrom(MarketCategories).Draw(t, "limit")
		}
	}
	nv := rapid.IntRange(0, 60).Draw(t, "vendors")
	vendors := make([]AllocVendor, nv)
	for i := range vendors {
		vendors[i] = AllocVendor{ID: int64(100 + i), Seq: int64(rapid.IntRange(1, 100).Draw(t, "seq")),
			Kind: rapid.SampledFrom(VendorKinds).Draw(t, "vkind"), Category: rapid.SampledFrom(MarketCategories).Draw(t, "cat"),
			Eligible: rapid.Bool().Draw(t, "eligible"), Permit: rapid.Bool().Draw(t, "permit"), Signed: rapid.IntRange(0, 5).Draw(t, "signed") > 0,
			Leave: rapid.IntRange(0, 9).Draw(t, "leave") == 0}
		if rapid.IntRange(0, 9).Draw(t, "susp") == 0 {
			vendors[i].Suspended = "暂停"
		}
	}
	return stalls, vendors, rapid.IntRange(0, 5).Draw(t, "cap")
}

func TestMarketAllocateProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		stalls, vendors, cap := genMarket(t)
		lines := AllocateStalls(stalls, vendors, cap)
		if len(lines) != len(vendors) {
			t.Fatalf("%d lines for %d vendors", len(lines), len(vendors))
		}
		byStall := map[int64]AllocStall{}
		for _, s := range stalls {
			byStall[s.ID] = s
		}
		byVendor := map[int64]AllocVendor{}
		for _, v := range vendors {
			byVendor[v.ID] = v
		}
		given, perCat := map[int64]bool{}, map[string]int{}
		for _, l := range lines {
			v := byVendor[l.VendorID]
			if (l.StallID == 0) == (l.Reason == "") {
				t.Fatalf("line %+v: a stall xor a reason", l)
			}
			if l.StallID == 0 {
				continue
			}
			st := byStall[l.StallID]
			if given[l.StallID] {
				t.Fatalf("stall %d given twice", l.StallID)
			}
			given[l.StallID] = true
			if st.Kind == StallHelp && (v.Kind != VendorHelped || !v.Eligible) {
				t.Fatalf("帮扶 stall to %+v", v)
			}
			if !v.Signed || v.Suspended != "" || v.Leave {
				t.Fatalf("stall to a barred vendor %+v", v)
			}
			if !StallFits(st, v) {
				t.Fatalf("stall %+v does not fit %+v", st, v)
			}
			perCat[v.Category]++
			if cap > 0 && perCat[v.Category] > cap {
				t.Fatalf("category %s over cap %d", v.Category, cap)
			}
		}
		// Nobody refused 已满 while a stall that fits them stayed free.
		for _, l := range lines {
			if l.Reason != RefuseFull {
				continue
			}
			for _, st := range stalls {
				if !given[st.ID] && StallFits(st, byVendor[l.VendorID]) {
					t.Fatalf("vendor %d refused 已满 with stall %d free", l.VendorID, st.ID)
				}
			}
		}
		// Deterministic, whatever the input order.
		rev := append([]AllocVendor(nil), vendors...)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		if again := AllocateStalls(stalls, rev, cap); !reflect.DeepEqual(again, lines) {
			t.Fatalf("not deterministic")
		}
	})
}

func BenchmarkMarketAllocate200x1000(b *testing.B) {
	kinds := []StallKind{StallHelp, StallHelp, StallCharity, StallCharity}
	stalls := make([]AllocStall, 200)
	for i := range stalls {
		k := StallRegular
		if i < len(kinds) {
			k = kinds[i]
		} else if i%3 == 0 {
			k = StallProduce
		}
		stalls[i] = AllocStall{ID: int64(i + 1), Number: fmt.Sprintf("A%03d", i+1), Kind: k}
	}
	vendors := make([]AllocVendor, 1000)
	for i := range vendors {
		vendors[i] = AllocVendor{ID: int64(i + 1), Seq: int64(1000 - i), Kind: VendorRegular, Category: MarketCategories[i%len(MarketCategories)],
			Signed: i%17 != 0, Permit: i%5 == 0}
		if i%50 == 0 {
			vendors[i].Kind, vendors[i].Eligible = VendorHelped, i%100 == 0
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		AllocateStalls(stalls, vendors, 40)
	}
}

func TestMarketLayoutAndPactText(t *testing.T) {
	t.Parallel()
	stalls, err := ParseStalls("A01 帮扶 2×1.5米\n\n C04  农产品 2×2米 水产 \n")
	if err != nil || len(stalls) != 2 || stalls[1] != (Stall{Number: "C04", Kind: StallProduce, Size: "2×2米", Category: "水产"}) {
		t.Fatalf("%+v %v", stalls, err)
	}
	if again, err := ParseStalls(StallsText(stalls)); err != nil || !reflect.DeepEqual(again, stalls) {
		t.Fatalf("round trip %+v %v", again, err)
	}
	_, err = ParseStalls("A01 帮扶\nB01 公益 3×2米")
	assertField(t, err, "第 1 行")
	items, err := ParsePactItems("市容环境：摊位整洁\n停车管理: 停在指定区域\n")
	if err != nil || len(items) != 2 || items[1].Number != 2 || items[1].Text != "停在指定区域" {
		t.Fatalf("%+v %v", items, err)
	}
	_, err = ParsePactItems("市容环境")
	assertField(t, err, "第 1 行")
}

func FuzzParseStalls(f *testing.F) {
	f.Add("A01 帮扶 2×1.5米\nC04 农产品 2×2米 水产")
	f.Add("  \n\tB01 公益 3×2米 \r\n")
	f.Fuzz(func(t *testing.T, text string) {
		stalls, err := ParseStalls(text)
		if err != nil {
			return
		}
		again, err := ParseStalls(StallsText(stalls))
		if err != nil || len(again) != len(stalls) {
			t.Fatalf("round trip of %q: %+v %v", text, again, err)
		}
	})
}
