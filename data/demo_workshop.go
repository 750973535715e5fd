package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

var sampleProducts = []Product{
	{Name: "宫灯", Spec: "六角 60cm，绢面手绘", UnitPriceFen: 68_000, MaterialFen: 18_000},
	{Name: "走马灯", Spec: "直径 40cm，可转动", UnitPriceFen: 48_000, MaterialFen: 15_000},
	{Name: "荷花灯", Spec: "直径 30cm", UnitPriceFen: 12_000, MaterialFen: 3_500},
	{Name: "兔子灯", Spec: "长 35cm，带轮", UnitPriceFen: 9_800, MaterialFen: 2_800},
	{Name: "花篮灯", Spec: "高 50cm", UnitPriceFen: 26_000, MaterialFen: 8_000},
	{Name: "针刺无骨灯片", Spec: "20×30cm 装裱", UnitPriceFen: 15_800, MaterialFen: 2_600},
}

var sampleCustomers = []struct{ name, org string }{
	{"王敏", "海宁市文化馆"}, {"陈立新", "硖石街道总工会"}, {"沈老师", "南苑小学"}, {"李经理", "海宁中国皮革城"},
	{"周女士", ""}, {"徐主任", "海宁市图书馆"}, {"顾先生", "西山公园管理处"}, {"钱女士", ""}, {"张校长", "紫微小学"},
	{"朱经理", "海宁农商银行硖石支行"},
}

// sampleWorkshop adds the 非遗点灯 workshop of 南苑社区: eight trainees (one known as 小可爱),
// the lantern catalogue, training lessons, and twenty orders over the past year in every status,
// with production, payments, their splits and payouts — all inside the sample's transaction.
func (s *Store) sampleWorkshop(ctx context.Context, tx *sql.Tx, rng *rand.Rand, people []Person, today time.Time) error {
	// Trainees: disabled adults of 南苑社区 (community 3) first, then of other communities, then
	// other adults if the sample has too few.
	var picks []Person
	chosen := map[int64]bool{}
	for pass := 0; pass < 3; pass++ {
		for _, p := range people {
			a := p.Age(today)
			ok := a >= 18 && a <= 60 && !chosen[p.ID]
			switch pass {
			case 0:
				ok = ok && inList("残疾", p.Tags) && p.CommunityID == 3
			case 1:
				ok = ok && inList("残疾", p.Tags)
			}
			if ok && len(picks) < 8 {
				picks = append(picks, p)
				chosen[p.ID] = true
			}
		}
	}
	now := s.stamp()
	var trainees []int64
	for i, p := range picks {
		nick := ""
		if i == 0 {
			nick = "小可爱"
		}
		joined := today.AddDate(-2+i/4, -i, 0).Format("2006-01-02")
		res, err := tx.ExecContext(ctx, `INSERT INTO trainee (person_id, number, nickname, disability_category, disability_level, skill_level, joined, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, fmt.Sprintf("XY-%03d", i+1), nick, DisabilityCategories[i%len(DisabilityCategories)],
			DisabilityLevels[(i+2)%len(DisabilityLevels)], SkillLevels[min(2, 2-i/3)], joined, now, now)
		if err != nil {
			return mapErr(err, "学员")
		}
		id, _ := res.LastInsertId()
		trainees = append(trainees, id)
	}
	var products []int64
	for _, p := range sampleProducts {
		res, err := tx.ExecContext(ctx, "INSERT INTO product (name, spec, unit_price_fen, material_fen) VALUES (?, ?, ?, ?)", p.Name, p.Spec, p.UnitPriceFen, p.MaterialFen)
		if err != nil {
			return mapErr(err, "产品")
		}
		id, _ := res.LastInsertId()
		products = append(products, id)
	}
	for w := 0; w < 24; w++ { // a lesson every fortnight
		day := today.AddDate(0, 0, -14*(w+1)).Format("2006-01-02")
		topic := []string{"扎骨架", "裱糊", "针刺花纹", "彩绘", "组装与灯光", "作品点评"}[w%6]
		res, err := tx.ExecContext(ctx, "INSERT INTO training_session (day, topic, minutes, teacher) VALUES (?, ?, 150, '硖石灯彩传承人 陈师傅')", day, topic)
		if err != nil {
			return mapErr(err, "培训")
		}
		sid, _ := res.LastInsertId()
		for _, t := range trainees {
			if rng.IntN(6) > 0 {
				if _, err := tx.ExecContext(ctx, "INSERT INTO training_attendance (session_id, trainee_id) VALUES (?, ?)", sid, t); err != nil {
					return mapErr(err, "培训")
				}
			}
		}
	}
	statuses := []string{StatusSettled, StatusSettled, StatusSettled, StatusSettled, StatusSettled, StatusSettled, StatusSettled,
		StatusSettled, StatusSettled, StatusSettled, StatusSettled, StatusSettled, StatusDelivered, StatusDelivered, StatusMaking,
		StatusMaking, StatusAccepted, StatusAccepted, StatusInquiry, StatusCancelled}
	seqByYear := map[int]int{}
	for i, st := range statuses {
		taken := today.AddDate(0, 0, -(350 - i*23))
		switch st {
		case StatusAccepted, StatusInquiry:
			taken = today.AddDate(0, 0, -3-i%5)
		case StatusCancelled:
			taken = today.AddDate(0, 0, -40)
		}
		due := taken.AddDate(0, 0, 20+rng.IntN(25))
		c := sampleCustomers[i%len(sampleCustomers)]
		rule := []string{RuleByPieces, RuleByPieces, RuleByMinutes, RuleEqual}[i%4]
		seqByYear[taken.Year()]++
		number := fmt.Sprintf("GF-%d-%04d", taken.Year(), seqByYear[taken.Year()])
		stamp := taken.Format(time.RFC3339)
		phone := fmt.Sprintf("139%08d", rng.IntN(100000000))
		res, err := tx.ExecContext(ctx, `INSERT INTO work_order (number, customer_name, customer_org, customer_phone, due, status, split_rule,
			retention_bp, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1500, '', ?, ?)`, number, c.name, c.org, phone,
			due.Format("2006-01-02"), StatusAccepted, rule, stamp, stamp)
		if err != nil {
			return mapErr(err, "订单")
		}
		oid, _ := res.LastInsertId()
		var lines []int64
		var qtys []int64
		var total int64
		for k := 0; k < 1+i%2; k++ {
			pi := (i + k*3) % len(sampleProducts)
			qty := int64(2 + rng.IntN(30))
			if i == 0 {
				pi, qty = 0, 30
			}
			p := sampleProducts[pi]
			res, err := tx.ExecContext(ctx, "INSERT INTO order_line (order_id, product_id, quantity, unit_price_fen, material_fen) VALUES (?, ?, ?, ?, ?)",
				oid, products[pi], qty, p.UnitPriceFen, p.MaterialFen)
			if err != nil {
				return mapErr(err, "订单明细")
			}
			id, _ := res.LastInsertId()
			lines, qtys = append(lines, id), append(qtys, qty)
			total += qty * p.UnitPriceFen
		}
		pay := func(day time.Time, amount int64, method, note string) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO payment (order_id, day, amount_fen, method, note, username, created_at) VALUES (?, ?, ?, ?, ?, 'workshop', ?)`,
				oid, day.Format("2006-01-02"), amount, method, note, day.Format(time.RFC3339))
			return mapErr(err, "收款")
		}
		deposit := total * 3 / 10
		if st != StatusInquiry && st != StatusCancelled && i%3 == 0 {
			if err := pay(taken, deposit, "转账", "定金"); err != nil {
				return err
			}
		} else {
			deposit = 0
		}
		if st == StatusSettled || st == StatusDelivered || st == StatusMaking {
			for li, line := range lines {
				left := qtys[li]
				for left > 0 {
					t := trainees[rng.IntN(len(trainees))]
					n := min(left, int64(1+rng.IntN(8)))
					if st == StatusMaking && left == qtys[li] {
						n = max(1, left/2)
						left = n // only part made so far
					}
					if _, err := tx.ExecContext(ctx, `INSERT INTO production (order_line_id, trainee_id, day, pieces, minutes, username, created_at)
						VALUES (?, ?, ?, ?, ?, 'workshop', ?)`, line, t, taken.AddDate(0, 0, 5).Format("2006-01-02"), n, n*(60+int64(rng.IntN(120))), stamp); err != nil {
						return mapErr(err, "生产记录")
					}
					left -= n
				}
			}
			if _, err := s.splitHeld(ctx, tx, oid); err != nil {
				return err
			}
		}
		if st == StatusSettled || (st == StatusDelivered && i%2 == 0) {
			amount := total - deposit
			if st == StatusDelivered {
				amount = amount / 2
			}
			payDay := due
			if latest := today.AddDate(0, 0, -1-i%3); payDay.After(latest) {
				payDay = latest
			}
			if err := pay(payDay, amount, []string{"转账", "微信", "现金"}[i%3], "尾款"); err != nil {
				return err
			}
			if _, err := s.splitHeld(ctx, tx, oid); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE work_order SET status = ? WHERE id = ?", st, oid); err != nil {
			return mapErr(err, "订单")
		}
	}
	// Payouts: each month's earnings are paid at the start of the next month, except the last.
	rows, err := tx.QueryContext(ctx, `SELECT sl.trainee_id, substr(p.day, 1, 7), sum(sl.amount_fen) FROM split_line sl
		JOIN split s ON s.id = sl.split_id JOIN payment p ON p.id = s.payment_id GROUP BY 1, 2 ORDER BY 2, 1`)
	if err != nil {
		return mapErr(err, "收入")
	}
	type due struct {
		trainee int64
		month   string
		amount  int64
	}
	var dues []due
	for rows.Next() {
		var d due
		if err := rows.Scan(&d.trainee, &d.month, &d.amount); err != nil {
			rows.Close()
			return mapErr(err, "收入")
		}
		dues = append(dues, d)
	}
	rows.Close()
	thisMonth := today.Format("2006-01")
	for _, d := range dues {
		if d.month >= thisMonth || d.amount <= 0 {
			continue
		}
		m, _ := time.Parse("2006-01", d.month)
		if _, err := tx.ExecContext(ctx, `INSERT INTO payout (trainee_id, month, day, amount_fen, method, username, created_at)
			VALUES (?, ?, ?, ?, '转账', 'workshop', ?)`, d.trainee, d.month, m.AddDate(0, 1, 4).Format("2006-01-02"), d.amount, now); err != nil {
			return mapErr(err, "发放记录")
		}
	}
	return nil
}
