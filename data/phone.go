package data

import (
	"regexp"
	"strings"
)

var (
	mobileRe   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	landlineRe = regexp.MustCompile(`^(0[1-9][0-9]{1,2})([1-9][0-9]{6,7})$`)
)

// NormalizePhone folds full-width digits, drops spaces, dashes and brackets and a +86/0086
// prefix, and returns an 11-digit mobile number or a landline as 区号-号码. An empty input is
// allowed (no phone) and returns "".
func NormalizePhone(raw string) (string, error) {
	s := Fold(raw)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '(', ')', '\u00a0', '\u3000', '.':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return "", nil
	}
	switch {
	case strings.HasPrefix(s, "+86"):
		s = s[3:]
	case strings.HasPrefix(s, "0086"):
		s = s[4:]
	case len(s) == 13 && strings.HasPrefix(s, "86"):
		s = s[2:]
	}
	if mobileRe.MatchString(s) {
		return s, nil
	}
	if m := landlineRe.FindStringSubmatch(s); m != nil {
		return m[1] + "-" + m[2], nil
	}
	bad := &Invalid{}
	if allDigits(s) && strings.HasPrefix(s, "1") && len(s) != 11 {
		bad.Add("联系电话", "手机号应为 11 位数字（1 开头），“%s”有 %d 位", raw, len(s))
	} else {
		bad.Add("联系电话", "“%s”不是有效的手机号或带区号的固定电话", raw)
	}
	return "", bad.Err()
}
