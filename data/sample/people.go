package sample

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"linli/data"
)

// Communities are the six communities of 硖石街道 named in the seed, with their grids and the
// streets their addresses use.
var Communities = []struct {
	Name    string
	Grids   []string
	Streets []string
}{
	{"赞山社区", []string{"赞山一网格", "赞山二网格", "赞山三网格"}, []string{"赞山路", "西山路", "慈善街"}},
	{"南关厢社区", []string{"南关厢一网格", "南关厢二网格", "南关厢三网格"}, []string{"南关厢街", "古樟路", "塘桥路"}},
	{"南苑社区", []string{"南苑一网格", "南苑二网格", "南苑三网格", "南苑四网格"}, []string{"南苑路", "文苑路", "灯彩巷"}},
	{"竦秀社区", []string{"竦秀一网格", "竦秀二网格", "竦秀三网格"}, []string{"竦秀路", "东山路", "仓基街"}},
	{"风和丽苑社区", []string{"风和丽苑一网格", "风和丽苑二网格"}, []string{"风和丽苑", "丽苑路", "集市街"}},
	{"新苑社区", []string{"新苑一网格", "新苑二网格", "新苑三网格"}, []string{"新苑路", "新苑小区", "联合路"}},
}

// Region is 海宁市's division code, used for sample ID numbers.
const Region = "330481"

// SyntheticRegion is the division code of synthetic residents, so that they never collide with
// the sample's own.
const SyntheticRegion = "330402"

var (
	surnames  = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜钟陆汪范金石贾夏方邹孟顾毛钱严戴俞陶褚沈费查")
	oldWomen  = []string{"秀英", "桂英", "秀兰", "玉兰", "凤英", "桂兰", "淑珍", "翠英", "月娥", "美华", "菊芳", "阿囡", "彩娣", "金娣", "素珍"}
	oldMen    = []string{"建国", "国强", "德明", "志刚", "文华", "永康", "根生", "阿福", "水根", "金林", "荣发", "明德", "长庚", "福林", "家骏"}
	midWomen  = []string{"丽萍", "晓燕", "静", "红梅", "海燕", "雪芳", "春燕", "丽娟", "敏", "亚芬", "琴", "婷"}
	midMen    = []string{"伟", "军", "斌", "强", "磊", "海峰", "建华", "卫东", "晓东", "志明", "杰", "俊"}
	kidGirls  = []string{"欣怡", "梓萱", "一诺", "诗涵", "雨桐", "可馨", "语嫣", "思琪", "若汐", "佳怡"}
	kidBoys   = []string{"浩宇", "子涵", "宇轩", "俊熙", "梓睿", "皓轩", "一鸣", "承泽", "天佑", "嘉豪"}
	phoneHead = []string{"138", "139", "135", "137", "150", "151", "158", "159", "187", "188", "133", "153", "180", "189", "177"}
)

// community is a community as the generator needs it: its ID, grid IDs and streets.
type community struct {
	id      int64
	grids   []int64
	streets []string
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func has(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// weights are the communities' relative sizes.
var weights = []int{14, 10, 12, 11, 7, 9}

// person makes a plausible resident aged on today. The first one is always 王秀英 (search
// examples use her); the first six go one to each community, so none is ever empty.
func person(rng *rand.Rand, comms []community, i int, today time.Time, seq map[string]int) data.Person {
	age := 18 + rng.IntN(42)
	switch r := rng.IntN(100); {
	case r < 45:
		age = 60 + rng.IntN(36) // the elderly the care programme serves
	case r < 70:
		age = 3 + rng.IntN(15) // children
	}
	female := rng.IntN(2) == 0
	name := string(pick(rng, surnames)) + pick(rng, givenNames(age, female))
	if i == 0 {
		name, female, age = "王秀英", true, 82
	}
	birth := time.Date(today.Year()-age, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	if birth.AddDate(age, 0, 0).After(today) {
		birth = birth.AddDate(-1, 0, 0)
	}
	key := birth.Format("20060102")
	seq[key]++
	n := seq[key]*2 + rng.IntN(400)*2 // parity decides the sex
	if !female {
		n++
	}
	ci := i % len(comms)
	if i >= len(comms) {
		r := rng.IntN(63)
		for ci = 0; ci < len(weights)-1 && r >= weights[ci]; ci++ {
			r -= weights[ci]
		}
		ci %= len(comms)
	}
	c := comms[ci]
	p := data.Person{
		Name:        name,
		IDNumber:    data.MakeID(Region, birth, n%1000),
		Phone:       pick(rng, phoneHead) + fmt.Sprintf("%08d", rng.IntN(100000000)),
		CommunityID: c.id,
		GridID:      pick(rng, c.grids),
		Address:     fmt.Sprintf("海宁市硖石街道%s%d号%d幢%d0%d室", pick(rng, c.streets), 1+rng.IntN(180), 1+rng.IntN(12), 1+rng.IntN(6), 1+rng.IntN(4)),
	}
	p.Tags = tags(rng, &p, age)
	if i == 0 {
		p.Tags = []string{"高龄", "独居"}
	}
	return p
}

func givenNames(age int, female bool) []string {
	switch {
	case age >= 60 && female:
		return oldWomen
	case age >= 60:
		return oldMen
	case age >= 18 && female:
		return midWomen
	case age >= 18:
		return midMen
	case female:
		return kidGirls
	}
	return kidBoys
}

// tags draws a resident's tags by age; it also gives some elders a landline and young children
// no phone.
func tags(rng *rand.Rand, p *data.Person, age int) []string {
	var out []string
	switch {
	case age >= 60:
		if age >= 80 {
			out = append(out, "高龄")
		}
		switch rng.IntN(10) {
		case 0, 1, 2, 3:
			out = append(out, "独居")
		case 4, 5:
			out = append(out, "空巢")
		}
		if rng.IntN(12) == 0 {
			out = append(out, "失能")
		}
		if rng.IntN(6) == 0 {
			p.Phone = fmt.Sprintf("0573-8%07d", rng.IntN(10000000))
		}
	case age < 18:
		if rng.IntN(6) == 0 {
			out = append(out, "困境儿童")
		} else if rng.IntN(8) == 0 {
			out = append(out, "特殊家庭")
		}
		if age < 12 {
			p.Phone = ""
		}
	}
	if age >= 16 && rng.IntN(9) == 0 {
		out = append(out, "残疾")
	}
	if rng.IntN(14) == 0 {
		out = append(out, "低保")
	}
	return out
}

// communities reads the database's communities for the generator; streets come from the
// sample's list by position.
func communities(ctx context.Context, s *data.Store) ([]community, error) {
	cs, err := s.Communities(ctx)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, &data.Error{Code: data.CodeInvalid, Message: "数据库还没有社区，请先载入示例数据"}
	}
	var out []community
	for i, c := range cs {
		sc := community{id: c.ID, streets: Communities[i%len(Communities)].Streets}
		for _, g := range c.Grids {
			sc.grids = append(sc.grids, g.ID)
		}
		if len(sc.grids) == 0 {
			sc.grids = []int64{0}
		}
		out = append(out, sc)
	}
	return out, nil
}

// AddPeople adds n generated residents in one transaction through the store's bulk writer (scale
// tests, `demo -people N`). The database must have communities. Signed in, it acts as that user;
// on a sample database without a sign-in it acts as the sample's 管理员.
func AddPeople(ctx context.Context, s *data.Store, n int, progress func(done int)) error {
	if n <= 0 || n > data.MaxBulkPeople {
		return &data.Error{Code: data.CodeInvalid, Message: fmt.Sprintf("人数应在 1 到 %d 之间", data.MaxBulkPeople)}
	}
	ctx, err := actor(ctx, s)
	if err != nil {
		return err
	}
	comms, err := communities(ctx, s)
	if err != nil {
		return err
	}
	start, err := s.CountPeople(ctx, data.PeopleFilter{})
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(start), 7))
	seq := map[string]int{}
	today := s.Now()
	people := make([]data.Person, n)
	for i := range people {
		p := person(rng, comms, start+i+1, today, seq)
		// Synthetic ID numbers must stay unique at any scale: derive them from the row number.
		// 7919 is prime, so slot -> day is one-to-one over 32,000 days (1930–2017).
		k := start + i
		birth := time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, ((k/500)*7919)%32000)
		sexBit := 0
		if p.IDNumber[16]%2 == 1 {
			sexBit = 1
		}
		p.IDNumber = data.MakeID(SyntheticRegion, birth, (k%500)*2+sexBit)
		people[i] = p
	}
	_, err = s.AddPeople(ctx, people, progress)
	return err
}

// actor returns ctx as it is when someone is signed in, or signed in as the sample's 管理员 on a
// sample database.
func actor(ctx context.Context, s *data.Store) (context.Context, error) {
	if data.ActorFrom(ctx) != nil {
		return ctx, nil
	}
	if !s.IsSample(ctx) {
		return nil, &data.Error{Code: data.CodeForbidden, Message: "请先登录"}
	}
	a, err := s.Login(ctx, "admin", Password)
	if errors.Is(err, data.ErrForbidden) || errors.Is(err, data.ErrInvalid) {
		return nil, &data.Error{Code: data.CodeForbidden, Message: "示例管理员的密码已改，请用 -user 登录后再添加合成居民"}
	}
	if err != nil {
		return nil, err
	}
	return data.WithActor(ctx, a), nil
}
