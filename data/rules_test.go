package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// The rules on the saved types, checked without a database: each case names the fields that must
// be reported (none: valid).

// ruleValidator is any saved type's rules.
type ruleValidator interface{ Validate() error }

type ruleCase struct {
	name   string
	value  ruleValidator
	fields []string // the fields reported, in order; nil: valid
}

func ruleFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want an invalid-input *Error, got %T %v", err, err)
	}
	var out []string
	for _, f := range e.Fields {
		if f.Message == "" {
			t.Errorf("field %s has no message", f.Field)
		}
		out = append(out, f.Field)
	}
	return out
}

func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ruleFields(t, tc.value.Validate()); !slices.Equal(got, tc.fields) {
				t.Errorf("fields = %v, want %v", got, tc.fields)
			}
		})
	}
}

func TestVolunteerRules(t *testing.T) {
	v := Volunteer{PersonID: 1, Kinds: []string{"党员", " 党员", "学生"}, Joined: "2026.3.1"}
	v.Normalize()
	if !slices.Equal(v.Kinds, []string{"党员", "学生"}) || v.Joined != "2026-03-01" || !v.Active {
		t.Errorf("normalized volunteer = %+v", v)
	}
	runRules(t, []ruleCase{
		{"valid", v, nil},
		{"no person", Volunteer{}, []string{"居民"}},
		{"bad joining day", Volunteer{PersonID: 1, Joined: "去年"}, []string{"加入日期"}},
	})
}

func TestPlaceNameRules(t *testing.T) {
	long := strings.Repeat("长", 41)
	runRules(t, []ruleCase{
		{"community", Community{Name: "南苑社区"}, nil},
		{"community without a name", Community{}, []string{"社区名称"}},
		{"grid with a long name", Grid{Name: long}, []string{"网格名称"}},
	})
}

func TestGuardianLinkRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"mother", GuardianLink{ChildID: 1, GuardianID: 2, Relation: "母亲"}, nil},
		{"own guardian", GuardianLink{ChildID: 1, GuardianID: 1, Relation: "母亲"}, []string{"监护人"}},
		{"neighbour", GuardianLink{ChildID: 1, GuardianID: 2, Relation: "邻居"}, []string{"关系"}},
	})
}

func TestCertificateRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", Certificate{Kind: CertVolunteer, PersonID: 1, From: "2026-01-01", To: "2026-06-30"}, nil},
		{"no person", Certificate{Kind: CertVolunteer, From: "2026-01-01", To: "2026-06-30"}, []string{"对象"}},
		{"reversed period", Certificate{Kind: CertTraining, PersonID: 1, From: "2026-06-30", To: "2026-01-01"}, []string{"期间"}},
	})
	if err := (Certificate{Kind: "奖状", PersonID: 1, From: "2026-01-01", To: "2026-01-02"}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestUserRules(t *testing.T) {
	runRules(t, []ruleCase{
		{"valid", User{Username: "wangxy", DisplayName: "王秀英", Role: RoleStaff}, nil},
		{"short username", User{Username: "w", Role: RoleStaff}, []string{"用户名"}},
		{"username with a space", User{Username: "wang xy", Role: RoleStaff}, []string{"用户名"}},
		{"long display name", User{Username: "wangxy", DisplayName: strings.Repeat("王", 21), Role: RoleStaff}, []string{"姓名"}},
		{"unknown role", User{Username: "wangxy", Role: "超级管理员"}, []string{"角色"}},
	})
}

func TestCheckReasonAndDateParam(t *testing.T) {
	if got := ruleFields(t, checkReason("冲销原因", " 错 ")); !slices.Equal(got, []string{"冲销原因"}) {
		t.Errorf("one-character reason: %v", got)
	}
	if err := checkReason("冲销原因", "客户退货"); err != nil {
		t.Errorf("a reason: %v", err)
	}
	if d, err := dateParam("新日期", "2026年3月5日"); err != nil || d != "2026-03-05" {
		t.Errorf("dateParam = %q, %v", d, err)
	}
	if got := ruleFields(t, func() error { _, err := dateParam("新日期", "周五"); return err }()); !slices.Equal(got, []string{"新日期"}) {
		t.Errorf("dateParam of 周五: %v", got)
	}
}

func TestOfficeRules(t *testing.T) {
	o := Office{Name: "　硖石街道办事处 ", Phone: "0573-8708 1234"}
	o.Normalize()
	if o.Name != "硖石街道办事处" || o.Phone != "0573-87081234" {
		t.Errorf("normalized office = %+v", o)
	}
	runRules(t, []ruleCase{
		{"valid", o, nil},
		{"no phone", Office{Name: "硖石街道办事处"}, nil},
		{"no name", Office{}, []string{"单位名称"}},
		{"bad phone", Office{Name: "硖石街道办事处", Phone: "123"}, []string{"单位电话"}},
	})
}
