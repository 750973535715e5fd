package documents

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli/data"
)

// birth is someone's birthday, age years before the test clock.
func birth(age int) time.Time { return time.Date(2026-age, 3, 12, 0, 0, 0, 0, time.UTC) }

// resident adds a resident of the office's community with a valid ID number.
func (o *office) resident(name string, age, seq int) int64 {
	o.t.Helper()
	return o.person(name, data.MakeID("330481", birth(age), seq))
}

// careRows: a volunteer paired with an old lady who takes soup; this month's round delivered to
// her; a home-service request the volunteer completed.
func (o *office) careRows() {
	o.t.Helper()
	vid := o.must(o.s.SaveVolunteer(o.ctx, data.Volunteer{PersonID: o.resident("张志愿", 45, 11), Kinds: []string{"党员"}, Weekdays: 0x7f, Joined: "2025-01-01"}))
	rid := o.must(o.s.SaveCareRecipient(o.ctx, data.CareRecipient{PersonID: o.resident("李阿婆", 86, 20), Living: "独居", Soup: true, Start: "2025-01-01"}))
	o.must(o.s.Pair(o.ctx, vid, rid, "2025-01-01", ""))
	round := o.must(o.s.SaveRound(o.ctx, data.SoupRound{Day: "2026-11-07", SolarTerm: "立冬", Soup: "萝卜排骨汤", CostFen: 12_000}))
	if _, err := o.s.GenerateDeliveries(o.ctx, round); err != nil {
		o.t.Fatal(err)
	}
	ds, err := o.s.Deliveries(o.ctx, round)
	if err != nil || len(ds) != 1 {
		o.t.Fatalf("deliveries %v %v", ds, err)
	}
	left := time.Date(2026, 11, 7, 11, 0, 0, 0, fixedNow.Location())
	if err := o.s.RecordDelivery(o.ctx, ds[0].ID, left, left.Add(8*time.Minute), "送达", ""); err != nil {
		o.t.Fatal(err)
	}
	req := o.must(o.s.CreateRequest(o.ctx, data.ServiceRequest{RecipientID: rid, Type: "配药", Channel: "电话", Detail: "降压药",
		RequestedAt: "2026-11-10T09:00:00+08:00", DueAt: "2026-11-11T12:00:00+08:00"}))
	if err := o.s.Dispatch(o.ctx, req, vid); err != nil {
		o.t.Fatal(err)
	}
	if err := o.s.CompleteRequest(o.ctx, req, time.Date(2026, 11, 11, 10, 0, 0, 0, fixedNow.Location()), 45, "已送到"); err != nil {
		o.t.Fatal(err)
	}
}

// childrenRows: a Saturday class in November with one child who came to both past sessions.
func (o *office) childrenRows() {
	o.t.Helper()
	child, mother := o.resident("王小明", 9, 31), o.resident("王丽", 38, 40)
	pid := o.must(o.s.SaveProgramme(o.ctx, data.Programme{Name: "公益书法班", Kind: "课程", CommunityID: o.cid, Place: "活动室", Capacity: 10,
		AgeMin: 6, AgeMax: 14, Start: "2026-11-01", End: "2026-11-30", Weekdays: 1 << 5, StartTime: "14:00", Minutes: 90, ThresholdPct: 50}))
	if _, err := o.s.GenerateSessions(o.ctx, pid); err != nil {
		o.t.Fatal(err)
	}
	if err := o.s.SetGuardian(o.ctx, child, mother, "母亲"); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.s.Enroll(o.ctx, pid, child, mother, data.Consent{Day: "2026-10-30", By: "母亲 王丽", How: "书面签字"}); err != nil {
		o.t.Fatal(err)
	}
	ss, err := o.s.Sessions(o.ctx, pid)
	if err != nil {
		o.t.Fatal(err)
	}
	marks := map[[2]int64]string{}
	for _, x := range ss {
		if x.Day < "2026-11-20" {
			marks[[2]int64{x.ID, child}] = "出勤"
		}
	}
	if err := o.s.SaveAttendance(o.ctx, marks); err != nil {
		o.t.Fatal(err)
	}
}

// trainedTrainee gives the office's first trainee 42 hours of lessons.
func (o *office) trainedTrainee() {
	o.t.Helper()
	ts, err := o.s.Trainees(o.ctx, false)
	if err != nil || len(ts) == 0 {
		o.t.Fatalf("trainees %v %v", ts, err)
	}
	for i := 0; i < 7; i++ {
		day := time.Date(2026, 10, 1+2*i, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		o.must(o.s.RecordTraining(o.ctx, data.TrainingSession{Day: day, Topic: "扎骨架", Minutes: 360, Teacher: "陈师傅", Trainees: []int64{ts[0].ID}}))
	}
}

// xlsxText is every cell of a workbook's first sheet.
func xlsxText(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join(r, " "))
	}
	return strings.Join(lines, "\n")
}

type docCase struct {
	v    Values
	want []string
}

// everyDocument is a small office with rows for every document of the catalogue, and each
// document's values and what it must show.
func everyDocument(t *testing.T) (*office, map[*Doc]docCase) {
	o := newOffice(t)
	if err := o.s.SaveWorkshopIdentity(o.ctx, data.WorkshopIdentity{Name: "城东共富工坊", Craft: "灯彩制作技艺"}); err != nil {
		t.Fatal(err)
	}
	number := o.workshopOrder()
	o.trainedTrainee()
	o.careRows()
	o.childrenRows()
	o.concernRows()
	o.postRows()
	household := o.householdRows()
	o.marketRows()
	cases := map[*Doc]docCase{
		&Residents:          {Values{"community": "城东"}, []string{"居民名册", "范围：城东社区", "李阿婆"}},
		&ResidentFileDoc:    {Values{"person": "李阿婆"}, []string{"居民一人一档", "李阿婆", "低保户", "萝卜排骨汤"}},
		&HouseholdFileDoc:   {Values{"household": household}, []string{"一户一档", household, "李阿婆", "低保户", "民政审批"}},
		&VolunteerRoster:    {Values{"kind": "党员"}, []string{"志愿者名册", "类别：党员", "张志愿"}},
		&SoupRoster:         {Values{"month": "2026-11"}, []string{"配送单", "萝卜排骨汤", "李阿婆"}},
		&CareLedger:         {Values{"month": "2026-11"}, []string{"助老服务台账", "2026-11", "按 0.5 小时计入", "8 分钟", "管理员"}},
		&VolunteerCerts:     {Values{"volunteer": "张志愿", "from": "2026-11-01", "to": "2026/11/30"}, []string{"志愿服务证明", "张志愿", "城东街道办事处"}},
		&Completion:         {Values{"programme": "公益书法班"}, []string{"结业证书", "王小明", "公益书法班"}},
		&AttendanceSheet:    {Values{"programme": "公益书法班", "date": "2026-11-21"}, []string{"活动签到表", "王小明"}},
		&ChildrenLedger:     {Values{"month": "2026-11"}, []string{"儿童活动台账", "公益书法班"}},
		&WorkshopLedger:     {Values{"month": "2026-11"}, []string{"工坊收入台账", "城东共富工坊"}},
		&Payouts:            {Values{"month": "2026-11"}, []string{"收入分配单", "陈小梅"}},
		&OrderConfirmation:  {Values{"number": number}, []string{"订单确认单", "走马灯", "李经理"}},
		&TrainingCerts:      {Values{}, []string{"培训证书", "陈小梅", "在城东共富工坊参加灯彩制作技艺培训"}},
		&PeopleXLSX:         {Values{}, []string{"李阿婆", "王小明"}},
		&VolunteersXLSX:     {Values{}, []string{"张志愿"}},
		&OrdersXLSX:         {Values{"from": "2026-11-01"}, []string{number, "李经理"}},
		&SplitsXLSX:         {Values{"month": "2026-11"}, []string{number}},
		&DeliveriesXLSX:     {Values{"month": "2026-11"}, []string{"李阿婆"}},
		&ServicesXLSX:       {Values{"month": "2026-11"}, []string{"配药", "李阿婆"}},
		&AttendanceXLSX:     {Values{"programme": "公益书法班"}, []string{"王小明", "出勤"}},
		&ServiceRecordsXLSX: {Values{"from": "2026-11-01", "to": "2026-11-30"}, []string{"张志愿", "老宝贝一碗汤", "城东街道办事处"}},
		&AuditXLSX:          {Values{"from": "2026-11-20"}, []string{"工坊信息"}},
	}
	for d, c := range concernCases() {
		cases[d] = c
	}
	for d, c := range postCases() {
		cases[d] = c
	}
	for d, c := range marketCases() {
		cases[d] = c
	}
	return o, cases
}

// Every document of the catalogue, rendered from a small office's rows and read back.
func TestEveryDocumentRendersFromASmallStore(t *testing.T) {
	o, cases := everyDocument(t)
	for _, d := range catalogue {
		tc, ok := cases[d]
		if !ok {
			t.Errorf("%s %s has no test", d.Verb, d.Name)
			continue
		}
		t.Run(string(d.Verb)+" "+d.Name, func(t *testing.T) {
			if d == &Completion { // certificates only after the last session (the 28th)
				o.s.SetClock(func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, fixedNow.Location()) })
				defer o.s.SetClock(func() time.Time { return fixedNow })
			}
			b := o.run(d, tc.v)
			var text string
			if d.Verb == Print {
				text = pdfText(t, b)
				mustContain(t, text, "城东街道办事处")
			} else {
				text = xlsxText(t, b)
			}
			mustContain(t, text, tc.want...)
		})
	}
}

func TestParametersAreCheckedBeforeAnythingIsLoaded(t *testing.T) {
	for _, tc := range []struct {
		doc  *Doc
		v    Values
		want string
	}{
		{&WorkshopLedger, Values{}, "月份：必填"},
		{&WorkshopLedger, Values{"month": "2026-13"}, "月份：“2026-13”应写作 YYYY-MM"},
		{&AttendanceSheet, Values{"programme": "书法", "date": "明天"}, "日期："},
		{&VolunteerCerts, Values{"from": "2026-01-01", "to": "2026-12-31"}, "二者选一"},
		{&VolunteerCerts, Values{"volunteer": "张三", "all": "true", "from": "2026-01-01", "to": "2026-12-31"}, "二者选一"},
		{&OrdersXLSX, Values{"from": "2026-12-01", "to": "2026-11-01"}, "期间：起始日期不能晚于截止日期"},
	} {
		t.Run(tc.doc.Name+" "+tc.want, func(t *testing.T) {
			err := tc.doc.Validate(tc.v)
			if !errors.Is(err, data.ErrInvalid) || !strings.Contains(data.Message(err), tc.want) {
				t.Fatalf("want %q, got %v", tc.want, err)
			}
		})
	}
}

func TestDatesAreNormalized(t *testing.T) {
	v := Values{"volunteer": "张三", "from": "2026年1月1日", "to": "2026/12/31"}
	if err := VolunteerCerts.Validate(v); err != nil {
		t.Fatal(err)
	}
	if v["from"] != "2026-01-01" || v["to"] != "2026-12-31" {
		t.Fatalf("dates %v", v)
	}
	if got := VolunteerCerts.FileName(v); got != "志愿服务证明-张三.pdf" {
		t.Errorf("file name %q", got)
	}
}

func TestARoleMayPrintOnlyWhatItsPermissionsAllow(t *testing.T) {
	o := newOffice(t)
	id := o.must(o.s.CreateUser(o.ctx, "staff", "社工", data.RoleStaff, "correct horse 2"))
	staff := data.WithActor(o.ctx, &data.Actor{UserID: id, Username: "staff", Role: data.RoleStaff})
	err := WorkshopLedger.Run(staff, o.s, Values{"month": "2026-11"}, &bytes.Buffer{})
	if !errors.Is(err, data.ErrForbidden) || !strings.Contains(data.Message(err), "无权打印工坊收入台账") {
		t.Fatalf("社工 printed the workshop ledger: %v", err)
	}
}

func TestCompletionRefusedBeforeTheLastSession(t *testing.T) {
	o := newOffice(t)
	o.childrenRows() // the last Saturday, the 28th, is still to come on the 20th
	err := Completion.Run(o.ctx, o.s, Values{"programme": "公益书法班"}, &bytes.Buffer{})
	if !errors.Is(err, data.ErrInvalid) || !strings.Contains(data.Message(err), "最后一场在 2026-11-28") {
		t.Fatalf("结业证书 before the last session: %v", err)
	}
}

func TestCompletionListShowsTheRoundedRateBesideTheFraction(t *testing.T) {
	o := newOffice(t)
	o.childrenRows()
	o.s.SetClock(func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, fixedNow.Location()) })
	// 王小明 came to 2 of the 4 Saturdays (7, 14; not 21, 28): 50%, which meets the threshold of 50.
	mustContain(t, pdfText(t, o.run(&Completion, Values{"programme": "公益书法班"})), "50%（2/4）", "结业")
}

func TestPersonalDataIsPrintedAndExportedOnlyByRolesWithAReason(t *testing.T) {
	o := newOffice(t)
	o.person("李阿婆", "")
	login := func(name string, role data.Role) context.Context {
		id := o.must(o.s.CreateUser(o.ctx, name, name, role, "correct horse 3"))
		return data.WithActor(o.ctx, &data.Actor{UserID: id, Username: name, Role: role, Personal: data.PersonalByRole(role)})
	}
	viewer, staff := login("viewer", data.RoleViewer), login("staff", data.RoleStaff)
	for _, d := range []*Doc{&Residents, &PeopleXLSX, &VolunteersXLSX, &AttendanceSheet, &SoupRoster} {
		t.Run("只读 "+d.Name, func(t *testing.T) {
			if d.Allowed(data.RoleViewer) {
				t.Fatal("offered to 只读")
			}
		})
	}
	t.Run("只读 is refused the residents roster with a reason", func(t *testing.T) {
		err := Residents.Run(viewer, o.s, Values{}, &bytes.Buffer{})
		if !errors.Is(err, data.ErrForbidden) || !strings.Contains(data.Message(err), "含个人信息") {
			t.Fatalf("只读 printed the residents: %v", err)
		}
	})
	t.Run("社工 prints it", func(t *testing.T) {
		if err := Residents.Run(staff, o.s, Values{}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("the ledgers name elders and children: 只读 views them on screen, does not print them", func(t *testing.T) {
		for _, d := range []*Doc{&CareLedger, &ChildrenLedger} {
			if d.Allowed(data.RoleViewer) || !d.Allowed(data.RoleStaff) || !strings.Contains(data.Message(d.RoleRefusal(data.RoleViewer)), "含个人信息") {
				t.Fatalf("%s: 只读 %v, 社工 %v", d.Title, d.Allowed(data.RoleViewer), d.Allowed(data.RoleStaff))
			}
		}
	})
}

// TestPersonalPrintsAreAuditedWithTheirRowCount: every print or export of personal data says in
// the audit trail how many rows left the office.
func TestPersonalPrintsAreAuditedWithTheirRowCount(t *testing.T) {
	o := newOffice(t)
	o.childrenRows()
	if err := ChildrenLedger.Run(o.ctx, o.s, Values{"month": "2026-11"}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	es, err := o.s.ListAudit(o.ctx, data.AuditFilter{Action: data.ActPrint, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || !strings.Contains(es[0].Summary, "行）") {
		t.Fatalf("audit: %+v", es)
	}
}
