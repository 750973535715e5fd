package sample

import (
	"context"
	"fmt"
	"time"

	"linli/data"
)

// A year of 民情 raised over tea in 南关厢's 「三杯」茶室 and elsewhere: recorded, verified, put to
// eight tea meetings, carried out, followed up, some reopened after an unsatisfied 回访. Every
// write goes through the store with the replay clock, never after the sample's today.

type concernSeed struct {
	category, text, place, unit, resolution string
}

var concernSeeds = []concernSeed{
	{"噪音", "广场舞噪音扰民，晚上九点后还在放音乐，希望社区能帮忙协调", "古樟树下广场", "舞蹈队", "与舞蹈队商定晚八点半结束，音箱限音量，志愿者轮流提醒"},
	{"安全隐患", "街区的公共厕所地面比较滑，老人容易摔倒", "南关厢街公厕", "环卫所", "地面铺防滑垫，门口张贴小心地滑提示，保洁增加拖地次数"},
	{"交通停车", "小区门口电动车乱停，消防通道被堵", "3 幢东侧消防通道", "物业", "划定电动车停放区，施划消防通道标线，物业每日巡查"},
	{"设施维修", "电梯经常停运，老人上下楼困难", "5 幢 2 单元", "物业", "更换电梯控制板，维保单位每月检修并公示记录"},
	{"环境卫生", "流浪猫狗多，夜里翻垃圾桶，还有老人被吓到", "垃圾分类亭", "社区居委会", "联系爱心人士和宠物医院开展绝育救助，垃圾桶加盖"},
	{"设施维修", "楼道灯坏了半个月没人修", "7 幢 1 单元楼道", "物业", "更换声控灯，物业登记楼道灯巡检台账"},
	{"邻里纠纷", "楼上漏水到楼下，两家协商不成", "12 幢 301 与 201", "社区居委会", "调解员上门协调，楼上住户修复防水层并赔偿粉刷费用"},
	{"环境卫生", "河道边有人倒垃圾，气味很大", "塘桥路河道", "城管中队", "清理河岸垃圾，设置提示牌，纳入网格员巡查"},
	{"交通停车", "路边车辆乱停，早上送孩子上学很堵", "古樟路小学门口", "交警中队", "增设临时停车泊位，上下学时段志愿者引导"},
	{"安全隐患", "楼道里堆放杂物，有电动车在楼道充电", "9 幢楼道", "物业", "清理楼道堆物，安装电动车集中充电桩"},
	{"服务需求", "希望社区开设老年人智能手机课", "社区活动室", "社区居委会", "联合志愿者每月开设两次手机课，已上课 4 次"},
	{"服务需求", "孩子暑假没人看管，希望有公益托管班", "慈善街区活动室", "社区居委会", "开设暑期公益托管班和公益吉他班，招收 20 名儿童"},
	{"设施维修", "健身器材生锈松动，有安全隐患", "小区健身广场", "市政所", "更换两件健身器材，其余紧固除锈"},
	{"噪音", "夜宵店油烟和噪音很大，影响休息", "南关厢街 18 号", "城管中队", "督促商户安装油烟净化器，晚十点后室外不设座"},
	{"环境卫生", "垃圾分类亭清运不及时，夏天有异味", "2 号垃圾分类亭", "环卫所", "清运调整为每日两次，分类亭定期消毒"},
	{"其他", "希望公示栏及时更新，很多通知看不到", "社区公示栏", "社区居委会", "公示栏每周一更新，同时发到楼道群"},
	{"安全隐患", "井盖松动，晚上有人差点踩空", "文苑路 16 号门口", "市政所", "更换井盖并加固"},
	{"交通停车", "小区停车位不够，外来车辆占位", "小区地面停车场", "业委会", "业委会议定外来车辆登记收费，业主车辆办理停车证"},
	{"设施维修", "雨天屋顶漏水，墙面发霉", "老旧小区 4 幢顶楼", "物业", "维修基金启动屋面防水维修"},
	{"邻里纠纷", "邻居在公共区域种菜，占用绿地", "6 幢南侧绿地", "社区居委会", "上门沟通，菜地恢复为绿地，另设共享花园由居民认领"},
}

var namedReporters = []string{"茶叶店沈老板", "水果摊张阿姨", "快递驿站小陈", "理发店许师傅", "早餐店李老板", "路过的顾先生"}

var concernUnits = []string{"物业", "城管中队", "社区居委会", "市政所", "交警中队", "业委会", "舞蹈队", "环卫所"}

// concerns writes the year of 民情, the eight tea meetings and the follow-ups.
func (l *loader) concerns(ctx context.Context) error {
	cs, err := l.raiseConcerns()
	if err != nil {
		return err
	}
	decided, err := l.teaMeetings(cs)
	if err != nil {
		return err
	}
	return l.carryOut(decided)
}

// sampleConcern is a concern as the sample tracks it.
type sampleConcern struct {
	id     int64
	seed   concernSeed
	raised time.Time
	route  int // 0: to a meeting; 1: fixed directly; 2: 不予办理; 3: 转办; 4: 重复
}

func (l *loader) concernCommunity(i int) community {
	if i%3 != 2 {
		return l.comms[1] // 南关厢社区, where the tea room is
	}
	return l.comms[(i/3)%len(l.comms)]
}

// raiseConcerns records about 140 concerns over the year, verified a day later, and sends each
// on its way: to a meeting (most), straight into 办理中, 不予办理, 转办 or 重复.
func (l *loader) raiseConcerns() ([]sampleConcern, error) {
	var out []sampleConcern
	start := midnight(l.start()).AddDate(0, 1, 0)
	for i := 0; ; i++ {
		raised := start.AddDate(0, 0, i*365/140).Add(time.Duration(9+i%8) * time.Hour)
		if raised.After(l.today) {
			break
		}
		seed := concernSeeds[(i*7)%len(concernSeeds)]
		cm := l.concernCommunity(i)
		c := data.Concern{Text: seed.text, CommunityID: cm.id, GridID: cm.grids[i%len(cm.grids)], Place: seed.place,
			Category: seed.category, Channel: data.ConcernChannels[i%len(data.ConcernChannels)], RaisedOn: day(raised)}
		switch i % 5 {
		case 0, 2:
			if p, ok := l.residentOf(cm.id, i); ok {
				c.PersonID = p.ID
			}
		case 1, 4:
			c.ReporterName = namedReporters[i%len(namedReporters)]
		}
		if i%11 == 3 {
			c.Channel = "茶室"
		}
		l.at(raised)
		got, err := l.s.CreateConcern(l.staff, c)
		if err != nil {
			return nil, fmt.Errorf("民情 %d：%w", i+1, err)
		}
		sc := sampleConcern{id: got.ID, seed: seed, raised: raised, route: concernRoute(i)}
		if err := l.routeConcern(sc, out); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

func concernRoute(i int) int {
	switch {
	case i%13 == 5:
		return 2
	case i%17 == 8:
		return 3
	case i%19 == 11:
		return 4
	case i%4 == 1:
		return 1
	}
	return 0
}

// residentOf picks a resident of the community.
func (l *loader) residentOf(community int64, i int) (data.Person, bool) {
	var of []data.Person
	for _, p := range l.people {
		if p.CommunityID == community && p.Age(l.today) >= 18 {
			of = append(of, p)
		}
	}
	if len(of) == 0 {
		return data.Person{}, false
	}
	return of[(i*31)%len(of)], true
}

// routeConcern verifies a concern the next day and sends it on, each step only if it is not
// after today.
func (l *loader) routeConcern(sc sampleConcern, before []sampleConcern) error {
	next := sc.raised.Add(24 * time.Hour)
	if next.Add(2 * time.Hour).After(l.today) {
		return nil
	}
	if sc.route == 4 && len(before) > 0 {
		orig := before[len(before)-1]
		for k := len(before) - 1; k > 0 && before[k].route == 4; k-- {
			orig = before[k-1]
		}
		l.at(next)
		return l.s.MoveConcern(l.staff, sc.id, data.Move{To: data.StateDuplicate, DuplicateOf: orig.id, Note: "同一问题此前已登记"})
	}
	l.at(next)
	if err := l.s.MoveConcern(l.staff, sc.id, data.Move{To: data.StateVerified, Note: "网格员现场核实"}); err != nil {
		return err
	}
	l.at(next.Add(2 * time.Hour))
	switch sc.route {
	case 0:
		return l.s.MoveConcern(l.staff, sc.id, data.Move{To: data.StateAgenda, Note: "列入「三杯茶」议事"})
	case 1:
		promised := day(next.AddDate(0, 0, 7))
		if err := l.s.MoveConcern(l.staff, sc.id, data.Move{To: data.StateInHand, OwnerUnit: sc.seed.unit, PromisedOn: promised, Note: "小事即办"}); err != nil {
			return err
		}
		return l.resolveAndFollowUp(sc.id, sc.seed, next.AddDate(0, 0, 3+int(sc.id%6)), promised)
	case 2:
		return l.s.MoveConcern(l.staff, sc.id, data.Move{To: data.StateDeclined, Note: "属业主个人事务，已上门解释并提供维修联系方式"})
	default:
		return l.s.MoveConcern(l.staff, sc.id, data.Move{To: data.StateReferred, ReferredTo: "街道综合行政执法队",
			ReferralRef: fmt.Sprintf("ZF-%d-%03d", sc.raised.Year(), sc.id), Note: "超出社区职责"})
	}
}

// teaMeetings holds eight meetings, about every six weeks, each deciding the concerns then 待议;
// all but the last are finalized the next day, and one gets a correction note.
func (l *loader) teaMeetings(cs []sampleConcern) ([]decidedConcern, error) {
	var decided []decidedConcern
	staffID := data.ActorFrom(l.staff).UserID
	for n := 0; n < 8; n++ {
		day0 := midnight(l.today.AddDate(0, 0, -26-(7-n)*42)).Add(19 * time.Hour)
		var items []data.MeetingItem
		for _, c := range cs {
			if c.route != 0 || !c.raised.Before(day0.Add(-36*time.Hour)) || isDecided(decided, c.id) {
				continue
			}
			due := day0.AddDate(0, 0, 14+int(c.id%3)*7)
			it := data.MeetingItem{ConcernID: c.id, Decision: c.seed.resolution, DueOn: day(due)}
			if c.id%4 == 0 {
				it.OwnerUserID = staffID
			} else {
				it.OwnerUnit = c.seed.unit
			}
			items = append(items, it)
			decided = append(decided, decidedConcern{sampleConcern: c, meeting: day0, due: due})
		}
		m := data.TeaMeeting{Day: day(day0), Host: "南关厢社区党委书记 李红", Topic: meetingTopics[n], Items: items,
			Minutes:   fmt.Sprintf("一杯红茶话初心，一杯绿茶讲清廉，一杯苦丁忆往昔。本次议事会围绕「%s」听取居民意见，逐项商议 %d 件民情，明确责任人和完成期限，会后由网格员跟踪落实并向反映人反馈。", meetingTopics[n], len(items)),
			Attendees: l.meetingAttendees(n, staffID)}
		l.at(day0)
		id, err := l.s.SaveMeeting(l.staff, m)
		if err != nil {
			return nil, fmt.Errorf("第 %d 次议事会：%w", n+1, err)
		}
		if n == 7 {
			continue // the latest minutes are still a draft
		}
		l.at(day0.Add(15 * time.Hour))
		if err := l.s.FinalizeMeeting(l.staff, id); err != nil {
			return nil, err
		}
		if n == 2 {
			l.at(day0.AddDate(0, 0, 3))
			if err := l.s.AddMeetingNote(l.staff, id, "更正：参会来宾“物业王经理”应为“物业服务中心王建华经理”。"); err != nil {
				return nil, err
			}
		}
	}
	return decided, nil
}

var meetingTopics = []string{"街区环境与公厕", "广场舞噪音", "停车难与消防通道", "老旧小区电梯", "流浪猫狗与垃圾分类",
	"暑期孩子去处", "河道与井盖安全", "冬季楼道与防火"}

type decidedConcern struct {
	sampleConcern
	meeting, due time.Time
}

func isDecided(ds []decidedConcern, id int64) bool {
	for _, d := range ds {
		if d.id == id {
			return true
		}
	}
	return false
}

func (l *loader) meetingAttendees(n int, staffID int64) []data.Attendee {
	out := []data.Attendee{{Kind: data.AttendeeStaff, UserID: staffID}}
	for k := 0; k < 4; k++ {
		if p, ok := l.residentOf(l.comms[1].id, n*5+k); ok {
			out = append(out, data.Attendee{Kind: data.AttendeeResident, PersonID: p.ID})
		}
	}
	return append(out, data.Attendee{Kind: data.AttendeeGuest, Name: "王建华", Unit: "物业服务中心"},
		data.Attendee{Kind: data.AttendeeGuest, Name: namedReporters[n%len(namedReporters)], Unit: "街区商铺联盟"})
}

// carryOut starts each decided concern two days after its meeting, resolves it (mostly on
// time), and follows it up; each step only when it is not after today.
func (l *loader) carryOut(ds []decidedConcern) error {
	for _, d := range ds {
		start := d.meeting.Add(40 * time.Hour)
		if start.After(l.today) {
			continue
		}
		l.at(start)
		if err := l.s.MoveConcern(l.staff, d.id, data.Move{To: data.StateInHand, Note: "责任单位开始办理"}); err != nil {
			return err
		}
		done := d.due.AddDate(0, 0, -int(d.id%5))
		if d.id%7 == 0 {
			done = d.due.AddDate(0, 0, 4) // late
		}
		if err := l.resolveAndFollowUp(d.id, d.seed, done.Add(-3*time.Hour), day(d.due)); err != nil {
			return err
		}
	}
	return nil
}

// resolveAndFollowUp resolves a concern at done and follows it up seven days later; one in six
// is unsatisfied, reopened, resolved again ten days on and then followed up satisfied.
func (l *loader) resolveAndFollowUp(id int64, seed concernSeed, done time.Time, _ string) error {
	if done.After(l.today) {
		return nil
	}
	l.at(done)
	if err := l.s.MoveConcern(l.staff, id, data.Move{To: data.StateResolved, Note: seed.resolution}); err != nil {
		return err
	}
	follow := done.AddDate(0, 0, data.DefaultFollowUpDays)
	if follow.After(l.today.AddDate(0, 0, -4)) {
		return nil // due in the last few days and not yet made: the 回访 tab lists it
	}
	l.at(follow)
	if id%6 != 1 {
		sat := "满意"
		if id%5 == 2 {
			sat = "基本满意"
		}
		return l.s.FollowUpConcern(l.staff, id, sat, "电话回访反映人")
	}
	if err := l.s.FollowUpConcern(l.staff, id, "不满意", "问题反复出现，希望彻底解决"); err != nil {
		return err
	}
	again := follow.AddDate(0, 0, 10)
	if again.After(l.today) {
		return nil
	}
	l.at(again)
	if err := l.s.MoveConcern(l.staff, id, data.Move{To: data.StateResolved, Note: seed.resolution + "；复查后加装监控并建立长效巡查"}); err != nil {
		return err
	}
	if again.AddDate(0, 0, 7).After(l.today) {
		return nil
	}
	l.at(again.AddDate(0, 0, 7))
	return l.s.FollowUpConcern(l.staff, id, "满意", "上门回访")
}
