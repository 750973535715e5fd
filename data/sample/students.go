package sample

import (
	"fmt"
	"math/rand/v2"
	"time"

	"linli/data"
)

// The 爱心岗位 students: the registry's residents of school or college age, and the pupils of
// 赞山社区's families who moved in for the 慈善街区 summers (newStudents), so that two summers hold
// some sixty students. Each new pupil lives with a parent of the registry, who is their guardian.
// They are drawn with their own random stream, so that the rest of the sample does not change.

// Given names of the pupils (the registry's children's names are few, and brothers and sisters
// share a surname).
var (
	pupilGirls = []string{"雨涵", "紫萱", "欣妍", "佳琪", "梦瑶", "思彤", "可欣", "诗琪", "晓雯", "文静", "嘉怡", "心怡", "静怡", "雅婷", "书瑶"}
	pupilBoys  = []string{"子轩", "浩然", "宇航", "俊杰", "博文", "天宇", "志豪", "明轩", "家乐", "睿哲", "思远", "泽宇", "嘉懿", "伟宸", "昊天"}
)

// newStudents is how many pupils join the registry for 爱心岗位.
const newStudents = 40

// studentAges are the ages of school pupils in the later summer's July.
const studentMin, studentMax = 13, 17

// addStudents registers the new pupils (written before the first summer), each with a guardian.
func (l *loader) addStudents(later int) ([]data.Person, error) {
	rng := rand.New(rand.NewPCG(20250706, uint64(later)))
	july := time.Date(later, 7, 6, 0, 0, 0, 0, time.UTC)
	var out []data.Person
	used := map[string]bool{}
	for _, p := range l.people {
		used[p.Name] = true
	}
	for i := 0; len(out) < newStudents && i < 4*newStudents; i++ {
		c := l.comms[i%len(l.comms)]
		age := studentMin + rng.IntN(studentMax-studentMin+1)
		birth := time.Date(july.Year()-age, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		if birth.AddDate(age, 0, 0).After(july) {
			birth = birth.AddDate(-1, 0, 0)
		}
		if !birth.Before(l.clock.AddDate(-12, 0, 0)) { // at least 12 when registered
			continue
		}
		parent, ok := l.parentFor(c.id, birth, i)
		if !ok {
			continue
		}
		female := rng.IntN(2) == 0
		seq := 901 + 2*len(out) // above the registry's numbers; parity decides the sex
		if !female {
			seq++
		}
		name := string([]rune(parent.Name)[:1]) + pupilName(rng, female)
		for try := 0; used[name] && try < 20; try++ {
			name = string([]rune(parent.Name)[:1]) + pupilName(rng, female)
		}
		used[name] = true
		p := data.Person{Name: name, IDNumber: data.MakeID(Region, birth, seq%1000),
			CommunityID: c.id, GridID: parent.GridID, Address: parent.Address}
		id, err := l.s.SavePerson(l.staff, p)
		if err != nil {
			return nil, fmt.Errorf("学生 %s：%w", p.Name, err)
		}
		rel := map[string]string{data.Male: "父亲", data.Female: "母亲"}[parent.Sex]
		if err := l.s.SetGuardian(l.staff, id, parent.ID, rel); err != nil {
			return nil, err
		}
		l.guard[id] = guardian{parent.ID, rel}
		if p, err = l.s.Person(l.staff, id); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func pupilName(rng *rand.Rand, female bool) string {
	if female {
		return pick(rng, pupilGirls)
	}
	return pick(rng, pupilBoys)
}

// parentFor picks a resident of the community 24 to 45 years older than a child born on birth.
func (l *loader) parentFor(community int64, birth time.Time, i int) (data.Person, bool) {
	var ps []data.Person
	for _, a := range l.people {
		if d := age(a, birth); a.CommunityID == community && d >= 24 && d <= 45 && a.Address != "" {
			ps = append(ps, a)
		}
	}
	if len(ps) == 0 {
		return data.Person{}, false
	}
	return ps[(i*7)%len(ps)], true
}
