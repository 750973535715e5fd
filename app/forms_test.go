package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func TestPayoutOverBalanceKeepsDialogAndSaysWhy(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "workshop", sample.Password)
	w := openSection[*workshopScreen](t, sh, "灯彩工坊")
	it := w.income
	it.refresh()
	sh.pending.Wait()
	var e data.Earning
	for _, x := range it.rows {
		if x.Owed > 0 {
			e = x
			break
		}
	}
	if e.Trainee.ID == 0 {
		t.Fatal("no trainee with a balance in the sample month")
	}
	it.payout(e)
	too := data.Yuan(e.Owed + 100)
	it.amount.SetText("")
	test.Type(it.amount, too)
	test.Tap(it.dlg.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || !strings.Contains(it.dlg.shownMessages(), "超过应发余额") {
		t.Fatalf("open %v, message %q", dialogOpen(sh), it.dlg.shownMessages())
	}
	if it.amount.Text != too {
		t.Fatalf("typing lost: %q", it.amount.Text)
	}
	// The message is beside 发放金额, not in a box of its own.
	if l := it.dlg.fieldMsgs[1]; !l.Visible() || !strings.Contains(l.Text, "超过应发余额") {
		t.Fatalf("message under 发放金额: %q", l.Text)
	}
}
