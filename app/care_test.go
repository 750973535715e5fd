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
	st.table.Select(widgetCell(0))
	sh.pending.Wait()
	sh.now = func() time.Time { return time.Date(2026, 12, 21, 11, 0, 0, 0, time.Local) }
	test.Tap(st.depart)
	sh.pending.Wait()
	if st.ds[0].LeftAt == "" || st.ds[0].Outcome != "" {
		t.Fatalf("after 出发: %+v", st.ds[0])
	}
	sh.now = func() time.Time { return time.Date(2026, 12, 21, 11, 7, 0, 0, time.Local) }
	test.Tap(st.arrive)
	sh.pending.Wait()
	if st.ds[0].Outcome != data.OutcomeDelivered || !strings.Contains(st.summary.Text, "送达 1 户，达标 1 户，达标率 100%") {
		t.Fatalf("after 送达: %+v; %q", st.ds[0], st.summary.Text)
	}
	if st.cell(st.ds[0], 5) != "✓" {
		t.Error("the table does not show 达标")
	}
}
