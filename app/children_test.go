package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

func TestAttendanceTapChangesRate(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*childrenScreen](t, sh, "儿童项目")
	if len(c.programmes) < 6 || c.current == nil {
		t.Fatalf("%d sample programmes", len(c.programmes))
	}
	for i, p := range c.programmes {
		if p.Name == "公益吉他班" {
			c.pick.SetSelectedIndex(i)
		}
	}
	sh.pending.Wait()
	c.tabs.SelectIndex(2)
	sh.pending.Wait()
	g := c.grid
	if len(g.v.g.Children) == 0 || len(g.v.g.Sessions) == 0 {
		t.Fatalf("empty grid: %d × %d", len(g.v.g.Children), len(g.v.g.Sessions))
	}
	// The first session that was held: find a child marked 出勤 there and tap once (→ 缺勤).
	before := g.cell(widget.TableCellID{Row: 0, Col: g.v.rateCol()})
	was := g.mark(g.v.g.Sessions[0].ID, g.v.g.Children[0].ChildID)
	g.tap(0, g.v.sessionCol(0))
	now := g.mark(g.v.g.Sessions[0].ID, g.v.g.Children[0].ChildID)
	if now != data.NextMark(was) || g.save.Disabled() {
		t.Fatalf("tap: %q → %q, save enabled %v", was, now, !g.save.Disabled())
	}
	after := g.cell(widget.TableCellID{Row: 0, Col: g.v.rateCol()})
	if (was == "出勤") != (now == "出勤") && before == after {
		t.Fatalf("rate did not change: %s → %s", before, after)
	}
	g.tap(0, g.v.sessionCol(0))
	g.tap(0, g.v.sessionCol(0)) // back to the first mark after three taps
	if g.mark(g.v.g.Sessions[0].ID, g.v.g.Children[0].ChildID) != was && was != "" {
		t.Fatalf("three taps should cycle back to %q", was)
	}
	g.session.SetSelectedIndex(0)
	g.allPresent()
	g.onSave()
	sh.pending.Wait()
	grid, err := sh.store.AttendanceGrid(sh.ctx, c.current.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range grid.Children {
		if grid.Marks[[2]int64{grid.Sessions[0].ID, ch.ChildID}] != "出勤" {
			t.Fatalf("全部出勤 not saved for %s", ch.Child)
		}
	}
	if !strings.Contains(g.status.Text, "已保存") && !strings.Contains(g.status.Text, "名儿童") {
		t.Fatalf("status %q", g.status.Text)
	}
}

func TestEnrolUnder14NeedsConsent(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*childrenScreen](t, sh, "儿童项目")
	c.tabs.SelectIndex(1)
	sh.pending.Wait()
	ps, err := sh.store.People(sh.ctx, data.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var child data.Person
	enrolled := map[int64]bool{}
	for _, e := range c.enrol.rows {
		enrolled[e.ChildID] = true
	}
	for _, p := range ps {
		if a := p.Age(sh.now()); a >= c.current.AgeMin && a <= c.current.AgeMax && a < data.ConsentAge && !enrolled[p.ID] {
			gs, err := sh.store.Guardians(sh.ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(gs) > 0 {
				child = p
				break
			}
		}
	}
	if child.ID == 0 {
		t.Skip("no unenrolled child under 14 with a guardian in the sample")
	}
	e := c.enrol
	e.pickChild(child)
	sh.pending.Wait()
	e.consentBy.SetText("")
	e.onEnrol()
	sh.pending.Wait()
	es, err := sh.store.Enrollments(sh.ctx, c.current.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range es {
		if x.ChildID == child.ID {
			t.Fatal("enrolled without consent")
		}
	}
	e.consentBy.SetText("母亲")
	e.onEnrol()
	sh.pending.Wait()
	if !strings.Contains(e.result.Text, "已报名") {
		t.Fatalf("with consent: %q", e.result.Text)
	}
}

// A programme without a place or a weekly rule reads 「关爱走访 · 2027-01-01 至 …」, never 「 · · 」.
func TestProgrammeLineLeavesOutEmptyParts(t *testing.T) {
	test.NewTempApp(t)
	got := programmeLine(data.Programme{Kind: "关爱走访", Start: "2027-01-01", End: "2027-12-31", AgeMin: 3, AgeMax: 17, Capacity: 20, ThresholdPct: 80})
	if strings.Contains(got, "·  ·") || strings.Contains(got, "· ·") || strings.Contains(got, "每周") {
		t.Fatalf("line %q", got)
	}
}
