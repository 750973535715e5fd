package sample

import (
	"context"
	"fmt"
	"sort"
	"time"

	"linli/data"
)

// recipient is a care profile the sample made, with its person.
type recipient struct {
	id     int64
	person data.Person
	start  time.Time
	vol    int64 // the active pairing's volunteer, 0 while unpaired
}

// care adds 竦秀社区's way of caring for the elderly: care profiles for the elderly living alone
// or old, pairings with adult volunteers of their community (one volunteer over the limit and two
// recipients unpaired, so the warnings show), twelve months of 一碗汤 rounds with their
// deliveries, home services of every type, and last year's certificates.
func (l *loader) care(ctx context.Context) error {
	rs, err := l.recipients()
	if err != nil {
		return err
	}
	if err := l.pairings(rs); err != nil {
		return err
	}
	for m := 11; m >= 0; m-- {
		if err := l.round(m); err != nil {
			return err
		}
	}
	if err := l.services(rs); err != nil {
		return err
	}
	return l.certificates()
}

func (l *loader) recipients() ([]recipient, error) {
	var out []recipient
	for _, p := range l.people {
		if age(p, l.today) < 60 || !(has(p.Tags, "独居") || has(p.Tags, "空巢") || has(p.Tags, "高龄")) {
			continue
		}
		living := "高龄"
		if has(p.Tags, "独居") {
			living = "独居"
		} else if has(p.Tags, "空巢") {
			living = "空巢"
		}
		services := []string{pick(l.rng, data.ServiceTypes[:5])}
		if s := pick(l.rng, data.ServiceTypes[:5]); l.rng.IntN(2) == 0 && s != services[0] {
			services = append(services, s)
		}
		start := l.start().AddDate(-l.rng.IntN(3), -l.rng.IntN(12), 0)
		l.at(l.start().Add(2 * time.Hour))
		id, err := l.s.SaveCareRecipient(l.staff, data.CareRecipient{PersonID: p.ID, Living: living, Services: services,
			Soup: l.rng.IntN(10) > 0, Start: day(start), HealthNotes: pick(l.rng, []string{"高血压，按时服药", "糖尿病，饮食少糖",
				"行动不便，上下楼需搀扶", "听力较弱，说话要大声", ""})})
		if err != nil {
			return nil, err
		}
		out = append(out, recipient{id: id, person: p, start: start})
	}
	return out, nil
}

// pairings pairs each recipient (but the first two, who wait) with an adult volunteer who is not
// the recipient: of the same community with room first, else anyone with room. The first
// volunteer then takes one over the limit, and one pairing is history (换人结对).
func (l *loader) pairings(rs []recipient) error {
	var vols []data.Volunteer
	for _, v := range l.vols {
		if adult(v, l.start()) {
			vols = append(vols, v)
		}
	}
	load := map[int64]int{}
	free := func(v data.Volunteer, r recipient, sameCommunity bool) bool {
		return v.PersonID != r.person.ID && load[v.ID] < data.DefaultMaxRecipients && adult(v, r.start) &&
			(!sameCommunity || v.Person.CommunityID == r.person.CommunityID)
	}
	for i := 2; i < len(rs); i++ {
		r := &rs[i]
		var chosen int64
		for _, same := range []bool{true, false} {
			for _, v := range vols {
				if chosen == 0 && free(v, *r, same) {
					chosen = v.ID
				}
			}
		}
		if chosen == 0 {
			continue
		}
		if err := l.pair(r, chosen, r.start, ""); err != nil {
			return err
		}
		load[chosen]++
	}
	if len(rs) > 4 && len(vols) > 1 {
		if err := l.changedPairing(rs[len(rs)-1], vols[1]); err != nil {
			return err
		}
	}
	first := vols[0]
	for i := 3; load[first.ID] <= data.DefaultMaxRecipients && i < len(rs); i++ {
		if rs[i].person.ID == first.PersonID || rs[i].vol == first.ID {
			continue
		}
		if err := l.pair(&rs[i], first.ID, l.today.AddDate(0, -2, 0), "临时加派"); err != nil {
			return err
		}
		load[first.ID]++
	}
	return nil
}

func (l *loader) pair(r *recipient, vol int64, from time.Time, note string) error {
	l.at(later(from, l.start()).Add(3 * time.Hour))
	if _, err := l.s.Pair(l.staff, vol, r.id, day(from), note); err != nil {
		return err
	}
	if r.vol == 0 {
		r.vol = vol
	}
	return nil
}

// changedPairing records a pairing that ran for a year and ended: the history the pairing list
// keeps.
func (l *loader) changedPairing(r recipient, v data.Volunteer) error {
	from, to := l.today.AddDate(-2, 0, 0), l.today.AddDate(-1, 0, 0)
	if v.PersonID == r.person.ID || r.vol == v.ID || !adult(v, from) {
		return nil
	}
	l.at(from.Add(10 * time.Hour))
	id, err := l.s.Pair(l.staff, v.ID, r.id, day(from), "换人结对")
	if err != nil {
		return err
	}
	l.at(to.Add(10 * time.Hour))
	return l.s.EndPairing(l.staff, id, day(to))
}

// round plans the soup round of m months ago on that month's first 节气 (this month's only if
// the day has come), generates its deliveries and records them as the volunteers did; this
// month's is still under way.
func (l *loader) round(m int) error {
	first := time.Date(l.today.Year(), l.today.Month(), 1, 0, 0, 0, 0, l.today.Location()).AddDate(0, -m, 0)
	terms := data.SolarTerms(first.Year(), first.Month())
	if len(terms) == 0 || (m == 0 && terms[0].Day > day(l.today)) {
		return nil
	}
	term := terms[0]
	d, err := time.ParseInLocation("2006-01-02", term.Day, l.today.Location())
	if err != nil {
		return err
	}
	var cooks []int64
	for _, v := range l.vols {
		if has(v.Kinds, "美食达人") && adult(v, d) && len(cooks) < 3+l.rng.IntN(2) {
			cooks = append(cooks, v.ID)
		}
	}
	l.at(d.AddDate(0, 0, -7).Add(9 * time.Hour))
	id, err := l.s.SaveRound(l.staff, data.SoupRound{Day: term.Day, SolarTerm: term.Name, Soup: data.SoupSuggestions[term.Name],
		Menu: "时令汤品一份、本帮小点心一份", CostFen: int64(30_000 + l.rng.IntN(25_000)), Cooks: cooks})
	if err != nil {
		return err
	}
	if _, err := l.s.GenerateDeliveries(l.staff, id); err != nil {
		return err
	}
	ds, err := l.s.Deliveries(l.staff, id)
	if err != nil {
		return err
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	for i, dv := range ds {
		if m == 0 && i >= len(ds)*2/3 {
			break // this month's round is still under way
		}
		left := d.Add(11*time.Hour + time.Duration(i%7)*time.Minute)
		outcome, took := data.OutcomeDelivered, time.Duration(4+l.rng.IntN(6))*time.Minute
		switch r := l.rng.IntN(100); {
		case r < 8:
			took = time.Duration(11+l.rng.IntN(8)) * time.Minute // 送达 but not 达标
		case r < 15:
			outcome = data.OutcomeNotHome
		case r < 17:
			outcome = data.OutcomeRefused
		}
		l.at(left.Add(took))
		if err := l.s.RecordDelivery(l.staff, dv.ID, left, left.Add(took), outcome, ""); err != nil {
			return err
		}
	}
	return nil
}

var serviceDetail = map[string]string{"买菜": "买一周的蔬菜和鸡蛋", "配药": "到社区卫生服务站配降压药", "做饭": "做午饭",
	"陪聊": "陪老人聊天解闷", "就医陪护": "陪同到市人民医院复诊", "其他": "帮忙换灯泡"}

// services adds home services of every type over the year: most done and followed up, two
// dispatched and not done, one waiting for dispatch.
func (l *loader) services(rs []recipient) error {
	var paired []recipient
	for _, r := range rs {
		if r.vol != 0 {
			paired = append(paired, r)
		}
	}
	for i := 0; i < 36 && len(paired) > 0; i++ {
		r := paired[l.rng.IntN(len(paired))]
		at := midnight(l.today.AddDate(0, 0, -(360 - i*10))).Add(9 * time.Hour)
		if i >= 33 {
			at = midnight(l.today.AddDate(0, 0, -(35-i)*2)).Add(9 * time.Hour)
		}
		if at.After(l.today) { // today's request came in this morning, before the sample was loaded
			at = l.today
		}
		typ := data.ServiceTypes[i%len(data.ServiceTypes)]
		l.at(at)
		id, err := l.s.CreateRequest(l.staff, data.ServiceRequest{RecipientID: r.id, Type: typ, Channel: data.ServiceChannels[i%len(data.ServiceChannels)],
			Detail: serviceDetail[typ], RequestedAt: at.Format(time.RFC3339), DueAt: at.Add(24 * time.Hour).Format(time.RFC3339)})
		if err != nil {
			return err
		}
		if i == 35 {
			continue // still waiting for dispatch
		}
		l.at(at.Add(time.Hour))
		if err := l.s.Dispatch(l.staff, id, r.vol); err != nil {
			return err
		}
		if i >= 33 {
			continue // dispatched, not done yet
		}
		done := at.Add(time.Duration(3+l.rng.IntN(20)) * time.Hour)
		l.at(done)
		if err := l.s.CompleteRequest(l.staff, id, done, 30+l.rng.IntN(6)*30, "已完成"); err != nil {
			return err
		}
		sat := data.Satisfactions[0]
		if l.rng.IntN(8) == 0 {
			sat = data.Satisfactions[1]
		}
		l.at(done.Add(48 * time.Hour))
		if err := l.s.FollowUp(l.staff, id, sat, "电话回访"); err != nil {
			return err
		}
	}
	return nil
}

// certificates issues last year's volunteer service certificates to the three volunteers with
// the most hours, on the last day of that year.
func (l *loader) certificates() error {
	last := l.today.Year() - 1
	from, to := fmt.Sprintf("%d-01-01", last), fmt.Sprintf("%d-12-31", last)
	totals, err := l.s.VolunteerTotals(l.staff, 0, from, to)
	if err != nil {
		return err
	}
	sort.SliceStable(totals, func(i, j int) bool { return totals[i].Minutes > totals[j].Minutes })
	var certs []data.Certificate
	for i := 0; i < 3 && i < len(totals); i++ {
		certs = append(certs, data.Certificate{Kind: data.CertVolunteer, PersonID: totals[i].PersonID, From: from, To: to,
			Minutes: totals[i].Minutes, Content: "「老宝贝一碗汤」配送、上门助老服务"})
	}
	if len(certs) == 0 {
		return nil
	}
	l.at(time.Date(last, 12, 31, 16, 0, 0, 0, l.today.Location()))
	_, err = l.s.IssueCertificate(l.staff, certs)
	return err
}
