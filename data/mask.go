package data

import "strings"

// MaskID shows at most the first 6 and last 4 characters of an identity number
// (330481********1234). Anything shorter than 14 characters is masked whole.
func MaskID(s string) string {
	r := []rune(s)
	n := len(r)
	if n == 0 {
		return ""
	}
	if n < 14 {
		return strings.Repeat("*", n)
	}
	return string(r[:6]) + strings.Repeat("*", n-10) + string(r[n-4:])
}

// MaskPhone shows at most the first 3 and last 4 digits of a mobile number (138****5678), and
// of a landline as NormalizePhone writes it its whole area code and the number's last 4 digits
// (0573-****7196, 010-****7196): the area code names a city, not a person. Separators are kept;
// numbers with fewer than 8 digits are masked whole. Masking a masked number changes nothing.
func MaskPhone(s string) string {
	if area, num, ok := strings.Cut(s, "-"); ok && isAreaCode(area) && (len(num) == 7 || len(num) == 8) &&
		strings.Trim(num, "0123456789*") == "" {
		return area + "-" + strings.Repeat("*", len(num)-4) + num[len(num)-4:]
	}
	r := []rune(s)
	digits := 0
	for _, c := range r {
		if c != '-' && c != ' ' {
			digits++
		}
	}
	if digits == 0 {
		return ""
	}
	out := make([]rune, 0, len(r))
	i := 0
	for _, c := range r {
		if c == '-' || c == ' ' {
			out = append(out, c)
			continue
		}
		if digits >= 8 && (i < 3 || i >= digits-4) {
			out = append(out, c)
		} else {
			out = append(out, '*')
		}
		i++
	}
	return string(out)
}

// isAreaCode reports whether s is a Chinese long-distance area code: 0, then 2 or 3 digits not
// starting with 0 (010, 021, 0573).
func isAreaCode(s string) bool {
	if (len(s) != 3 && len(s) != 4) || s[0] != '0' || s[1] == '0' {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}
