package app

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func openPairings(t *testing.T) (*shell, *pairingsTab) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*careScreen](t, sh, "助老服务")
	c.tabs.SelectIndex(3)
	sh.pending.Wait()
	if len(c.pairings.rows) == 0 {
		t.Fatal("no sample pairings")
	}
	return sh, c.pairings
}

func activePairings(t *testing.T, sh *shell) []data.Pairing {
	t.Helper()
	ps, err := sh.store.Pairings(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []data.Pairing
	for _, p := range ps {
		if p.To == "" {
			out = append(out, p)
		}
	}
	return out
}

func TestPairingRowClickSelectsAndEndingIsAButton(t *testing.T) {
	sh, pt := openPairings(t)
	before := len(activePairings(t, sh))
	pt.list.Select(0)
	if dialogOpen(sh) {
		t.Fatal("a click on a pairing opened a dialog")
	}
	if pt.selected != 0 || pt.end.Disabled() {
		t.Fatalf("selected %d, 结束 disabled %v", pt.selected, pt.end.Disabled())
	}
	test.Tap(pt.end)
	if pt.confirm == nil || !dialogOpen(sh) {
		t.Fatal("结束 does not ask first")
	}
	pt.confirm.Confirm()
	sh.pending.Wait()
	if got := len(activePairings(t, sh)); got != before-1 {
		t.Fatalf("active pairings %d, want %d", got, before-1)
	}
}

func TestPairingBeyondLimitAsksBeforeSaving(t *testing.T) {
	sh, pt := openPairings(t)
	admin, err := sh.store.Login(context.Background(), "admin", sample.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.store.SetSetting(data.WithActor(context.Background(), admin), data.SettingMaxRecipients, "1"); err != nil {
		t.Fatal(err)
	}
	busy := activePairings(t, sh)[0]
	pt.onAdd()
	sh.pending.Wait()
	pt.vol.selectID(busy.VolunteerID)
	for i, c := range pt.rec.shown {
		if c.id != busy.RecipientID {
			pt.rec.sel.SetSelectedIndex(i)
			break
		}
	}
	before := len(activePairings(t, sh))
	test.Tap(pt.dlg.confirm)
	sh.pending.Wait()
	if pt.confirm == nil {
		t.Fatal("no question before pairing beyond the limit")
	}
	if got := len(activePairings(t, sh)); got != before {
		t.Fatal("saved before asking")
	}
	n := 0
	for _, p := range activePairings(t, sh) {
		if p.VolunteerID == busy.VolunteerID {
			n++
		}
	}
	want := busy.Volunteer + " 已结对 " + strconv.Itoa(n) + " 位老人，再结对将超过 1 位，仍然结对？"
	if !strings.Contains(pt.question, want) {
		t.Fatalf("question %q, want %q", pt.question, want)
	}
	pt.confirm.Confirm()
	sh.pending.Wait()
	if got := len(activePairings(t, sh)); got != before+1 {
		t.Fatalf("after 仍然结对: %d active, want %d", got, before+1)
	}
}

func TestPairingRefusesBeforeAskingAboutTheLimit(t *testing.T) {
	sh, pt := openPairings(t)
	admin, err := sh.store.Login(context.Background(), "admin", sample.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.store.SetSetting(data.WithActor(context.Background(), admin), data.SettingMaxRecipients, "1"); err != nil {
		t.Fatal(err)
	}
	busy := activePairings(t, sh)[0]
	rs, err := sh.store.CareRecipients(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var self data.CareRecipient // an elder who is also the busy volunteer
	for _, r := range rs {
		if r.ID != busy.RecipientID {
			self = r
			break
		}
	}
	vid, err := sh.store.SaveVolunteer(sh.ctx, data.Volunteer{PersonID: self.PersonID, Kinds: []string{"居民骨干"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.Pair(sh.ctx, vid, busy.RecipientID, sh.now().Format("2006-01-02"), ""); err != nil {
		t.Fatal(err)
	}
	pt.onAdd()
	sh.pending.Wait()
	pt.vol.selectID(vid)
	pt.rec.selectID(self.ID)
	test.Tap(pt.dlg.confirm)
	sh.pending.Wait()
	if pt.confirm != nil {
		t.Fatalf("the soft question came before the refusal: %q", pt.question)
	}
	if msg := pt.dlg.shownMessages(); !strings.Contains(msg, "不能与本人结对") {
		t.Fatalf("the refusal is not shown in the form: %q", msg)
	}
}
