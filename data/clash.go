package data

import (
	"context"
	"fmt"
	"time"
)

// ProgrammesClash reports the first day on which two programmes' schedules meet at overlapping
// times ("" when they never do).
func ProgrammesClash(a, b Programme) string {
	if !timesOverlap(a.StartTime, a.Minutes, b.StartTime, b.Minutes) {
		return ""
	}
	days := map[string]bool{}
	for _, d := range ScheduleDays(b) {
		days[d] = true
	}
	for _, d := range ScheduleDays(a) {
		if days[d] {
			return d
		}
	}
	return ""
}

// timesOverlap reports whether two meetings of the same day, each from its start ("15:04") for
// its minutes, overlap; an unreadable start is taken as overlapping (it cannot be ruled out).
func timesOverlap(startA string, minA int, startB string, minB int) bool {
	a, err1 := time.Parse("15:04", startA)
	b, err2 := time.Parse("15:04", startB)
	if err1 != nil || err2 != nil {
		return true
	}
	return a.Before(b.Add(time.Duration(minB)*time.Minute)) && b.Before(a.Add(time.Duration(minA)*time.Minute))
}

// EnrolmentClashes lists the other programmes the child is enrolled in (在读 or 候补) that meet
// at the same time as this one, each as a warning naming the programme, the first day both
// meet, and the times.
func (s *Store) EnrolmentClashes(ctx context.Context, programmeID, childID int64) ([]string, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := enrolmentClashes(ctx, s.db, programmeID, childID)
	return out, mapErr(err, "报名")
}

func enrolmentClashes(ctx context.Context, q querier, programmeID, childID int64) ([]string, error) {
	p, err := findProgramme(ctx, q, programmeID)
	if err != nil {
		return nil, err
	}
	others, err := queryAll(ctx, q, scanValue[int64], `SELECT programme_id FROM enrollment WHERE child_id = ? AND programme_id <> ?
		AND status IN ('在读', '候补') ORDER BY programme_id`, childID, programmeID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range others {
		o, err := findProgramme(ctx, q, id)
		if err != nil {
			return nil, err
		}
		if day := ProgrammesClash(p, o); day != "" {
			out = append(out, fmt.Sprintf("已报名的“%s”与本项目时间冲突：%s 起，%s（%d 分钟）与 %s（%d 分钟）", o.Name, day,
				o.StartTime, o.Minutes, p.StartTime, p.Minutes))
		}
	}
	return out, nil
}
