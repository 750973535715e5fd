package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseID(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in  string
		want      string // normalised number; "" when an error is expected
		sex       string
		birth     string
		errSubstr string
	}{
		{"valid female", "330481194503120026", "330481194503120026", Female, "1945-03-12", ""},
		{"X check digit", "11010519491231002X", "11010519491231002X", Female, "1949-12-31", ""},
		{"lower-case x", "11010519491231002x", "11010519491231002X", Female, "1949-12-31", ""},
		{"full-width digits and spaces", "３３０４８１ １９４５０３１２００２６", "330481194503120026", Female, "1945-03-12", ""},
		{"male", MakeID("330481", time.Date(1950, 6, 1, 0, 0, 0, 0, time.UTC), 13), "", Male, "1950-06-01", ""},
		{"bad check digit", "330481194503120027", "", "", "", "校验位"},
		{"bad date", "330481194502300020", "", "", "", "不是有效日期"},
		{"future birth", MakeID("330481", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 2), "", "", "", "不合理"},
		{"15-digit legacy", "610104620927690", "610104196209276908", Female, "1962-09-27", ""},
		{"15-digit legacy, male", "330481450312001", "330481194503120018", Male, "1945-03-12", ""},
		{"15-digit legacy, bad date", "330481451312001", "", "", "", "15 位旧号码的出生日期“451312”"},
		{"excel scientific", "3.30481E+17", "", "", "", "设为文本"},
		{"too short", "33048119450312", "", "", "", "应为 18 位"},
		{"letters inside", "33048119450312A028", "", "", "", "前 17 位必须是数字"},
		{"bad province", "990481194503120028", "", "", "", "省级行政区划"},
		{"empty", "  ", "", "", "", "不能为空"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, err := ParseID(tc.in, now)
			if tc.errSubstr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errSubstr) {
					t.Fatalf("ParseID(%q) error = %v, want containing %q", tc.in, err, tc.errSubstr)
				}
				if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "身份证号") {
					t.Fatalf("error must be ErrInvalid naming the field, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseID(%q): %v", tc.in, err)
			}
			if tc.want != "" && info.Number != tc.want {
				t.Errorf("number = %s, want %s", info.Number, tc.want)
			}
			if info.Sex != tc.sex || info.Birth.Format("2006-01-02") != tc.birth {
				t.Errorf("sex, birth = %s %s, want %s %s", info.Sex, info.Birth.Format("2006-01-02"), tc.sex, tc.birth)
			}
		})
	}
}

// TestConvertLegacyID checks the conversion against numbers whose 18-digit form is published
// (GB 11643's own example holder, 1962-09-27 in 西安 610104, and the textbook 北京 number), and
// computes the check character independently of IDCheckChar.
func TestConvertLegacyID(t *testing.T) {
	check := func(first17 string) byte { // ISO 7064 MOD 11-2, weight 2^(17-i) mod 11
		sum := 0
		for i := 0; i < 17; i++ {
			sum += int(first17[i]-'0') * ((1 << (17 - i)) % 11)
		}
		return "10X98765432"[sum%11]
	}
	for in, want := range map[string]string{
		"610104620927690": "610104196209276908",
		"110105491231002": "11010519491231002X",
		"330481450312002": "330481194503120026",
	} {
		got, ok := ConvertLegacyID(in)
		if !ok || got != want || check(got[:17]) != got[17] {
			t.Errorf("ConvertLegacyID(%s) = %s %v, want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"61010462092769", "6101046209276901", "61010462092769X", ""} {
		if got, ok := ConvertLegacyID(in); ok {
			t.Errorf("ConvertLegacyID(%q) = %s, want refusal", in, got)
		}
	}
}

func TestPersonNormalizeChecksTypedAgainstID(t *testing.T) {
	base := Person{Name: " 王秀英 ", IDNumber: "330481194503120026", CommunityID: 1, Phone: "+86 138 0000 5678"}
	p := base
	if err := p.Normalize(fixedNow); err != nil {
		t.Fatal(err)
	}
	if p.Name != "王秀英" || p.Sex != Female || p.BirthDate != "1945-03-12" || p.Phone != "13800005678" {
		t.Fatalf("normalised = %+v", p)
	}
	p = base
	p.Sex, p.BirthDate = Male, "1945-03-13"
	err := p.Normalize(fixedNow)
	if err == nil || !strings.Contains(err.Error(), "性别：与身份证号不符") || !strings.Contains(err.Error(), "出生日期：与身份证号不符（证件显示 1945-03-12）") {
		t.Fatalf("want both mismatches named, got %v", err)
	}
	p = Person{}
	err = p.Normalize(fixedNow)
	if err == nil || !strings.Contains(err.Error(), "姓名") || !strings.Contains(err.Error(), "社区") {
		t.Fatalf("want name and community required, got %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, in := range []string{"2020-01-03", "2020/1/3", "2020.1.3", "2020年1月3日", "20200103", "２０２０－０１－０３", " 2020-1-3 "} {
		d, err := ParseDate(in)
		if err != nil || d.Format("2006-01-02") != "2020-01-03" {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, err)
		}
	}
	for _, in := range []string{"2020-02-30", "2020-13-01", "3/1/2020", "昨天", "", "1800-01-01"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
}

func TestAge(t *testing.T) {
	p := Person{BirthDate: "1945-11-28"}
	if a := p.Age(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); a != 80 {
		t.Errorf("day before birthday: age %d, want 80", a)
	}
	if a := p.Age(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); a != 81 {
		t.Errorf("on birthday: age %d, want 81", a)
	}
	if a := (Person{}).Age(fixedNow); a != -1 {
		t.Errorf("unknown birth: %d", a)
	}
}
