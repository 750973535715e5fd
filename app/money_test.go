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

// newPaidOrder takes an order of 3 lanterns, logs production by the first two trainees and opens
// its dialog.
func newPaidOrder(t *testing.T) (*shell, *workshopScreen, *orderDialog) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, "workshop", sample.Password)
	w := openSection[*workshopScreen](t, sh, "灯彩工坊")
	products, err := sh.store.Products(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := sh.store.CreateOrder(sh.ctx, data.Order{CustomerName: "散客", Due: "2026-12-20", RetentionBP: 1500, SplitRule: data.RuleByPieces,
		Lines: []data.OrderLine{{ProductID: products[0].ID, Quantity: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	d := openOrderDialog(w, id)
	sh.pending.Wait()
	for i, n := range []string{"2", "1"} {
		d.trainee.SetSelectedIndex(i)
		test.Type(d.pieces, n)
		test.Tap(d.logBtn)
		sh.pending.Wait()
	}
	return sh, w, d
}

func pay(t *testing.T, sh *shell, d *orderDialog, yuan string) {
	t.Helper()
	test.Type(d.amount, yuan)
	test.Tap(d.previewBtn)
	sh.pending.Wait()
	test.Tap(d.payBtn)
	sh.pending.Wait()
}

func TestReversedPaymentIsNoLongerReversible(t *testing.T) {
	sh, _, d := newPaidOrder(t)
	pay(t, sh, d, "100")
	pay(t, sh, d, "50")
	if strings.Contains(d.pays.Text, "（）") {
		t.Fatalf("a payment with no note shows empty brackets: %q", d.pays.Text)
	}
	if len(d.reversible()) != 2 || d.reverseBtn == nil {
		t.Fatalf("two payments to reverse, %d offered", len(d.reversible()))
	}
	d.onReverse()
	d.revWhich.SetSelectedIndex(0)
	d.revReason.SetText("客户退货")
	test.Tap(d.revForm.confirm)
	sh.pending.Wait()
	t.Run("the reversed payment is not offered again", func(t *testing.T) {
		if r := d.reversible(); len(r) != 1 || r[0].ID == d.revIDs[0] {
			t.Fatalf("offered %+v", r)
		}
		if !strings.Contains(d.pays.Text, "已冲销（见 #") {
			t.Fatalf("%q", d.pays.Text)
		}
	})
	t.Run("its shares show as negative amounts", func(t *testing.T) {
		rev := d.payments[len(d.payments)-1]
		if rev.Reverses == 0 || !strings.Contains(d.pays.Text, rev.Formula) {
			t.Fatalf("%+v", rev)
		}
		for _, l := range rev.Split.Lines {
			if l.Amount >= 0 || !strings.Contains(rev.Formula, l.Name+" -") {
				t.Fatalf("line %+v in %q", l, rev.Formula)
			}
		}
	})
	d.onReverse()
	d.revWhich.SetSelectedIndex(0)
	d.revReason.SetText("全部退款")
	test.Tap(d.revForm.confirm)
	sh.pending.Wait()
	if len(d.reversible()) != 0 || d.reverseBtn != nil {
		t.Fatalf("nothing is left to reverse, yet %d offered", len(d.reversible()))
	}
}

func TestPaidOutPaymentReversedShowsOwedBackAndPayoutReversal(t *testing.T) {
	sh, w, d := newPaidOrder(t)
	pay(t, sh, d, "300")
	trainee := d.trainees[0]
	month := sh.now().Format("2006-01")
	inc := w.income
	w.tabs.SelectIndex(3)
	sh.pending.Wait()
	var owed int64
	for _, e := range inc.rows {
		if e.Trainee.ID == trainee.ID {
			owed = e.Owed
		}
	}
	if err := sh.store.RecordPayout(sh.ctx, trainee.ID, month, sh.now().Format("2006-01-02"), owed, "转账", ""); err != nil {
		t.Fatal(err)
	}
	t.Run("冲销发放 returns the balance", func(t *testing.T) {
		inc.month.SetText(month)
		inc.onReversePayout()
		sh.pending.Wait()
		pick := -1
		for i, c := range inc.reversible {
			if c.TraineeID == trainee.ID && c.AmountFen == owed {
				pick = i
			}
		}
		if pick < 0 {
			t.Fatalf("the payout is not offered: %+v", inc.reversible)
		}
		inc.which.SetSelectedIndex(pick)
		inc.reason.SetText("转账被退回")
		test.Tap(inc.revForm.confirm)
		sh.pending.Wait()
		for _, e := range inc.rows {
			if e.Trainee.ID == trainee.ID && (e.Owed < owed || !strings.Contains(earningText(e), "尚欠")) {
				t.Fatalf("%+v", e)
			}
		}
	})
	t.Run("a paid-out payment reversed shows 应退", func(t *testing.T) {
		if err := sh.store.RecordPayout(sh.ctx, trainee.ID, month, sh.now().Format("2006-01-02"), owed, "现金", ""); err != nil {
			t.Fatal(err)
		}
		d.onReverse()
		d.revWhich.SetSelectedIndex(0)
		d.revReason.SetText("客户退货")
		test.Tap(d.revForm.confirm)
		sh.pending.Wait()
		inc.refresh()
		sh.pending.Wait()
		for _, e := range inc.rows {
			if e.Trainee.ID == trainee.ID {
				if e.OwedBack <= 0 || !strings.Contains(earningText(e), "应退 "+data.Yuan(e.OwedBack)) {
					t.Fatalf("%+v: %s", e, earningText(e))
				}
				return
			}
		}
		t.Fatal("trainee not listed")
	})
}

func TestOrderWithSeveralLines(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "workshop", sample.Password)
	w := openSection[*workshopScreen](t, sh, "灯彩工坊")
	openNewOrder(w)
	sh.pending.Wait()
	f := w.newOrder
	test.Type(f.name, "王经理")
	f.lines.rows[0].product.SetSelectedIndex(0)
	f.lines.rows[0].qty.SetText("4")
	test.Tap(f.lines.add)
	second := f.lines.rows[1]
	second.product.SetSelectedIndex(1)
	second.qty.SetText("6")
	f.save()
	sh.pending.Wait()
	d := w.opened
	if d == nil || len(d.order.Lines) != 2 || d.order.Lines[0].Quantity != 4 || d.order.Lines[1].Quantity != 6 {
		t.Fatalf("a new order with two lines: %+v", d)
	}
	want := d.order.Lines[0].Quantity*d.order.Lines[0].UnitPriceFen + d.order.Lines[1].Quantity*d.order.Lines[1].UnitPriceFen
	if d.order.TotalFen != want {
		t.Fatalf("total %d, lines add to %d", d.order.TotalFen, want)
	}
	t.Run("change a line", func(t *testing.T) {
		l := d.order.Lines[1]
		d.saveLine(l.ID, l.ProductID, "8", "")
		sh.pending.Wait()
		if got := d.order.Lines[1]; got.Quantity != 8 || got.UnitPriceFen != l.UnitPriceFen {
			t.Fatalf("%+v", got)
		}
	})
	t.Run("remove a line", func(t *testing.T) {
		d.removeLine(d.order.Lines[0].ID)
		sh.pending.Wait()
		if len(d.order.Lines) != 1 || d.order.Lines[0].Quantity != 8 {
			t.Fatalf("%+v", d.order.Lines)
		}
	})
	t.Run("locked once production is logged", func(t *testing.T) {
		d.trainee.SetSelectedIndex(0)
		test.Type(d.pieces, "1")
		test.Tap(d.logBtn)
		sh.pending.Wait()
		if d.order.LinesEditable() || strings.Contains(fmtObjects(d.lineBox), "修改") {
			t.Fatalf("lines still editable after production: %s", fmtObjects(d.lineBox))
		}
	})
}

// fmtObjects is the text of the labels and buttons in a container, for assertions.
func fmtObjects(c *fyne.Container) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + " ")
		case *widget.Button:
			b.WriteString(v.Text + " ")
		case *fyne.Container:
			for _, x := range v.Objects {
				walk(x)
			}
		}
	}
	walk(c)
	return b.String()
}
