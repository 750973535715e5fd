package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Consent is a guardian's consent to the processing of a child's data (PIPL Art. 31).
type Consent struct {
	Day string // YYYY-MM-DD
	By  string // who gave it, e.g. 母亲 张丽萍
	How string // how: 书面签字, 线上确认 …
}

// Enrollment is a child in a programme.
type Enrollment struct {
	ID          int64
	ProgrammeID int64
	ChildID     int64
	Child       string
	Age         int
	GuardianID  int64
	Guardian    string
	Status      string
	Consent     Consent
	EnrolledAt  string
	Clashes     []string // set by Enroll: other programmes of the child's meeting at the same time (a warning)
}

// Enroll puts a child in a programme: 在读 while there are places, otherwise 候补. A child under 14
// needs the guardian's consent recorded first; the message says why. The enrolment's Clashes warn
// of the child's other programmes meeting at the same time.
func (s *Store) Enroll(ctx context.Context, programmeID, childID, guardianID int64, c Consent) (Enrollment, error) {
	var e Enrollment
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		e, err = s.enroll(ctx, tx, programmeID, childID, guardianID, c)
		if err != nil {
			return err
		}
		if e.Clashes, err = enrolmentClashes(ctx, tx, programmeID, childID); err != nil {
			return mapErr(err, "报名")
		}
		return s.audit(ctx, tx, a, ActCreate, "报名", e.ID, fmt.Sprintf("居民 #%d 报名项目 #%d（%s）", childID, programmeID, e.Status))
	})
	return e, err
}

func (s *Store) enroll(ctx context.Context, tx *sql.Tx, programmeID, childID, guardianID int64, c Consent) (Enrollment, error) {
	e := Enrollment{ProgrammeID: programmeID, ChildID: childID, GuardianID: guardianID, Consent: c}
	child, err := findPerson(ctx, tx, childID)
	if err != nil {
		return e, mapErr(err, "儿童")
	}
	var p Programme
	var active int
	if err := queryRow(ctx, tx, `SELECT name, capacity, age_min, age_max, (SELECT count(*) FROM enrollment WHERE programme_id = p.id AND status = '在读')
		FROM programme p WHERE id = ?`, programmeID).Scan(&p.Name, &p.Capacity, &p.AgeMin, &p.AgeMax, &active); err != nil {
		return e, mapErr(err, "儿童项目")
	}
	e.Child, e.Age = child.Name, child.Age(s.now())
	e.Normalize()
	bad := &Invalid{}
	if e.Age >= 0 && e.Age < 18 && !p.AdmitsAge(e.Age) {
		bad.Add("年龄", "%s %d 岁，不在本项目 %d–%d 岁的范围内", child.Name, e.Age, p.AgeMin, p.AgeMax)
	}
	bad.merge(e.Validate())
	if err := bad.Err(); err != nil {
		return e, err
	}
	e.Status = EnrolActive
	if active >= p.Capacity {
		e.Status = EnrolWaiting
	}
	now := s.stamp()
	res, err := execSQL(ctx, tx, `INSERT INTO enrollment (programme_id, child_id, guardian_id, status, consent_day, consent_by, consent_how, enrolled_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, programmeID, childID, guardianID, e.Status, e.Consent.Day, e.Consent.By, e.Consent.How, now, now)
	if err != nil {
		return e, mapErr(err, child.Name+"在“"+p.Name+"”的报名")
	}
	if e.ID, err = lastID(res); err != nil {
		return e, err
	}
	return e, nil
}

// Withdraw takes a child out of a programme; if a place frees, the first waiting child is offered
// it (moved to 在读) and their name is returned.
func (s *Store) Withdraw(ctx context.Context, enrollmentID int64) (string, error) {
	var promoted string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		if promoted, err = s.withdraw(ctx, tx, enrollmentID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "报名", enrollmentID, "退出项目")
	})
	return promoted, err
}

func (s *Store) withdraw(ctx context.Context, tx *sql.Tx, enrollmentID int64) (string, error) {
	var programme int64
	var status string
	if err := queryRow(ctx, tx, "SELECT programme_id, status FROM enrollment WHERE id = ?", enrollmentID).Scan(&programme, &status); err != nil {
		return "", mapErr(err, "报名")
	}
	if status == EnrolLeft || status == EnrolFinished {
		return "", &Error{Code: CodeConflict, Message: "已经退出或结业"}
	}
	if _, err := execSQL(ctx, tx, "UPDATE enrollment SET status = '退出', updated_at = ? WHERE id = ?", s.stamp(), enrollmentID); err != nil {
		return "", mapErr(err, "报名")
	}
	if status != EnrolActive {
		return "", nil
	}
	var next int64
	var name string
	err := queryRow(ctx, tx, `SELECT e.id, p.name FROM enrollment e JOIN person p ON p.id = e.child_id
		WHERE e.programme_id = ? AND e.status = '候补' ORDER BY e.enrolled_at, e.id LIMIT 1`, programme).Scan(&next, &name)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", mapErr(err, "报名")
	}
	if _, err := execSQL(ctx, tx, "UPDATE enrollment SET status = '在读', updated_at = ? WHERE id = ?", s.stamp(), next); err != nil {
		return "", mapErr(err, "报名")
	}
	return name, nil
}

// Transfer moves a child from one programme to another in one transaction, keeping the consent.
func (s *Store) Transfer(ctx context.Context, enrollmentID, toProgramme int64) (Enrollment, error) {
	var e Enrollment
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		var child, guardian int64
		var c Consent
		if err := queryRow(ctx, tx, "SELECT child_id, coalesce(guardian_id, 0), consent_day, consent_by, consent_how FROM enrollment WHERE id = ?",
			enrollmentID).Scan(&child, &guardian, &c.Day, &c.By, &c.How); err != nil {
			return mapErr(err, "报名")
		}
		if _, err := s.withdraw(ctx, tx, enrollmentID); err != nil {
			return err
		}
		if e, err = s.enroll(ctx, tx, toProgramme, child, guardian, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "报名", e.ID, fmt.Sprintf("转入项目 #%d", toProgramme))
	})
	return e, err
}

// Enrollments lists a programme's children.
func (s *Store) Enrollments(ctx context.Context, programmeID int64) ([]Enrollment, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findEnrollments(ctx, s.db, programmeID, s.now())
	return out, mapErr(err, "报名")
}

// findEnrollments lists a programme's children, 在读 first, then the others, then 候补; ages are
// as of now.
func findEnrollments(ctx context.Context, q querier, programmeID int64, now time.Time) ([]Enrollment, error) {
	return queryAll(ctx, q, func(sc rowScanner) (Enrollment, error) {
		var e Enrollment
		var birth string
		if err := sc.Scan(&e.ID, &e.ProgrammeID, &e.ChildID, &e.Child, &birth, &e.GuardianID, &e.Guardian, &e.Status, &e.Consent.Day,
			&e.Consent.By, &e.Consent.How, &e.EnrolledAt); err != nil {
			return e, err
		}
		e.Age = Person{BirthDate: birth}.Age(now)
		return e, nil
	}, `SELECT e.id, e.programme_id, e.child_id, c.name, c.birth_date, coalesce(e.guardian_id, 0), coalesce(g.name, ''),
		e.status, e.consent_day, e.consent_by, e.consent_how, e.enrolled_at FROM enrollment e JOIN person c ON c.id = e.child_id
		LEFT JOIN person g ON g.id = e.guardian_id WHERE e.programme_id = ? ORDER BY e.status = '候补', e.status <> '在读', e.enrolled_at, e.id`, programmeID)
}

// AttendanceSheet is a programme's attendance: children × held sessions.
type AttendanceSheet struct {
	Children []Enrollment
	Sessions []Session
	Marks    map[[2]int64]string // {session, child} → 出勤/缺勤/请假
}

// AttendanceGrid loads the grid for the children in the programme (在读 and 结业) and its
// sessions that are not cancelled.
func (s *Store) AttendanceGrid(ctx context.Context, programmeID int64) (AttendanceSheet, error) {
	g := AttendanceSheet{Marks: map[[2]int64]string{}}
	es, err := s.Enrollments(ctx, programmeID)
	if err != nil {
		return g, err
	}
	for _, e := range es {
		if e.Status == EnrolActive || e.Status == EnrolFinished {
			g.Children = append(g.Children, e)
		}
	}
	ss, err := s.Sessions(ctx, programmeID)
	if err != nil {
		return g, err
	}
	for _, x := range ss {
		if !x.Cancelled {
			g.Sessions = append(g.Sessions, x)
		}
	}
	err = queryEach(ctx, s.db, func(sc rowScanner) error {
		var sid, cid int64
		var m string
		if err := sc.Scan(&sid, &cid, &m); err != nil {
			return err
		}
		g.Marks[[2]int64{sid, cid}] = m
		return nil
	}, `SELECT a.session_id, a.child_id, a.mark FROM attendance a JOIN session x ON x.id = a.session_id WHERE x.programme_id = ?`, programmeID)
	return g, mapErr(err, "考勤")
}

// NextMark is what one tap on a grid cell makes of a mark: 出勤 → 缺勤 → 请假 → 出勤.
func NextMark(m string) string {
	switch m {
	case "出勤":
		return "缺勤"
	case "缺勤":
		return "请假"
	}
	return "出勤"
}

// SaveAttendance writes marks (session, child → mark) in one transaction, and credits the
// programme's teachers with the session's minutes the first time a session is marked.
func (s *Store) SaveAttendance(ctx context.Context, marks map[[2]int64]string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		st, err := prepare(ctx, tx, `INSERT INTO attendance (session_id, child_id, mark) VALUES (?, ?, ?)
			ON CONFLICT (session_id, child_id) DO UPDATE SET mark = excluded.mark`)
		if err != nil {
			return mapErr(err, "考勤")
		}
		defer st.Close()
		sessions := map[int64]int{} // marks per session
		if err := s.refuseFutureSessions(ctx, tx, marks); err != nil {
			return err
		}
		for k, m := range marks {
			if !inList(m, Marks) {
				return &Error{Code: CodeInvalid, Message: "考勤只能是 出勤、缺勤 或 请假"}
			}
			if _, err := st.ExecContext(ctx, k[0], k[1], m); err != nil {
				return mapErr(err, "考勤")
			}
			sessions[k[0]]++
		}
		now := s.stamp()
		for sid, n := range sessions {
			if err := creditSession(ctx, tx, now, sid); err != nil {
				return err
			}
			// One entry per session: the children's ledger names who recorded it (its 记录人).
			var day, name string
			if err := queryRow(ctx, tx, "SELECT x.day, p.name FROM session x JOIN programme p ON p.id = x.programme_id WHERE x.id = ?", sid).Scan(&day, &name); err != nil {
				return mapErr(err, "场次")
			}
			if err := s.audit(ctx, tx, a, ActUpdate, "考勤", sid, fmt.Sprintf("登记考勤 %d 条（%s %s）", n, name, day)); err != nil {
				return err
			}
		}
		return nil
	})
}

// refuseFutureSessions refuses marks for a session that has not happened yet (or does not exist).
func (s *Store) refuseFutureSessions(ctx context.Context, tx *sql.Tx, marks map[[2]int64]string) error {
	today := s.Today()
	checked := map[int64]bool{}
	for k := range marks {
		if checked[k[0]] {
			continue
		}
		checked[k[0]] = true
		day, err := queryOne(ctx, tx, scanValue[string], "SELECT day FROM session WHERE id = ?", k[0])
		if err != nil {
			return mapErr(err, "场次")
		}
		if day > today {
			return &Error{Code: CodeInvalid, Message: fmt.Sprintf("%s 的活动还没有开始，不能登记考勤", day)}
		}
	}
	return nil
}

// creditSession credits the programme's teachers with a session's minutes, once: a session
// already credited is left alone.
func creditSession(ctx context.Context, tx *sql.Tx, now string, sid int64) error {
	credited, err := queryOne(ctx, tx, scanValue[int], "SELECT count(*) FROM volunteer_minutes WHERE source = ? AND source_id = ?", SourceSession, sid)
	if err != nil || credited > 0 {
		return mapErr(err, "服务时长")
	}
	type credit struct {
		vol     int64
		day     string
		minutes int
	}
	cs, err := queryAll(ctx, tx, func(sc rowScanner) (credit, error) {
		var c credit
		err := sc.Scan(&c.vol, &c.day, &c.minutes)
		return c, err
	}, `SELECT t.volunteer_id, x.day, x.minutes FROM session x JOIN programme_teacher t ON t.programme_id = x.programme_id
		WHERE x.id = ? AND x.cancelled = 0`, sid)
	if err != nil {
		return mapErr(err, "服务时长")
	}
	for _, c := range cs {
		if err := addMinutes(ctx, tx, now, c.vol, c.day, c.minutes, SourceSession, sid); err != nil {
			return err
		}
	}
	return nil
}

// ChildRate is a child's attendance in a programme.
type ChildRate struct {
	Enrollment
	Present, Held int
	Meets         bool // Percent(present, held) ≥ the programme's threshold
}

// Rates computes each child's rate over the sessions held so far (not cancelled, day ≤ today).
func Rates(g AttendanceSheet, thresholdPct int, today string) []ChildRate {
	var out []ChildRate
	held := 0
	for _, x := range g.Sessions {
		if x.Day <= today {
			held++
		}
	}
	for _, c := range g.Children {
		r := ChildRate{Enrollment: c, Held: held}
		for _, x := range g.Sessions {
			if x.Day <= today && g.Marks[[2]int64{x.ID, c.ChildID}] == "出勤" {
				r.Present++
			}
		}
		r.Meets = Completes(r.Present, held, thresholdPct)
		out = append(out, r)
	}
	return out
}

// Today is the store's date.
func (s *Store) Today() string { return s.now().Format("2006-01-02") }
