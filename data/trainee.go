package data

import (
	"context"
	"database/sql"
	"fmt"
)

// Trainee options.
var (
	DisabilityCategories = []string{"视力", "听力", "言语", "肢体", "智力", "精神", "多重"}
	DisabilityLevels     = []string{"一级", "二级", "三级", "四级"}
	SkillLevels          = []string{"学徒", "熟练", "骨干"}
)

// Trainee is a person learning 硖石灯彩 in the workshop. Disability category and level are
// restricted: only roles with PermRestricted receive them.
type Trainee struct {
	ID                 int64
	PersonID           int64
	Name               string
	Number             string // XY-001
	Nickname           string
	DisabilityCategory string
	DisabilityLevel    string
	SkillLevel         string
	Joined             string
	Active             bool
	Notes              string
	TrainingMinutes    int
}

// DisplayName is the name with the nickname the workshop uses.
func (t Trainee) DisplayName() string {
	if t.Nickname == "" {
		return t.Name
	}
	return t.Name + "（" + t.Nickname + "）"
}

// Trainees lists the workshop's trainees.
func (s *Store) Trainees(ctx context.Context, activeOnly bool) ([]Trainee, error) {
	a, err := s.authorize(ctx, s.db, PermWorkshopView)
	if err != nil {
		return nil, err
	}
	out, err := findTrainees(ctx, s.db, traineeFilter{ActiveOnly: activeOnly})
	if err != nil {
		return nil, mapErr(err, "学员")
	}
	restrictTrainees(a, out)
	return out, nil
}

// restrictTrainees hides the disability fields from callers without PermRestricted.
func restrictTrainees(a *Actor, ts []Trainee) {
	if !a.Role.Can(PermRestricted) {
		for i := range ts {
			ts[i].DisabilityCategory, ts[i].DisabilityLevel = "", ""
		}
	}
}

// traineeFilter narrows findTrainees; zero values match everything.
type traineeFilter struct {
	ActiveOnly bool
	Number     string
}

// findTrainees lists trainees by number, with their training minutes and restricted fields.
func findTrainees(ctx context.Context, q querier, f traineeFilter) ([]Trainee, error) {
	var w where
	if f.ActiveOnly {
		w.add("t.active = 1")
	}
	if f.Number != "" {
		w.add("t.number = ?", f.Number)
	}
	query := `SELECT t.id, t.person_id, p.name, t.number, t.nickname, t.disability_category, t.disability_level, t.skill_level,
		t.joined, t.active, t.notes, coalesce((SELECT sum(ts.minutes) FROM training_attendance ta JOIN training_session ts
		ON ts.id = ta.session_id WHERE ta.trainee_id = t.id), 0) FROM trainee t JOIN person p ON p.id = t.person_id`
	query += w.String()
	return queryAll(ctx, q, func(sc rowScanner) (Trainee, error) {
		var t Trainee
		err := sc.Scan(&t.ID, &t.PersonID, &t.Name, &t.Number, &t.Nickname, &t.DisabilityCategory, &t.DisabilityLevel,
			&t.SkillLevel, &t.Joined, &t.Active, &t.Notes, &t.TrainingMinutes)
		return t, err
	}, query+" ORDER BY t.number", w.args...)
}

// SaveTrainee enrols a person as a trainee (ID 0; the number is given) or updates one.
func (s *Store) SaveTrainee(ctx context.Context, t Trainee) (int64, error) {
	t.Normalize()
	if t.Joined == "" {
		t.Joined = s.Today()
	}
	if err := t.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		now := s.stamp()
		if t.ID == 0 {
			if t.Number, err = nextNumber(ctx, tx, "trainee", "XY-", 3); err != nil {
				return mapErr(err, "学员")
			}
			res, err := execSQL(ctx, tx, `INSERT INTO trainee (person_id, number, nickname, disability_category, disability_level,
				skill_level, joined, active, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
				t.PersonID, t.Number, t.Nickname, t.DisabilityCategory, t.DisabilityLevel, t.SkillLevel, t.Joined, t.Notes, now, now)
			if err != nil {
				return mapErr(err, "该居民的学员登记")
			}
			if t.ID, err = lastID(res); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, ActCreate, "学员", t.ID, "登记学员 "+t.Number)
		}
		res, err := execSQL(ctx, tx, `UPDATE trainee SET nickname = ?, disability_category = ?, disability_level = ?, skill_level = ?,
			joined = ?, active = ?, notes = ?, updated_at = ? WHERE id = ?`, t.Nickname, t.DisabilityCategory, t.DisabilityLevel,
			t.SkillLevel, t.Joined, boolInt(t.Active), t.Notes, now, t.ID)
		if err != nil {
			return mapErr(err, "学员")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("学员")
		}
		return s.audit(ctx, tx, a, ActUpdate, "学员", t.ID, "修改学员档案")
	})
	return t.ID, err
}

// TrainingSession is one lesson of the workshop.
type TrainingSession struct {
	ID       int64
	Day      string
	Topic    string
	Minutes  int
	Teacher  string
	Trainees []int64 // who attended
}

// RecordTraining saves a lesson and who attended, in one transaction.
func (s *Store) RecordTraining(ctx context.Context, ts TrainingSession) (int64, error) {
	ts.Normalize()
	if err := ts.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermWorkshop)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "INSERT INTO training_session (day, topic, minutes, teacher) VALUES (?, ?, ?, ?)", ts.Day, ts.Topic, ts.Minutes, ts.Teacher)
		if err != nil {
			return mapErr(err, "培训")
		}
		if ts.ID, err = lastID(res); err != nil {
			return err
		}
		for _, id := range ts.Trainees {
			if _, err := execSQL(ctx, tx, "INSERT INTO training_attendance (session_id, trainee_id) VALUES (?, ?)", ts.ID, id); err != nil {
				return mapErr(err, "培训出勤")
			}
		}
		return s.audit(ctx, tx, a, ActCreate, "培训", ts.ID, fmt.Sprintf("登记培训 %s（%d 人）", ts.Day, len(ts.Trainees)))
	})
	return ts.ID, err
}
