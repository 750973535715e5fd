package data

import "testing"

func TestMarketViolationLadder(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	v := f.vendor(t, "周大勇", "日用百货")
	want := []ViolationOutcome{OutcomeRemind, OutcomeWarn, OutcomeSuspend}
	for i, day := range []string{"2026-10-03", "2026-10-10", "2026-10-17"} {
		got, err := f.s.RecordViolation(f.staff, Violation{VendorID: v.ID, Day: day, Item: 3, Party: "物业", Recorder: "物业王经理", What: "占道设摊"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Outcome != want[i] || got.ItemTitle != "设摊秩序" {
			t.Fatalf("violation %d: %+v", i+1, got)
		}
	}
	d := f.day(t, "2026-10-24", v)
	if got := f.confirm(t, d); got[v.ID].Reason != RefuseSuspended {
		t.Fatalf("after 暂停: %+v", got[v.ID])
	}
	t.Run("a violation on a day still to come", func(t *testing.T) {
		_, err := f.s.RecordViolation(f.staff, Violation{VendorID: v.ID, Day: "2026-12-05", Item: 1, Party: "社区", Recorder: "郭丹明", What: "占道"})
		assertField(t, err, "日期")
	})
	t.Run("an item the pact does not have", func(t *testing.T) {
		_, err := f.s.RecordViolation(f.staff, Violation{VendorID: v.ID, Day: "2026-10-24", Item: 9, Party: "社区", Recorder: "郭丹明", What: "占道"})
		assertField(t, err, "公约条款")
	})
	vs, err := f.s.Violations(f.viewr, ViolationFilter{VendorID: v.ID})
	if err != nil || len(vs) != 3 {
		t.Fatalf("%v %v", vs, err)
	}
}

func TestMarketCancelDay(t *testing.T) {
	t.Parallel()
	f := mustMarket(t)
	v := f.vendor(t, "周大勇", "日用百货")
	d := f.day(t, "2026-12-12", v)
	assertField(t, f.s.CancelMarketDay(f.staff, d, ""), "取消原因")
	if err := f.s.CancelMarketDay(f.staff, d, "暴雨预警"); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.ConfirmAllocation(f.staff, d)
	wantCode(t, err, CodeConflict)
	if n, err := f.s.GenerateMarketDays(f.staff, MarketDayRule{From: "2026-12-12", To: "2026-12-13", Weekdays: 127, Start: "07:00", End: "11:00"}); err != nil || n != 1 {
		t.Fatalf("regenerate: %d %v", n, err)
	}
	entries, err := f.s.ListAudit(f.admin, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		found = found || (e.Entity == MarketEntity && e.Summary == "取消集市日 2026-12-12：暴雨预警")
	}
	if !found {
		t.Fatal("cancel not audited")
	}
}
