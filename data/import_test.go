package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"linli/data/importer"
)

func csvTable(t *testing.T, text string) *importer.Table {
	t.Helper()
	tb, err := importer.ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func personCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM person").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func id(birth string, seq int) string {
	d, err := time.Parse("2006-01-02", birth)
	if err != nil {
		panic(err)
	}
	return MakeID("330481", d, seq)
}

// importFixture is an office with the communities the sheets name (南苑社区 with its grids,
// 赞山社区, 竦秀社区, 新苑社区) and 王秀英 of 赞山社区, as 社工.
func importFixture(t *testing.T) (*Store, context.Context) {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	nanyuan, err := s.AddCommunity(admin, "南苑社区")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"南苑一网格", "南苑二网格"} {
		if _, err := s.AddGrid(admin, nanyuan, g); err != nil {
			t.Fatal(err)
		}
	}
	zanshan := mustCommunity(t, s, admin, "赞山社区")
	mustCommunity(t, s, admin, "竦秀社区")
	mustCommunity(t, s, admin, "新苑社区")
	ctx := as(t, s, "staff")
	mustPerson(t, s, ctx, zanshan, "王秀英", Female, 82, "独居", "高龄")
	return s, ctx
}

// peopleNamed lists the residents a search for q finds.
func peopleNamed(t *testing.T, s *Store, ctx context.Context, q string) []Person {
	t.Helper()
	ps, err := s.People(ctx, PeopleFilter{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestImportMessyGBKCSV(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	text := "南苑社区居民登记表,,,,,\n" +
		"姓 名,公民身份号码,手机号,所属社区,网格,家庭住址,人员类别\n" +
		"  张阿婆 ," + strings.Replace(id("1941-05-06", 2), "3", "３", 2) + ",１３９ ０００１ ２２３３,南苑,南苑一网格,灯彩巷 3 号,独居、高龄\n" +
		",,,,,,\n" +
		"李大伯," + id("1950-01-09", 11) + ",+86 13900002234,南苑社区,,南苑路 9 号,独居\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	tb := csvTable(t, gbk)
	res, err := s.Import(ctx, tb, ImportOptions{FileName: "登记表.csv"})
	if err != nil || res.Added != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	ps := peopleNamed(t, s, ctx, "张阿婆")
	if len(ps) != 1 || ps[0].Phone != "13900012233" || ps[0].BirthDate != "1941-05-06" || ps[0].Community != "南苑社区" ||
		strings.Join(ps[0].Tags, "、") != "独居、高龄" {
		t.Fatalf("imported %+v", ps)
	}
	mustCheck(t, s)
}

func TestImportXLSXSerialDates(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	f := excelize.NewFile()
	for _, err := range []error{
		f.SetCellValue("Sheet1", "A1", "花名册"),
		f.MergeCell("Sheet1", "A1", "D1"),
		f.SetSheetRow("Sheet1", "A2", &[]any{"姓名", "出生日期", "社区", "性别"}),
		f.SetSheetRow("Sheet1", "A3", &[]any{"周小妹", 43833, "竦秀社区", "女"}), // 2020-01-03
		f.SetSheetRow("Sheet1", "A4", &[]any{"周小弟", "2019年2月1日", "竦秀社区", "男"}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tb, err := importer.ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, tb, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ps := peopleNamed(t, s, ctx, "周小")
	got := map[string]string{}
	for _, p := range ps {
		got[p.Name] = p.BirthDate
	}
	if got["周小妹"] != "2020-01-03" || got["周小弟"] != "2019-02-01" {
		t.Fatalf("birth dates %v", got)
	}
}

func TestImportRejections(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, row, column, msg string
	}{
		{"bad checksum", "王一," + id("1950-01-01", 1)[:17] + "0,,南苑社区,", "身份证号", "校验位"},
		{"scientific", "王二,3.30481E+17,,南苑社区,", "身份证号", "设为“文本”"},
		{"number that lost digits", "王十,330481194503120000,,南苑社区,", "身份证号", "设为“文本”"},
		{"15 digits with a bad date", "王三,330481501301001,,南苑社区,", "身份证号", "15 位旧号码的出生日期"},
		{"bad date", "王四,,,南苑社区,2020-02-30", "出生日期", "不是有效日期"},
		{"future date", "王五,,,南苑社区,2099-01-01", "出生日期", "不能晚于今天"},
		{"unknown community", "王六,,,月亮社区,", "社区", "没有这个社区"},
		{"bad phone", "王七,,87654,南苑社区,", "联系电话", "不是有效"},
		{"no name", "," + id("1950-01-01", 1) + ",,南苑社区,", "姓名", "不能为空"},
		{"birth disagrees with ID", "王八," + id("1950-01-01", 1) + ",,南苑社区,1950-01-02", "出生日期", "与身份证号不符"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, ctx := importFixture(t)
			before := personCount(t, s)
			tb := csvTable(t, "姓名,身份证号,联系电话,社区,出生日期\n张好人,,,南苑社区,\n"+tc.row+"\n")
			res, err := s.Import(ctx, tb, ImportOptions{})
			if !errors.Is(err, ErrInvalid) || len(res.Errors) == 0 {
				t.Fatalf("want rejection, got %+v %v", res, err)
			}
			e := res.Errors[0]
			if e.Row != 3 || e.Column != tc.column || !strings.Contains(e.Message, tc.msg) {
				t.Fatalf("error %+v, want row 3 %s %q", e, tc.column, tc.msg)
			}
			if personCount(t, s) != before {
				t.Fatal("a rejected import wrote rows")
			}
		})
	}
}

func TestImportConvertsFifteenDigitIDs(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	tb := csvTable(t, "姓名,身份证号,社区\n李老伯,610104620927690,南苑社区\n周阿姨,"+id("1950-01-01", 2)+",南苑社区\n")
	res, err := s.Import(ctx, tb, ImportOptions{})
	if err != nil || res.Added != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	if len(res.Notices) != 1 || res.Notices[0].Row != 2 || res.Notices[0].Value != "610104620927690" ||
		!strings.Contains(res.Notices[0].String(), "已按 GB 11643 转换为 18 位：610104196209276908") {
		t.Fatalf("notices %+v", res.Notices)
	}
	ps := peopleNamed(t, s, ctx, "李老伯")
	if len(ps) != 1 {
		t.Fatalf("people %+v", ps)
	}
	n, _, err := s.RevealPerson(ctx, ps[0].ID)
	if err != nil || n != "610104196209276908" || ps[0].BirthDate != "1962-09-27" || ps[0].Sex != Female {
		t.Fatalf("kept %s %+v %v", n, ps[0], err)
	}
}

func TestImportOneBadRowAmongThousandChangesNothing(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	var b strings.Builder
	b.WriteString("姓名,身份证号,社区\n")
	for i := 0; i < 1000; i++ {
		num := MakeID("330481", time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), 100)
		if i == 777 {
			num = num[:17] + string("0123456789"[(int(num[17]-'0')+1)%10]) // damaged check digit
			if num[17] == 'X' {
				num = num[:17] + "1"
			}
		}
		fmt.Fprintf(&b, "居民%d,%s,赞山社区\n", i, num)
	}
	before := personCount(t, s)
	res, err := s.Import(ctx, csvTable(t, b.String()), ImportOptions{})
	if err == nil || len(res.Errors) != 1 || res.Errors[0].Row != 779 {
		t.Fatalf("want one error on row 779: %+v %v", res.Errors, err)
	}
	if personCount(t, s) != before {
		t.Fatal("rows were written")
	}
}

func TestImportDuplicatesAndUndo(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	existing := peopleNamed(t, s, ctx, "王秀英")[0]
	sheet := "姓名,身份证号,联系电话,社区,地址\n" +
		existing.Name + "," + existing.IDNumber + ",,赞山社区,新地址 1 号\n" +
		"新居民,,13911112222,赞山社区,\n" +
		"新居民,,13911112222,赞山社区,重复行\n"
	t.Run("stop names both duplicates", func(t *testing.T) {
		res, err := s.Import(ctx, csvTable(t, sheet), ImportOptions{OnDuplicate: DupStop})
		if err == nil || len(res.Errors) != 2 {
			t.Fatalf("stop: %+v %v", res, err)
		}
	})
	t.Run("a dry run that skips writes nothing", func(t *testing.T) {
		res, err := s.Import(ctx, csvTable(t, sheet), ImportOptions{OnDuplicate: DupSkip, DryRun: true})
		if err != nil || res.Added != 1 || res.Skipped != 2 || res.BatchID != 0 {
			t.Fatalf("dry run skip: %+v %v", res, err)
		}
	})
	before := personCount(t, s)
	res, err := s.Import(ctx, csvTable(t, sheet), ImportOptions{OnDuplicate: DupUpdate})
	if err != nil || res.Added != 1 || res.Updated != 1 {
		t.Fatalf("update: %+v %v", res, err)
	}
	t.Run("update changes the existing resident", func(t *testing.T) {
		got, err := s.Person(ctx, existing.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Address != "新地址 1 号" || personCount(t, s) != before+1 {
			t.Fatalf("address %q, people %d -> %d", got.Address, before, personCount(t, s))
		}
	})
	t.Run("undo restores both", func(t *testing.T) {
		if err := s.UndoImport(ctx, res.BatchID); err != nil {
			t.Fatal(err)
		}
		got, err := s.Person(ctx, existing.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Address != existing.Address || personCount(t, s) != before {
			t.Fatalf("undo: address %q, people %d", got.Address, personCount(t, s))
		}
		mustCheck(t, s)
	})
	t.Run("a second undo is refused", func(t *testing.T) {
		if err := s.UndoImport(ctx, res.BatchID); !errors.Is(err, ErrConflict) {
			t.Fatalf("second undo: %v", err)
		}
	})
}

func TestImportEditedAfterwardsCannotBeUndone(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	res, err := s.Import(ctx, csvTable(t, "姓名,社区\n后来改过,新苑社区\n"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := peopleNamed(t, s, ctx, "后来改过")[0]
	s.SetClock(func() time.Time { return fixedNow.Add(time.Hour) })
	p.Notes = "导入后补充"
	if _, err := s.SavePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoImport(ctx, res.BatchID); !errors.Is(err, ErrConflict) {
		t.Fatalf("undo after an edit: %v", err)
	}
	mustCheck(t, s)
}

func TestImportVolunteers(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	sheet := "姓名,手机,社区,志愿者类别,技能,可服务时间\n" +
		"陈美华,13700001111,竦秀社区,美食达人、巾帼志愿者,烹饪,周一至周五\n" +
		"顾建国,13700002222,竦秀社区,党员,驾驶、维修,周末\n"
	res, err := s.Import(ctx, csvTable(t, sheet), ImportOptions{Kind: ImportVolunteers})
	if err != nil || res.Added != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	vs, err := s.Volunteers(ctx, VolunteerFilter{Kind: "美食达人", Query: "陈美华"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Person.Name != "陈美华" || WeekdaysString(vs[0].Weekdays) != "工作日" || !strings.HasPrefix(vs[0].Number, "ZY-") {
		t.Fatalf("volunteers %+v", vs)
	}
	if err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if vs, err := s.Volunteers(ctx, VolunteerFilter{Query: "陈美华"}); err != nil || len(vs) != 0 {
		t.Fatalf("undo left the volunteer: %v %v", vs, err)
	}
}

func TestParseWeekdays(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"每天": "每天", "周一至周五": "工作日", "星期六、星期日": "周末", "周二,周四": "周二、周四",
		"周一到周三": "周一、周二、周三", "": ""} {
		w, err := ParseWeekdays(in)
		if err != nil || WeekdaysString(w) != want {
			t.Errorf("ParseWeekdays(%q) = %q, %v; want %q", in, WeekdaysString(w), err, want)
		}
	}
	for _, bad := range []string{"周八", "周五至周一", "有空就来"} {
		if _, err := ParseWeekdays(bad); err == nil {
			t.Errorf("ParseWeekdays(%q) accepted", bad)
		}
	}
}

func TestImportRoles(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	mustCommunity(t, s, mustOffice(t, s), "南苑社区")
	for _, u := range []string{"viewer", "workshop"} {
		_, err := s.Import(as(t, s, u), csvTable(t, "姓名,社区\n甲,南苑社区\n"), ImportOptions{})
		if !errors.Is(err, ErrForbidden) {
			t.Errorf("%s import: %v", u, err)
		}
	}
}

// The import history names who imported by display name.
func TestImportBatchesNameTheAccount(t *testing.T) {
	s, _ := importFixture(t)
	ctx := as(t, s, "admin") // user name admin, display name 管理员
	tb := csvTable(t, "姓名,身份证号,所属社区\n李大伯,"+id("1950-01-09", 11)+",南苑社区\n")
	if _, err := s.Import(ctx, tb, ImportOptions{FileName: "a.csv"}); err != nil {
		t.Fatal(err)
	}
	bs, err := s.ImportBatches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 || bs[0].By != "管理员" {
		t.Fatalf("batches %+v", bs)
	}
}
