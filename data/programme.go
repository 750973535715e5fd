package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Programme kinds, corps roles and attendance marks.
var (
	ProgrammeKinds = []string{"课程", "观察团", "关爱走访", "主题活动"}
	CorpsRoles     = []string{"红领巾民生观察员", "反诈安全领航员", "家风家训传承员"}
	Marks          = []string{"出勤", "缺勤", "请假"}
)

// Enrolment statuses.
const (
	EnrolActive   = "在读"
	EnrolWaiting  = "候补"
	EnrolLeft     = "退出"
	EnrolFinished = "结业"
)

// ConsentAge is the age under which a guardian's consent must be recorded (PIPL Art. 31).
const ConsentAge = 14

// Programme is a class, the corps, a visiting programme or a themed activity.
type Programme struct {
	ID           int64
	Name         string
	Kind         string
	CommunityID  int64
	Community    string
	Place        string
	Capacity     int
	AgeMin       int
	AgeMax       int
	Start, End   string
	Weekdays     uint8
	StartTime    string
	Minutes      int
	SkipDays     []string
	ThresholdPct int
	Organiser    string
	Teachers     []int64
	Enrolled     int
	Waiting      int
}

// SaveProgramme creates (ID 0) or updates a programme.
func (s *Store) SaveProgramme(ctx context.Context, p Programme) (int64, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		if p.ID == 0 {
			res, err := execSQL(ctx, tx, `INSERT INTO programme (name, kind, community_id, place, capacity, age_min, age_max, start_day, end_day,
				weekdays, start_time, minutes, skip_days, threshold_pct, organiser, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.Name, p.Kind, p.CommunityID, p.Place, p.Capacity, p.AgeMin, p.AgeMax, p.Start, p.End, p.Weekdays, p.StartTime, p.Minutes,
				strings.Join(p.SkipDays, "、"), p.ThresholdPct, p.Organiser, s.stamp())
			if err != nil {
				return mapErr(err, "项目“"+p.Name+"”")
			}
			if p.ID, err = lastID(res); err != nil {
				return err
			}
		} else {
			if _, err := execSQL(ctx, tx, `UPDATE programme SET name = ?, kind = ?, community_id = ?, place = ?, capacity = ?, age_min = ?, age_max = ?,
				start_day = ?, end_day = ?, weekdays = ?, start_time = ?, minutes = ?, skip_days = ?, threshold_pct = ?, organiser = ? WHERE id = ?`,
				p.Name, p.Kind, p.CommunityID, p.Place, p.Capacity, p.AgeMin, p.AgeMax, p.Start, p.End, p.Weekdays, p.StartTime, p.Minutes,
				strings.Join(p.SkipDays, "、"), p.ThresholdPct, p.Organiser, p.ID); err != nil {
				return mapErr(err, "项目“"+p.Name+"”")
			}
			if _, err := execSQL(ctx, tx, "DELETE FROM programme_teacher WHERE programme_id = ?", p.ID); err != nil {
				return mapErr(err, "老师")
			}
		}
		for _, v := range p.Teachers {
			if _, err := execSQL(ctx, tx, "INSERT OR IGNORE INTO programme_teacher (programme_id, volunteer_id) VALUES (?, ?)", p.ID, v); err != nil {
				return mapErr(err, "老师")
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, "儿童项目", p.ID, "保存项目 "+p.Name)
	})
	return p.ID, err
}

// Programmes lists programmes with their enrolment counts.
func (s *Store) Programmes(ctx context.Context) ([]Programme, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findProgrammes(ctx, s.db, programmeFilter{})
	return out, mapErr(err, "儿童项目")
}

// programmeFilter narrows findProgrammes; zero values match everything.
type programmeFilter struct {
	ID   int64
	Name string
}

// findProgrammes lists programmes with their enrolment counts, latest ending first.
func findProgrammes(ctx context.Context, q querier, f programmeFilter) ([]Programme, error) {
	var w where
	if f.ID != 0 {
		w.add("p.id = ?", f.ID)
	}
	if f.Name != "" {
		w.add("p.name = ?", f.Name)
	}
	return queryAll(ctx, q, scanProgramme, `SELECT p.id, p.name, p.kind, p.community_id, c.name, p.place, p.capacity, p.age_min, p.age_max, p.start_day,
		p.end_day, p.weekdays, p.start_time, p.minutes, p.skip_days, p.threshold_pct, p.organiser,
		(SELECT count(*) FROM enrollment e WHERE e.programme_id = p.id AND e.status = '在读'),
		(SELECT count(*) FROM enrollment e WHERE e.programme_id = p.id AND e.status = '候补'),
		coalesce((SELECT group_concat(volunteer_id) FROM programme_teacher WHERE programme_id = p.id), '')
		FROM programme p JOIN community c ON c.id = p.community_id`+w.String()+" ORDER BY p.end_day DESC, p.id", w.args...)
}

func scanProgramme(sc rowScanner) (Programme, error) {
	var p Programme
	var skips, teachers string
	if err := sc.Scan(&p.ID, &p.Name, &p.Kind, &p.CommunityID, &p.Community, &p.Place, &p.Capacity, &p.AgeMin, &p.AgeMax, &p.Start, &p.End,
		&p.Weekdays, &p.StartTime, &p.Minutes, &skips, &p.ThresholdPct, &p.Organiser, &p.Enrolled, &p.Waiting, &teachers); err != nil {
		return p, err
	}
	p.SkipDays = splitList(skips)
	for _, t := range strings.Split(teachers, ",") {
		var id int64
		if _, err := fmt.Sscan(t, &id); err == nil {
			p.Teachers = append(p.Teachers, id)
		}
	}
	return p, nil
}

// findProgramme reads one programme.
func findProgramme(ctx context.Context, q querier, id int64) (Programme, error) {
	ps, err := findProgrammes(ctx, q, programmeFilter{ID: id})
	if err != nil {
		return Programme{}, err
	}
	if len(ps) == 0 {
		return Programme{}, notFound("儿童项目")
	}
	return ps[0], nil
}

// ProgrammeByName finds a programme by its name.
func (s *Store) ProgrammeByName(ctx context.Context, name string) (Programme, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Programme{}, err
	}
	ps, err := findProgrammes(ctx, s.db, programmeFilter{Name: name})
	if err != nil {
		return Programme{}, mapErr(err, "儿童项目")
	}
	if len(ps) > 0 {
		return ps[0], nil
	}
	names, err := queryAll(ctx, s.db, scanValue[string], "SELECT name FROM programme ORDER BY end_day DESC, id")
	if err != nil {
		return Programme{}, mapErr(err, "儿童项目")
	}
	return Programme{}, &Error{Code: CodeNotFound, Message: fmt.Sprintf("没有名为“%s”的项目（现有：%s）", name, strings.Join(names, "、"))}
}

// ScheduleDays lists the days a programme's rule gives: its weekdays between start and end, minus
// the skipped dates.
func ScheduleDays(p Programme) []string {
	start, err1 := time.Parse("2006-01-02", p.Start)
	end, err2 := time.Parse("2006-01-02", p.End)
	if err1 != nil || err2 != nil || p.Weekdays == 0 {
		return nil
	}
	var out []string
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		day := d.Format("2006-01-02")
		if p.Weekdays&(1<<((int(d.Weekday())+6)%7)) != 0 && !inList(day, p.SkipDays) {
			out = append(out, day)
		}
	}
	return out
}

// GenerateSessions creates the sessions the rule gives. It is idempotent: existing sessions stay,
// a date whose session was moved or cancelled is never recreated, and a session that has attendance is never touched; sessions without attendance on days the rule
// no longer gives (a newly skipped date) are cancelled. It returns how many were added.
func (s *Store) GenerateSessions(ctx context.Context, programmeID int64) (int, error) {
	var added int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		p, err := findProgramme(ctx, tx, programmeID)
		if err != nil {
			return mapErr(err, "儿童项目")
		}
		days := ScheduleDays(p)
		accounted, err := movedFromDays(ctx, tx, p.ID)
		if err != nil {
			return mapErr(err, "活动场次")
		}
		for _, d := range days {
			if accounted[d] {
				continue // a moved session keeps this date's place in the schedule
			}
			res, err := execSQL(ctx, tx, "INSERT OR IGNORE INTO session (programme_id, day, start_time, minutes) VALUES (?, ?, ?, ?)",
				p.ID, d, p.StartTime, p.Minutes)
			if err != nil {
				return mapErr(err, "活动场次")
			}
			n, err := affected(res)
			if err != nil {
				return err
			}
			added += int(n)
		}
		if _, err := execSQL(ctx, tx, `UPDATE session SET cancelled = 1 WHERE programme_id = ? AND moved_from = '' AND cancelled = 0
			AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = session.id) AND day NOT IN (SELECT value FROM json_each(?))`,
			p.ID, jsonList(days)); err != nil {
			return mapErr(err, "活动场次")
		}
		return s.audit(ctx, tx, a, ActCreate, "活动场次", p.ID, fmt.Sprintf("按规则生成场次，新增 %d 场", added))
	})
	return added, err
}

// movedFromDays is the set of scheduled dates whose session was moved to another day: the
// schedule already accounts for them, so generation never recreates them.
func movedFromDays(ctx context.Context, q querier, programmeID int64) (map[string]bool, error) {
	days, err := queryAll(ctx, q, scanValue[string], "SELECT moved_from FROM session WHERE programme_id = ? AND moved_from <> ''", programmeID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(days))
	for _, d := range days {
		out[d] = true
	}
	return out, nil
}

// Session is one meeting of a programme.
type Session struct {
	ID          int64
	ProgrammeID int64
	Day         string
	StartTime   string
	Minutes     int
	Topic       string
	Cancelled   bool
	MovedFrom   string
	Present     int
}

// Sessions lists a programme's sessions in order.
func (s *Store) Sessions(ctx context.Context, programmeID int64) ([]Session, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findSessions(ctx, s.db, programmeID)
	return out, mapErr(err, "活动场次")
}

// findSessions lists a programme's sessions in order, with how many were present.
func findSessions(ctx context.Context, q querier, programmeID int64) ([]Session, error) {
	return queryAll(ctx, q, func(sc rowScanner) (Session, error) {
		var x Session
		err := sc.Scan(&x.ID, &x.ProgrammeID, &x.Day, &x.StartTime, &x.Minutes, &x.Topic, &x.Cancelled, &x.MovedFrom, &x.Present)
		return x, err
	}, `SELECT id, programme_id, day, start_time, minutes, topic, cancelled, moved_from,
		(SELECT count(*) FROM attendance a WHERE a.session_id = session.id AND a.mark = '出勤') FROM session WHERE programme_id = ? ORDER BY day`, programmeID)
}

// CancelSession cancels one session (its teachers' hours, if any, are reversed).
func (s *Store) CancelSession(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "UPDATE session SET cancelled = 1 WHERE id = ? AND cancelled = 0", id)
		if err != nil {
			return mapErr(err, "活动场次")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return &Error{Code: CodeConflict, Message: "场次不存在或已取消"}
		}
		if err := reverseMinutes(ctx, tx, s.stamp(), SourceSession, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "活动场次", id, "取消场次")
	})
}

// MoveSession moves one session to another day.
func (s *Store) MoveSession(ctx context.Context, id int64, day string) error {
	x := Session{ID: id, Day: day}
	x.Normalize()
	if err := x.Validate(); err != nil {
		return err
	}
	d := x.Day
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "UPDATE session SET moved_from = CASE WHEN moved_from = '' THEN day ELSE moved_from END, day = ? WHERE id = ? AND cancelled = 0",
			d, id)
		if err != nil {
			return mapErr(err, "这一天的场次")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return &Error{Code: CodeConflict, Message: "场次不存在或已取消"}
		}
		return s.audit(ctx, tx, a, ActUpdate, "活动场次", id, "调整场次日期到 "+d)
	})
}

func jsonList(xs []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", x)
	}
	b.WriteByte(']')
	return b.String()
}
