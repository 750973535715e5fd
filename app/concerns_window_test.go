package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// verifiedConcern records a concern, verifies it and opens its dialog (the sample's open
// concerns have moved past 核实).
func verifiedConcern(t *testing.T, sh *shell, c *concernsScreen) *concernActions {
	t.Helper()
	cs, err := sh.store.Communities(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sh.store.CreateConcern(sh.ctx, data.Concern{Text: "楼道灯坏了", CommunityID: cs[0].ID, Category: "设施维修",
		Channel: "电话", RaisedOn: sh.now().Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.store.MoveConcern(sh.ctx, got.ID, data.Move{To: data.StateVerified}); err != nil {
		t.Fatal(err)
	}
	c.list.refresh()
	sh.pending.Wait()
	return openConcernIn(t, sh, c, data.StateVerified)
}

// openConcernIn opens the actions dialog of the first listed concern in state st.
func openConcernIn(t *testing.T, sh *shell, c *concernsScreen, st data.ConcernState) *concernActions {
	t.Helper()
	for i, r := range c.list.rows {
		if r.State == st {
			c.list.table.OnSelected(widget.TableCellID{Row: i})
			sh.pending.Wait()
			if c.list.acts == nil {
				t.Fatal("no dialog")
			}
			return c.list.acts
		}
	}
	t.Fatalf("the sample lists no concern %s", st)
	return nil
}

func TestConcernOwnerCanBeAnAccount(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	a := verifiedConcern(t, sh, c)
	if len(a.account.Options) < 2 {
		t.Fatalf("account choices %v", a.account.Options)
	}
	a.next.SetSelectedIndex(stateIndex(a.states, data.StateInHand))
	test.Type(a.unit, "物业")
	a.account.SetSelectedIndex(1)
	if a.unit.Text != "" {
		t.Fatal("choosing an account must clear the unit")
	}
	a.promised.SetText(sh.now().AddDate(0, 0, 10).Format("2006-01-02"))
	test.Tap(a.dlg.confirm)
	sh.pending.Wait()
	if msg := a.dlg.shownMessages(); msg != "" {
		t.Fatalf("refused: %s", msg)
	}
	got, err := sh.store.Concern(sh.ctx, a.concern.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != data.StateInHand || got.OwnerUserID != a.owners[0].ID || got.OwnerUnit != "" {
		t.Fatalf("state %s owner #%d %q", got.State, got.OwnerUserID, got.OwnerUnit)
	}
}

func stateIndex(states []data.ConcernState, st data.ConcernState) int {
	for i, s := range states {
		if s == st {
			return i
		}
	}
	return -1
}

func TestPlanConcernForAMeeting(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	a := verifiedConcern(t, sh, c)
	if a.plan == nil {
		t.Fatal("a verified concern offers 列入议事会")
	}
	test.Tap(a.plan)
	sh.pending.Wait()
	got, err := sh.store.Concern(sh.ctx, a.concern.ID)
	if err != nil || got.State != data.StateAgenda {
		t.Fatalf("state %s %v", got.State, err)
	}
	t.Run("with a change typed, it asks first and moves nothing until the change is dropped", func(t *testing.T) {
		b := verifiedConcern(t, sh, c)
		b.next.SetSelectedIndex(len(b.next.Options) - 1) // a move chosen, not saved
		test.Tap(b.plan)
		sh.pending.Wait()
		if !topHas(t, sh, "放弃未保存的修改？") {
			t.Fatalf("列入议事会 with a change typed did not ask:\n%s", overlayTexts(t, sh))
		}
		if got, err := sh.store.Concern(sh.ctx, b.concern.ID); err != nil || got.State != data.StateVerified {
			t.Fatalf("moved to %s behind the question (%v)", got.State, err)
		}
		tapOverlayButton(t, sh, "放弃修改")
		sh.pending.Wait()
		if got, err := sh.store.Concern(sh.ctx, b.concern.ID); err != nil || got.State != data.StateAgenda {
			t.Fatalf("after 放弃修改: %s (%v)", got.State, err)
		}
	})
	t.Run("not offered where 待议 cannot follow", func(t *testing.T) {
		b := openConcernIn(t, sh, c, data.StateInHand)
		if b.plan != nil {
			t.Fatal("办理中 cannot go back to 待议")
		}
	})
}

func TestLinkConcernToAProgramme(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	a := openConcernIn(t, sh, c, data.StateInHand)
	test.Tap(a.link)
	sh.pending.Wait()
	l := a.linkDlg
	if l == nil || len(l.record.Options) == 0 {
		t.Fatal("no link dialog, or the sample has no programme")
	}
	l.record.SetSelectedIndex(0)
	test.Tap(l.dlg.confirm)
	sh.pending.Wait()
	if msg := l.dlg.shownMessages(); msg != "" {
		t.Fatalf("refused: %s", msg)
	}
	got, err := sh.store.Concern(sh.ctx, a.concern.ID)
	if err != nil || got.LinkKind != "儿童项目" || got.LinkID != l.ids[0] || got.LinkLabel != l.names[0] {
		t.Fatalf("link %q #%d %q %v", got.LinkKind, got.LinkID, got.LinkLabel, err)
	}
	t.Run("a home service needs a record picked", func(t *testing.T) {
		b := verifiedConcern(t, sh, c)
		test.Tap(b.link)
		sh.pending.Wait()
		b.linkDlg.kind.SetSelectedIndex(1)
		test.Tap(b.linkDlg.dlg.confirm)
		sh.pending.Wait()
		if b.linkDlg.dlg.shownMessages() == "" {
			t.Fatal("saving without a record must be refused")
		}
	})
}

func TestFollowUpDaysSetting(t *testing.T) {
	t.Run("管理员 sets the days", func(t *testing.T) {
		sh, c := openConcerns(t, "admin")
		c.tabs.SelectIndex(2)
		sh.pending.Wait()
		f := c.followups
		if f.days.Text != "7" {
			t.Fatalf("days shown %q, want the default 7", f.days.Text)
		}
		f.days.SetText("14")
		test.Tap(f.save)
		sh.pending.Wait()
		if got := sh.store.FollowUpDays(sh.ctx); got != 14 {
			t.Fatalf("days %d", got)
		}
	})
	t.Run("社工 sees them only", func(t *testing.T) {
		_, c := openConcerns(t, "staff")
		if !c.followups.save.Disabled() || !c.followups.days.Disabled() {
			t.Fatal("only 管理员 changes the 回访 days")
		}
	})
}

// Closing the dialogs untouched asks nothing, though their lists are filled after they open.
func TestConcernDialogsOpenUnedited(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	a := openConcernIn(t, sh, c, data.StateInHand)
	if a.dlg.edits.dirty() {
		t.Fatal("the actions dialog counts its account list as an edit")
	}
	test.Tap(a.link)
	sh.pending.Wait()
	if a.linkDlg.dlg.edits.dirty() {
		t.Fatal("the link dialog counts its record list as an edit")
	}
}

// In a meeting's agenda, an account's name typed as the owner makes that account the owner.
func TestMeetingDecidesWithAnAccountAsOwner(t *testing.T) {
	sh, c := openConcerns(t, "staff")
	c.tabs.SelectIndex(1)
	sh.pending.Wait()
	c.meetings.open(0)
	sh.pending.Wait()
	f := c.meetings.form
	if f == nil || len(f.agenda) == 0 || len(f.owners) == 0 {
		t.Fatal("no meeting form, no concern 待议, or no accounts")
	}
	row, owner := f.agenda[0], f.owners[0]
	test.Type(f.topic, "楼道安全")
	row.on.SetChecked(true)
	test.Type(row.decision, "物业一周内清理")
	test.Type(row.unit, owner.Name)
	test.Type(row.dueOn, sh.now().AddDate(0, 0, 7).Format("2006-01-02"))
	test.Type(f.minutes, "商定清理楼道堆物。")
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if msg := f.dlg.shownMessages(); msg != "" {
		t.Fatalf("refused: %s", msg)
	}
	got, err := sh.store.Concern(sh.ctx, row.concernID)
	if err != nil || got.State != data.StateDecided || got.OwnerUserID != owner.ID || got.OwnerUnit != "" {
		t.Fatalf("state %s owner #%d %q %v", got.State, got.OwnerUserID, got.OwnerUnit, err)
	}
}
