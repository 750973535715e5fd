package sample

import (
	"context"
	"fmt"
	"time"

	"linli/data"
)

var products = []data.Product{
	{Name: "宫灯", Spec: "六角 60cm，绢面手绘", UnitPriceFen: 68_000, MaterialFen: 18_000},
	{Name: "走马灯", Spec: "直径 40cm，可转动", UnitPriceFen: 48_000, MaterialFen: 15_000},
	{Name: "荷花灯", Spec: "直径 30cm", UnitPriceFen: 12_000, MaterialFen: 3_500},
	{Name: "兔子灯", Spec: "长 35cm，带轮", UnitPriceFen: 9_800, MaterialFen: 2_800},
	{Name: "花篮灯", Spec: "高 50cm", UnitPriceFen: 26_000, MaterialFen: 8_000},
	{Name: "针刺无骨灯片", Spec: "20×30cm 装裱", UnitPriceFen: 15_800, MaterialFen: 2_600},
}

var customers = []struct{ name, org string }{
	{"王敏", "海宁市文化馆"}, {"陈立新", "硖石街道总工会"}, {"沈老师", "南苑小学"}, {"李经理", "海宁中国皮革城"},
	{"周女士", ""}, {"徐主任", "海宁市图书馆"}, {"顾先生", "西山公园管理处"}, {"钱女士", ""}, {"张校长", "紫微小学"},
	{"朱经理", "海宁农商银行硖石支行"},
}

// statuses are the twenty orders' final statuses, oldest first: every status appears.
var statuses = []string{data.StatusSettled, data.StatusSettled, data.StatusSettled, data.StatusSettled, data.StatusSettled,
	data.StatusSettled, data.StatusSettled, data.StatusSettled, data.StatusSettled, data.StatusSettled, data.StatusSettled,
	data.StatusSettled, data.StatusDelivered, data.StatusDelivered, data.StatusMaking, data.StatusMaking, data.StatusAccepted,
	data.StatusAccepted, data.StatusInquiry, data.StatusCancelled}

// shop is the workshop as the sample builds it.
type shop struct {
	trainees []int64
	products []int64
}

// workshop adds the 非遗点灯 workshop of 南苑社区: eight trainees (one known as 小可爱), the
// lantern catalogue, a lesson every fortnight, and twenty orders over the past year in every
// status, with production, payments, their splits and the monthly payouts.
func (l *loader) workshop(ctx context.Context) error {
	l.at(l.start().Add(30 * time.Minute))
	if err := l.s.SaveWorkshopIdentity(l.admin, data.WorkshopIdentity{Name: WorkshopName,
		CommunityID: l.byName[WorkshopCommunity], Craft: WorkshopCraft}); err != nil {
		return err
	}
	var w shop
	if err := l.trainees(&w); err != nil {
		return err
	}
	for _, p := range products {
		id, err := l.s.SaveProduct(l.shop, p)
		if err != nil {
			return err
		}
		w.products = append(w.products, id)
	}
	if err := l.lessons(w); err != nil {
		return err
	}
	for i, st := range statuses {
		if err := l.order(w, i, st); err != nil {
			return err
		}
	}
	return l.payouts()
}

// trainees picks disabled adults of 南苑社区 first, then of other communities, then other
// adults if the sample has too few.
func (l *loader) trainees(w *shop) error {
	chosen := map[int64]bool{}
	var picks []data.Person
	for pass := 0; pass < 3; pass++ {
		for _, p := range l.people {
			a := age(p, l.today)
			ok := a >= 18 && a <= 60 && !chosen[p.ID] && len(picks) < 8
			switch pass {
			case 0:
				ok = ok && has(p.Tags, "残疾") && p.CommunityID == l.byName[WorkshopCommunity]
			case 1:
				ok = ok && has(p.Tags, "残疾")
			}
			if ok {
				picks = append(picks, p)
				chosen[p.ID] = true
			}
		}
	}
	for i, p := range picks {
		nick := ""
		if i == 0 {
			nick = "小可爱"
		}
		joined := l.today.AddDate(-2+i/4, -i, 0)
		l.at(later(joined, l.start()).Add(10 * time.Hour))
		id, err := l.s.SaveTrainee(l.shop, data.Trainee{PersonID: p.ID, Nickname: nick, Joined: day(joined),
			DisabilityCategory: data.DisabilityCategories[i%len(data.DisabilityCategories)],
			DisabilityLevel:    data.DisabilityLevels[(i+2)%len(data.DisabilityLevels)], SkillLevel: data.SkillLevels[min(2, 2-i/3)]})
		if err != nil {
			return err
		}
		w.trainees = append(w.trainees, id)
	}
	return nil
}

var topics = []string{"扎骨架", "裱糊", "针刺花纹", "彩绘", "组装与灯光", "作品点评"}

// lessons records a lesson every fortnight of the past year.
func (l *loader) lessons(w shop) error {
	for i := 23; i >= 0; i-- {
		d := midnight(l.today.AddDate(0, 0, -14*(i+1)))
		var came []int64
		for _, t := range w.trainees {
			if l.rng.IntN(6) > 0 {
				came = append(came, t)
			}
		}
		if len(came) == 0 {
			came = w.trainees[:1]
		}
		l.at(d.Add(17 * time.Hour))
		if _, err := l.s.RecordTraining(l.shop, data.TrainingSession{Day: day(d), Topic: topics[i%len(topics)], Minutes: 150,
			Teacher: "硖石灯彩传承人 陈师傅", Trainees: came}); err != nil {
			return err
		}
	}
	return nil
}

// order takes the i-th order and carries it to its status st: a deposit on every third, the
// trainees' production, delivery, the balance and settlement.
func (l *loader) order(w shop, i int, st string) error {
	taken := l.today.AddDate(0, 0, -(350 - i*23))
	switch st {
	case data.StatusAccepted, data.StatusInquiry:
		taken = l.today.AddDate(0, 0, -3-i%5)
	case data.StatusCancelled:
		taken = l.today.AddDate(0, 0, -40)
	}
	taken = midnight(taken).Add(10 * time.Hour)
	due := taken.AddDate(0, 0, 20+l.rng.IntN(25))
	c := customers[i%len(customers)]
	o := data.Order{CustomerName: c.name, CustomerOrg: c.org, CustomerPhone: fmt.Sprintf("139%08d", l.rng.IntN(100000000)),
		Due: day(due), Status: data.StatusAccepted, SplitRule: []string{data.RuleByPieces, data.RuleByPieces, data.RuleByMinutes, data.RuleEqual}[i%4],
		RetentionBP: 1500}
	if st == data.StatusInquiry {
		o.Status = data.StatusInquiry
	}
	var total int64
	for k := 0; k < 1+i%2; k++ {
		pi, qty := (i+k*3)%len(products), int64(2+l.rng.IntN(30))
		if i == 0 {
			pi, qty = 0, 30
		}
		o.Lines = append(o.Lines, data.OrderLine{ProductID: w.products[pi], Quantity: qty})
		total += qty * products[pi].UnitPriceFen
	}
	l.at(taken)
	id, err := l.s.CreateOrder(l.shop, o)
	if err != nil {
		return err
	}
	switch st {
	case data.StatusInquiry, data.StatusAccepted:
		return nil
	case data.StatusCancelled:
		l.at(taken.AddDate(0, 0, 3))
		return l.s.SetOrderStatus(l.shop, id, data.StatusCancelled)
	}
	var deposit int64
	if i%3 == 0 {
		deposit = total * 3 / 10
		if _, err := l.s.RecordPayment(l.shop, id, day(taken), deposit, "转账", "定金"); err != nil {
			return err
		}
	}
	if err := l.produce(w, id, taken, st == data.StatusMaking); err != nil {
		return err
	}
	if st == data.StatusMaking {
		return nil
	}
	l.at(later(due.AddDate(0, 0, -2), taken.AddDate(0, 0, 10)))
	if err := l.s.SetOrderStatus(l.shop, id, data.StatusDelivered); err != nil {
		return err
	}
	if st == data.StatusDelivered && i%2 == 1 {
		return nil
	}
	amount := total - deposit
	if st == data.StatusDelivered {
		amount /= 2
	}
	payDay := due
	if latest := l.today.AddDate(0, 0, -1-i%3); payDay.After(latest) {
		payDay = latest
	}
	l.at(midnight(payDay).Add(15 * time.Hour))
	if _, err := l.s.RecordPayment(l.shop, id, day(payDay), amount, []string{"转账", "微信", "现金"}[i%3], "尾款"); err != nil {
		return err
	}
	if st == data.StatusSettled {
		return l.s.SetOrderStatus(l.shop, id, data.StatusSettled)
	}
	return nil
}

// produce logs the trainees' work on every line, five days after the order was taken; an order
// still being made has half of each line done.
func (l *loader) produce(w shop, orderID int64, taken time.Time, partial bool) error {
	o, err := l.s.Order(l.shop, orderID)
	if err != nil {
		return err
	}
	made := taken.AddDate(0, 0, 5)
	l.at(made.Add(7 * time.Hour))
	for _, line := range o.Lines {
		left := line.Quantity
		if partial {
			left = max(1, left/2)
		}
		for left > 0 {
			n := min(left, int64(1+l.rng.IntN(8)))
			t := w.trainees[l.rng.IntN(len(w.trainees))]
			if _, err := l.s.LogProduction(l.shop, line.ID, t, day(made), n, n*(60+int64(l.rng.IntN(120))), false); err != nil {
				return err
			}
			left -= n
		}
	}
	return nil
}

// payouts pays each trainee a month's earnings on the fifth of the next month, up to last month;
// before the fifth, last month's earnings are still owed.
// A month's earnings can be more than the trainee's whole balance when a later payment moved
// shares (splits follow the order's cumulative payments), so no payout passes the balance.
func (l *loader) payouts() error {
	first := time.Date(l.today.Year(), l.today.Month(), 1, 0, 0, 0, 0, l.today.Location())
	now, err := l.s.Earnings(l.shop, l.today.Format("2006-01"))
	if err != nil {
		return err
	}
	balance := map[int64]int64{}
	for _, e := range now {
		balance[e.Trainee.ID] = e.Owed
	}
	for m := 13; m >= 1; m-- {
		month := first.AddDate(0, -m, 0)
		es, err := l.s.Earnings(l.shop, month.Format("2006-01"))
		if err != nil {
			return err
		}
		payday := month.AddDate(0, 1, 4)
		if payday.Add(10 * time.Hour).After(l.today) {
			continue
		}
		l.at(payday.Add(10 * time.Hour))
		for _, e := range es {
			pay := min(e.EarnedMonth, balance[e.Trainee.ID])
			if pay <= 0 {
				continue
			}
			if err := l.s.RecordPayout(l.shop, e.Trainee.ID, month.Format("2006-01"), day(payday), pay, "转账", ""); err != nil {
				return err
			}
			balance[e.Trainee.ID] -= pay
		}
	}
	return nil
}
