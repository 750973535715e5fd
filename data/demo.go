package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// SampleCommunities are the six communities of 硖石街道 named in the seed, with their grids and
// the streets their addresses use.
var SampleCommunities = []struct {
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

// SampleRegion is 海宁市's division code, used for sample ID numbers.
const SampleRegion = "330481"

// SamplePassword is the password of the sample accounts.
const SamplePassword = "demo1234"

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

// LoadSample fills an empty database with the sample office, communities, residents and the
// four sample accounts. It refuses a database that already has data.
func (s *Store) LoadSample(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM community) + (SELECT count(*) FROM app_user) + (SELECT count(*) FROM office)").Scan(&n); err != nil {
		return mapErr(err, "数据库")
	}
	if n > 0 {
		return refused("数据库已有数据，示例数据只能载入空数据库（请另选一个数据库文件）")
	}
	hashes := map[Role]string{}
	for _, r := range Roles {
		h, err := HashPassword(SamplePassword, DefaultArgon2)
		if err != nil {
			return internal(err)
		}
		hashes[r] = h
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := saveOffice(ctx, tx, Office{Name: "海宁市硖石街道办事处", Address: "浙江省海宁市硖石街道西山路 1 号",
			Phone: "0573-87012345", SealText: "海宁市硖石街道办事处（盖章）"}); err != nil {
			return err
		}
		comms, err := insertSampleCommunities(ctx, tx)
		if err != nil {
			return err
		}
		rng := rand.New(rand.NewPCG(20180401, 2026))
		w, err := newPersonWriter(ctx, tx, s.stamp())
		if err != nil {
			return err
		}
		defer w.close()
		w.bulk = true
		seq := map[string]int{}
		today := s.now()
		var people []Person
		for i := 0; i < 200; i++ {
			p := samplePerson(rng, comms, i, today, seq)
			if p.ID, err = w.insert(ctx, p); err != nil {
				return err
			}
			people = append(people, p)
		}
		if err := w.flush(ctx, tx); err != nil {
			return err
		}
		if err := s.sampleRegistry(ctx, tx, rng, people, today); err != nil {
			return err
		}
		if err := s.sampleWorkshop(ctx, tx, rng, people, today); err != nil {
			return err
		}
		if err := s.sampleCare(ctx, tx, rng, people, today); err != nil {
			return err
		}
		if err := s.sampleChildren(ctx, tx, rng, people, today); err != nil {
			return err
		}
		users := []struct{ name, display string }{{"admin", "管理员"}, {"staff", "社工 周晓燕"}, {"workshop", "工坊 钱海峰"}, {"viewer", "只读 查阅"}}
		var admin *Actor
		for i, r := range Roles {
			id, err := insertUser(ctx, tx, s.stamp(), users[i].name, users[i].display, r, hashes[r])
			if err != nil {
				return err
			}
			if r == RoleAdmin {
				admin = &Actor{UserID: id, Username: users[i].name, Display: users[i].display, Role: r}
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO setting (key, value) VALUES (?, '1')", SettingSample); err != nil {
			return mapErr(err, "设置")
		}
		return s.audit(ctx, tx, admin, ActImport, "示例数据", 0, "载入示例数据：6 个社区、200 位居民、60 名志愿者、灯彩工坊 8 名学员和 20 个订单、4 个示例账户")
	})
}

type sampleCommunity struct {
	id      int64
	grids   []int64
	streets []string
}

func insertSampleCommunities(ctx context.Context, tx *sql.Tx) ([]sampleCommunity, error) {
	var out []sampleCommunity
	for i, c := range SampleCommunities {
		res, err := tx.ExecContext(ctx, "INSERT INTO community (name, sort) VALUES (?, ?)", c.Name, i+1)
		if err != nil {
			return nil, mapErr(err, "社区")
		}
		sc := sampleCommunity{streets: c.Streets}
		sc.id, _ = res.LastInsertId()
		for _, g := range c.Grids {
			res, err := tx.ExecContext(ctx, "INSERT INTO grid (community_id, name) VALUES (?, ?)", sc.id, g)
			if err != nil {
				return nil, mapErr(err, "网格")
			}
			gid, _ := res.LastInsertId()
			sc.grids = append(sc.grids, gid)
		}
		out = append(out, sc)
	}
	return out, nil
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// samplePerson makes a plausible resident. The first one is always 王秀英 (search examples use her).
func samplePerson(rng *rand.Rand, comms []sampleCommunity, i int, today time.Time, seq map[string]int) Person {
	var age int
	switch r := rng.IntN(100); {
	case r < 45:
		age = 60 + rng.IntN(36) // the elderly the care programme serves
	case r < 70:
		age = 3 + rng.IntN(15) // children
	default:
		age = 18 + rng.IntN(42)
	}
	female := rng.IntN(2) == 0
	var given []string
	switch {
	case age >= 60 && female:
		given = oldWomen
	case age >= 60:
		given = oldMen
	case age >= 18 && female:
		given = midWomen
	case age >= 18:
		given = midMen
	case female:
		given = kidGirls
	default:
		given = kidBoys
	}
	name := string(pick(rng, surnames)) + pick(rng, given)
	if i == 0 {
		name, female, age = "王秀英", true, 82
	}
	birth := time.Date(today.Year()-age, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	if birth.AddDate(age, 0, 0).After(today) {
		birth = birth.AddDate(-1, 0, 0)
	}
	key := birth.Format("20060102")
	seq[key]++
	n := seq[key]*2 + rng.IntN(400)*2 // parity below decides the sex
	if !female {
		n++
	}
	// Communities differ in size; the first six people go one to each, so none is ever empty.
	weights := []int{14, 10, 12, 11, 7, 9}
	ci := i % len(comms)
	if i >= len(comms) {
		r := rng.IntN(63)
		for ci = 0; ci < len(weights)-1 && r >= weights[ci]; ci++ {
			r -= weights[ci]
		}
		ci %= len(comms)
	}
	c := comms[ci]
	p := Person{
		Name:        name,
		IDNumber:    MakeID(SampleRegion, birth, n%1000),
		Phone:       pick(rng, phoneHead) + fmt.Sprintf("%08d", rng.IntN(100000000)),
		CommunityID: c.id,
		GridID:      pick(rng, c.grids),
		Address:     fmt.Sprintf("海宁市硖石街道%s%d号%d幢%d0%d室", pick(rng, c.streets), 1+rng.IntN(180), 1+rng.IntN(12), 1+rng.IntN(6), 1+rng.IntN(4)),
	}
	var tags []string
	switch {
	case age >= 60:
		if age >= 80 {
			tags = append(tags, "高龄")
		}
		switch rng.IntN(10) {
		case 0, 1, 2, 3:
			tags = append(tags, "独居")
		case 4, 5:
			tags = append(tags, "空巢")
		}
		if rng.IntN(12) == 0 {
			tags = append(tags, "失能")
		}
		if rng.IntN(6) == 0 {
			p.Phone = fmt.Sprintf("0573-8%07d", rng.IntN(10000000))
		}
	case age < 18:
		if rng.IntN(6) == 0 {
			tags = append(tags, "困境儿童")
		} else if rng.IntN(8) == 0 {
			tags = append(tags, "特殊家庭")
		}
		if age < 12 {
			p.Phone = ""
		}
	}
	if age >= 16 && rng.IntN(9) == 0 {
		tags = append(tags, "残疾")
	}
	if rng.IntN(14) == 0 {
		tags = append(tags, "低保")
	}
	if i == 0 {
		tags = []string{"高龄", "独居"}
	}
	p.Tags = tags
	_ = p.Normalize(today)
	return p
}

var sampleSkills = []string{"烹饪", "理发", "驾驶", "维修", "陪聊", "医护", "书法", "吉他", "绘画", "电脑", "心理疏导", "法律咨询"}

// sampleRegistry adds 60 volunteers of every kind and links each child to a guardian.
func (s *Store) sampleRegistry(ctx context.Context, tx *sql.Tx, rng *rand.Rand, people []Person, today time.Time) error {
	var candidates []Person
	for _, p := range people {
		if a := p.Age(today); a >= 10 && a <= 75 {
			candidates = append(candidates, p)
		}
	}
	rng.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	for i := 0; i < 60 && i < len(candidates); i++ {
		p := candidates[i]
		age := p.Age(today)
		var kinds []string
		switch {
		case age < 14:
			kinds = []string{"小小志愿者"}
		case age < 23:
			kinds = []string{"学生"}
		case age >= 60:
			kinds = []string{"银立方老干部"}
		}
		for _, k := range []struct {
			kind string
			odds int
		}{{"党员", 3}, {"居民骨干", 3}, {"微网格长", 6}, {"美食达人", 4}} {
			if age >= 23 && rng.IntN(k.odds) == 0 {
				kinds = append(kinds, k.kind)
			}
		}
		if p.Sex == Female && age >= 23 && rng.IntN(2) == 0 {
			kinds = append(kinds, "巾帼志愿者")
		}
		if len(kinds) == 0 {
			kinds = []string{"居民骨干"}
		}
		skills := []string{pick(rng, sampleSkills)}
		if rng.IntN(2) == 0 {
			skills = append(skills, pick(rng, sampleSkills))
		}
		days := []uint8{0x7f, 0x1f, 0x60, 0x15, 0x0a, 0x41}
		v := Volunteer{PersonID: p.ID, Kinds: kinds, Skills: skills, Weekdays: pick(rng, days),
			Joined: today.AddDate(0, -rng.IntN(60), -rng.IntN(28)).Format("2006-01-02")}
		_ = v.normalize(today.Format("2006-01-02"))
		if _, err := s.writeVolunteer(ctx, tx, v); err != nil {
			return err
		}
	}
	// Each child gets a guardian of their own community: a parent (20–45 years older) when there
	// is one, otherwise a grandparent; choices are spread so that families differ.
	for i, child := range people {
		ca := child.Age(today)
		if ca < 0 || ca >= 18 {
			continue
		}
		var parents, grands []Person
		for _, adult := range people {
			switch d := adult.Age(today) - ca; {
			case adult.CommunityID != child.CommunityID || adult.ID == child.ID:
			case d >= 20 && d <= 45:
				parents = append(parents, adult)
			case d > 45 && d <= 75:
				grands = append(grands, adult)
			}
		}
		var g Person
		rel := "祖父母"
		switch {
		case len(parents) > 0:
			g = parents[(i*7)%len(parents)]
			rel = map[string]string{Male: "父亲", Female: "母亲"}[g.Sex]
		case len(grands) > 0:
			g = grands[(i*5)%len(grands)]
		default:
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO guardian (child_id, guardian_id, relation) VALUES (?, ?, ?)", child.ID, g.ID, rel); err != nil {
			return mapErr(err, "监护关系")
		}
	}
	return nil
}

// AddSyntheticPeople adds n generated residents in one transaction (scale tests). The database
// must have communities (run LoadSample first).
func (s *Store) AddSyntheticPeople(ctx context.Context, n int, progress func(done int)) error {
	if n <= 0 || n > 2_000_000 {
		return refused("人数应在 1 到 2000000 之间")
	}
	comms, err := s.sampleCommunitiesFromDB(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if errors.Is(err, ErrForbidden) && ActorFrom(ctx) == nil && s.IsSample(ctx) {
			a, err = systemActor, nil // `demo -people N` on a sample database needs no sign-in
		}
		if err != nil {
			return err
		}
		var start int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM person").Scan(&start); err != nil {
			return mapErr(err, "居民")
		}
		w, err := newPersonWriter(ctx, tx, s.stamp())
		if err != nil {
			return err
		}
		defer w.close()
		w.bulk = true
		rng := rand.New(rand.NewPCG(uint64(start), 7))
		seq := map[string]int{}
		today := s.now()
		for i := 0; i < n; i++ {
			p := samplePerson(rng, comms, start+i+1, today, seq)
			// Synthetic ID numbers must stay unique at any scale: derive them from the row number.
			// 7919 is prime, so slot -> day is one-to-one over 32,000 days (1930–2017).
			k := start + i
			slot := k / 500
			birth := time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (slot*7919)%32000)
			sexBit := 0
			if p.Sex == Male {
				sexBit = 1
			}
			p.IDNumber = MakeID(SyntheticRegion, birth, (k%500)*2+sexBit)
			p.BirthDate, p.Sex = "", ""
			_ = p.Normalize(today)
			if _, err := w.insert(ctx, p); err != nil {
				return err
			}
			if progress != nil && (i+1)%10000 == 0 {
				progress(i + 1)
			}
		}
		if err := w.flush(ctx, tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActImport, "示例数据", 0, fmt.Sprintf("添加 %d 位合成居民（规模测试）", n))
	})
}

func (s *Store) sampleCommunitiesFromDB(ctx context.Context) ([]sampleCommunity, error) {
	cs, err := s.Communities(ctx)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, refused("数据库还没有社区，请先载入示例数据")
	}
	var out []sampleCommunity
	for i, c := range cs {
		sc := sampleCommunity{id: c.ID, streets: SampleCommunities[i%len(SampleCommunities)].Streets}
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
