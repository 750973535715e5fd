package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
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
	login(t, sh, "staff", data.SamplePassword)
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
			if rate := g.cell(widget.TableCellID{Row: rows - 1, Col: cols - 1}); rate == "" {
				t.Fatalf("%s: last child has no rate", step.p.Name)
			}
		}
	}
	if n := sh.panics.Load(); n != 0 {
		t.Fatalf("%d panics recovered while switching grids", n)
	}
}
