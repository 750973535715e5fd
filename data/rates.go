package data

import "fmt"

// Percent is num/den as a whole percent, rounded half up (2/3 → 67, 30/35 → 86, 1/8 → 13); 0 when
// den is 0. Every rate shown or printed (达标率, 出勤率) goes through it.
func Percent(num, den int) int {
	if den <= 0 || num < 0 {
		return 0
	}
	return (num*200 + den) / (2 * den)
}

// PercentText is the rate as people sign it: the rounded percent with the exact fraction beside
// it, 「86%（30/35）」, or 「—」 when nothing was counted.
func PercentText(num, den int) string {
	if den <= 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%（%d/%d）", Percent(num, den), num, den)
}

// RateText is the rate as a whole percent, 「86%」, or 「—」 when nothing was counted (never 0%
// for a month without deliveries or a programme without sessions).
func RateText(num, den int) string {
	if den <= 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", Percent(num, den))
}

// Completes reports whether present of held sessions meets a threshold in percent: the rate as
// shown (rounded half up) reaches it, so the screen, the list and the certificate agree.
func Completes(present, held, thresholdPct int) bool {
	return held > 0 && Percent(present, held) >= thresholdPct
}

// Pct is the child's attendance rate in whole percent, rounded half up.
func (r ChildRate) Pct() int { return Percent(r.Present, r.Held) }

// LastSessionDay is the day of the sheet's last session that is not cancelled ("" without any).
func (g AttendanceSheet) LastSessionDay() string {
	last := ""
	for _, x := range g.Sessions {
		if !x.Cancelled && x.Day > last {
			last = x.Day
		}
	}
	return last
}

// CheckCompletionDue refuses 结业证书 before the programme's last session has been held.
func CheckCompletionDue(g AttendanceSheet, today string) error {
	last := g.LastSessionDay()
	if last == "" {
		return &Error{Code: CodeInvalid, Message: "项目还没有场次，不能颁发结业证书"}
	}
	if last > today {
		return &Error{Code: CodeInvalid, Message: fmt.Sprintf("项目最后一场在 %s，结业证书要在这之后才能颁发", last)}
	}
	return nil
}
