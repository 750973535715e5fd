package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// rosterCSV is an office's 户籍 sheet: a grandmother at the head of a 低保 household with her
// grandson, a couple with a daughter, and someone living alone.
func rosterCSV(rows ...string) string {
	return "姓名,身份证号,社区,地址,标签,户号,户主,与户主关系\n" + strings.Join(rows, "\n") + "\n"
}

var rosterRows = []string{
	"李秀英," + id("1956-03-02", 12) + ",南苑社区,南苑路12号3幢2单元301室,低保,NY-001,李秀英,本人",
	"王浩宇," + id("2016-05-09", 31) + ",南苑社区,南苑路12号3幢2单元301室,困境儿童,NY-001,李秀英,孙子",
	"陈国强," + id("1976-01-20", 41) + ",南苑社区,文苑路3号5幢101室,,NY-002,陈国强,户主",
	"陈丽萍," + id("1978-07-11", 52) + ",南苑社区,文苑路3号5幢101室,,NY-002,陈国强,妻",
	"陈一诺," + id("2012-09-01", 62) + ",南苑社区,文苑路3号5幢101室,,NY-002,陈国强,长女",
	"张德明," + id("1945-02-14", 71) + ",南苑社区,灯彩巷8号,独居,,,",
}

func TestImportBuildsHouseholds(t *testing.T) {
	t.Parallel()
	s, staff := importFixture(t)
	res, err := s.Import(staff, csvTable(t, rosterCSV(rosterRows...)), ImportOptions{FileName: "户籍.csv"})
	if err != nil {
		t.Fatalf("%v %+v", err, res.Errors)
	}
	hs, err := s.Households(staff, HouseholdFilter{})
	if err != nil || len(hs) != 2 {
		t.Fatalf("households %+v %v", hs, err)
	}
	t.Run("numbers, heads and relations from the sheet", func(t *testing.T) {
		h, err := s.HouseholdByNumber(staff, "NY-002")
		if err != nil || h.Head != "陈国强" || h.Members != 3 || h.Building != "5" || h.Room != "101" {
			t.Fatalf("NY-002 %+v %v", h, err)
		}
		ms, err := s.HouseholdMembers(staff, h.ID, false)
		if err != nil || len(ms) != 3 || ms[1].Relation != "配偶" || ms[2].Relation != "子女" {
			t.Fatalf("members %+v %v", ms, err)
		}
	})
	t.Run("the tag migration places the roster's 低保 on its household", func(t *testing.T) {
		m, err := s.MigrateHouseholdTags(staff)
		if err != nil || m.Moved != 1 || m.Households != 0 {
			t.Fatalf("migration %+v %v", m, err)
		}
		h, err := s.HouseholdByNumber(staff, "NY-001")
		if err != nil || len(h.Attributes) != 1 || h.Attributes[0] != "低保户" {
			t.Fatalf("NY-001 %+v %v", h, err)
		}
	})
	t.Run("undo removes the households", func(t *testing.T) {
		hs, err := s.Households(staff, HouseholdFilter{Kind: "低保户"})
		if err != nil || len(hs) != 1 {
			t.Fatal(err)
		}
		// the migration's attribute is a later record: the batch can no longer be undone
		if err := s.UndoImport(staff, res.BatchID); !errors.Is(err, ErrConflict) {
			t.Fatalf("undo after an attribute: %v", err)
		}
	})
}

func TestImportUndoRemovesItsHouseholds(t *testing.T) {
	t.Parallel()
	s, staff := importFixture(t)
	res, err := s.Import(staff, csvTable(t, rosterCSV(rosterRows[2:5]...)), ImportOptions{FileName: "户籍.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoImport(staff, res.BatchID); err != nil {
		t.Fatal(err)
	}
	hs, err := s.Households(staff, HouseholdFilter{})
	if err != nil || len(hs) != 0 {
		t.Fatalf("after undo %+v %v", hs, err)
	}
	mustCheck(t, s)
}

func TestImportHouseholdErrorsWriteNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, column string
		rows         []string
	}{
		{"no head", "与户主关系", []string{strings.Replace(rosterRows[2], "户主", "子女", 1), rosterRows[3]}},
		{"a second head contradicts the 户主 column", "户主", []string{rosterRows[2], strings.Replace(rosterRows[3], "妻", "户主", 1)}},
		{"unknown relation", "与户主关系", []string{rosterRows[2], strings.Replace(rosterRows[3], "妻", "邻居", 1)}},
		{"head names differ", "户主", []string{rosterRows[2], strings.Replace(rosterRows[3], "NY-002,陈国强", "NY-002,陈国", 1)}},
		{"a relation without a household", "与户主关系", []string{"赵六," + id("1980-01-01", 81) + ",南苑社区,某路1号,,,,子女"}},
		{"a bad row elsewhere", "身份证号", []string{rosterRows[2], rosterRows[3], "错误,123,南苑社区,,,,,"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, staff := importFixture(t)
			before := personCount(t, s)
			res, err := s.Import(staff, csvTable(t, rosterCSV(tc.rows...)), ImportOptions{FileName: "户籍.csv"})
			if !errors.Is(err, ErrInvalid) || len(res.Errors) == 0 || res.Errors[0].Column != tc.column {
				t.Fatalf("%v %+v", err, res.Errors)
			}
			hs, err := s.Households(staff, HouseholdFilter{})
			if err != nil || len(hs) != 0 || personCount(t, s) != before {
				t.Fatalf("something was written: %d households, %v", len(hs), err)
			}
		})
	}
}

func TestImportDoesNotMoveSomeoneOutOfAnotherHousehold(t *testing.T) {
	t.Parallel()
	s, staff := importFixture(t)
	if _, err := s.Import(staff, csvTable(t, rosterCSV(rosterRows[2:4]...)), ImportOptions{FileName: "a.csv"}); err != nil {
		t.Fatal(err)
	}
	again := strings.Replace(rosterRows[3], "NY-002,陈国强,妻", "NY-009,陈丽萍,户主", 1)
	res, err := s.Import(staff, csvTable(t, rosterCSV(again)), ImportOptions{FileName: "b.csv", OnDuplicate: DupSkip})
	if !errors.Is(err, ErrInvalid) || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "NY-002") {
		t.Fatalf("%v %s", err, fmt.Sprint(res.Errors))
	}
}
