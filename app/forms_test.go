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

func TestOrderDialogActionsInViewAt1366x768(t *testing.T) {
	sh := newTestShell(t, true)
	sh.win.Resize(fyne.NewSize(1366, 768))
	login(t, sh, "workshop", sample.Password)
	w := openSection[*workshopScreen](t, sh, "灯彩工坊")
	var id int64
	for _, o := range w.orders.rows {
		if o.Status == data.StatusDelivered && o.PaidFen > 0 { // a long dialog: lines, payments, splits
			id = o.ID
			break
		}
	}
	if id == 0 {
		t.Fatal("no delivered, part-paid order in the sample")
	}
	d := openOrderDialog(w, id)
	sh.pending.Wait()
	if len(d.status.Objects) == 0 {
		t.Fatal("no order actions")
	}
	canvas := sh.win.Canvas().Size()
	for _, o := range d.status.Objects {
		b := o.(*widget.Button)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		if !b.Visible() || b.Size().Height == 0 || pos.Y < 0 || pos.Y+b.Size().Height > canvas.Height {
			t.Errorf("%q at y %.0f–%.0f, window %.0f high", b.Text, pos.Y, pos.Y+b.Size().Height, canvas.Height)
		}
	}
}
