package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

// openServices signs in as 社工 and shows 上门服务 with every request listed.
func openServices(t *testing.T) (*shell, *servicesTab) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*careScreen](t, sh, "助老服务")
	st := c.services
	st.open.SetChecked(false)
	sh.pending.Wait()
	return sh, st
}

// firstAt is the first listed request at a stage.
func firstAt(t *testing.T, st *servicesTab, stage string) data.ServiceRequest {
	t.Helper()
	for _, r := range st.rows {
		if r.Stage() == stage {
			return r
		}
	}
	t.Fatalf("no %s request in the sample", stage)
	return data.ServiceRequest{}
}

func findRequest(t *testing.T, sh *shell, id int64) data.ServiceRequest {
	t.Helper()
	rs, err := sh.store.Requests(sh.ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("request #%d gone", id)
	return data.ServiceRequest{}
}

// shownMessages is what the dialog says under its fields and below the form.
func (fd *formDialog) shownMessages() string {
	var out []string
	for _, l := range append(fd.fieldMsgs, fd.msg) {
		if l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

func dialogOpen(sh *shell) bool { return sh.win.Canvas().Overlays().Top() != nil }

func TestCompleteWithInvalidMinutesKeepsRequestAndSaysWhy(t *testing.T) {
	sh, st := openServices(t)
	r := firstAt(t, st, "已派单")
	st.act(r)
	sh.pending.Wait()
	test.Type(st.minutes, "一小时")
	test.Type(st.result, "已送到")
	test.Tap(st.dlg.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) {
		t.Fatal("the dialog closed on an invalid 用时")
	}
	if msg := st.dlg.shownMessages(); !strings.Contains(msg, "1 到 1440") {
		t.Fatalf("the form does not say why: %q", msg)
	}
	if st.minutes.Text != "一小时" || st.result.Text != "已送到" {
		t.Fatalf("typing lost: %q %q", st.minutes.Text, st.result.Text)
	}
	if got := findRequest(t, sh, r.ID); got != r {
		t.Fatalf("the request changed:\n%+v\n%+v", r, got)
	}
}

func TestCompleteWithoutResultSaysWhy(t *testing.T) {
	sh, st := openServices(t)
	r := firstAt(t, st, "已派单")
	st.act(r)
	sh.pending.Wait()
	test.Type(st.minutes, "45")
	test.Tap(st.dlg.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || !strings.Contains(st.dlg.shownMessages(), "必须填写服务结果") {
		t.Fatalf("open %v, message %q", dialogOpen(sh), st.dlg.shownMessages())
	}
	if got := findRequest(t, sh, r.ID); got.Stage() != "已派单" {
		t.Fatalf("the request changed: %+v", got)
	}
}

func TestCompleteKeepsTheDispatchedVolunteer(t *testing.T) {
	sh, st := openServices(t)
	r := firstAt(t, st, "已派单")
	st.act(r)
	sh.pending.Wait()
	test.Type(st.minutes, "45")
	test.Type(st.result, "药已送到")
	test.Tap(st.dlg.confirm)
	sh.pending.Wait()
	if dialogOpen(sh) {
		t.Fatalf("the dialog stayed open: %q", st.dlg.shownMessages())
	}
	got := findRequest(t, sh, r.ID)
	if got.Stage() != "已完成" || got.VolunteerID != r.VolunteerID || got.Minutes != 45 {
		t.Fatalf("after 完成: %+v (was dispatched to %d)", got, r.VolunteerID)
	}
}

func TestReassignShowsCurrentVolunteerAndNeedsReason(t *testing.T) {
	sh, st := openServices(t)
	r := firstAt(t, st, "已派单")
	st.act(r)
	sh.pending.Wait()
	test.Tap(st.dlg.extra[0])
	sh.pending.Wait()
	if !strings.Contains(st.dlg.title, "改派") {
		t.Fatalf("改派… opened %q", st.dlg.title)
	}
	if l, ok := st.dlg.items[0].Widget.(*fyne.Container).Objects[0].(*widget.Label); !ok || l.Text != r.Volunteer {
		t.Fatalf("the current volunteer %q is not shown", r.Volunteer)
	}
	for _, c := range st.pick.all {
		if c.id == r.VolunteerID {
			t.Fatal("the current volunteer is offered as the new one")
		}
	}
	st.pick.sel.SetSelectedIndex(0)
	to, _ := st.pick.selected()
	test.Tap(st.dlg.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || !strings.Contains(st.dlg.shownMessages(), "原因") {
		t.Fatalf("改派 without a reason: open %v, %q", dialogOpen(sh), st.dlg.shownMessages())
	}
	if got := findRequest(t, sh, r.ID); got.VolunteerID != r.VolunteerID {
		t.Fatal("改派 without a reason changed the volunteer")
	}
	test.Type(st.reason, "志愿者临时有事")
	test.Tap(st.dlg.confirm)
	sh.pending.Wait()
	if got := findRequest(t, sh, r.ID); got.VolunteerID != to.id || got.Stage() != "已派单" {
		t.Fatalf("after 改派: %+v, want volunteer %d", got, to.id)
	}
}

func TestVolunteerPickerNarrowsByInitials(t *testing.T) {
	sh, st := openServices(t)
	r := firstAt(t, st, "待派单")
	st.act(r)
	sh.pending.Wait()
	all := len(st.pick.all)
	target := st.pick.all[all-1]
	name := strings.SplitN(target.label, "（", 2)[0]
	test.Type(st.pick.search, name)
	sh.pending.Wait()
	if len(st.pick.shown) == 0 || len(st.pick.shown) >= all {
		t.Fatalf("searching %q shows %d of %d", name, len(st.pick.shown), all)
	}
	if c, ok := st.pick.selected(); !ok || !strings.HasPrefix(c.label, name) {
		t.Fatalf("searching %q selected %+v", name, c)
	}
}

func TestDispatchPreselectsOnlyARecommendation(t *testing.T) {
	sh, st := openServices(t)
	admin, err := sh.store.Login(sh.ctx, "admin", sample.Password)
	if err != nil {
		t.Fatal(err)
	}
	cid, err := sh.store.AddCommunity(data.WithActor(sh.ctx, admin), "无志愿者社区")
	if err != nil {
		t.Fatal(err)
	}
	pid, err := sh.store.SavePerson(sh.ctx, data.Person{Name: "远方阿婆", Sex: data.Female, BirthDate: "1940-05-01", CommunityID: cid})
	if err != nil {
		t.Fatal(err)
	}
	rid, err := sh.store.SaveCareRecipient(sh.ctx, data.CareRecipient{PersonID: pid, Living: "独居", Start: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	now := sh.now()
	req, err := sh.store.CreateRequest(sh.ctx, data.ServiceRequest{RecipientID: rid, Type: "买菜", Channel: "电话",
		RequestedAt: now.Format(time.RFC3339), DueAt: now.Add(24 * time.Hour).Format(time.RFC3339)})
	if err != nil {
		t.Fatal(err)
	}
	st.refresh()
	sh.pending.Wait()
	st.act(findRequest(t, sh, req))
	sh.pending.Wait()
	if c, ok := st.pick.selected(); ok {
		t.Fatalf("with no recommendation %q was preselected (one click sends the wrong person)", c.label)
	}
	t.Run("the paired volunteer is preselected and marked", func(t *testing.T) {
		sh.win.Canvas().Overlays().Top().Hide()
		for _, r := range st.rows {
			if r.Stage() != "待派单" {
				continue
			}
			st.act(r)
			sh.pending.Wait()
			if c, ok := st.pick.selected(); ok && !strings.Contains(c.label, "推荐") {
				t.Fatalf("request #%d preselects %q, not a recommendation", r.ID, c.label)
			}
			sh.win.Canvas().Overlays().Top().Hide()
		}
	})
}
