package documents

import (
	"strings"
	"testing"

	"linli/data"
)

// postRows: 赞山烘焙坊 offers a 社会实践 post in summer 2026; 陈小雨 (15) applied, was placed by the
// matching (seed 2026), worked one morning and completed with 优秀.
func (o *office) postRows() {
	o.t.Helper()
	shop := o.must(o.s.SaveShop(o.ctx, data.Shop{Name: "赞山烘焙坊", Address: "赞山路 8 号", ContactName: "陈立", CreditCode: "91350100M000100Y43"}))
	post := o.must(o.s.SavePost(o.ctx, data.Post{ShopID: shop, Season: 2026, Title: "烘焙助理", Kind: data.PostPractice, Work: "包装面包、招呼顾客",
		MinAge: 12, Places: 2, From: "2026-07-06", To: "2026-08-14", Weekdays: 0x1f, DayMinutes: 180, Start: "09:00", End: "12:00",
		Supervisor: "陈立", Safety: "不接触烤箱"}))
	app := o.must(o.s.SaveApplication(o.ctx, data.Application{Season: 2026, PersonID: o.resident("陈小雨", 15, 61), School: "海宁市南苑中学",
		Grade: "初三", Consent: data.Consent{Day: "2026-06-20", By: "母亲 王丽", How: "书面签字"}, Choices: []int64{post}}))
	if err := o.s.ReviewApplication(o.ctx, app); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.s.ConfirmMatching(o.ctx, 2026, "2026-06-30", 2026); err != nil {
		o.t.Fatal(err)
	}
	if err := o.s.StartPlacement(o.ctx, app); err != nil {
		o.t.Fatal(err)
	}
	o.must(o.s.AddTimesheet(o.ctx, data.Timesheet{ApplicationID: app, Day: "2026-07-08", Start: "09:00", End: "12:00", SignedBy: "陈立"}))
	if err := o.s.CompleteApplication(o.ctx, app, "优秀", "热情细心"); err != nil {
		o.t.Fatal(err)
	}
}

// postCases are the 爱心岗位 documents' cases for TestEveryDocumentRendersFromASmallStore.
func postCases() map[*Doc]struct {
	v    Values
	want []string
} {
	return map[*Doc]struct {
		v    Values
		want []string
	}{
		&PostsList:     {Values{"season": "2026"}, []string{"爱心岗位一览", "赞山烘焙坊", "烘焙助理", "社会实践"}},
		&Placements:    {Values{"season": "2026"}, []string{"匹配结果", "抽签种子 2026", "陈小雨", "已完成"}},
		&PracticeCerts: {Values{"season": "2026", "all": "true"}, []string{"社会实践证明", "陈小雨", "烘焙助理", "优秀"}},
		&ShopCert:      {Values{"season": "2026", "shop": "赞山烘焙坊"}, []string{"爱心商铺", "赞山烘焙坊", "接纳学生 1 名"}},
		&PostRoster:    {Values{"season": "2026", "shop": "赞山烘焙坊"}, []string{"在岗学生名单", "赞山烘焙坊", "陈小雨", "********", "3.0 小时", "陈立"}},
		&PostsLedger:   {Values{"season": "2026"}, []string{"爱心岗位台账", "陈小雨", "3.0 小时", "优秀"}},
		&PostsXLSX:     {Values{"season": "2026"}, []string{"陈小雨", "赞山烘焙坊", "烘焙助理"}},
	}
}

func TestPostRosterRefusesASeasonWithoutStudentsOnPost(t *testing.T) {
	o := newOffice(t)
	o.postRows()
	for _, v := range []Values{{"season": "2025"}, {"season": "2026", "shop": "没有这家"}} {
		if err := PostRoster.Ready(o.ctx, o.s, v); err == nil || !strings.Contains(err.Error(), "没有已录用或在岗的学生") {
			t.Fatalf("%v: got %v", v, err)
		}
	}
	if err := PostRoster.RoleRefusal(data.RoleViewer); err == nil {
		t.Fatal("只读 may not print a list of students with their guardians")
	}
}
