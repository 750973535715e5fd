package documents

import (
	"errors"
	"strings"
	"testing"

	"linli/data"
)

// workshopOrder gives the office a trainee who made an order's 10 lanterns, paid in full this
// month; it returns the order number.
func (o *office) workshopOrder() string {
	o.t.Helper()
	pid := o.person("陈小梅", "330481199001011228")
	tid := o.must(o.s.SaveTrainee(o.ctx, data.Trainee{PersonID: pid, DisabilityCategory: "肢体", DisabilityLevel: "三级"}))
	prod := o.must(o.s.SaveProduct(o.ctx, data.Product{Name: "走马灯", Spec: "40cm", UnitPriceFen: 20_000, MaterialFen: 5_000}))
	oid := o.must(o.s.CreateOrder(o.ctx, data.Order{CustomerName: "李经理", CustomerPhone: "13900002222", Due: "2026-12-20",
		RetentionBP: 1000, SplitRule: data.RuleByPieces, Lines: []data.OrderLine{{ProductID: prod, Quantity: 10}}}))
	ord, err := o.s.Order(o.ctx, oid)
	if err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.s.LogProduction(o.ctx, ord.Lines[0].ID, tid, "2026-11-10", 10, 600, false); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.s.RecordPayment(o.ctx, oid, "2026-11-15", 200_000, "转账", "全款"); err != nil {
		o.t.Fatal(err)
	}
	return ord.Number
}

// The acceptance test of issue 10: an office set up for real, with its own workshop name,
// prints that name — never the sample's — on its ledger, payout slips and order confirmations.
func TestWorkshopDocumentsPrintTheOfficesWorkshopName(t *testing.T) {
	o := newOffice(t)
	if err := o.s.SaveWorkshopIdentity(o.ctx, data.WorkshopIdentity{Name: "城东共富工坊", CommunityID: o.cid, Craft: "灯彩制作技艺"}); err != nil {
		t.Fatal(err)
	}
	number := o.workshopOrder()
	for _, tc := range []struct {
		doc  *Doc
		v    Values
		want []string
	}{
		{&WorkshopLedger, Values{"month": "2026-11"}, []string{"工坊收入台账", "城东共富工坊 · 2026-11"}},
		{&Payouts, Values{"month": "2026-11"}, []string{"收入分配单", "城东共富工坊", "陈小梅"}},
		{&OrderConfirmation, Values{"number": number}, []string{"订单确认单", number, "本工坊产品由城东共富工坊残疾人学员手工制作"}},
	} {
		t.Run(tc.doc.Name, func(t *testing.T) {
			text := pdfText(t, o.run(tc.doc, tc.v))
			mustContain(t, text, append(tc.want, "城东街道办事处")...)
			if strings.Contains(text, "南苑") || strings.Contains(text, "非遗点灯") {
				t.Errorf("the sample's workshop is printed:\n%s", text)
			}
		})
	}
}

func TestWorkshopDocumentsSayWhenTheWorkshopHasNoName(t *testing.T) {
	o := newOffice(t)
	number := o.workshopOrder()
	t.Run("ledger", func(t *testing.T) {
		mustContain(t, pdfText(t, o.run(&WorkshopLedger, Values{"month": "2026-11"})), "尚未设置工坊名称")
	})
	t.Run("order", func(t *testing.T) {
		mustContain(t, pdfText(t, o.run(&OrderConfirmation, Values{"number": number})), "尚未设置工坊名称")
	})
	t.Run("no training certificate", func(t *testing.T) {
		err := TrainingCerts.Run(o.ctx, o.s, Values{}, &strings.Builder{})
		if !errors.Is(err, data.ErrInvalid) || !strings.Contains(data.Message(err), "尚未设置工坊名称") {
			t.Fatalf("training certificates without a workshop name: %v", err)
		}
	})
}
