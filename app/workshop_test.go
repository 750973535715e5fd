package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func TestWorkshopOrderToPayoutSlip(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "workshop", sample.Password)
	w := openSection[*workshopScreen](t, sh, "灯彩工坊")
	if len(w.orders.rows) != 20 {
		t.Fatalf("%d sample orders", len(w.orders.rows))
	}
	products, err := sh.store.Products(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	o, err := orderFromForm("王经理", "海宁市文化馆", "13800001111", "2026-12-20", "15", data.RuleByPieces, data.StatusAccepted, "",
		[]data.OrderLine{{ProductID: products[0].ID, Quantity: 30}})
	if err != nil || o.RetentionBP != 1500 {
		t.Fatalf("form: %+v %v", o, err)
	}
	id, err := sh.store.CreateOrder(sh.ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	d := openOrderDialog(w, id)
	sh.pending.Wait()
	for i, n := range []string{"16", "14"} {
		d.trainee.SetSelectedIndex(i)
		test.Type(d.pieces, n)
		test.Tap(d.logBtn)
		sh.pending.Wait()
	}
	if d.order.Lines[0].Produced != 30 || d.order.Status != data.StatusMaking {
		t.Fatalf("after production: %+v", d.order)
	}
	test.Type(d.amount, "6000")
	if !d.payBtn.Disabled() {
		t.Fatal("payment must be previewed before it can be saved")
	}
	test.Tap(d.previewBtn)
	sh.pending.Wait()
	if !strings.Contains(d.preview.Text, "公式说明") || !strings.Contains(d.preview.Text, "按件分配") || d.payBtn.Disabled() {
		t.Fatalf("preview %q", d.preview.Text)
	}
	test.Tap(d.payBtn)
	sh.pending.Wait()
	if len(d.payments) != 1 || d.payments[0].Split == nil || len(d.payments[0].Split.Lines) != 2 {
		t.Fatalf("payments %+v", d.payments)
	}
	sp := d.payments[0].Split
	sum := sp.Materials + sp.Retention + sp.Lines[0].Amount + sp.Lines[1].Amount
	if sum != 600_000 || !strings.Contains(d.pays.Text, "6,000.00") {
		t.Fatalf("split adds to %d; shown %q", sum, d.pays.Text)
	}
	// The month's payout slips include both trainees.
	w.tabs.SelectIndex(3)
	sh.pending.Wait()
	out := filepath.Join(t.TempDir(), "slips.pdf")
	month := sh.now().Format("2006-01")
	w.out.write(out, func(ctx contextT, wr ioWriter) error { return printPayouts(ctx, sh, month, wr) }, false)
	sh.pending.Wait()
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no payout slips: %v", err)
	}
	if p, err := sh.store.Check(sh.ctx); err != nil || len(p) != 0 {
		t.Fatal(p, err)
	}
}

func TestStaffDoesNotSeeWorkshop(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	if sh.showSection("灯彩工坊") {
		t.Fatal("社工 sees the workshop")
	}
}
