package sample

import (
	"context"
	"errors"
	"fmt"
	"time"

	"linli/data"
)

// households gives the sample its 户: each child lives with their guardian (a parent, or the
// grandparents: 孙子女), the household at the guardian's address; some of those households are
// 困难家庭 and 低保户 from given days (one 低保户 ended, history kept); then the tag migration
// moves the remaining 低保 tags to households (those living alone get a household of one). Last,
// the 一人一档 example: the first trainee also volunteers, is paired, serves, and is the guardian
// of an enrolled child, so that their file has every programme.
func (l *loader) households(ctx context.Context) error {
	l.at(l.start().Add(5 * time.Hour))
	home := map[int64]int64{} // person -> household
	n := 0
	for _, child := range l.people {
		g, ok := l.guard[child.ID]
		if !ok {
			continue
		}
		if _, parent := home[g.id]; !parent && g.relation != "祖父母" && n%4 == 3 {
			// Left with the grandparents (留守儿童): a grandparent becomes a guardian and the child lives with them.
			if gp, ok := l.grandparent(child, home); ok {
				if err := l.s.SetGuardian(l.staff, child.ID, gp.ID, "祖父母"); err != nil {
					return err
				}
				g = guardian{gp.ID, "祖父母"}
			}
		}
		hh, ok := home[g.id]
		if !ok {
			var err error
			if hh, err = l.household(l.person(g.id), l.start().AddDate(-3-n%7, -n%12, 0)); err != nil {
				return err
			}
			home[g.id] = hh
			if err := l.attributes(hh, n); err != nil {
				return err
			}
			n++
		}
		if err := l.moveChild(child, g, hh); err != nil {
			return err
		}
		home[child.ID] = hh
	}
	for _, p := range l.people {
		if _, ok := home[p.ID]; ok || !has(p.Tags, "低保") {
			continue
		}
		if age(p, l.clock) < 18 { // a child without a guardian in the sample: their family is not on file
			p.Tags = without(p.Tags, "低保")
			if _, err := l.s.SavePerson(l.staff, p); err != nil {
				return err
			}
			continue
		}
		hh, err := l.household(p, l.start().AddDate(-5, 0, 0))
		if err != nil {
			return err
		}
		home[p.ID] = hh
	}
	if _, err := l.s.MigrateHouseholdTags(l.staff); err != nil {
		return err
	}
	return l.everyProgramme(home)
}

// grandparent finds an elder of the child's community, 45 to 75 years older, in no household and
// no one's guardian.
func (l *loader) grandparent(child data.Person, home map[int64]int64) (data.Person, bool) {
	guardians := map[int64]bool{}
	for _, g := range l.guard {
		guardians[g.id] = true
	}
	for _, p := range l.people {
		d := age(p, l.clock) - age(child, l.clock)
		if _, in := home[p.ID]; !in && !guardians[p.ID] && p.CommunityID == child.CommunityID && d > 45 && d <= 75 {
			return p, true
		}
	}
	return data.Person{}, false
}

// person is a sample resident by id.
func (l *loader) person(id int64) data.Person {
	for _, p := range l.people {
		if p.ID == id {
			return p
		}
	}
	return data.Person{}
}

// household makes a household at p's address with p as its head since the given day.
func (l *loader) household(p data.Person, since time.Time) (int64, error) {
	h := data.Household{CommunityID: p.CommunityID, GridID: p.GridID, HeadID: p.ID, Since: day(later(since, birthday(p)))}
	h.Address, h.Building, h.Unit, h.Room = data.SplitAddress(p.Address)
	return l.s.SaveHousehold(l.staff, h)
}

func birthday(p data.Person) time.Time {
	b, err := time.Parse("2006-01-02", p.BirthDate)
	if err != nil {
		return time.Time{}
	}
	return b.AddDate(18, 0, 0)
}

// attributes makes every third family a 困难家庭 and every fifth a 低保户 (one of them ended last
// spring and granted again), from days before the sample starts.
func (l *loader) attributes(hh int64, n int) error {
	from := day(l.start().AddDate(-1-n%3, -n%5, 0))
	if n%3 == 0 {
		if _, err := l.s.AddHouseholdAttribute(l.staff, data.HouseholdAttribute{HouseholdID: hh, Kind: "困难家庭", From: from,
			Note: "街道认定"}); err != nil {
			return err
		}
	}
	if n%5 != 1 {
		return nil
	}
	id, err := l.s.AddHouseholdAttribute(l.staff, data.HouseholdAttribute{HouseholdID: hh, Kind: "低保户", From: from, Note: "民政审批"})
	if err != nil || n != 1 {
		return err
	}
	end := l.start().Add(6 * time.Hour)
	if err := l.s.EndHouseholdAttribute(l.staff, id, day(end)); err != nil {
		return err
	}
	_, err = l.s.AddHouseholdAttribute(l.staff, data.HouseholdAttribute{HouseholdID: hh, Kind: "低保户",
		From: day(end.AddDate(0, 3, 0)), Note: "复审通过，重新纳入"})
	return err
}

// moveChild gives a child their guardian's address and a place in the guardian's household.
func (l *loader) moveChild(child data.Person, g guardian, hh int64) error {
	gp := l.person(g.id)
	child.Address = gp.Address
	if _, err := l.s.SavePerson(l.staff, child); err != nil {
		return err
	}
	rel := map[string]string{"父亲": "子女", "母亲": "子女", "祖父母": "孙子女"}[g.relation]
	if rel == "" {
		rel = "其他"
	}
	members, err := l.s.HouseholdMembers(l.staff, hh, false)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.PersonID == child.ID {
			return nil
		}
	}
	_, err = l.s.MoveIn(l.staff, data.HouseholdMember{HouseholdID: hh, PersonID: child.ID, Relation: rel,
		From: day(later(l.start().AddDate(-3, 0, 0), birthday(child).AddDate(-18, 0, 0)))})
	return err
}

// everyProgramme makes the first trainee appear in every programme: a volunteer paired with a
// recipient who served them last month, and the guardian of a child enrolled in a programme.
func (l *loader) everyProgramme(home map[int64]int64) error {
	ts, err := l.s.Trainees(l.shop, false)
	if err != nil || len(ts) == 0 {
		return err
	}
	star := l.person(ts[0].PersonID) // a trainee who volunteers already, when there is one
	for _, t := range ts {
		for _, v := range l.vols {
			if v.PersonID == t.PersonID && adult(v, l.today) {
				star = l.person(t.PersonID)
			}
		}
	}
	vol, err := l.volunteerOf(star)
	if err != nil {
		return err
	}
	if err := l.serve(vol, star.ID); err != nil {
		return err
	}
	return l.guardianOf(star, home)
}

// volunteerOf returns the person's volunteer id, signing them up when they are not one.
func (l *loader) volunteerOf(p data.Person) (int64, error) {
	for _, v := range l.vols {
		if v.PersonID == p.ID {
			return v.ID, nil
		}
	}
	l.at(l.start().Add(7 * time.Hour))
	return l.s.SaveVolunteer(l.staff, data.Volunteer{PersonID: p.ID, Person: p, Kinds: []string{"居民骨干"}, Skills: []string{"陪聊"},
		Weekdays: 0x60, Joined: day(l.clock)})
}

// serve pairs the volunteer with the first care recipient and has them do one home service for
// them, done and followed up, in the month before today, with a 志愿服务证明 for it.
func (l *loader) serve(vol, person int64) error {
	rs, err := l.s.CareRecipients(l.staff)
	if err != nil || len(rs) == 0 {
		return err
	}
	r := rs[0]
	at := midnight(l.today.AddDate(0, -1, 0)).Add(9 * time.Hour)
	l.at(at)
	if _, err := l.s.Pair(l.staff, vol, r.ID, day(at), "一人一档示例：工坊学员结对"); err != nil {
		return err
	}
	id, err := l.s.CreateRequest(l.staff, data.ServiceRequest{RecipientID: r.ID, Type: "陪聊", Channel: "电话",
		Detail: "陪老人聊天、读报", RequestedAt: at.Format(time.RFC3339), DueAt: at.Add(48 * time.Hour).Format(time.RFC3339)})
	if err != nil {
		return err
	}
	l.at(at.Add(time.Hour))
	if err := l.s.Dispatch(l.staff, id, vol); err != nil {
		return err
	}
	done := at.Add(26 * time.Hour)
	l.at(done)
	if err := l.s.CompleteRequest(l.staff, id, done, 60, "已完成，老人很高兴"); err != nil {
		return err
	}
	l.at(done.Add(24 * time.Hour))
	if err := l.s.FollowUp(l.staff, id, data.Satisfactions[0], "电话回访"); err != nil {
		return err
	}
	l.at(done.Add(72 * time.Hour))
	_, err = l.s.IssueCertificate(l.staff, []data.Certificate{{Kind: data.CertVolunteer, PersonID: person, From: day(at),
		To: day(done), Minutes: 60, Content: "上门助老服务（陪聊）"}})
	return err
}

// guardianOf makes p the guardian of a child of a programme's age (one without a guardian when
// there is one, who then moves into p's household) and enrols the child, or puts them on the
// waiting list.
func (l *loader) guardianOf(p data.Person, home map[int64]int64) error {
	ps, err := l.s.Programmes(l.staff)
	if err != nil {
		return err
	}
	at := midnight(l.today.AddDate(0, 0, -20)).Add(10 * time.Hour)
	l.at(at)
	for _, unguarded := range []bool{true, false} {
		for _, pr := range ps {
			for _, c := range l.people {
				_, guarded := l.guard[c.ID]
				if a := age(c, l.clock); guarded == unguarded || a < pr.AgeMin || a > pr.AgeMax || c.ID == p.ID || a >= 18 {
					continue
				}
				ok, err := l.enrolWith(pr, c, p, at)
				if err != nil {
					return err
				}
				if !ok {
					continue // already enrolled there
				}
				if !unguarded {
					return nil
				}
				hh, ok := home[p.ID]
				if !ok {
					if hh, err = l.household(p, l.start().AddDate(-2, 0, 0)); err != nil {
						return err
					}
				}
				return l.moveChild(c, l.guard[c.ID], hh)
			}
		}
	}
	return nil
}

// enrolWith makes g a guardian of c and enrols c in pr with g's consent.
func (l *loader) enrolWith(pr data.Programme, c, g data.Person, at time.Time) (bool, error) {
	a := age(c, l.clock)
	rel := "其他监护人"
	if d := age(g, l.clock) - a; d >= 20 && d <= 45 {
		rel = map[string]string{data.Male: "父亲", data.Female: "母亲"}[g.Sex]
	}
	if err := l.s.SetGuardian(l.staff, c.ID, g.ID, rel); err != nil {
		return false, err
	}
	if _, ok := l.guard[c.ID]; !ok {
		l.guard[c.ID] = guardian{g.ID, rel}
	}
	var consent data.Consent
	if a < data.ConsentAge {
		consent = data.Consent{Day: day(at), By: fmt.Sprintf("%s %s", rel, g.Name), How: "书面签字"}
	}
	if _, err := l.s.Enroll(l.staff, pr.ID, c.ID, g.ID, consent); errors.Is(err, data.ErrConflict) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return true, nil
}

// without is tags less one.
func without(tags []string, tag string) []string {
	var out []string
	for _, t := range tags {
		if t != tag {
			out = append(out, t)
		}
	}
	return out
}
