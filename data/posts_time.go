package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Placed students' days: timesheets under the legal caps, service hours for 志愿/社会实践 posts,
// stopping (and refilling the place from the waiting list), and the evaluation at the end.

// SourcePost is the source of volunteer minutes from a 爱心岗位 timesheet.
const SourcePost = "爱心岗位"

// Timesheet is one day's work of a placed student.
type Timesheet struct {
	ID            int64
	ApplicationID int64
	Day           string
	Start, End    string // HH:MM
	Minutes       int    // computed; negative on a 冲销 row
	SignedBy      string // the supervisor's name
	Reverses      int64  // the row a 冲销 row reverses (0: an entry)
	Reason        string // why the 冲销 was made
	Reversed      bool   // a later 冲销 row reverses this one (filled by queries)
}

// Normalize writes the day in its stored form.
func (t *Timesheet) Normalize() { normDate(&t.Day) }

// Validate checks an entry on its own and computes its minutes.
func (t *Timesheet) Validate() error {
	bad := &Invalid{}
	checkDate(bad, "日期", t.Day, true)
	s, okS := clockMinutes(t.Start)
	e, okE := clockMinutes(t.End)
	if !okS {
		bad.Add("开始时间", "应写作 09:00")
	}
	if !okE {
		bad.Add("结束时间", "应写作 12:00")
	}
	if okS && okE && e <= s {
		bad.Add("结束时间", "应晚于开始时间")
	}
	if len([]rune(t.SignedBy)) < 2 {
		bad.Add("指导人签字", "请填写签认的指导人姓名")
	}
	t.Minutes = e - s
	return bad.Err()
}

// weekOf is the Monday and Sunday of the ISO week of day.
func weekOf(day string) (string, string) {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day, day
	}
	back := (int(d.Weekday()) + 6) % 7
	mon := d.AddDate(0, 0, -back)
	return mon.Format("2006-01-02"), mon.AddDate(0, 0, 6).Format("2006-01-02")
}

// AddTimesheet records a day's work of a student 在岗, within the post's dates. A student under 18
// on that day keeps to the minors' caps (06:00–20:00, 8 h a day, 40 h a week, counting every entry
// of the day and week). Hours of a 志愿 or 社会实践 post count as volunteer service hours.
func (s *Store) AddTimesheet(ctx context.Context, t Timesheet) (int64, error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		ap, err := findApplication(ctx, tx, t.ApplicationID)
		if err != nil {
			return err
		}
		if ap.State != AppWorking {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("%s的报名是“%s”，只有在岗的学生才能登记工时", ap.Student, ap.State)}
		}
		t.ID, err = s.writeTimesheet(ctx, tx, a, ap, t)
		return err
	})
	return t.ID, err
}

// writeTimesheet checks an entry against the post's dates, the student's other entries of the day
// (no overlap) and the minors' caps, writes it, and counts its service hours.
func (s *Store) writeTimesheet(ctx context.Context, tx *sql.Tx, a *Actor, ap Application, t Timesheet) (int64, error) {
	post, err := findPost(ctx, tx, ap.PostID)
	if err != nil {
		return 0, err
	}
	if t.Day < post.From || t.Day > post.To {
		return 0, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "日期", Message: fmt.Sprintf("应在岗位日期 %s 至 %s 内", post.From, post.To)}}}
	}
	if err := checkOverlap(ctx, tx, t); err != nil {
		return 0, err
	}
	if AgeOn(Person{BirthDate: ap.BirthDate}, t.Day) < AdultAge {
		if err := checkMinorEntry(ctx, tx, t); err != nil {
			return 0, err
		}
	}
	res, err := execSQL(ctx, tx, `INSERT INTO post_timesheet (application_id, day, start_time, end_time, minutes, signed_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, t.ApplicationID, t.Day, t.Start, t.End, t.Minutes, t.SignedBy, s.stamp())
	if err != nil {
		return 0, mapErr(err, "工时")
	}
	if t.ID, err = lastID(res); err != nil {
		return 0, err
	}
	if post.Kind.CountsAsService() {
		vol, err := s.studentVolunteer(ctx, tx, ap.PersonID, t.Day)
		if err != nil {
			return 0, err
		}
		if err := addMinutes(ctx, tx, s.stamp(), vol, t.Day, t.Minutes, SourcePost, t.ID); err != nil {
			return 0, err
		}
	}
	return t.ID, s.audit(ctx, tx, a, ActCreate, "爱心岗位工时", t.ID, fmt.Sprintf("%s %s %s–%s（%s），%s签认", ap.Student, t.Day, t.Start, t.End,
		hoursText(t.Minutes), t.SignedBy))
}

// liveTimesheet is the condition on a post_timesheet row t that it is an entry still standing:
// neither a 冲销 row nor reversed by one.
const liveTimesheet = "t.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM post_timesheet r WHERE r.reverses = t.id)"

// checkOverlap refuses an entry whose time overlaps a standing entry of the same student and day.
func checkOverlap(ctx context.Context, q querier, t Timesheet) error {
	got, err := queryAll(ctx, q, func(sc rowScanner) (string, error) {
		var a, b string
		err := sc.Scan(&a, &b)
		return a + "–" + b, err
	}, "SELECT t.start_time, t.end_time FROM post_timesheet t WHERE t.application_id = ? AND t.day = ? AND "+liveTimesheet+
		" AND t.start_time < ? AND t.end_time > ? ORDER BY t.start_time", t.ApplicationID, t.Day, t.End, t.Start)
	if err != nil {
		return mapErr(err, "工时")
	}
	if len(got) > 0 {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "开始时间", Message: fmt.Sprintf("与当天已登记的 %s 重叠（登记错了请先冲销）", got[0])}}}
	}
	return nil
}

// checkMinorEntry checks a minor's entry with the rest of that day and week.
func checkMinorEntry(ctx context.Context, q querier, t Timesheet) error {
	day, err := queryOne(ctx, q, scanValue[int], "SELECT coalesce(sum(minutes), 0) FROM post_timesheet WHERE application_id = ? AND day = ?",
		t.ApplicationID, t.Day)
	if err != nil {
		return mapErr(err, "工时")
	}
	mon, sun := weekOf(t.Day)
	week, err := queryOne(ctx, q, scanValue[int], `SELECT coalesce(sum(t.minutes), 0) FROM post_timesheet t
		JOIN post_application a ON a.id = t.application_id
		WHERE a.person_id = (SELECT person_id FROM post_application WHERE id = ?) AND t.day BETWEEN ? AND ?`, t.ApplicationID, mon, sun)
	if err != nil {
		return mapErr(err, "工时")
	}
	s, _ := clockMinutes(t.Start)
	e, _ := clockMinutes(t.End)
	return minorHours(s, e, day+t.Minutes, week+t.Minutes)
}

// studentVolunteer is the student's volunteer record, made on their first day of service.
func (s *Store) studentVolunteer(ctx context.Context, tx *sql.Tx, personID int64, day string) (int64, error) {
	id, err := queryOne(ctx, tx, scanValue[int64], "SELECT id FROM volunteer WHERE person_id = ?", personID)
	if err == nil {
		return id, nil
	}
	if err != sql.ErrNoRows {
		return 0, mapErr(err, "志愿者")
	}
	return s.writeVolunteer(ctx, tx, Volunteer{PersonID: personID, Joined: day, Notes: "爱心岗位学生"})
}

// Timesheets lists a student's entries and 冲销 rows, by day (a 冲销 row follows the row it reverses).
func (s *Store) Timesheets(ctx context.Context, applicationID int64) ([]Timesheet, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, scanTimesheet, "SELECT "+timesheetColumns+" WHERE t.application_id = ? ORDER BY t.day, t.start_time, t.id",
		applicationID)
	return out, mapErr(err, "工时")
}

// StopApplication stops an application with a reason (中止). When the student held a place, the
// first student on the post's waiting list who may lawfully take it is placed instead; their
// application ID is returned (0 when nobody was).
func (s *Store) StopApplication(ctx context.Context, id int64, reason string) (int64, error) {
	if err := checkReason("中止原因", reason); err != nil {
		return 0, err
	}
	var filled int64
	err := s.moveApplication(ctx, id, AppStopped, "："+reason, func(tx *sql.Tx, a *Actor, ap Application) error {
		if _, err := execSQL(ctx, tx, "UPDATE post_application SET reason = ? WHERE id = ?", reason, id); err != nil {
			return mapErr(err, "报名")
		}
		if ap.State != AppPlaced && ap.State != AppWorking {
			return nil
		}
		ids, err := s.fillFree(ctx, tx, a, ap.PostID)
		if len(ids) > 0 {
			filled = ids[0]
		}
		return err
	})
	return filled, err
}

// CheckEvaluation checks a supervisor's evaluation: one of EvalGrades and a remark of 2 to 200
// characters.
func CheckEvaluation(grade, remark string) error {
	bad := &Invalid{}
	if !inList(grade, EvalGrades) {
		bad.Add("评价等级", "应为 优秀、良好、合格 或 不合格")
	}
	if n := len([]rune(strings.TrimSpace(remark))); n < 2 || n > 200 {
		bad.Add("评语", "应为 2 到 200 个字")
	}
	return bad.Err()
}

// CheckReason checks a reason given for a change (中止, 冲销): at least two characters.
func CheckReason(field, reason string) error { return checkReason(field, reason) }

// CompleteApplication ends a student's placement with the supervisor's evaluation (已完成).
func (s *Store) CompleteApplication(ctx context.Context, id int64, grade, remark string) error {
	if err := CheckEvaluation(grade, remark); err != nil {
		return err
	}
	return s.moveApplication(ctx, id, AppCompleted, "（"+grade+"）", func(tx *sql.Tx, _ *Actor, ap Application) error {
		_, err := execSQL(ctx, tx, "UPDATE post_application SET eval_grade = ?, eval_remark = ? WHERE id = ?", grade, remark, id)
		return mapErr(err, "评价")
	})
}
