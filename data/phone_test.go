package data

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"13800005678", "13800005678", ""},
		{"138 0000 5678", "13800005678", ""},
		{"１３８００００５６７８", "13800005678", ""},
		{"+86 138-0000-5678", "13800005678", ""},
		{"008613800005678", "13800005678", ""},
		{"8613800005678", "13800005678", ""},
		{"0573-87012345", "0573-87012345", ""},
		{"(0573) 8701 2345", "0573-87012345", ""},
		{"", "", ""},
		{"1380000567", "", "11 位"},
		{"12800005678", "", "不是有效"},
		{"电话", "", "不是有效"},
	}
	for _, tc := range tests {
		got, err := NormalizePhone(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "联系电话") {
				t.Errorf("NormalizePhone(%q) err = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestMask(t *testing.T) {
	if got := MaskID("330481194503121234"); got != "330481********1234" {
		t.Errorf("MaskID = %s", got)
	}
	if got := MaskPhone("13856785678"); got != "138****5678" {
		t.Errorf("MaskPhone = %s", got)
	}
	if MaskID("12345") != "*****" || MaskPhone("1234567") != "*******" || MaskID("") != "" {
		t.Error("short values must be masked whole")
	}
	if MaskID(MaskID("330481194503121234")) != "330481********1234" {
		t.Error("masking must be idempotent")
	}
}

func TestMaskPhoneKeepsTheAreaCodeOfALandline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0573-87017196", "0573-****7196"},   // 4-digit area code, 8-digit number
		{"010-87017196", "010-****7196"},     // 3-digit area code
		{"0573-8701719", "0573-***1719"},     // 7-digit number
		{"0573-****7196", "0573-****7196"},   // masking twice changes nothing
		{"00573-87017196", "005**-****7196"}, // not an area code: first 3 and last 4 only
		{"0573-870171961", "057*-*****1961"}, // not a landline number: first 3 and last 4 only
	}
	for _, tc := range tests {
		if got := MaskPhone(tc.in); got != tc.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// revealed counts characters of s shown as they are (not '*').
func revealed(s string) int { return utf8.RuneCountInString(s) - strings.Count(s, "*") }

func FuzzMaskID(f *testing.F) {
	for _, s := range []string{"330481194503121234", "", "1", "33048119450312123X", "中文名字", "3304811945031212345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := MaskID(s)
		if utf8.RuneCountInString(m) != utf8.RuneCountInString(s) {
			t.Fatalf("length changed: %q -> %q", s, m)
		}
		if n := revealed(m) - strings.Count(s, "*"); n > 10 {
			t.Fatalf("MaskID(%q) = %q reveals %d characters", s, m, n)
		}
	})
}

func FuzzMaskPhone(f *testing.F) {
	for _, s := range []string{"13856785678", "0573-87012345", "010-8701234", "", "12", "+86 138 5678 5678", "0573-****2345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := MaskPhone(s)
		shown := 0
		for _, r := range m {
			if r != '*' && r != '-' && r != ' ' {
				shown++
			}
		}
		limit := 7 // 3 + 4 of a mobile number
		if area, _, ok := strings.Cut(m, "-"); ok && isAreaCode(area) {
			limit = len(area) + 4 // a landline's area code (a city, not a person) and 4 digits
		}
		if shown > limit {
			t.Fatalf("MaskPhone(%q) = %q reveals %d characters", s, m, shown)
		}
		if again := MaskPhone(m); again != m {
			t.Fatalf("masking twice: %q -> %q -> %q", s, m, again)
		}
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"13800005678", "+86 138-0000-5678", "0573-87012345", "１３８", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizePhone(s)
		if err != nil {
			return
		}
		if got == "" {
			return
		}
		if !mobileRe.MatchString(got) && !strings.Contains(got, "-") {
			t.Fatalf("NormalizePhone(%q) = %q, not a normal form", s, got)
		}
		again, err := NormalizePhone(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, got, again, err)
		}
	})
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"330481194503120028", "11010519491231002X", "3.30481E+17", "330481450312002", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info, err := ParseID(s, fixedNow)
		if err != nil {
			return
		}
		if len(info.Number) != 18 || IDCheckChar(info.Number) != info.Number[17] {
			t.Fatalf("accepted %q as %q", s, info.Number)
		}
		if again, err := ParseID(info.Number, fixedNow); err != nil || again.Number != info.Number {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-01-03", "2020年1月3日", "2020.1.3", "20200103", "2020/13/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if again, err := ParseDate(d.Format("2006-01-02")); err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v does not round-trip", s, d)
		}
	})
}
