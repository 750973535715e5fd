// Package sample fills an empty database with the sample community of 硖石街道: an office, six
// communities, about 240 residents, a year of 助老 care, the children's programmes and the
// 「非遗点灯」 lantern workshop. Everything is written through the store's exported, validated
// and authorized methods, as the office's own staff would enter it, so the sample can never hold
// what a user could not enter. The dated history (rounds, services, orders, payments) is written
// with the store's clock set to when each thing happened.
package sample

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"linli/data"
)

// Password is the password of the sample accounts.
const Password = "demo1234"

// Summary says what Load added, for the command line.
const Summary = "已载入示例数据：硖石街道 6 个社区、240 位居民、60 名志愿者、灯彩工坊 8 名学员和 20 个订单；示例账户 admin、staff、workshop、viewer，密码 " + Password

// The sample's workshop identity (设置 → 工坊信息).
const (
	WorkshopName      = "南苑社区「非遗点灯」共富工坊"
	WorkshopCommunity = "南苑社区"
	WorkshopCraft     = "硖石灯彩制作技艺"
)

// residents is the size of the sample community.
const residents = 200 // and the 40 pupils added for 爱心岗位 (students.go)

// loader carries what the sample's parts share while they write.
type loader struct {
	s      *data.Store // a second handle on the database, with its own clock
	clock  time.Time
	today  time.Time
	rng    *rand.Rand
	admin  context.Context // signed in as the sample's 管理员
	staff  context.Context // as 社工 周晓燕
	shop   context.Context // as 工坊 钱海峰
	comms  []community
	byName map[string]int64 // community name -> ID
	people []data.Person
	vols   []data.Volunteer
	guard  map[int64]guardian // child -> guardian
}

type guardian struct {
	id       int64
	relation string
}

// at sets the replay clock. The sample never writes after its today: a step planned for later
// in the day (a delivery at 17:00 when the sample is loaded at 10:00) is written at today.
func (l *loader) at(t time.Time) {
	if t.After(l.today) {
		t = l.today
	}
	l.clock = t
}

// midnight is the start of t's day.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// later is the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// day is t as the store writes dates.
func day(t time.Time) string { return t.Format("2006-01-02") }

// Load fills an empty database with the sample office, communities, residents, the four
// sample accounts and a year of work. It refuses a database that already has data. The
// database's "today" is s's clock.
func Load(ctx context.Context, s *data.Store) error {
	return load(ctx, s, "载入示例数据未完成（请删除该数据库文件后重试）：")
}

// load is Load; a failure's message starts with unfinished.
func load(ctx context.Context, s *data.Store, unfinished string) error {
	if err := refuseNonEmpty(ctx, s); err != nil {
		return err
	}
	w, err := s.BulkHandle(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	today := s.Now()
	l := &loader{s: w, today: today, rng: rand.New(rand.NewPCG(20180401, 2026)), byName: map[string]int64{}, guard: map[int64]guardian{}}
	w.SetClock(func() time.Time { return l.clock })
	for _, step := range []func(context.Context) error{l.office, l.registry, l.volunteers, l.guardians, l.workshop, l.care, l.children, l.households, l.concerns, l.posts, l.market} {
		if err := step(ctx); err != nil {
			return stopped(unfinished, err)
		}
	}
	// The last write goes through s, whose commit flushes the bulk handle's writes to disk.
	return s.SetSetting(l.admin, data.SettingSample, "1")
}

// Fill fills the empty database of s with the sample all or nothing (data.Store.FillEmpty): the
// sample is loaded, on s's clock, into a new temporary database file, which then takes the empty
// database's place; a kill or an error halfway leaves the database as empty as it was. It refuses
// a database that already has data. s is closed in every case: open it again afterwards.
func Fill(ctx context.Context, s *data.Store) error {
	if err := refuseNonEmpty(ctx, s); err != nil {
		s.Close()
		return err
	}
	now := s.Now
	return s.FillEmpty(ctx, func(ctx context.Context, file string) error {
		t, err := data.Open(ctx, file)
		if err != nil {
			return err
		}
		t.SetClock(now)
		err = load(ctx, t, "载入示例数据未完成，数据库未改动：")
		if cerr := t.Close(); err == nil && cerr != nil {
			err = &data.Error{Code: data.CodeInternal, Message: "内部错误", Err: cerr}
		}
		return err
	})
}

// stopped says that the sample stopped halfway; the message keeps the store's reason.
func stopped(prefix string, err error) error {
	var e *data.Error
	if !errors.As(err, &e) {
		return &data.Error{Code: data.CodeInternal, Message: prefix + "内部错误", Err: err}
	}
	out := *e
	out.Message, out.Err = prefix+e.Message, err
	return &out
}

func refuseNonEmpty(ctx context.Context, s *data.Store) error {
	has, err := s.HasUsers(ctx)
	if err != nil {
		return err
	}
	if !has {
		cs, err := s.Communities(ctx)
		if err != nil {
			return err
		}
		o, err := s.Office(ctx)
		if err != nil {
			return err
		}
		has = len(cs) > 0 || o.Name != ""
	}
	if has {
		return &data.Error{Code: data.CodeRefused, Message: "数据库已有数据，示例数据只能载入空数据库（请另选一个数据库文件）"}
	}
	return nil
}

// start is when the office began using Linli: a little over a year before today.
func (l *loader) start() time.Time { return l.today.AddDate(-1, -1, 0) }

// office sets up the office, its four accounts and the communities with their grids.
func (l *loader) office(ctx context.Context) error {
	l.at(l.start())
	admin, err := l.s.Setup(ctx, data.Office{Name: "海宁市硖石街道办事处", Address: "浙江省海宁市硖石街道西山路 1 号",
		Phone: "0573-87012345", SealText: "海宁市硖石街道办事处（盖章）"}, "admin", "管理员", Password)
	if err != nil {
		return err
	}
	l.admin = data.WithActor(ctx, admin)
	users := []struct {
		name, display string
		role          data.Role
		ctx           *context.Context
	}{{"staff", "社工 周晓燕", data.RoleStaff, &l.staff}, {"workshop", "工坊 钱海峰", data.RoleWorkshop, &l.shop}, {"viewer", "只读 查阅", data.RoleViewer, nil}}
	for _, u := range users {
		id, err := l.s.CreateSampleUser(l.admin, u.name, u.display, u.role, Password)
		if err != nil {
			return err
		}
		if u.ctx != nil { // the sample acts as the accounts it has just created
			*u.ctx = data.WithActor(ctx, &data.Actor{UserID: id, Username: u.name, Display: u.display, Role: u.role, Personal: data.PersonalByRole(u.role)})
		}
	}
	for _, c := range Communities {
		id, err := l.s.AddCommunity(l.admin, c.Name)
		if err != nil {
			return err
		}
		l.byName[c.Name] = id
		sc := community{id: id, streets: c.Streets}
		for _, g := range c.Grids {
			gid, err := l.s.AddGrid(l.admin, id, g)
			if err != nil {
				return err
			}
			sc.grids = append(sc.grids, gid)
		}
		l.comms = append(l.comms, sc)
	}
	return nil
}

// registry adds the residents in one batch.
func (l *loader) registry(ctx context.Context) error {
	seq := map[string]int{}
	people := make([]data.Person, residents)
	for i := range people {
		people[i] = person(l.rng, l.comms, i, l.today, seq)
	}
	ids, err := l.s.AddPeople(l.staff, people, nil)
	if err != nil {
		return err
	}
	for i := range people {
		people[i].ID = ids[i]
	}
	l.people = people
	return nil
}

// age is a person's age on t.
func age(p data.Person, t time.Time) int { return p.Age(t) }
