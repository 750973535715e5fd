package sample

import (
	"context"
	"fmt"
	"time"

	"linli/data"
)

// Two summers of 爱心岗位 on 赞山社区's 「慈善街区」: a dozen 爱心商铺 offer posts, the registry's
// students apply, the office runs the matching (hardship first, seeded lottery), the placed students work
// under the caps for minors, are evaluated and get their 社会实践证明; each shop gets its 爱心商铺
// 证书. Every write goes through the store with the replay clock, never after the sample's today.

type shopSeed struct{ name, street, contact, title, work string }

var shopSeeds = []shopSeed{
	{"赞山烘焙坊", "慈善街 3 号", "陈立", "烘焙助理", "包装面包、招呼顾客、整理货架"},
	{"西山书屋", "西山路 12 号", "许文静", "图书整理员", "图书上架、借阅登记、陪小读者读绘本"},
	{"惠民便利店", "赞山路 28 号", "张建华", "理货员", "商品上架、核对保质期、收银协助"},
	{"老街茶叶店", "慈善街 9 号", "沈国强", "茶艺小助手", "茶叶分装、茶艺讲解、接待客人"},
	{"阿明水果铺", "赞山路 6 号", "何明", "果品分拣员", "水果分拣、称重包装、门店清洁"},
	{"慈善街花艺", "慈善街 15 号", "林晓", "花艺助理", "花材整理、包装花束、浇水养护"},
	{"赞山理发店", "赞山路 40 号", "许师傅", "店面助理", "接待登记、清扫毛发、整理毛巾"},
	{"邻里早餐店", "西山路 3 号", "李芳", "早餐店帮工", "点餐引导、打包、餐桌清洁"},
	{"小小文具店", "西山路 20 号", "周敏", "文具店店员", "商品陈列、盘点库存、导购"},
	{"慈善街药房", "慈善街 21 号", "吴医生", "药房导购助理", "健康宣传册发放、引导老人取号（不接触药品）"},
	{"赞山快递驿站", "赞山路 52 号", "小陈", "驿站助理", "包裹上架、取件引导、帮老人送件上门"},
	{"西山手作坊", "西山路 33 号", "顾师傅", "手工助教", "准备材料、协助儿童手工课"},
}

// summers are the last two summers over before today.
func (l *loader) summers() []int {
	y := l.today.Year()
	if l.today.Before(time.Date(y, 9, 1, 0, 0, 0, 0, l.today.Location())) {
		y--
	}
	return []int{y - 1, y}
}

func (l *loader) on(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, l.today.Location())
}

// posts writes the shops, then each summer.
func (l *loader) posts(ctx context.Context) error {
	seasons := l.summers()
	l.at(l.on(seasons[0], 5, 10, 10))
	var shops []int64
	for i, sh := range shopSeeds {
		code := ""
		if i%3 != 2 {
			first := fmt.Sprintf("92330481MA2%06d", 100000+i*7919)
			c, err := data.CreditCheckChar(first)
			if err != nil {
				return err
			}
			code = first + string(c)
		}
		id, err := l.s.SaveShop(l.staff, data.Shop{Name: sh.name, Address: sh.street, Phone: fmt.Sprintf("0573-8703%04d", 1200+i), ContactName: sh.contact, CreditCode: code})
		if err != nil {
			return fmt.Errorf("商铺 %s：%w", sh.name, err)
		}
		shops = append(shops, id)
	}
	students, err := l.students(seasons[1])
	if err != nil {
		return err
	}
	for k, y := range seasons {
		if err := l.summer(y, k, shops, students); err != nil {
			return fmt.Errorf("%d 年爱心岗位：%w", y, err)
		}
	}
	return nil
}

// students are the registry's residents of school or college age (13 to 22) in the later summer,
// and the pupils added for 爱心岗位 (students.go).
func (l *loader) students(later int) ([]data.Person, error) {
	july := fmt.Sprintf("%d-07-06", later)
	var out []data.Person
	for _, p := range l.people {
		if a := data.AgeOn(p, july); a >= 13 && a <= 22 {
			out = append(out, p)
		}
	}
	pupils, err := l.addStudents(later)
	return append(out, pupils...), err
}

// summer offers the posts, takes applications from all but a few of the students, runs the matching and the weeks of work.
func (l *loader) summer(y, k int, shops []int64, students []data.Person) error {
	l.at(l.on(y, 5, 20, 10))
	var posts []data.Post
	for i, shop := range shops {
		for j := 0; j < 1+(i+k)%2; j++ {
			p := samplePost(y, i, j, shop)
			id, err := l.s.SavePost(l.staff, p)
			if err != nil {
				return fmt.Errorf("岗位 %s：%w", p.Title, err)
			}
			p.ID = id
			posts = append(posts, p)
		}
	}
	for n := 0; n < len(students)-8; n++ {
		if err := l.apply(y, n, students[(n+k*9)%len(students)], posts, l.on(y, 6, 1+n%14, 9+n%8)); err != nil {
			return err
		}
	}
	l.at(l.on(y, 6, 25, 15))
	if _, err := l.s.ConfirmMatching(l.staff, y, day(l.clock), int64(y)*100+7); err != nil {
		return err
	}
	if k == 1 { // three apply after the matching: they join the waiting lists (or a place still free)
		for n := len(students) - 8; n < len(students)-5; n++ {
			if err := l.apply(y, n, students[(n+k*9)%len(students)], posts, l.on(y, 6, 28+n%2, 10)); err != nil {
				return err
			}
		}
	}
	return l.work(y, posts)
}

// apply records and reviews student st's application (the n-th of the season) at t.
func (l *loader) apply(y, n int, st data.Person, posts []data.Post, t time.Time) error {
	age := data.AgeOn(st, fmt.Sprintf("%d-07-06", y))
	if age < 12 {
		return nil
	}
	l.at(t)
	school, grade := schoolOf(age, n)
	a := data.Application{Season: y, PersonID: st.ID, School: school, Grade: grade, GuardianPresent: age < 14}
	if age < 18 {
		a.Consent = data.Consent{Day: day(l.clock), By: "监护人", How: "书面签字"}
	}
	if g, ok := l.guard[st.ID]; ok {
		a.GuardianID = g.id
	}
	for c := 0; c < 1+n%3; c++ {
		a.Choices = append(a.Choices, posts[(n*7+c*5)%len(posts)].ID)
	}
	id, err := l.s.SaveApplication(l.staff, a)
	if err != nil {
		return fmt.Errorf("%s的报名：%w", st.Name, err)
	}
	return l.s.ReviewApplication(l.staff, id)
}

// schoolOf is a plausible school and grade for a student's age.
func schoolOf(age, n int) (string, string) {
	switch {
	case age <= 14:
		return []string{"海宁市南苑中学", "海宁市第一初级中学"}[n%2], []string{"初一", "初二", "初三"}[min(age-12, 2)]
	case age <= 17:
		return []string{"海宁市第一中学", "海宁市高级中学", "海宁市职业高级中学"}[n%3], []string{"高一", "高二", "高三"}[min(age-15, 2)]
	}
	return []string{"嘉兴大学", "浙江财经大学东方学院"}[n%2], []string{"大一", "大二", "大三", "大四"}[min(age-18, 3)]
}

func samplePost(y, i, j int, shop int64) data.Post {
	sh := shopSeeds[i]
	p := data.Post{ShopID: shop, Season: y, Title: sh.title, Kind: data.PostPractice, Work: sh.work, MinAge: 12, Places: 1 + (i+j)%3,
		From: fmt.Sprintf("%d-07-%02d", y, 6+j*14), To: fmt.Sprintf("%d-07-%02d", y, 17+j*14), Weekdays: 0x1f, DayMinutes: 180,
		Start: "09:00", End: "12:00", Supervisor: sh.contact, Safety: "不登高、不接触刀具和电器"}
	switch (i + j) % 3 {
	case 0:
		p.Kind, p.MinAge, p.PayPerHour, p.Start, p.End, p.DayMinutes = data.PostPaid, 16, 1800+int64(i)*50, "13:30", "17:30", 240
	case 1:
		p.Kind = data.PostVolunteer
	}
	if j == 1 {
		p.Title += "（下午班）"
	}
	return p
}

// work starts each placed student, records their mornings, stops one, and at the end evaluates
// them, issues the certificates and thanks the shops.
func (l *loader) work(y int, posts []data.Post) error {
	placed, err := l.s.Applications(l.staff, data.ApplicationFilter{Season: y, State: data.AppPlaced})
	if err != nil {
		return err
	}
	byID := map[int64]data.Post{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	for i, a := range placed {
		p := byID[a.PostID]
		l.at(l.on(y, 7, 5, 16))
		if err := l.s.StartPlacement(l.staff, a.ID); err != nil {
			return fmt.Errorf("%s 上岗：%w", a.Student, err)
		}
		from, err := time.ParseInLocation("2006-01-02", p.From, l.today.Location())
		if err != nil {
			return err
		}
		for d := 0; d < 5; d++ {
			at := from.AddDate(0, 0, d)
			l.at(at.Add(18 * time.Hour))
			if _, err := l.s.AddTimesheet(l.staff, data.Timesheet{ApplicationID: a.ID, Day: day(at), Start: p.Start, End: p.End, SignedBy: p.Supervisor}); err != nil {
				return fmt.Errorf("%s 工时：%w", a.Student, err)
			}
		}
		l.at(from.AddDate(0, 0, 12).Add(17 * time.Hour))
		if i == 2 {
			if _, err := l.s.StopApplication(l.staff, a.ID, "家中有事，提前离岗"); err != nil {
				return err
			}
			continue
		}
		if err := l.s.CompleteApplication(l.staff, a.ID, data.EvalGrades[i%3], []string{"认真负责，礼貌待客", "积极主动，善于沟通", "按时到岗，完成任务"}[i%3]); err != nil {
			return err
		}
	}
	l.at(l.on(y, 8, 31, 10))
	if _, err := l.s.IssuePracticeCertificates(l.staff, y, nil); err != nil {
		return err
	}
	done := map[int64]bool{}
	for _, p := range posts {
		if !done[p.ShopID] {
			done[p.ShopID] = true
			if _, err := l.s.IssueShopCertificate(l.staff, p.ShopID, y); err != nil {
				return err
			}
		}
	}
	return nil
}
