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

// MaskPhone shows at most the first 3 and last 4 digits of a phone number (138****5678).
// Separators are kept; numbers with fewer than 8 digits are masked whole.
func MaskPhone(s string) string {
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
