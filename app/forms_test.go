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
	trainee := traineeWithBalance(t, sh)
	it.refresh()
	sh.pending.Wait()
	var e data.Earning
	for _, x := range it.rows {
		if x.Trainee.ID == trainee && x.Owed > 0 {
			e = x
		}
	}
	if e.Trainee.ID == 0 {
		t.Fatal("the trainee paid for today's work has no balance on the income tab")
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

// traineeWithBalance gives a trainee a balance whatever the sample holds: today an order of two
// pieces of the first product, made by the first trainee and paid in full.
func traineeWithBalance(t *testing.T, sh *shell) int64 {
	t.Helper()
	ts, err := sh.store.Trainees(sh.ctx, true)
	if err != nil || len(ts) == 0 {
		t.Fatalf("trainees: %d, %v", len(ts), err)
	}
	ps, err := sh.store.Products(sh.ctx)
	if err != nil || len(ps) == 0 {
		t.Fatalf("products: %d, %v", len(ps), err)
	}
	today := sh.now().Format("2006-01-02")
	id, err := sh.store.CreateOrder(sh.ctx, data.Order{CustomerName: "测试客户", CustomerPhone: "13900000000",
		Due: today, Status: data.StatusAccepted, SplitRule: data.RuleByPieces, RetentionBP: 1500,
		Lines: []data.OrderLine{{ProductID: ps[0].ID, Quantity: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	o, err := sh.store.Order(sh.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.LogProduction(sh.ctx, o.Lines[0].ID, ts[0].ID, today, 2, 120, false); err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.RecordPayment(sh.ctx, id, today, 2*ps[0].UnitPriceFen, "转账", "全款"); err != nil {
		t.Fatal(err)
	}
	return ts[0].ID
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
