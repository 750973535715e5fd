package data

import (
	"errors"
	"strings"
	"testing"
)

func TestVolunteerUnifiedNumber(t *testing.T) {
	t.Parallel()
	s, ctx := importFixture(t)
	sheet := "姓名,手机,社区,志愿者统一编号\n" +
		"陈美华,13700001111,竦秀社区,zj 3304 0000 1234\n" +
		"顾建国,13700002222,竦秀社区,\n"
	res, err := s.Import(ctx, csvTable(t, sheet), ImportOptions{Kind: ImportVolunteers})
	if err != nil || res.Added != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	vs, err := s.Volunteers(ctx, VolunteerFilter{Query: "陈美华"})
	if err != nil || len(vs) != 1 || vs[0].UnifiedNumber != "ZJ330400001234" {
		t.Fatalf("volunteers %+v %v", vs, err)
	}
	t.Run("kept by the volunteer form", func(t *testing.T) {
		v := vs[0]
		v.Notes = "改了备注"
		if _, err := s.SaveVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		again, err := s.Volunteers(ctx, VolunteerFilter{Query: "陈美华"})
		if err != nil || again[0].UnifiedNumber != "ZJ330400001234" {
			t.Fatalf("after save %+v %v", again, err)
		}
	})
	t.Run("a bad number is refused by row", func(t *testing.T) {
		res, err := s.Import(ctx, csvTable(t, "姓名,社区,统一编号\n新志愿者,竦秀社区,编号？\n"), ImportOptions{Kind: ImportVolunteers})
		if !errors.Is(err, ErrInvalid) || len(res.Errors) != 1 || res.Errors[0].Column != "志愿者统一编号" || res.Errors[0].Row != 2 {
			t.Fatalf("%+v %v", res, err)
		}
	})
	t.Run("one number, one volunteer", func(t *testing.T) {
		gu, err := s.Volunteers(ctx, VolunteerFilter{Query: "顾建国"})
		if err != nil || len(gu) != 1 {
			t.Fatal(gu, err)
		}
		gu[0].UnifiedNumber = "ZJ330400001234"
		if _, err := s.SaveVolunteer(ctx, gu[0]); !errors.Is(err, ErrConflict) {
			t.Fatalf("a second volunteer took the number: %v", err)
		}
	})
	t.Run("the form's rule", func(t *testing.T) {
		v := Volunteer{PersonID: 1, UnifiedNumber: strings.Repeat("1", 33)}
		if err := v.Validate(); err == nil || !strings.Contains(err.Error(), "志愿者统一编号") {
			t.Fatalf("%v", err)
		}
	})
}
