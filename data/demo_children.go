package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

// sampleChildren adds every programme the seed names, with enrolments (consent recorded for the
// under-14s), a term of attendance, the corps' roles, and a year of 「社会妈妈」 visits.
func (s *Store) sampleChildren(ctx context.Context, tx *sql.Tx, rng *rand.Rand, people []Person, today time.Time) error {
	now := s.stamp()
	comm := map[string]int64{}
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM community")
	if err != nil {
		return mapErr(err, "社区")
	}
	for rows.Next() {
		var id int64
		var name string
		rows.Scan(&id, &name)
		comm[name] = id
	}
	rows.Close()
	teacher := func(skill string) int64 {
		var id int64
		tx.QueryRowContext(ctx, "SELECT id FROM volunteer WHERE skills LIKE ? OR kinds LIKE '%居民骨干%' ORDER BY skills LIKE ? DESC, id LIMIT 1", "%"+skill+"%", "%"+skill+"%").Scan(&id)
		return id
	}
	y := today.Year()
	termStart := fmt.Sprintf("%d-09-01", y)
	if today.Month() < 9 {
		termStart = fmt.Sprintf("%d-03-01", y)
	}
	progs := []struct {
		p     Programme
		skill string
	}{
		{Programme{Name: "公益吉他班", Kind: "课程", CommunityID: comm["赞山社区"], Place: "赞山社区慈善街区活动室", Capacity: 10, AgeMin: 8, AgeMax: 15,
			Start: termStart, End: fmt.Sprintf("%d-12-31", y), Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90, Organiser: "赞山社区"}, "吉他"},
		{Programme{Name: "公益书法班", Kind: "课程", CommunityID: comm["赞山社区"], Place: "赞山社区书画室", Capacity: 12, AgeMin: 7, AgeMax: 15,
			Start: termStart, End: fmt.Sprintf("%d-12-31", y), Weekdays: 1 << 6, StartTime: "09:30", Minutes: 90, Organiser: "赞山社区"}, "书法"},
		{Programme{Name: "「一老一小」绘画公益培训", Kind: "课程", CommunityID: comm["竦秀社区"], Place: "竦秀社区新时代文明实践站", Capacity: 15, AgeMin: 5, AgeMax: 12,
			Start: termStart, End: fmt.Sprintf("%d-12-31", y), Weekdays: 1 << 2, StartTime: "16:00", Minutes: 60, Organiser: "竦秀社区"}, "绘画"},
		{Programme{Name: "儿童观察团", Kind: "观察团", CommunityID: comm["风和丽苑社区"], Place: "风和丽苑社区议事厅", Capacity: 20, AgeMin: 8, AgeMax: 16,
			Start: fmt.Sprintf("%d-03-01", y), End: fmt.Sprintf("%d-12-31", y), Weekdays: 1 << 5, StartTime: "09:00", Minutes: 120, Organiser: "风和丽苑社区",
			SkipDays: []string{fmt.Sprintf("%d-10-03", y)}}, "陪聊"},
		{Programme{Name: "古樟树下「孝」文化", Kind: "主题活动", CommunityID: comm["南关厢社区"], Place: "南关厢古樟树下", Capacity: 30, AgeMin: 4, AgeMax: 14,
			Start: fmt.Sprintf("%d-10-01", y), End: fmt.Sprintf("%d-10-31", y), Weekdays: 1 << 6, StartTime: "15:00", Minutes: 120, Organiser: "南关厢社区"}, "心理疏导"},
		{Programme{Name: "暑期「小心愿注入爱」实践", Kind: "主题活动", CommunityID: comm["赞山社区"], Place: "慈善街区爱心商铺", Capacity: 16, AgeMin: 12, AgeMax: 17,
			Start: fmt.Sprintf("%d-07-06", y), End: fmt.Sprintf("%d-08-21", y), Weekdays: 1 | 1<<2 | 1<<4, StartTime: "09:00", Minutes: 180, Organiser: "赞山社区"}, "电脑"},
		{Programme{Name: "「社会妈妈」关爱走访", Kind: "关爱走访", CommunityID: comm["新苑社区"], Place: "入户", Capacity: 30, AgeMin: 0, AgeMax: 17,
			Start: fmt.Sprintf("%d-01-01", y), End: fmt.Sprintf("%d-12-31", y), Weekdays: 0, Minutes: 60, Organiser: "新苑社区妇联"}, ""},
	}
	guardianOf := map[int64]int64{}
	grows, err := tx.QueryContext(ctx, "SELECT child_id, guardian_id, relation FROM guardian")
	if err != nil {
		return mapErr(err, "监护人")
	}
	relation := map[int64]string{}
	for grows.Next() {
		var c, g int64
		var r string
		grows.Scan(&c, &g, &r)
		guardianOf[c], relation[c] = g, r
	}
	grows.Close()
	todayS := today.Format("2006-01-02")
	var corpsID int64
	var corpsKids []int64
	for _, pr := range progs {
		p := pr.p
		res, err := tx.ExecContext(ctx, `INSERT INTO programme (name, kind, community_id, place, capacity, age_min, age_max, start_day, end_day, weekdays,
			start_time, minutes, skip_days, threshold_pct, organiser, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 80, ?, ?)`,
			p.Name, p.Kind, p.CommunityID, p.Place, p.Capacity, p.AgeMin, p.AgeMax, p.Start, p.End, p.Weekdays, p.StartTime, p.Minutes,
			joinUnique(p.SkipDays), p.Organiser, now)
		if err != nil {
			return mapErr(err, "儿童项目")
		}
		p.ID, _ = res.LastInsertId()
		var tid int64
		if pr.skill != "" {
			if tid = teacher(pr.skill); tid != 0 {
				tx.ExecContext(ctx, "INSERT INTO programme_teacher (programme_id, volunteer_id) VALUES (?, ?)", p.ID, tid)
			}
		}
		for _, d := range ScheduleDays(p) {
			if _, err := tx.ExecContext(ctx, "INSERT INTO session (programme_id, day, start_time, minutes) VALUES (?, ?, ?, ?)", p.ID, d, p.StartTime, p.Minutes); err != nil {
				return mapErr(err, "活动场次")
			}
		}
		// Enrol age-fitting children with a guardian, from the community first, then from elsewhere.
		var kids []int64
		for pass := 0; pass < 2; pass++ {
			for _, c := range people {
				a := c.Age(today)
				if a < p.AgeMin || a > p.AgeMax || guardianOf[c.ID] == 0 || inList64(c.ID, kids) || (pass == 0) != (c.CommunityID == p.CommunityID) {
					continue
				}
				if len(kids) >= p.Capacity+1 && p.Kind == "课程" {
					break
				}
				if len(kids) >= p.Capacity {
					continue
				}
				kids = append(kids, c.ID)
			}
		}
		for i, k := range kids {
			status := EnrolActive
			if i >= p.Capacity {
				status = EnrolWaiting
			}
			if p.End < todayS && status == EnrolActive {
				status = EnrolFinished
			}
			consentDay := ""
			by, how := "", ""
			if age := personAge(people, k, today); age < ConsentAge {
				consentDay, by, how = p.Start, relation[k], "书面签字"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO enrollment (programme_id, child_id, guardian_id, status, consent_day, consent_by, consent_how, enrolled_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, k, guardianOf[k], status, consentDay, by, how, now, now); err != nil {
				return mapErr(err, "报名")
			}
		}
		// Attendance for the sessions held so far.
		srows, err := tx.QueryContext(ctx, "SELECT id, day, minutes FROM session WHERE programme_id = ? AND day <= ? ORDER BY day", p.ID, todayS)
		if err != nil {
			return mapErr(err, "活动场次")
		}
		type sess struct {
			id      int64
			day     string
			minutes int
		}
		var held []sess
		for srows.Next() {
			var x sess
			srows.Scan(&x.id, &x.day, &x.minutes)
			held = append(held, x)
		}
		srows.Close()
		for _, x := range held {
			for i, k := range kids {
				if i >= p.Capacity {
					break
				}
				mark := "出勤"
				if r := rng.IntN(100); r < 8+i%4*3 {
					mark = "缺勤"
				} else if r < 14+i%4*3 {
					mark = "请假"
				}
				tx.ExecContext(ctx, "INSERT INTO attendance (session_id, child_id, mark) VALUES (?, ?, ?)", x.id, k, mark)
			}
			if tid != 0 {
				if err := addMinutes(ctx, tx, now, tid, x.day, x.minutes, SourceSession, x.id); err != nil {
					return err
				}
			}
		}
		if p.Kind == "观察团" {
			corpsID, corpsKids = p.ID, kids
		}
	}
	for i, k := range corpsKids {
		if i >= 6 {
			break
		}
		from := fmt.Sprintf("%d-03-01", y)
		to := fmt.Sprintf("%d-12-31", y)
		tx.ExecContext(ctx, "INSERT INTO corps_role (programme_id, child_id, role, from_day, to_day) VALUES (?, ?, ?, ?, ?)", corpsID, k, CorpsRoles[i%3], from, to)
	}
	// A year of visits by the 巾帼志愿者 to the children of struggling families.
	var mothers []int64
	mrows, err := tx.QueryContext(ctx, "SELECT id FROM volunteer WHERE kinds LIKE '%巾帼志愿者%' ORDER BY id LIMIT 6")
	if err != nil {
		return mapErr(err, "志愿者")
	}
	for mrows.Next() {
		var id int64
		mrows.Scan(&id)
		mothers = append(mothers, id)
	}
	mrows.Close()
	if len(mothers) == 0 {
		return nil
	}
	var festivals []Festival
	for _, yr := range []int{y - 1, y} {
		for _, f := range Festivals(yr) {
			if f.Day <= todayS && f.Day > today.AddDate(-1, 0, 0).Format("2006-01-02") {
				festivals = append(festivals, f)
			}
		}
	}
	gifts := map[string]string{"春节": "年货礼包、红包", "元宵": "汤圆、花灯", "六一儿童节": "文具、绘本", "端午": "粽子、香囊", "中秋": "月饼、水果", "重阳": "重阳糕"}
	for _, c := range people {
		if !(inList("困境儿童", c.Tags) || inList("特殊家庭", c.Tags)) {
			continue
		}
		for fi, f := range festivals {
			if (int(c.ID)+fi)%5 == 0 {
				continue // some visits are still to do
			}
			res, err := tx.ExecContext(ctx, "INSERT INTO care_visit (child_id, day, festival, gifts, notes, recorder, created_at) VALUES (?, ?, ?, ?, ?, 'staff', ?)",
				c.ID, f.Day, f.Name, gifts[f.Name], "孩子精神不错，和社会妈妈约好寒暑假一起参加活动", now)
			if err != nil {
				return mapErr(err, "走访")
			}
			vid, _ := res.LastInsertId()
			m := mothers[(int(c.ID)+fi)%len(mothers)]
			tx.ExecContext(ctx, "INSERT INTO care_visit_volunteer (visit_id, volunteer_id, minutes) VALUES (?, ?, 60)", vid, m)
			if err := addMinutes(ctx, tx, now, m, f.Day, 60, SourceVisit, vid); err != nil {
				return err
			}
		}
	}
	return nil
}

func inList64(v int64, xs []int64) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

func personAge(people []Person, id int64, today time.Time) int {
	for _, p := range people {
		if p.ID == id {
			return p.Age(today)
		}
	}
	return -1
}
