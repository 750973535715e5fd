package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func TestSoupRoundGenerateDepartArrive(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*careScreen](t, sh, "助老服务")
	st := c.soup
	if len(st.rounds) == 0 {
		t.Fatal("sample rounds missing")
	}
	terms := data.SolarTerms(2026, time.December)
	id, err := sh.store.SaveRound(sh.ctx, data.SoupRound{Day: terms[1].Day, SolarTerm: terms[1].Name, Soup: data.SoupSuggestions[terms[1].Name]})
	if err != nil {
		t.Fatal(err)
	}
	st.refresh()
	sh.pending.Wait()
	st.list.UnselectAll()
	for i, r := range st.rounds {
		if r.ID == id {
			st.list.Select(i)
		}
	}
	sh.pending.Wait()
	test.Tap(st.generate)
	sh.pending.Wait()
	if len(st.ds) == 0 || !strings.Contains(st.summary.Text, "已登记 0 户") {
		t.Fatalf("after generating: %d deliveries, %q", len(st.ds), st.summary.Text)
	}
	if !st.depart.Disabled() {
		t.Fatal("出发 offered before a delivery is picked")
	}
	day, err := time.ParseInLocation("2006-01-02", terms[1].Day, time.Local) // the buttons stamp on the round's day only
	if err != nil {
		t.Fatal(err)
	}
	sh.now = func() time.Time { return day.Add(11 * time.Hour) }
	sh.store.SetClock(func() time.Time { return day.Add(11*time.Hour + 30*time.Minute) })
	st.table.Select(widgetCell(0))
	sh.pending.Wait()
	test.Tap(st.depart)
	sh.pending.Wait()
	if st.ds[0].LeftAt == "" || st.ds[0].Outcome != "" {
		t.Fatalf("after 出发: %+v", st.ds[0])
	}
	sh.now = func() time.Time { return day.Add(11*time.Hour + 7*time.Minute) }
	test.Tap(st.arrive)
	sh.pending.Wait()
	if st.ds[0].Outcome != data.OutcomeDelivered || !strings.Contains(st.summary.Text, "送达 1 户，达标 1 户，达标率 100%") {
		t.Fatalf("after 送达: %+v; %q", st.ds[0], st.summary.Text)
	}
	if st.cell(st.ds[0], 5) != "✓" {
		t.Error("the table does not show 达标")
	}
}

func TestSoupButtonsStampOnlyOnTheDeliveryDay(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	st := openSection[*careScreen](t, sh, "助老服务").soup
	id, err := sh.store.SaveRound(sh.ctx, data.SoupRound{Day: "2026-12-21", SolarTerm: "冬至", Soup: "桂花酒酿圆子"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.GenerateDeliveries(sh.ctx, id); err != nil {
		t.Fatal(err)
	}
	sh.now = func() time.Time { return time.Date(2026, 12, 12, 2, 0, 0, 0, time.Local) } // nine days ahead
	st.refresh()
	sh.pending.Wait()
	for i, r := range st.rounds {
		if r.ID == id {
			st.list.Select(i)
		}
	}
	sh.pending.Wait()
	st.table.Select(widgetCell(0))
	sh.pending.Wait()
	t.Run("出发 and 送达 are off on another day", func(t *testing.T) {
		if !st.depart.Disabled() || !st.arrive.Disabled() || st.saveBtn.Disabled() {
			t.Fatalf("depart %v arrive %v save %v", st.depart.Disabled(), st.arrive.Disabled(), st.saveBtn.Disabled())
		}
	})
	t.Run("送达 before 出发 is refused with a message", func(t *testing.T) {
		test.Type(st.leftAt, "11:10")
		test.Type(st.arriveAt, "11:05")
		st.outcome.SetSelected(data.OutcomeDelivered)
		test.Tap(st.saveBtn)
		sh.pending.Wait()
		if st.ds[0].LeftAt != "" || !strings.Contains(overlayTexts(t, sh), "跨过午夜") {
			t.Fatalf("saved %+v; shown %q", st.ds[0], overlayTexts(t, sh))
		}
	})
}
