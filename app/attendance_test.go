package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

// newTestProgramme creates a programme in the first community running daily from days before to
// days after today, with its sessions generated when days > 0, and n children enrolled.
func newTestProgramme(t *testing.T, sh *shell, name string, days, n int) data.Programme {
	t.Helper()
	cs, err := sh.store.Communities(sh.ctx)
	if err != nil || len(cs) == 0 {
		t.Fatalf("communities: %v (%d)", err, len(cs))
	}
	now := sh.now()
	p := data.Programme{Name: name, Kind: data.ProgrammeKinds[0], CommunityID: cs[0].ID, Place: "活动室", Capacity: 30, AgeMin: 3, AgeMax: 17,
		Start: now.AddDate(0, 0, -days).Format("2006-01-02"), End: now.AddDate(0, 0, days).Format("2006-01-02"), Weekdays: 0x7f, StartTime: "14:00"}
	if p.ID, err = sh.store.SaveProgramme(sh.ctx, p); err != nil {
		t.Fatal(err)
	}
	if days > 0 {
		if _, err := sh.store.GenerateSessions(sh.ctx, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	enrolChildren(t, sh, p.ID, n)
	return p
}

// enrolChildren enrols the first n children of the sample (3–17, with a guardian).
func enrolChildren(t *testing.T, sh *shell, programmeID int64, n int) {
	t.Helper()
	now := sh.now()
	ps, err := sh.store.People(sh.ctx, data.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, child := range ps {
		if n == 0 {
			break
		}
		if a := child.Age(now); a < 3 || a > 17 {
			continue
		}
		gs, err := sh.store.Guardians(sh.ctx, child.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) == 0 {
			continue
		}
		consent := data.Consent{Day: now.Format("2006-01-02"), By: gs[0].Relation + " " + gs[0].Name, How: "书面签字"}
		if _, err := sh.store.Enroll(sh.ctx, programmeID, child.ID, gs[0].GuardianID, consent); err != nil {
			t.Fatal(err)
		}
		n--
	}
	if n > 0 {
		t.Fatalf("%d children short", n)
	}
}

// showGrid refreshes the children's screen, picks the programme and opens its 考勤 tab.
func showGrid(t *testing.T, c *childrenScreen, id int64) *attendanceTab {
	t.Helper()
	c.refresh()
	c.sh.pending.Wait()
	found := false
	for i, p := range c.programmes {
		if p.ID == id {
			c.pick.SetSelectedIndex(i)
			found = true
		}
	}
	if !found {
		t.Fatalf("programme %d not offered", id)
	}
	c.tabs.SelectIndex(2)
	c.sh.pending.Wait()
	c.sh.win.Canvas().(test.WindowlessCanvas).Capture() // draw it, as the window would
	return c.grid
}

func TestAttendanceGridSwitchesProgrammesWithoutCrashing(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*childrenScreen](t, sh, "儿童项目")
	// The grid is drawn after each step, so the next programme's load refreshes drawn cells.
	some := newTestProgramme(t, sh, "测试·有场次", 2, 4)
	empty := newTestProgramme(t, sh, "测试·无场次", 0, 0)
	fresh := newTestProgramme(t, sh, "测试·新项目", 4, 3)
	for _, step := range []struct {
		p            data.Programme
		rows, minCol int
	}{{some, 4, 7}, {empty, 0, 2}, {fresh, 3, 11}, {some, 4, 7}} {
		g := showGrid(t, c, step.p.ID)
		rows, cols := g.table.Length()
		if rows != step.rows || cols < step.minCol {
			t.Fatalf("%s: grid %d × %d, want %d rows and ≥ %d columns", step.p.Name, rows, cols, step.rows, step.minCol)
		}
		if rows > 0 {
			if name := g.cell(widget.TableCellID{Row: rows - 1, Col: 0}); name == "" {
				t.Fatalf("%s: last child has no name", step.p.Name)
			}
			if rate := g.cell(widget.TableCellID{Row: rows - 1, Col: g.v.rateCol()}); rate == "" {
				t.Fatalf("%s: last child has no rate", step.p.Name)
			}
		}
	}
	if n := sh.panics.Load(); n != 0 {
		t.Fatalf("%d panics recovered while switching grids", n)
	}
}

// gridCol is the table column of the session on day (offset from today), or fails.
func gridCol(t *testing.T, g *attendanceTab, offset int) int {
	t.Helper()
	day := g.c.sh.now().AddDate(0, 0, offset).Format("2006-01-02")
	for i, x := range g.v.g.Sessions {
		if x.Day == day {
			return g.v.sessionCol(i)
		}
	}
	t.Fatalf("no session on %s", day)
	return 0
}

func TestAttendanceGridMarks(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*childrenScreen](t, sh, "儿童项目")
	p := newTestProgramme(t, sh, "测试·考勤", 3, 2)
	g := showGrid(t, c, p.ID)
	past, future := gridCol(t, g, -1), gridCol(t, g, 2)

	t.Run("statuses differ in colour and text", func(t *testing.T) {
		seen := map[string]string{}
		for _, m := range data.Marks {
			cell := newAttendanceCell()
			updateAttendanceCell(cellState{text: markSymbol[m] + " " + m, kind: m}, cell)
			fill := fmt.Sprint(cell.(*fyne.Container).Objects[0].(*canvas.Rectangle).FillColor)
			if other, ok := seen[fill]; ok {
				t.Fatalf("%s and %s share the colour %s", m, other, fill)
			}
			seen[fill] = m
		}
	})
	t.Run("a changed cell is marked until saved, and saving confirms", func(t *testing.T) {
		g.table.Select(widget.TableCellID{Row: 0, Col: past})
		st := g.v.state(0, past)
		if st.kind != "出勤" || !st.unsaved || g.save.Disabled() || !strings.Contains(g.status.Text, "1 处更改尚未保存") {
			t.Fatalf("after a tap: %+v, save enabled %v, status %q", st, !g.save.Disabled(), g.status.Text)
		}
		cell := newAttendanceCell()
		updateAttendanceCell(st, cell)
		if cell.(*fyne.Container).Objects[0].(*canvas.Rectangle).StrokeWidth == 0 {
			t.Fatal("an unsaved cell has no outline")
		}
		test.Tap(g.save)
		sh.pending.Wait()
		if st := g.v.state(0, past); st.kind != "出勤" || st.unsaved {
			t.Fatalf("after saving: %+v", st)
		}
		if !strings.Contains(sh.lastNotice, "已保存 1 处考勤") || !strings.Contains(g.status.Text, "已保存") || !g.save.Disabled() {
			t.Fatalf("no confirmation: notice %q, status %q", sh.lastNotice, g.status.Text)
		}
	})
	t.Run("a session to come cannot be marked", func(t *testing.T) {
		g.table.Select(widget.TableCellID{Row: 0, Col: future})
		if st := g.v.state(0, future); st.kind != "未到" || st.unsaved || !strings.Contains(g.status.Text, "还没有开始") {
			t.Fatalf("future cell: %+v, status %q", st, g.status.Text)
		}
	})
	t.Run("a child who withdrew keeps past marks, shown as withdrawn", func(t *testing.T) {
		es, err := sh.store.Enrollments(sh.ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		child := g.v.g.Children[0]
		for _, e := range es {
			if e.ChildID == child.ChildID {
				if _, err := sh.store.Withdraw(sh.ctx, e.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		g = showGrid(t, c, p.ID)
		row := -1
		for i, x := range g.v.g.Children {
			if x.ChildID == child.ChildID {
				row = i
			}
		}
		if row < 0 {
			t.Fatal("the withdrawn child's row is gone")
		}
		if name := g.v.cell(row, 0); !strings.Contains(name, "已退出") {
			t.Fatalf("name cell %q", name)
		}
		g.table.Select(widget.TableCellID{Row: row, Col: past})
		if st := g.v.state(row, past); st.kind != "出勤" || st.unsaved {
			t.Fatalf("withdrawn child's mark: %+v", st)
		}
	})
}
