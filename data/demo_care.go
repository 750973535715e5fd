package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

// sampleCare adds 竦秀社区's way of caring for the elderly across the sample: care profiles for
// the elderly living alone or old, pairings with volunteers of their community (one volunteer
// over the limit and two recipients unpaired, so the warnings show), twelve months of 一碗汤
// rounds with their deliveries, home services of every type, and a few certificates.
func (s *Store) sampleCare(ctx context.Context, tx *sql.Tx, rng *rand.Rand, people []Person, today time.Time) error {
	now := s.stamp()
	type vol struct {
		id        int64
		community int64
		cook      bool
	}
	var vols []vol
	rows, err := tx.QueryContext(ctx, `SELECT v.id, p.community_id, v.kinds LIKE '%美食达人%' FROM volunteer v JOIN person p ON p.id = v.person_id
		WHERE v.active = 1 AND (SELECT CAST(strftime('%Y', 'now') AS INTEGER)) > 0 ORDER BY v.id`)
	if err != nil {
		return mapErr(err, "志愿者")
	}
	for rows.Next() {
		var v vol
		rows.Scan(&v.id, &v.community, &v.cook)
		vols = append(vols, v)
	}
	rows.Close()
	load := map[int64]int{}
	var recipients []int64
	for _, p := range people {
		if p.Age(today) < 60 || !(inList("独居", p.Tags) || inList("空巢", p.Tags) || inList("高龄", p.Tags)) {
			continue
		}
		living := "高龄"
		if inList("独居", p.Tags) {
			living = "独居"
		} else if inList("空巢", p.Tags) {
			living = "空巢"
		}
		services := []string{pick(rng, ServiceTypes[:5])}
		if rng.IntN(2) == 0 {
			services = append(services, pick(rng, ServiceTypes[:5]))
		}
		start := today.AddDate(-1-rng.IntN(3), -rng.IntN(12), 0).Format("2006-01-02")
		res, err := tx.ExecContext(ctx, `INSERT INTO care_recipient (person_id, living, services, soup, health_notes, start_day, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, living, joinUnique(services), boolInt(rng.IntN(10) > 0),
			pick(rng, []string{"高血压，按时服药", "糖尿病，饮食少糖", "行动不便，上下楼需搀扶", "听力较弱，说话要大声", ""}), start, now, now)
		if err != nil {
			return mapErr(err, "服务对象")
		}
		rid, _ := res.LastInsertId()
		recipients = append(recipients, rid)
		if len(recipients) <= 2 {
			continue // two recipients wait for a volunteer: the warning shows
		}
		var chosen int64
		for _, v := range vols { // a volunteer of the same community with room, else anyone with room
			if v.community == p.CommunityID && load[v.id] < DefaultMaxRecipients {
				chosen = v.id
				break
			}
		}
		if chosen == 0 {
			for _, v := range vols {
				if load[v.id] < DefaultMaxRecipients || (v.id == vols[0].id && load[v.id] < DefaultMaxRecipients+1) {
					chosen = v.id
					break
				}
			}
		}
		if chosen == 0 {
			continue
		}
		load[chosen]++
		if _, err := tx.ExecContext(ctx, "INSERT INTO pairing (volunteer_id, recipient_id, from_day, created_at) VALUES (?, ?, ?, ?)",
			chosen, rid, start, now); err != nil {
			return mapErr(err, "结对")
		}
	}
	// The first volunteer takes one recipient over the limit (the warning shows).
	if len(recipients) > 1 {
		if _, err := tx.ExecContext(ctx, "INSERT INTO pairing (volunteer_id, recipient_id, from_day, to_day, note, created_at) VALUES (?, ?, ?, ?, '换人结对', ?)",
			vols[1].id, recipients[len(recipients)-1], today.AddDate(-2, 0, 0).Format("2006-01-02"), today.AddDate(-1, 0, 0).Format("2006-01-02"), now); err != nil {
			return mapErr(err, "结对")
		}
	}
	for load[vols[0].id] <= DefaultMaxRecipients && len(recipients) > 3 {
		r := recipients[3+load[vols[0].id]]
		if _, err := tx.ExecContext(ctx, "INSERT INTO pairing (volunteer_id, recipient_id, from_day, created_at) VALUES (?, ?, ?, ?)",
			vols[0].id, r, today.AddDate(0, -2, 0).Format("2006-01-02"), now); err != nil {
			return mapErr(err, "结对")
		}
		load[vols[0].id]++
	}
	// Twelve months of rounds: on each month's first 节气, this month's only if it has passed.
	for m := 11; m >= 0; m-- {
		first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -m, 0)
		terms := SolarTerms(first.Year(), first.Month())
		if len(terms) == 0 || (m == 0 && terms[0].Day > today.Format("2006-01-02")) {
			continue
		}
		term := terms[0]
		res, err := tx.ExecContext(ctx, `INSERT INTO soup_round (month, day, solar_term, soup, menu, cost_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			first.Format("2006-01"), term.Day, term.Name, SoupSuggestions[term.Name], "时令汤品一份、本帮小点心一份", int64(30_000+rng.IntN(25_000)), now)
		if err != nil {
			return mapErr(err, "一碗汤")
		}
		round, _ := res.LastInsertId()
		cooks := 0
		for _, v := range vols {
			if v.cook && cooks < 3+rng.IntN(2) {
				cooks++
				tx.ExecContext(ctx, "INSERT INTO soup_cook (round_id, volunteer_id) VALUES (?, ?)", round, v.id)
			}
		}
		if _, err := generateDeliveries(ctx, tx, round); err != nil {
			return err
		}
		drows, err := tx.QueryContext(ctx, "SELECT id, volunteer_id FROM delivery WHERE round_id = ? ORDER BY id", round)
		if err != nil {
			return mapErr(err, "配送单")
		}
		type dv struct{ id, vol int64 }
		var ds []dv
		for drows.Next() {
			var d dv
			drows.Scan(&d.id, &d.vol)
			ds = append(ds, d)
		}
		drows.Close()
		day, _ := time.ParseInLocation("2006-01-02", term.Day, time.Local)
		for i, d := range ds {
			if m == 0 && i >= len(ds)*2/3 {
				break // this month's round is still under way
			}
			left := day.Add(11*time.Hour + time.Duration(i%7)*time.Minute)
			outcome, took := OutcomeDelivered, time.Duration(4+rng.IntN(6))*time.Minute
			switch r := rng.IntN(100); {
			case r < 8:
				took = time.Duration(11+rng.IntN(8)) * time.Minute // 送达 but not 达标
			case r < 15:
				outcome = OutcomeNotHome
			case r < 17:
				outcome = OutcomeRefused
			}
			arrived := left.Add(took)
			if _, err := tx.ExecContext(ctx, "UPDATE delivery SET left_at = ?, arrived_at = ?, outcome = ?, recorder = 'staff' WHERE id = ?",
				left.Format(time.RFC3339), arrived.Format(time.RFC3339), outcome, d.id); err != nil {
				return mapErr(err, "配送记录")
			}
			if outcome == OutcomeDelivered {
				if err := addMinutes(ctx, tx, now, d.vol, term.Day, DefaultDeliveryMinutes, SourceDelivery, d.id); err != nil {
					return err
				}
			}
		}
	}
	// Home services of every type over the year; a few still open, one overdue.
	for i := 0; i < 36 && len(recipients) > 3; i++ {
		rid := recipients[3+rng.IntN(len(recipients)-3)]
		at := today.AddDate(0, 0, -(360 - i*10)).Add(9 * time.Hour)
		if i >= 33 {
			at = today.AddDate(0, 0, -(35-i)*2).Add(9 * time.Hour)
		}
		typ := ServiceTypes[i%len(ServiceTypes)]
		res, err := tx.ExecContext(ctx, `INSERT INTO service_request (recipient_id, type, channel, detail, requested_at, due_at, recorder, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 'staff', ?)`, rid, typ, ServiceChannels[i%len(ServiceChannels)],
			map[string]string{"买菜": "买一周的蔬菜和鸡蛋", "配药": "到社区卫生服务站配降压药", "做饭": "做午饭", "陪聊": "陪老人聊天解闷",
				"就医陪护": "陪同到市人民医院复诊", "其他": "帮忙换灯泡"}[typ], at.Format(time.RFC3339), at.Add(24*time.Hour).Format(time.RFC3339), now)
		if err != nil {
			return mapErr(err, "上门服务")
		}
		id, _ := res.LastInsertId()
		var vol int64
		tx.QueryRowContext(ctx, "SELECT volunteer_id FROM pairing WHERE recipient_id = ? AND to_day IS NULL LIMIT 1", rid).Scan(&vol)
		if vol == 0 || i == 35 {
			continue // still waiting for dispatch
		}
		tx.ExecContext(ctx, "UPDATE service_request SET volunteer_id = ?, dispatched_at = ? WHERE id = ?", vol, at.Add(time.Hour).Format(time.RFC3339), id)
		if i >= 33 {
			continue // dispatched, not done yet
		}
		done := at.Add(time.Duration(3+rng.IntN(20)) * time.Hour)
		minutes := 30 + rng.IntN(6)*30
		tx.ExecContext(ctx, "UPDATE service_request SET done_at = ?, minutes = ?, result = '已完成' WHERE id = ?", done.Format(time.RFC3339), minutes, id)
		if err := addMinutes(ctx, tx, now, vol, done.Format("2006-01-02"), minutes, SourceService, id); err != nil {
			return err
		}
		sat := Satisfactions[0]
		if rng.IntN(8) == 0 {
			sat = Satisfactions[1]
		}
		tx.ExecContext(ctx, "UPDATE service_request SET followup_at = ?, satisfaction = ?, followup_note = '电话回访' WHERE id = ?",
			done.Add(48*time.Hour).Format(time.RFC3339), sat, id)
	}
	// Last year's volunteer service certificates for the three volunteers with the most hours.
	last := today.Year() - 1
	crow, err := tx.QueryContext(ctx, `SELECT m.volunteer_id, v.person_id, sum(m.minutes) FROM volunteer_minutes m JOIN volunteer v ON v.id = m.volunteer_id
		WHERE substr(m.day, 1, 4) = ? GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 3`, fmt.Sprint(last))
	if err != nil {
		return mapErr(err, "证书")
	}
	type top struct {
		person  int64
		minutes int
	}
	var tops []top
	for crow.Next() {
		var v int64
		var t top
		crow.Scan(&v, &t.person, &t.minutes)
		tops = append(tops, t)
	}
	crow.Close()
	for i, t := range tops {
		if _, err := tx.ExecContext(ctx, `INSERT INTO certificate (number, kind, person_id, period_from, period_to, minutes, content, verify_code, issued_by, issued_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'staff', ?)`, fmt.Sprintf("ZF-%d-%04d", last, i+1), CertVolunteer, t.person, fmt.Sprintf("%d-01-01", last),
			fmt.Sprintf("%d-12-31", last), t.minutes, "「老宝贝一碗汤」配送、上门助老服务", fmt.Sprintf("%08X", rng.Uint32()), fmt.Sprintf("%d-12-31T16:00:00+08:00", last)); err != nil {
			return mapErr(err, "证书")
		}
	}
	return nil
}

func joinUnique(xs []string) string {
	out := ""
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			if out != "" {
				out += "、"
			}
			out += x
			seen[x] = true
		}
	}
	return out
}
