package data

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// Sex values as stored and printed.
const (
	Male   = "男"
	Female = "女"
)

// IDInfo is what a resident identity card number (GB 11643-1999) tells about its holder.
type IDInfo struct {
	Number string    // 18 characters, check digit upper case
	Region string    // first six digits, the administrative division code
	Birth  time.Time // date of birth (UTC midnight)
	Sex    string    // Male or Female
	Legacy string    // the 15-digit number it was converted from, if it was one
}

// ConvertLegacyID turns a 15-digit number (issued before GB 11643-1999) into the 18-digit number
// of the same card by the standard's rule: the year gains its century, 19, after the six-digit
// region code, and the check character computed over the 17 digits is appended
// (610104620927690 → 610104196209276908). ok is false for anything but 15 digits.
func ConvertLegacyID(s string) (string, bool) {
	if len(s) != 15 || !allDigits(s) {
		return "", false
	}
	first := s[:6] + "19" + s[6:]
	return first + string(IDCheckChar(first)), true
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// provinces lists the first two digits that GB/T 2260 assigns to provinces.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

// Fold turns full-width letters, digits and punctuation into their ordinary forms and trims
// spaces and invisible characters (zero-width spaces, BOMs, non-breaking spaces) from both ends.
func Fold(s string) string {
	s = width.Fold.String(s)
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000':
			return true
		}
		return false
	})
}

// IDCheckChar computes the GB 11643 check character for the first 17 digits.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// ParseID validates an identity card number and returns what it encodes. Full-width digits,
// spaces and a lower-case x are accepted and normalised; a 15-digit number of the old cards
// (still in many elders' records) is converted to its 18-digit number (ConvertLegacyID), which
// is then checked as any other. now bounds the birth date.
func ParseID(raw string, now time.Time) (IDInfo, error) {
	s := strings.ToUpper(strings.Join(strings.Fields(Fold(raw)), ""))
	bad := func(format string, args ...any) (IDInfo, error) {
		return IDInfo{}, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "身份证号", Message: fmt.Sprintf(format, args...)}}}
	}
	legacy := ""
	if n, ok := ConvertLegacyID(s); ok {
		legacy, s = s, n
	}
	switch {
	case s == "":
		return bad("不能为空")
	case strings.ContainsAny(s, "E+.") && len(s) < 18:
		return bad("“%s”像是被 Excel 当成数字的号码，末几位已经丢失；请把该列设为文本后重新录入", raw)
	case len(s) != 18:
		return bad("应为 18 位，现为 %d 位", len([]rune(s)))
	case !allDigits(s[:17]):
		return bad("前 17 位必须是数字")
	case !(s[17] == 'X' || (s[17] >= '0' && s[17] <= '9')):
		return bad("第 18 位必须是数字或 X")
	case !provinces[s[:2]]:
		return bad("前两位“%s”不是有效的省级行政区划代码", s[:2])
	}
	birth, err := time.Parse("20060102", s[6:14])
	if err != nil && legacy != "" {
		return bad("15 位旧号码的出生日期“%s”不是有效日期", legacy[6:12])
	}
	if err != nil {
		return bad("出生日期“%s”不是有效日期", s[6:14])
	}
	if birth.Year() < 1890 || birth.After(now) {
		return bad("出生日期“%s”不合理", birth.Format("2006-01-02"))
	}
	if c := IDCheckChar(s); c != s[17] {
		return bad("校验位不符，请核对号码（按前 17 位计算应为 %c）", c)
	}
	sex := Female
	if (s[16]-'0')%2 == 1 {
		sex = Male
	}
	return IDInfo{Number: s, Region: s[:6], Birth: birth, Sex: sex, Legacy: legacy}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// MakeID builds a valid number from region (6 digits), birth date and a sequence (0–999);
// the sequence's parity decides the sex. Used by the sample data and tests.
func MakeID(region string, birth time.Time, seq int) string {
	first := fmt.Sprintf("%s%s%03d", region, birth.Format("20060102"), seq%1000)
	return first + string(IDCheckChar(first))
}
