package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

// openConcerns signs in and shows 民情议事.
func openConcerns(t *testing.T, user string) (*shell, *concernsScreen) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, user, sample.Password)
	return sh, openSection[*concernsScreen](t, sh, "民情议事")
}

func TestRecordConcernWithTheKeyboard(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	before := len(c.list.rows)
	test.Tap(c.list.add)
	sh.pending.Wait()
	f := c.list.form
	if f == nil {
		t.Fatal("no record form")
	}
	if sh.win.Canvas().Focused() != f.text {
		t.Fatal("the form must open with the cursor in 反映内容")
	}
	test.Type(f.text, "公共厕所地面很滑")
	sh.win.Canvas().FocusNext() // Tab
	if sh.win.Canvas().Focused() != f.place {
		t.Fatalf("Tab from 反映内容 goes to %T, want 地点", sh.win.Canvas().Focused())
	}
	test.Type(f.place, "南关厢街公厕")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Return saves from any line
	sh.pending.Wait()
	if f.dlg.shownMessages() != "" {
		t.Fatalf("refused: %s", f.dlg.shownMessages())
	}
	if len(c.list.rows) != before+1 {
		t.Fatalf("list has %d open concerns, want %d", len(c.list.rows), before+1)
	}
	got := c.list.rows[0]
	if got.Text != "公共厕所地面很滑" || got.State != data.StateRecorded || got.ReporterKind != data.ReporterAnonymous || got.Recorder != "staff" {
		t.Fatalf("recorded %+v", got)
	}
}

func TestRecordConcernNeedsText(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	test.Tap(c.list.add)
	sh.pending.Wait()
	f := c.list.form
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if f.dlg.shownMessages() == "" || f.dlg.fieldMsgs[0].Hidden {
		t.Fatal("an empty concern must be refused under 反映内容")
	}
}

func TestViewerCannotRecordConcerns(t *testing.T) {
	_, c := openConcerns(t, "viewer")
	if !c.list.add.Disabled() {
		t.Fatal("只读 must not record concerns")
	}
	for _, r := range c.list.rows {
		if r.ReporterKind != data.ReporterAnonymous && c.list.cell(0, 7) == r.ReporterName {
			t.Fatal("只读 sees reporters masked")
		}
	}
}

func TestMeetingDecidesAConcern(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	sh.showSection("民情议事")
	c.tabs.SelectIndex(1)
	sh.pending.Wait()
	before := len(c.meetings.rows)
	c.meetings.open(0)
	sh.pending.Wait()
	f := c.meetings.form
	if f == nil || len(f.agenda) == 0 {
		t.Fatal("no meeting form, or the sample has no concern 待议")
	}
	row := f.agenda[0]
	test.Type(f.topic, "楼道安全")
	row.on.SetChecked(true)
	test.Type(row.decision, "物业一周内清理")
	test.Type(row.unit, "物业")
	test.Type(row.dueOn, sh.now().AddDate(0, 0, 7).Format("2006-01-02"))
	test.Type(f.guests, "王建华 物业服务中心")
	test.Type(f.minutes, "商定清理楼道堆物。")
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if msg := f.dlg.shownMessages(); msg != "" {
		t.Fatalf("refused: %s", msg)
	}
	if len(c.meetings.rows) != before+1 {
		t.Fatalf("%d meetings, want %d", len(c.meetings.rows), before+1)
	}
	got, err := sh.store.Concern(sh.ctx, row.concernID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != data.StateDecided || got.Owner != "物业" {
		t.Fatalf("concern %s owner %q", got.State, got.Owner)
	}
}
