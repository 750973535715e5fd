package data

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// marketFixture is 风和丽苑's market: a layout of 2 帮扶, 2 公益, 2 农产品 and 2 普通 stalls, a
// two-item pact in force from 2026-01-01, and the office's accounts.
type marketFixture struct {
	s                   *Store
	admin, staff, viewr context.Context
	c                   Community
	pact                int64
}

var testLayout = StallLayout{Note: "试行", Stalls: []Stall{
	{Number: "A01", Kind: StallHelp, Size: "2×1.5 米"}, {Number: "A02", Kind: StallHelp, Size: "2×1.5 米"},
	{Number: "B01", Kind: StallCharity, Size: "3×2 米"}, {Number: "B02", Kind: StallCharity, Size: "3×2 米"},
	{Number: "C01", Kind: StallProduce, Size: "2×2 米"}, {Number: "C02", Kind: StallProduce, Size: "2×2 米"},
	{Number: "D01", Kind: StallRegular, Size: "2×2 米"}, {Number: "D02", Kind: StallRegular, Size: "2×2 米"},
}}

func testPact(inForce string) Pact {
	return Pact{Title: "共富集市公约", InForce: inForce, Items: []PactItem{{Title: "市容环境", Text: "摊位整洁，垃圾入桶"},
		{Title: "停车管理", Text: "车辆停在指定区域"}, {Title: "设摊秩序", Text: "按分配摊位设摊，不占道"}}}
}

func mustMarket(t testing.TB) marketFixture {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	f := marketFixture{s: s, admin: admin, staff: as(t, s, "staff"), viewr: as(t, s, "viewer"), c: mustCommunity(t, s, admin, "风和丽苑社区")}
	if _, err := s.SaveStallLayout(f.staff, testLayout); err != nil {
		t.Fatal(err)
	}
	id, err := s.SavePact(admin, testPact("2026-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	f.pact = id
	return f
}

// vendor adds and signs up an outside trader.
func (f marketFixture) vendor(t testing.TB, name, category string, edit ...func(*Vendor)) Vendor {
	t.Helper()
	v := Vendor{Name: name, Phone: fmt.Sprintf("139%08d", idSeq.Add(1)), IDNumber: testID(fixedNow.AddDate(-45, 0, 0), Male), Category: category, Kind: VendorRegular}
	for _, e := range edit {
		e(&v)
	}
	id, err := f.s.SaveVendor(f.staff, v)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SignPact(f.staff, f.pact, id, "2026-01-05", "郭丹明"); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Vendor(f.staff, id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// helped adds a resident heading a household with the attribute from 2025-01-01 to to ("" open),
// registered and signed as a 帮扶户 vendor.
func (f marketFixture) helped(t testing.TB, name, attr, to string) (Vendor, int64) {
	t.Helper()
	p := mustPerson(t, f.s, f.staff, f.c, name, Female, 50)
	hh, err := f.s.SaveHousehold(f.staff, Household{CommunityID: f.c.ID, Address: "风和丽苑", Building: "5", Room: fmt.Sprint(100 + idSeq.Add(1)),
		HeadID: p.ID, Since: "2020-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: hh, Kind: attr, From: "2025-01-01", To: to}); err != nil {
		t.Fatal(err)
	}
	return f.vendor(t, name, "蔬菜", func(v *Vendor) { v.PersonID, v.Kind, v.IDNumber, v.Name = p.ID, VendorHelped, "", "" }), hh
}

// day makes a market day and has vendors apply, in order.
func (f marketFixture) day(t testing.TB, day string, vendors ...Vendor) int64 {
	t.Helper()
	if _, err := f.s.GenerateMarketDays(f.staff, MarketDayRule{From: day, To: day, Weekdays: 127, Start: "07:00", End: "11:00"}); err != nil {
		t.Fatal(err)
	}
	ds, err := f.s.MarketDays(f.staff, MarketDayFilter{Day: day})
	if err != nil || len(ds) != 1 {
		t.Fatal(err, ds)
	}
	if len(vendors) > 0 {
		ids := make([]int64, len(vendors))
		for i, v := range vendors {
			ids[i] = v.ID
		}
		if _, err := f.s.ApplyForMarketDay(f.staff, ds[0].ID, ids); err != nil {
			t.Fatal(err)
		}
	}
	return ds[0].ID
}

func (f marketFixture) confirm(t testing.TB, day int64) map[int64]AllocationLine {
	t.Helper()
	res, err := f.s.ConfirmAllocation(f.staff, day)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]AllocationLine{}
	for _, l := range res.Lines {
		out[l.VendorID] = l
	}
	return out
}

func wantCode(t testing.TB, err error, code Code) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("want %s, got %v", code, err)
	}
}

func TestMarketRoles(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	t.Run("只读 sees but cannot write", func(t *testing.T) {
		if _, err := f.s.Vendors(f.viewr, VendorFilter{}); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.SaveVendor(f.viewr, Vendor{Name: "周大勇", Phone: "13905730001", IDNumber: testID(fixedNow.AddDate(-40, 0, 0), Male), Category: "蔬菜", Kind: VendorRegular})
		wantCode(t, err, CodeForbidden)
	})
	t.Run("社工 cannot change the pact, fee rules or settings", func(t *testing.T) {
		_, err := f.s.SavePact(f.staff, testPact("2026-06-01"))
		wantCode(t, err, CodeForbidden)
		wantCode(t, f.s.SaveFeeRule(f.staff, FeeRule{Kind: StallRegular, Method: FeePerDay, DayFen: 2000}), CodeForbidden)
		wantCode(t, f.s.SaveMarketRules(f.staff, MarketRules{CategoryCap: 2, NoShowLimit: 3, WarnAfter: 2, SuspendAfter: 3, SuspendDays: 4, ReleaseTime: "08:30"}), CodeForbidden)
	})
	t.Run("管理员 changes fee rules but never makes 帮扶 or 公益 pay", func(t *testing.T) {
		if err := f.s.SaveFeeRule(f.admin, FeeRule{Kind: StallRegular, Method: FeePercent, RateBP: 300}); err != nil {
			t.Fatal(err)
		}
		for _, k := range []StallKind{StallHelp, StallCharity} {
			wantCode(t, f.s.SaveFeeRule(f.admin, FeeRule{Kind: k, Method: FeePerDay, DayFen: 500}), CodeInvalid)
		}
		rs, err := f.s.FeeRules(f.viewr)
		if err != nil {
			t.Fatal(err)
		}
		if rs[0].Method != FeeFree || rs[1].Method != FeeFree || rs[3].Method != FeePercent {
			t.Fatalf("rules %+v", rs)
		}
	})
	t.Run("the table refuses a charged 帮扶 rule written around the store", func(t *testing.T) {
		if _, err := f.s.DB().Exec(rebindTest("UPDATE market_fee_rule SET method = '按日', day_fen = 100 WHERE kind = '帮扶'")); err == nil {
			t.Fatal("the table took a fee for 帮扶")
		}
	})
}

// rebindTest is SQL a test runs on the raw handle (the server driver translates it too).
func rebindTest(q string) string { return q }

func TestMarketAllocationInStore(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	first := f.vendor(t, "周大勇", "日用百货")
	permit := f.vendor(t, "沈国强", "蔬菜", func(v *Vendor) { v.PermitFrom, v.PermitTo = "2026-01-01", "2026-12-31" })
	eligible, hh := f.helped(t, "李秀兰", "低保户", "")
	lapsed, _ := f.helped(t, "陈美华", "困难家庭", "2026-06-30")
	unsigned := f.vendor(t, "许文静", "水果")
	if _, err := f.s.SavePact(f.admin, testPact("2026-11-01")); err != nil { // a new version: 许文静 has not signed it
		t.Fatal(err)
	}
	pacts, err := f.s.Pacts(f.staff)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []Vendor{first, permit, eligible, lapsed} {
		if err := f.s.SignPact(f.staff, pacts[0].ID, v.ID, "2026-11-02", "郭丹明"); err != nil {
			t.Fatal(err)
		}
	}
	day := f.day(t, "2026-11-28", first, permit, eligible, lapsed, unsigned)
	preview, err := f.s.PreviewAllocation(f.viewr, day)
	if err != nil {
		t.Fatal(err)
	}
	got := f.confirm(t, day)
	t.Run("preview is what is confirmed", func(t *testing.T) {
		for _, l := range preview.Lines {
			c := got[l.VendorID]
			if c.StallID != l.StallID || c.Reason != l.Reason || c.Order != l.Order {
				t.Fatalf("preview %+v, confirmed %+v", l, c)
			}
		}
	})
	t.Run("priority: 帮扶 first, permit before the first applicant", func(t *testing.T) {
		if g := got[eligible.ID]; g.StallKind != StallHelp || g.HouseholdID != hh || g.Order != 1 {
			t.Fatalf("eligible family: %+v", g)
		}
		if got[permit.ID].Stall != "C01" || got[permit.ID].Order >= got[first.ID].Order || got[first.ID].Stall != "D01" {
			t.Fatalf("permit %+v, first %+v", got[permit.ID], got[first.ID])
		}
	})
	t.Run("every refusal has its reason", func(t *testing.T) {
		if got[lapsed.ID].Reason != RefuseIneligible || got[unsigned.ID].Reason != RefuseUnsigned {
			t.Fatalf("lapsed %+v, unsigned %+v", got[lapsed.ID], got[unsigned.ID])
		}
	})
	t.Run("a confirmed day takes no second allocation or late applications", func(t *testing.T) {
		_, err := f.s.ConfirmAllocation(f.staff, day)
		wantCode(t, err, CodeConflict)
		_, err = f.s.ApplyForMarketDay(f.staff, day, []int64{unsigned.ID})
		wantCode(t, err, CodeConflict)
	})
	t.Run("只读 cannot confirm", func(t *testing.T) {
		d2 := f.day(t, "2026-12-05", first)
		_, err := f.s.ConfirmAllocation(f.viewr, d2)
		wantCode(t, err, CodeForbidden)
	})
	mustCheck(t, f.s)
}

func TestMarketLeaveNoShowAndSuspension(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	if err := f.s.SaveMarketRules(f.admin, MarketRules{CategoryCap: 0, NoShowLimit: 2, WarnAfter: 2, SuspendAfter: 3, SuspendDays: 1, ReleaseTime: "08:30"}); err != nil {
		t.Fatal(err)
	}
	a, b, c := f.vendor(t, "周大勇", "日用百货"), f.vendor(t, "何明", "日用百货"), f.vendor(t, "林晓", "日用百货")
	t.Run("a no-show is recorded only after the day's release time", func(t *testing.T) {
		d := f.day(t, "2026-11-27", a, b, c)
		f.confirm(t, d)
		_, err := f.s.RecordNoShow(f.staff, d, a.ID) // the clock is 10:00 on 2026-11-27: after 08:30, so allowed
		if err != nil {
			t.Fatal(err)
		}
		d2 := f.day(t, "2026-11-29", a)
		f.confirm(t, d2)
		_, err = f.s.RecordNoShow(f.staff, d2, a.ID)
		wantCode(t, err, CodeConflict)
	})
	t.Run("a released stall goes to the waiting list", func(t *testing.T) {
		d := f.day(t, "2026-11-14", a, b, c) // two 普通 stalls: c waits
		got := f.confirm(t, d)
		if got[c.ID].Reason != RefuseFull {
			t.Fatalf("c: %+v", got[c.ID])
		}
		to, err := f.s.RecordNoShow(f.staff, d, a.ID)
		if err != nil || to != c.ID {
			t.Fatalf("released to %d: %v", to, err)
		}
		_, lines, err := f.s.MarketDaySheet(f.staff, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if l.VendorID == c.ID && (!l.Released || l.Stall != got[a.ID].Stall) {
				t.Fatalf("c's line %+v", l)
			}
		}
	})
	t.Run("the limit of no-shows suspends for the configured market days", func(t *testing.T) {
		d := f.day(t, "2026-11-21", a)
		if got := f.confirm(t, d); got[a.ID].Reason != RefuseSuspended {
			t.Fatalf("after two no-shows: %+v", got[a.ID])
		}
		d = f.day(t, "2026-11-22", a)
		if got := f.confirm(t, d); got[a.ID].StallID == 0 {
			t.Fatalf("suspension of one market day still on: %+v", got[a.ID])
		}
	})
	t.Run("leave before the allocation keeps the vendor out", func(t *testing.T) {
		d := f.day(t, "2026-12-06", b)
		if _, err := f.s.ReportLeave(f.staff, d, b.ID); err != nil {
			t.Fatal(err)
		}
		if got := f.confirm(t, d); got[b.ID].Reason != RefuseLeave {
			t.Fatalf("%+v", got[b.ID])
		}
	})
	mustCheck(t, f.s)
}

func TestMarketTakingsFeesAndFund(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	if err := f.s.SaveFeeRule(f.admin, FeeRule{Kind: StallRegular, Method: FeePercent, RateBP: 500}); err != nil {
		t.Fatal(err)
	}
	produce := f.vendor(t, "沈国强", "蔬菜")
	regular := f.vendor(t, "周大勇", "日用百货")
	waived := f.vendor(t, "何明", "手工艺品")
	charity := f.vendor(t, "农商银行供货点", "粮油", func(v *Vendor) { v.Kind, v.Partner = VendorCharity, "海宁农商银行" })
	helped, _ := f.helped(t, "李秀兰", "低保户", "")
	d := f.day(t, "2026-11-21", produce, regular, waived, charity, helped)
	f.confirm(t, d)
	t.Run("takings of a day still to come are refused", func(t *testing.T) {
		ahead := f.day(t, "2026-12-05", produce)
		f.confirm(t, ahead)
		wantCode(t, f.s.RecordTakings(f.staff, ahead, []TakingsEntry{{VendorID: produce.ID, TakingsFen: 100}}), CodeConflict)
	})
	t.Run("takings before the allocation or for no stall are refused", func(t *testing.T) {
		other := f.day(t, "2026-11-22", produce)
		wantCode(t, f.s.RecordTakings(f.staff, other, []TakingsEntry{{VendorID: produce.ID, TakingsFen: 100}}), CodeConflict)
	})
	if err := f.s.WaiveFee(f.staff, d, waived.ID, "郭丹明", "首次参加集市"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.s.WaiveFee(f.staff, d, regular.ID, "", "x"), CodeInvalid)
	if err := f.s.RecordTakings(f.staff, d, []TakingsEntry{{produce.ID, 35050}, {regular.ID, 12345}, {waived.ID, 0}, {charity.ID, 80001}}); err != nil {
		t.Fatal(err)
	}
	_, lines, err := f.s.MarketDaySheet(f.viewr, d)
	if err != nil {
		t.Fatal(err)
	}
	fee := map[int64]int64{}
	for _, l := range lines {
		fee[l.VendorID] = l.FeeFen
		switch l.VendorID {
		case waived.ID:
			if !l.HasTakings || l.TakingsFen != 0 {
				t.Fatalf("zero takings not an entry: %+v", l)
			}
		case helped.ID:
			if l.HasTakings {
				t.Fatalf("missing shown as entered: %+v", l)
			}
		case charity.ID:
			if !l.ToFund {
				t.Fatalf("公益 not to the fund: %+v", l)
			}
		}
	}
	if !reflect.DeepEqual(fee, map[int64]int64{produce.ID: 1000, regular.ID: 617, waived.ID: 0, charity.ID: 0, helped.ID: 0}) {
		t.Fatalf("fees %v", fee)
	}
	l, err := f.s.MarketLedger(f.viewr, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	if tt := l.Total; tt.TakingsFen != 127396 || tt.FundFen != 80001 || tt.FeeFen != 1617 || tt.Missing != 1 || tt.Waivers != 1 || l.Held != 2 {
		t.Fatalf("ledger %+v", l)
	}
	mustCheck(t, f.s)
}

func TestMarketHelpedIncomeSumsToTheFen(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	a, hhA := f.helped(t, "李秀兰", "低保户", "")
	b, _ := f.helped(t, "陈美华", "残疾人家庭", "")
	amounts := map[string][2]int64{"2026-09-05": {1999, 0}, "2026-09-12": {2001, 10}, "2026-10-03": {12345, 67}, "2026-11-07": {1, 99999}}
	var sumA, sumB int64
	for day, am := range amounts {
		d := f.day(t, day, a, b)
		f.confirm(t, d)
		if err := f.s.RecordTakings(f.staff, d, []TakingsEntry{{a.ID, am[0]}, {b.ID, am[1]}}); err != nil {
			t.Fatal(err)
		}
		sumA, sumB = sumA+am[0], sumB+am[1]
	}
	fams, err := f.s.HelpedIncome(f.viewr, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) != 2 {
		t.Fatalf("families %+v", fams)
	}
	for _, fam := range fams {
		var months, days int64
		for _, m := range fam.Months {
			months += m
		}
		for _, d := range fam.Days {
			days += d.TakingsFen
		}
		want := sumB
		if fam.HouseholdID == hhA {
			want = sumA
		}
		if fam.TotalFen != want || months != want || days != want || len(fam.Days) != 4 {
			t.Fatalf("family %s: total %d months %d days %d, want %d", fam.Number, fam.TotalFen, months, days, want)
		}
	}
}

// BenchmarkMarketPreview200x1000 allocates a day of 200 stalls and 1,000 applicants in the store.
func BenchmarkMarketPreview200x1000(b *testing.B) {
	f := mustMarket(b)
	var l StallLayout
	for i := 0; i < 200; i++ {
		k := StallRegular
		switch {
		case i < 2:
			k = StallHelp
		case i < 4:
			k = StallCharity
		case i%3 == 0:
			k = StallProduce
		}
		l.Stalls = append(l.Stalls, Stall{Number: fmt.Sprintf("S%03d", i+1), Kind: k, Size: "2×2 米"})
	}
	if _, err := f.s.SaveStallLayout(f.staff, l); err != nil {
		b.Fatal(err)
	}
	if err := f.s.SaveMarketRules(f.admin, MarketRules{CategoryCap: 30, NoShowLimit: 3, WarnAfter: 2, SuspendAfter: 3, SuspendDays: 4, ReleaseTime: "08:30"}); err != nil {
		b.Fatal(err)
	}
	tx, err := f.s.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		if _, err := tx.Exec(rebindTest(`INSERT INTO market_vendor (number, name, phone, category, kind, created_at, updated_at)
			VALUES (?, ?, '13900000000', ?, '普通', '', '')`), fmt.Sprintf("TZ-%04d", i+1), fmt.Sprintf("摊主%d", i), MarketCategories[i%len(MarketCategories)]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := tx.Exec(`INSERT INTO market_signature (pact_id, vendor_id, day, witness, recorded_by) SELECT 1, id, '2026-01-02', '郭丹明', 'x' FROM market_vendor`); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	vs, err := f.s.Vendors(f.staff, VendorFilter{})
	if err != nil {
		b.Fatal(err)
	}
	d := f.day(b, "2026-11-28", vs...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := f.s.PreviewAllocation(f.staff, d)
		if err != nil || res.Given != 196 { // no 帮扶户 or 公益 applicant: their 4 stalls stay free
			b.Fatal(err, res.Given)
		}
	}
}
