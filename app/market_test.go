package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

// openMarket signs in and shows 共富集市.
func openMarket(t *testing.T, user string) (*shell, *marketScreen) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, user, sample.Password)
	m := openSection[*marketScreen](t, sh, "共富集市")
	sh.pending.Wait()
	return sh, m
}

// pickDay selects the market day on date in the list.
func pickDay(t *testing.T, sh *shell, m *marketScreen, date string) {
	t.Helper()
	for i, d := range m.days.days {
		if d.Day == date {
			m.days.list.Select(widget.TableCellID{Row: i, Col: 0})
			sh.pending.Wait()
			return
		}
	}
	t.Fatalf("no market day %s in the list", date)
}

func TestMarketScreenViewerSeesButCannotWrite(t *testing.T) {
	sh, m := openMarket(t, "viewer")
	if len(m.days.days) < 20 {
		t.Fatalf("%d market days listed", len(m.days.days))
	}
	pickDay(t, sh, m, "2026-11-22")
	if len(m.days.lines) == 0 || !m.days.confirm.Disabled() || !m.days.takings.Disabled() || !m.days.cancel.Disabled() {
		t.Fatalf("%d lines; confirm %v takings %v", len(m.days.lines), m.days.confirm.Disabled(), m.days.takings.Disabled())
	}
	m.tabs.SelectIndex(1)
	sh.pending.Wait()
	if len(m.vendors.rows) == 0 || !m.vendors.add.Disabled() {
		t.Fatalf("%d vendors; add enabled for 只读", len(m.vendors.rows))
	}
}

func TestMarketPreviewThenConfirmAllocation(t *testing.T) {
	sh, m := openMarket(t, "staff")
	vs, err := sh.store.Vendors(sh.ctx, data.VendorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := sh.store.MarketDays(sh.ctx, data.MarketDayFilter{Day: "2026-11-28"})
	if err != nil || len(ds) != 1 {
		t.Fatal(ds, err)
	}
	ids := make([]int64, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	if _, err := sh.store.ApplyForMarketDay(sh.ctx, ds[0].ID, ids); err != nil {
		t.Fatal(err)
	}
	m.days.refresh()
	sh.pending.Wait()
	pickDay(t, sh, m, "2026-11-28")
	if !m.days.confirm.Disabled() {
		t.Fatal("confirm enabled before a preview")
	}
	test.Tap(m.days.run)
	sh.pending.Wait()
	if !m.days.preview || len(m.days.lines) != len(vs) || m.days.confirm.Disabled() {
		t.Fatalf("preview %v with %d lines, confirm disabled %v", m.days.preview, len(m.days.lines), m.days.confirm.Disabled())
	}
	test.Tap(m.days.confirm)
	sh.pending.Wait()
	d, err := sh.store.MarketDay(sh.ctx, ds[0].ID)
	if err != nil || !d.Allocated || d.Taken == 0 {
		t.Fatalf("after confirming: %+v %v", d, err)
	}
	if m.days.preview || !m.days.day.Allocated {
		t.Fatal("the day did not come back confirmed")
	}
}

func TestMarketTakingsFormChecksAsYouTypeAndSaves(t *testing.T) {
	sh, m := openMarket(t, "staff")
	pickDay(t, sh, m, "2026-11-22")
	missing := -1
	for i, l := range m.days.lines {
		if l.StallID != 0 && l.Attendance == "" && !l.HasTakings {
			missing = i
		}
	}
	if missing < 0 {
		t.Fatal("the sample's last Sunday has no missing takings")
	}
	vendor := m.days.lines[missing].VendorID
	test.Tap(m.days.takings)
	f := m.days.form
	var entry *keyEntry
	for i, l := range f.lines {
		if l.VendorID == vendor {
			entry = f.entries[i]
		}
	}
	test.Type(entry, "十二块")
	if entry.Validate() == nil {
		t.Fatal("a bad amount passes as typed")
	}
	entry.SetText("")
	test.Type(entry, "88.50")
	if err := entry.Validate(); err != nil {
		t.Fatal(err)
	}
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	_, lines, err := sh.store.MarketDaySheet(sh.ctx, m.days.day.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.VendorID == vendor && (!l.HasTakings || l.TakingsFen != 8850) {
			t.Fatalf("takings after saving: %+v", l)
		}
	}
}

func TestMarketVendorFormSavesAChineseName(t *testing.T) {
	sh, m := openMarket(t, "staff")
	m.tabs.SelectIndex(1)
	sh.pending.Wait()
	before := len(m.vendors.rows)
	test.Tap(m.vendors.add)
	f := m.vendors.form
	test.Type(f.name, "周大勇")
	test.Type(f.phone, "12")
	if f.phone.Validate() == nil {
		t.Fatal("a two-digit phone passes as typed")
	}
	f.phone.SetText("13905730001")
	test.Type(f.idNumber, data.MakeID("330482", fixedNow.AddDate(-40, 0, 0), 11))
	f.category.SetSelected("蔬菜")
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if len(m.vendors.rows) != before+1 || m.vendors.rows[len(m.vendors.rows)-1].Name != "周大勇" {
		t.Fatalf("%d vendors after saving (was %d)", len(m.vendors.rows), before)
	}
}

func TestMarketViolationFormGivesTheOutcome(t *testing.T) {
	sh, m := openMarket(t, "staff")
	m.tabs.SelectIndex(2)
	sh.pending.Wait()
	before := len(m.violations.rows)
	test.Tap(m.violations.add)
	sh.pending.Wait()
	f := m.violations.form
	f.vendor.SetSelectedIndex(0)
	f.item.SetSelectedIndex(2)
	f.party.SetSelected("物业")
	test.Type(f.recorder, "物业王经理")
	test.Type(f.what, "越线设摊")
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if len(m.violations.rows) != before+1 || m.violations.rows[0].ItemTitle != "设摊秩序" || m.violations.rows[0].Outcome == "" {
		t.Fatalf("violations after saving: %d (was %d), newest %+v", len(m.violations.rows), before, m.violations.rows)
	}
}

func TestMarketLeaveAfterTheAllocationReleasesTheStall(t *testing.T) {
	sh, m := openMarket(t, "staff")
	pickDay(t, sh, m, "2026-11-22")
	row := -1
	for i, l := range m.days.lines {
		if l.StallID != 0 && l.Attendance == "" && l.Kind == data.VendorRegular {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("nobody holds a 普通 stall")
	}
	vendor := m.days.lines[row].VendorID
	m.days.table.Select(widget.TableCellID{Row: row, Col: 0})
	if m.days.leave.Disabled() {
		t.Fatal("请假 disabled for a stall holder")
	}
	test.Tap(m.days.leave)
	if !sh.confirmTop() {
		t.Fatal("no question before recording the leave")
	}
	sh.pending.Wait()
	for _, l := range m.days.lines {
		if l.VendorID == vendor && (l.Attendance != "请假" || l.StallID != 0) {
			t.Fatalf("after the leave: %+v", l)
		}
	}
}

func TestMarketSetupOnlyTheAdministratorChangesFeesAndPact(t *testing.T) {
	sh, m := openMarket(t, "staff")
	m.tabs.SelectIndex(3)
	sh.pending.Wait()
	if !strings.Contains(m.setup.summary.Text, "帮扶：免租") || !strings.Contains(m.setup.summary.Text, "市容环境") {
		t.Fatalf("summary %q", m.setup.summary.Text)
	}
	if !m.setup.feesB.Disabled() || !m.setup.pactB.Disabled() || m.setup.layoutB.Disabled() {
		t.Fatal("社工 may change the layout but not the fees or the pact")
	}
	test.Tap(m.setup.layoutB)
	f := m.setup.layoutForm
	f.text.SetText(f.text.Text + "D07 普通 2×2米\n")
	test.Tap(f.dlg.confirm)
	sh.pending.Wait()
	if len(m.setup.layouts) < 3 || len(m.setup.layouts[0].Stalls) != len(m.setup.layouts[1].Stalls)+1 {
		t.Fatalf("layouts after saving: %d", len(m.setup.layouts))
	}
}

func TestMarketWaiverNeedsAnApproverAndAReason(t *testing.T) {
	sh, m := openMarket(t, "staff")
	pickDay(t, sh, m, "2026-11-22")
	row := -1
	for i, l := range m.days.lines {
		if l.StallID != 0 && l.Attendance == "" && !l.StallKind.AlwaysFree() && l.WaiverBy == "" {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("no stall holder paying a fee")
	}
	m.days.table.Select(widget.TableCellID{Row: row, Col: 0})
	for i, l := range m.days.lines {
		if l.StallKind.AlwaysFree() && l.StallID != 0 {
			m.days.table.Select(widget.TableCellID{Row: i, Col: 0})
			if !m.days.waive.Disabled() {
				t.Fatal("a 免租 stall offers a waiver")
			}
			m.days.table.Select(widget.TableCellID{Row: row, Col: 0})
			break
		}
	}
	vendor := m.days.lines[row].VendorID
	if err := sh.store.WaiveFee(sh.ctx, m.days.day.ID, vendor, "", ""); err == nil {
		t.Fatal("a waiver without approver and reason was taken")
	}
	if m.days.waive.Disabled() {
		t.Fatal("减免摊位费 disabled for a paying stall")
	}
}

func TestMarketVendorEdit(t *testing.T) {
	sh, m := openMarket(t, "staff")
	m.tabs.SelectIndex(1)
	sh.pending.Wait()
	if !m.vendors.edit.Disabled() {
		t.Fatal("修改 enabled with no vendor picked")
	}
	row := -1
	for i, v := range m.vendors.rows {
		if v.PersonID == 0 && v.Kind == data.VendorRegular {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatal("no outside regular vendor in the sample")
	}
	orig := m.vendors.rows[row]
	pickVendor := func() {
		m.vendors.table.Select(widget.TableCellID{Row: row, Col: 0})
		test.Tap(m.vendors.edit)
	}
	category := "水果"
	if orig.Category == category {
		category = "蔬菜"
	}
	t.Run("the form opens filled; a bad phone keeps it open with the field's message", func(t *testing.T) {
		pickVendor()
		f := m.vendors.form
		if f.name.Text != orig.Name || f.phone.Text != orig.Phone || f.category.Selected != orig.Category {
			t.Fatalf("form holds %q %q %q for %+v", f.name.Text, f.phone.Text, f.category.Selected, orig)
		}
		f.phone.SetText("12")
		if f.phone.Validate() == nil {
			t.Fatal("a two-digit phone passes as typed")
		}
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		i := f.dlg.itemFor("联系电话")
		if !overlayShown(sh) || i < 0 || !f.dlg.fieldMsgs[i].Visible() || f.dlg.fieldMsgs[i].Text == "" {
			t.Fatalf("bad phone: open %v, message %q", overlayShown(sh), f.dlg.fieldMsgs[i].Text)
		}
		got, err := sh.store.Vendor(sh.ctx, orig.ID)
		if err != nil || got.Phone != orig.Phone {
			t.Fatalf("bad phone changed the vendor: %+v %v", got, err)
		}
		sh.win.Canvas().Focus(f.phone)
		pressKey(sh.win.Canvas(), fyne.KeyEscape) // asks first: the phone was changed
		if !strings.Contains(overlayTexts(t, sh), "放弃未保存的修改？") {
			t.Fatalf("closing with edits did not ask:\n%s", overlayTexts(t, sh))
		}
		for o := sh.win.Canvas().Overlays().Top(); o != nil; o = sh.win.Canvas().Overlays().Top() {
			sh.win.Canvas().Overlays().Remove(o)
		}
	})
	t.Run("a new phone and category are saved and listed", func(t *testing.T) {
		pickVendor()
		f := m.vendors.form
		f.phone.SetText("13905730088")
		f.category.SetSelected(category)
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if overlayShown(sh) {
			t.Fatalf("dialog still open:\n%s", overlayTexts(t, sh))
		}
		var got data.Vendor
		for _, v := range m.vendors.rows {
			if v.ID == orig.ID {
				got = v
			}
		}
		if got.Phone != "13905730088" || got.Category != category || got.Number != orig.Number || got.Name != orig.Name || len(m.vendors.rows) == 0 {
			t.Fatalf("listed after saving: %+v (was %+v)", got, orig)
		}
	})
}
