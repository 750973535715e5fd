package data

import (
	"regexp"
	"strconv"
	"time"
)

var dateRe = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$`)

// ParseDate reads the date forms offices type: 2020-01-03, 2020/1/3, 2020.1.3, 2020年1月3日 and
// 20200103.
func ParseDate(raw string) (time.Time, error) {
	s := Fold(raw)
	if len(s) == 8 && allDigits(s) {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, invalidf("“%s”不是日期（可写作 2020-01-03、2020/1/3、2020.1.3 或 2020年1月3日）", raw)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, invalidf("“%s”不是有效日期", raw)
	}
	if y < 1890 || y > 2200 {
		return time.Time{}, invalidf("“%s”的年份不合理", raw)
	}
	return t, nil
}

// LocalTime shows a stored time (RFC 3339, whatever its offset) in this computer's local time,
// to the minute: 2026-12-03 23:59. Text that is not such a time is returned as it is.
func LocalTime(stamp string) string { return localStamp(stamp, "2006-01-02 15:04") }

// LocalTimeSeconds is LocalTime to the second, for the audit trail.
func LocalTimeSeconds(stamp string) string { return localStamp(stamp, "2006-01-02 15:04:05") }

func localStamp(stamp, layout string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return stamp
	}
	return t.Local().Format(layout)
}
