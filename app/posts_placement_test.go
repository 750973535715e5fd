package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"linli/data"
)

func TestPostsApplicationForm(t *testing.T) {
	sh, p := openPosts(t, "staff")
	workingStudent(t, sh, p) // a 2027 season with a post, matched already
	before := len(p.match.rows)
	test.Tap(p.match.add)
	sh.pending.Wait()
	f := p.match.form
	if f == nil {
		t.Fatal("no application form")
	}
	test.Type(f.student.search, "王秀英")
	f.student.find()
	sh.pending.Wait()
	if f.app.PersonID == 0 {
		t.Fatal("no student picked")
	}
	test.Type(f.school, "海宁市第一中学")
	test.Type(f.grade, "高一")
	t.Run("without a choice it is refused under 第1志愿", func(t *testing.T) {
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if !dialogOpen(sh) || !strings.Contains(fieldShows(f.dlg, "第1志愿"), "1 到 3 个岗位") {
			t.Fatalf("messages %q", f.dlg.shownMessages())
		}
	})
	t.Run("the same post twice is named as it is picked", func(t *testing.T) {
		f.choices[0].SetSelectedIndex(1)
		f.choices[1].SetSelectedIndex(1)
		if !strings.Contains(fieldShows(f.dlg, "第2志愿"), "重复") {
			t.Fatalf("messages %q", f.dlg.shownMessages())
		}
		f.choices[1].SetSelectedIndex(0)
	})
	t.Run("saved after the matching, it joins the waiting list", func(t *testing.T) {
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if msg := f.dlg.shownMessages(); msg != "" {
			t.Fatalf("refused: %s", msg)
		}
		if len(p.match.rows) != before+1 {
			t.Fatalf("%d applications, want %d", len(p.match.rows), before+1)
		}
	})
	t.Run("Escape after typing asks", func(t *testing.T) {
		p.match.openAppForm(data.Application{})
		sh.pending.Wait()
		asksToDiscard(t, sh, p.match.form.school, "某中学")
	})
}

func TestPostsTimesheetCorrectionAndEvaluation(t *testing.T) {
	sh, p := openPosts(t, "staff")
	a := workingStudent(t, sh, p)
	v := showPlacement(p.match, a)
	sh.pending.Wait()
	t.Run("a timesheet ending before it starts is refused under 结束时间", func(t *testing.T) {
		test.Tap(v.buttons["登记工时"])
		f := v.sheet
		if f.day.Text != "2027-07-05" || f.start.Text != "09:00" || f.by.Text != "许文静" {
			t.Fatalf("filled %q %q %q", f.day.Text, f.start.Text, f.by.Text)
		}
		f.end.SetText("08:00")
		if !strings.Contains(fieldShows(f.dlg, "结束时间"), "晚于") {
			t.Fatalf("while typing: %q", f.dlg.shownMessages())
		}
		f.end.SetText("12:00")
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if msg := f.dlg.shownMessages(); msg != "" {
			t.Fatalf("refused: %s", msg)
		}
		if len(v.sheets) != 1 || v.sheets[0].Minutes != 180 {
			t.Fatalf("timesheets %+v", v.sheets)
		}
	})
	t.Run("Escape in the timesheet form asks", func(t *testing.T) {
		test.Tap(v.buttons["登记工时"])
		asksToDiscard(t, sh, v.sheet.by, "某")
	})
	t.Run("a correction needs a reason, then reverses and records the day", func(t *testing.T) {
		test.Tap(v.buttons["冲销工时"])
		f := v.reverse
		f.end.SetText("11:00")
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if !strings.Contains(fieldShows(f.dlg, "冲销原因"), "原因") {
			t.Fatalf("messages %q", f.dlg.shownMessages())
		}
		test.Type(f.reason, "结束时间登记错了")
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if msg := f.dlg.shownMessages(); msg != "" {
			t.Fatalf("refused: %s", msg)
		}
		if len(v.sheets) != 3 || !v.sheets[0].Reversed || v.sheets[1].Minutes != -180 || v.sheets[2].Minutes != 120 {
			t.Fatalf("timesheets %+v", v.sheets)
		}
		if !strings.Contains(v.hours.Text, "合计 120 分钟") {
			t.Fatalf("shown %q", v.hours.Text)
		}
	})
	t.Run("completing needs a grade, then saves the evaluation", func(t *testing.T) {
		test.Tap(v.buttons["完成评价"])
		f := v.eval
		test.Type(f.remark, "认真负责")
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if fieldShows(f.dlg, "评价等级") == "" {
			t.Fatalf("messages %q", f.dlg.shownMessages())
		}
		f.grade.SetSelectedIndex(0)
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		got, err := sh.store.Application(sh.ctx, a.ID)
		if err != nil || got.State != data.AppCompleted || got.EvalGrade != "优秀" || got.Minutes != 120 {
			t.Fatalf("application %+v, %v", got, err)
		}
	})
}

func TestPostsStopForm(t *testing.T) {
	sh, p := openPosts(t, "staff")
	a := workingStudent(t, sh, p)
	v := showPlacement(p.match, a)
	sh.pending.Wait()
	test.Tap(v.buttons["中止"])
	f := v.stop
	test.Type(f.reason, "家")
	if fieldShows(f.dlg, "中止原因") == "" {
		t.Fatal("a one-character reason is not named while typing")
	}
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || fieldShows(f.dlg, "中止原因") == "" {
		t.Fatal("a one-character reason must be refused")
	}
	test.Type(f.reason, "中有事")
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	got, err := sh.store.Application(sh.ctx, a.ID)
	if err != nil || got.State != data.AppStopped || got.Reason != "家中有事" {
		t.Fatalf("application %+v, %v", got, err)
	}
}

func TestPostsViewerSeesDisabledButtonsWithTheReason(t *testing.T) {
	sh, p := openPosts(t, "viewer")
	for name, b := range map[string]interface{ Disabled() bool }{"新增岗位": p.list.add, "新增报名": p.match.add, "新增商铺": p.shops.add} {
		if !b.Disabled() {
			t.Errorf("%s is enabled for 只读", name)
		}
	}
	p.tabs.SelectIndex(1)
	sh.pending.Wait()
	if len(p.match.rows) == 0 {
		t.Fatal("no applications")
	}
	v := showPlacement(p.match, p.match.rows[0])
	sh.pending.Wait()
	for step, b := range v.buttons {
		if !b.Disabled() {
			t.Errorf("%s is enabled for 只读", step)
		}
	}
	if !strings.Contains(overlayTexts(t, sh), "本角色无权") {
		t.Fatal("no reason shown beside the disabled steps")
	}
}

func TestPostsPlacementFormsAskBeforeDiscarding(t *testing.T) {
	sh, p := openPosts(t, "staff")
	a := workingStudent(t, sh, p)
	if _, err := sh.store.AddTimesheet(sh.ctx, data.Timesheet{ApplicationID: a.ID, Day: "2027-07-05", Start: "09:00", End: "12:00", SignedBy: "许文静"}); err != nil {
		t.Fatal(err)
	}
	v := showPlacement(p.match, a)
	sh.pending.Wait()
	test.Tap(v.buttons["中止"])
	asksToDiscard(t, sh, v.stop.reason, "家中有事")
	test.Tap(v.buttons["完成评价"])
	asksToDiscard(t, sh, v.eval.remark, "认真")
	test.Tap(v.buttons["冲销工时"])
	asksToDiscard(t, sh, v.reverse.reason, "登记错了")
	got, err := sh.store.Application(sh.ctx, a.ID)
	if err != nil || got.State != data.AppWorking || got.Minutes != 180 {
		t.Fatalf("after discarding: %+v, %v", got, err)
	}
}

// 上岗 after the post has ended asks first (catching up a paper record is allowed, one unnoticed
// click is not): nothing changes until 仍然登记.
func TestPostsStartAfterThePostEndedAsks(t *testing.T) {
	sh, p := openPosts(t, "staff")
	a := placedStudent(t, sh, p, false)
	sh.store.SetClock(func() time.Time { return time.Date(2027, 8, 2, 10, 0, 0, 0, fixedNow.Location()) }) // the post ended 2027-07-16
	v := showPlacement(p.match, a)
	sh.pending.Wait()
	b := v.buttons["上岗"]
	if b == nil {
		t.Fatal("no 上岗 for a placed student")
	}
	test.Tap(b)
	sh.pending.Wait()
	if !topHas(t, sh, "岗位已结束") {
		t.Fatalf("no question:\n%s", overlayTexts(t, sh))
	}
	if got, err := sh.store.Application(sh.ctx, a.ID); err != nil || got.State != data.AppPlaced {
		t.Fatalf("behind the question: %s %v", got.State, err)
	}
	tapOverlayButton(t, sh, "仍然登记")
	sh.pending.Wait()
	if got, err := sh.store.Application(sh.ctx, a.ID); err != nil || got.State != data.AppWorking {
		t.Fatalf("after 仍然登记: %s %v", got.State, err)
	}
}
