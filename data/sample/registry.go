package sample

import (
	"context"
	"time"

	"linli/data"
)

var skills = []string{"烹饪", "理发", "驾驶", "维修", "陪聊", "医护", "书法", "吉他", "绘画", "电脑", "心理疏导", "法律咨询"}

// volunteers signs up 60 residents aged 10 to 75 as volunteers of every kind: the children as
// 小小志愿者 (who only ever serve beside an adult), students, retired cadres and the rest.
func (l *loader) volunteers(ctx context.Context) error {
	l.at(l.start().Add(time.Hour))
	var candidates []data.Person
	for _, p := range l.people {
		if a := age(p, l.today); a >= 10 && a <= 75 {
			candidates = append(candidates, p)
		}
	}
	l.rng.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	days := []uint8{0x7f, 0x1f, 0x60, 0x15, 0x0a, 0x41}
	for i := 0; i < 60 && i < len(candidates); i++ {
		p := candidates[i]
		sk := []string{pick(l.rng, skills)}
		if l.rng.IntN(2) == 0 {
			sk = append(sk, pick(l.rng, skills))
		}
		v := data.Volunteer{PersonID: p.ID, Person: p, Kinds: l.kinds(p), Skills: sk, Weekdays: pick(l.rng, days),
			Joined: day(l.clock.AddDate(0, -l.rng.IntN(48), -l.rng.IntN(28)))}
		id, err := l.s.SaveVolunteer(l.staff, v)
		if err != nil {
			return err
		}
		v.ID = id
		l.vols = append(l.vols, v)
	}
	return nil
}

func (l *loader) kinds(p data.Person) []string {
	a := age(p, l.today)
	var kinds []string
	switch {
	case a < 14:
		kinds = []string{"小小志愿者"}
	case a < 23:
		kinds = []string{"学生"}
	case a >= 60:
		kinds = []string{"银立方老干部"}
	}
	for _, k := range []struct {
		kind string
		odds int
	}{{"党员", 3}, {"居民骨干", 3}, {"微网格长", 6}, {"美食达人", 4}} {
		if a >= 23 && l.rng.IntN(k.odds) == 0 {
			kinds = append(kinds, k.kind)
		}
	}
	if p.Sex == data.Female && a >= 23 && l.rng.IntN(2) == 0 {
		kinds = append(kinds, "巾帼志愿者")
	}
	if len(kinds) == 0 {
		kinds = []string{"居民骨干"}
	}
	return kinds
}

// adult reports whether a volunteer may serve on their own (18 or older on t).
func adult(v data.Volunteer, t time.Time) bool { return age(v.Person, t) >= 18 }

// guardians gives each child a guardian of their own community: a parent (20–45 years older)
// when there is one, otherwise a grandparent; choices are spread so that families differ.
func (l *loader) guardians(ctx context.Context) error {
	for i, child := range l.people {
		ca := age(child, l.clock)
		if ca < 0 || ca >= 18 {
			continue
		}
		var parents, grands []data.Person
		for _, a := range l.people {
			switch d := age(a, l.clock) - ca; {
			case a.CommunityID != child.CommunityID || a.ID == child.ID:
			case d >= 20 && d <= 45:
				parents = append(parents, a)
			case d > 45 && d <= 75:
				grands = append(grands, a)
			}
		}
		var g data.Person
		rel := "祖父母"
		switch {
		case len(parents) > 0:
			g = parents[(i*7)%len(parents)]
			rel = map[string]string{data.Male: "父亲", data.Female: "母亲"}[g.Sex]
		case len(grands) > 0:
			g = grands[(i*5)%len(grands)]
		default:
			continue
		}
		if err := l.s.SetGuardian(l.staff, child.ID, g.ID, rel); err != nil {
			return err
		}
		l.guard[child.ID] = guardian{g.ID, rel}
	}
	return nil
}
