package sample

import (
	"context"
	"fmt"
	"time"

	"linli/data"
)

type programme struct {
	p     data.Programme
	skill string // the teacher's skill; "" for none
}

func (l *loader) programmes() []programme {
	y := l.today.Year()
	term := fmt.Sprintf("%d-09-01", y)
	if l.today.Month() < 9 {
		term = fmt.Sprintf("%d-03-01", y)
	}
	end := fmt.Sprintf("%d-12-31", y)
	c := l.byName
	return []programme{
		{data.Programme{Name: "公益吉他班", Kind: "课程", CommunityID: c["赞山社区"], Place: "赞山社区慈善街区活动室", Capacity: 10, AgeMin: 8, AgeMax: 15,
			Start: term, End: end, Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90, Organiser: "赞山社区"}, "吉他"},
		{data.Programme{Name: "公益书法班", Kind: "课程", CommunityID: c["赞山社区"], Place: "赞山社区书画室", Capacity: 12, AgeMin: 7, AgeMax: 15,
			Start: term, End: end, Weekdays: 1 << 6, StartTime: "09:30", Minutes: 90, Organiser: "赞山社区"}, "书法"},
		{data.Programme{Name: "「一老一小」绘画公益培训", Kind: "课程", CommunityID: c["竦秀社区"], Place: "竦秀社区新时代文明实践站", Capacity: 15, AgeMin: 5, AgeMax: 12,
			Start: term, End: end, Weekdays: 1 << 2, StartTime: "16:00", Minutes: 60, Organiser: "竦秀社区"}, "绘画"},
		{data.Programme{Name: "儿童观察团", Kind: "观察团", CommunityID: c["风和丽苑社区"], Place: "风和丽苑社区议事厅", Capacity: 20, AgeMin: 8, AgeMax: 16,
			Start: fmt.Sprintf("%d-03-01", y), End: end, Weekdays: 1 << 5, StartTime: "09:00", Minutes: 120, Organiser: "风和丽苑社区",
			SkipDays: []string{fmt.Sprintf("%d-10-03", y)}}, "陪聊"},
		{data.Programme{Name: "古樟树下「孝」文化", Kind: "主题活动", CommunityID: c["南关厢社区"], Place: "南关厢古樟树下", Capacity: 30, AgeMin: 4, AgeMax: 14,
			Start: fmt.Sprintf("%d-10-01", y), End: fmt.Sprintf("%d-10-31", y), Weekdays: 1 << 6, StartTime: "15:00", Minutes: 120, Organiser: "南关厢社区"}, "心理疏导"},
		{data.Programme{Name: "暑期「小心愿注入爱」实践", Kind: "主题活动", CommunityID: c["赞山社区"], Place: "慈善街区爱心商铺", Capacity: 16, AgeMin: 12, AgeMax: 17,
			Start: fmt.Sprintf("%d-07-06", y), End: fmt.Sprintf("%d-08-21", y), Weekdays: 1 | 1<<2 | 1<<4, StartTime: "09:00", Minutes: 180, Organiser: "赞山社区"}, "电脑"},
		{data.Programme{Name: "「社会妈妈」关爱走访", Kind: "关爱走访", CommunityID: c["新苑社区"], Place: "入户", Capacity: 30, AgeMin: 0, AgeMax: 17,
			Start: fmt.Sprintf("%d-01-01", y), End: end, Weekdays: 0, Minutes: 60, Organiser: "新苑社区妇联"}, ""},
	}
}

// children adds every programme the seed names, with enrolments (consent recorded for the
// under-14s), a term of attendance, the corps' roles, and a year of 「社会妈妈」 visits.
func (l *loader) children(ctx context.Context) error {
	for _, pr := range l.programmes() {
		if err := l.programme(pr); err != nil {
			return err
		}
	}
	return l.visits()
}

// teacher is the first adult volunteer with the skill, else the first adult 居民骨干.
func (l *loader) teacher(skill string) int64 {
	for _, kind := range []bool{false, true} {
		for _, v := range l.vols {
			if adult(v, l.today) && ((!kind && has(v.Skills, skill)) || (kind && has(v.Kinds, "居民骨干"))) {
				return v.ID
			}
		}
	}
	return 0
}

func (l *loader) programme(pr programme) error {
	p := pr.p
	start, err := time.ParseInLocation("2006-01-02", p.Start, l.today.Location())
	if err != nil {
		return err
	}
	signup := midnight(start.AddDate(0, 0, -7)).Add(10 * time.Hour)
	if signup.After(l.today) {
		signup = l.today
	}
	l.at(signup)
	if pr.skill != "" {
		if t := l.teacher(pr.skill); t != 0 {
			p.Teachers = []int64{t}
		}
	}
	if p.ID, err = l.s.SaveProgramme(l.staff, p); err != nil {
		return err
	}
	if _, err := l.s.GenerateSessions(l.staff, p.ID); err != nil {
		return err
	}
	kids, err := l.enrol(p)
	if err != nil {
		return err
	}
	if err := l.attendance(p, kids); err != nil {
		return err
	}
	if p.Kind != "观察团" {
		return nil
	}
	for i, k := range kids {
		if i >= 6 {
			break
		}
		if err := l.s.AssignRole(l.staff, p.ID, k, data.CorpsRoles[i%3], p.Start, p.End); err != nil {
			return err
		}
	}
	return nil
}

// enrol signs up age-fitting children with a guardian, from the community first, then from
// elsewhere; a class takes one more than its places (who waits).
func (l *loader) enrol(p data.Programme) ([]int64, error) {
	var kids []int64
	taken := map[int64]bool{}
	limit := p.Capacity
	if p.Kind == "课程" {
		limit++
	}
	for _, local := range []bool{true, false} {
		for _, c := range l.people {
			a := age(c, l.clock)
			g, ok := l.guard[c.ID]
			if a < p.AgeMin || a > p.AgeMax || !ok || taken[c.ID] || local != (c.CommunityID == p.CommunityID) || len(kids) >= limit {
				continue
			}
			var consent data.Consent
			if a < data.ConsentAge {
				consent = data.Consent{Day: day(l.clock), By: g.relation, How: "书面签字"}
			}
			e, err := l.s.Enroll(l.staff, p.ID, c.ID, g.id, consent)
			if err != nil {
				return nil, err
			}
			taken[c.ID] = true
			if e.Status == data.EnrolActive {
				kids = append(kids, c.ID)
			}
		}
	}
	return kids, nil
}

// attendance marks the sessions held so far, in one save, on the day of the last one.
func (l *loader) attendance(p data.Programme, kids []int64) error {
	ss, err := l.s.Sessions(l.staff, p.ID)
	if err != nil {
		return err
	}
	marks := map[[2]int64]string{}
	last := ""
	for _, x := range ss {
		if x.Cancelled || x.Day > day(l.today) {
			continue
		}
		last = x.Day
		for i, k := range kids {
			mark := "出勤"
			if r := l.rng.IntN(100); r < 8+i%4*3 {
				mark = "缺勤"
			} else if r < 14+i%4*3 {
				mark = "请假"
			}
			marks[[2]int64{x.ID, k}] = mark
		}
	}
	if len(marks) == 0 {
		return nil
	}
	d, err := time.ParseInLocation("2006-01-02", last, l.today.Location())
	if err != nil {
		return err
	}
	l.at(later(l.clock, d.Add(20*time.Hour)))
	if l.clock.After(l.today) {
		l.at(l.today)
	}
	return l.s.SaveAttendance(l.staff, marks)
}

var gifts = map[string]string{"春节": "年货礼包、红包", "元宵": "汤圆、花灯", "六一儿童节": "文具、绘本", "端午": "粽子、香囊", "中秋": "月饼、水果", "重阳": "重阳糕"}

// visits adds a year of visits by the adult 巾帼志愿者 (「社会妈妈」) to the children of struggling
// families; now and then two of them go together. Only adults visit (the store refuses a child).
func (l *loader) visits() error {
	var mothers []int64
	for _, v := range l.vols {
		if has(v.Kinds, "巾帼志愿者") && !has(v.Kinds, "小小志愿者") && adult(v, l.today.AddDate(-1, 0, 0)) && len(mothers) < 6 {
			mothers = append(mothers, v.ID)
		}
	}
	if len(mothers) == 0 {
		return nil
	}
	var festivals []data.Festival
	for _, y := range []int{l.today.Year() - 1, l.today.Year()} {
		for _, f := range data.Festivals(y) {
			if f.Day <= day(l.today) && f.Day > day(l.today.AddDate(-1, 0, 0)) {
				festivals = append(festivals, f)
			}
		}
	}
	for ci, c := range l.people {
		if !(has(c.Tags, "困境儿童") || has(c.Tags, "特殊家庭")) || age(c, l.today) >= 18 {
			continue
		}
		for fi, f := range festivals {
			if (ci+fi)%5 == 0 {
				continue // some visits are still to do
			}
			d, err := time.ParseInLocation("2006-01-02", f.Day, l.today.Location())
			if err != nil {
				return err
			}
			vols := []int64{mothers[(ci+fi)%len(mothers)]}
			if other := mothers[(ci+fi+1)%len(mothers)]; other != vols[0] && (ci+fi)%4 == 1 {
				vols = append(vols, other)
			}
			l.at(d.Add(18 * time.Hour))
			if _, err := l.s.RecordVisit(l.staff, data.Visit{ChildID: c.ID, Day: f.Day, Festival: f.Name, Gifts: gifts[f.Name],
				Notes: "孩子精神不错，和社会妈妈约好寒暑假一起参加活动", Volunteers: vols, Minutes: 60}); err != nil {
				return err
			}
		}
	}
	return nil
}
