package data

import (
	"context"
	"database/sql"
	"fmt"
)

// Students' applications for a season and their states (posts_rules.go has the state list).

// ApplicationFilter narrows a list of applications; zero values match everything.
type ApplicationFilter struct {
	Season   int
	PostID   int64
	State    AppState
	ID       int64
	PersonID int64
}

const applicationColumns = `a.id, a.season, a.person_id, p.name, coalesce(p.birth_date, ''), a.school, a.grade, coalesce(a.guardian_id, 0),
	coalesce(g.name, ''), a.consent_day, a.consent_by, a.consent_how, a.guardian_present, a.state, a.reason, coalesce(a.post_id, 0),
	coalesce(x.title, ''), coalesce(s.name, ''), a.placed_rank, a.hardship, a.eval_grade, a.eval_remark, coalesce(a.certificate_id, 0),
	(SELECT coalesce(sum(t.minutes), 0) FROM post_timesheet t WHERE t.application_id = a.id)
	FROM post_application a JOIN person p ON p.id = a.person_id LEFT JOIN person g ON g.id = a.guardian_id
	LEFT JOIN post x ON x.id = a.post_id LEFT JOIN shop s ON s.id = x.shop_id`

func scanApplication(sc rowScanner) (Application, error) {
	var a Application
	var present int
	err := sc.Scan(&a.ID, &a.Season, &a.PersonID, &a.Student, &a.BirthDate, &a.School, &a.Grade, &a.GuardianID, &a.Guardian,
		&a.Consent.Day, &a.Consent.By, &a.Consent.How, &present, &a.State, &a.Reason, &a.PostID, &a.Post, &a.Shop, &a.PlacedRank,
		&a.Hardship, &a.EvalGrade, &a.EvalRemark, &a.CertificateID, &a.Minutes)
	a.GuardianPresent = present == 1
	return a, err
}

// findApplications lists applications by student name, with their choices.
func findApplications(ctx context.Context, q querier, f ApplicationFilter) ([]Application, error) {
	var w where
	if f.Season != 0 {
		w.add("a.season = ?", f.Season)
	}
	if f.PostID != 0 {
		w.add("a.post_id = ?", f.PostID)
	}
	if f.State != "" {
		w.add("a.state = ?", string(f.State))
	}
	if f.ID != 0 {
		w.add("a.id = ?", f.ID)
	}
	if f.PersonID != 0 {
		w.add("a.person_id = ?", f.PersonID)
	}
	out, err := queryAll(ctx, q, scanApplication, "SELECT "+applicationColumns+w.String()+" ORDER BY a.season, p.name, a.id", w.args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	at := map[int64]int{}
	for i, a := range out {
		at[a.ID] = i
	}
	var cw where
	if f.Season != 0 {
		cw.add("a.season = ?", f.Season)
	}
	if f.ID != 0 {
		cw.add("a.id = ?", f.ID)
	}
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var id, post int64
		if err := sc.Scan(&id, &post); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			out[i].Choices = append(out[i].Choices, post)
		}
		return nil
	}, "SELECT c.application_id, c.post_id FROM post_choice c JOIN post_application a ON a.id = c.application_id"+cw.String()+
		" ORDER BY c.application_id, c.rank", cw.args...)
	return out, err
}

func findApplication(ctx context.Context, q querier, id int64) (Application, error) {
	out, err := findApplications(ctx, q, ApplicationFilter{ID: id})
	if err != nil {
		return Application{}, mapErr(err, "报名")
	}
	if len(out) == 0 {
		return Application{}, notFound("这份报名")
	}
	return out[0], nil
}

// Applications lists applications by student name.
func (s *Store) Applications(ctx context.Context, f ApplicationFilter) ([]Application, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findApplications(ctx, s.db, f)
	return out, mapErr(err, "报名")
}

// Application reads one application.
func (s *Store) Application(ctx context.Context, id int64) (Application, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Application{}, err
	}
	return findApplication(ctx, s.db, id)
}

// SaveApplication records a student's application (ID 0, state 报名) or changes one that is not yet
// matched. The posts must be of the application's season; a guardian must be the student's.
func (s *Store) SaveApplication(ctx context.Context, ap Application) (int64, error) {
	ap.Normalize()
	if err := ap.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		if err := checkApplicationLinks(ctx, tx, ap); err != nil {
			return err
		}
		var guardian any
		if ap.GuardianID != 0 {
			guardian = ap.GuardianID
		}
		present := 0
		if ap.GuardianPresent {
			present = 1
		}
		if ap.ID == 0 {
			res, err := execSQL(ctx, tx, `INSERT INTO post_application (season, person_id, school, grade, guardian_id, consent_day, consent_by,
				consent_how, guardian_present, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ap.Season, ap.PersonID,
				ap.School, ap.Grade, guardian, ap.Consent.Day, ap.Consent.By, ap.Consent.How, present, string(AppApplied), s.stamp(), s.stamp())
			if err != nil {
				return mapErr(err, fmt.Sprintf("%d 年的报名（每名学生每年一份）", ap.Season))
			}
			if ap.ID, err = lastID(res); err != nil {
				return err
			}
		} else {
			old, err := findApplication(ctx, tx, ap.ID)
			if err != nil {
				return err
			}
			if old.State != AppApplied && old.State != AppReviewed {
				return &Error{Code: CodeConflict, Message: "报名已" + string(old.State) + "，不能再修改志愿"}
			}
			if _, err := execSQL(ctx, tx, `UPDATE post_application SET school = ?, grade = ?, guardian_id = ?, consent_day = ?, consent_by = ?,
				consent_how = ?, guardian_present = ?, updated_at = ? WHERE id = ?`, ap.School, ap.Grade, guardian, ap.Consent.Day, ap.Consent.By,
				ap.Consent.How, present, s.stamp(), ap.ID); err != nil {
				return mapErr(err, "报名")
			}
			if _, err := execSQL(ctx, tx, "DELETE FROM post_choice WHERE application_id = ?", ap.ID); err != nil {
				return mapErr(err, "志愿")
			}
		}
		for i, post := range ap.Choices {
			if _, err := execSQL(ctx, tx, "INSERT INTO post_choice (application_id, rank, post_id) VALUES (?, ?, ?)", ap.ID, i+1, post); err != nil {
				return mapErr(err, "志愿")
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, "爱心岗位报名", ap.ID, fmt.Sprintf("保存 %d 年报名（%d 个志愿）", ap.Season, len(ap.Choices)))
	})
	return ap.ID, err
}

// checkApplicationLinks checks that the student exists, that every chosen post is of the season
// and that a guardian named is one of the student's.
func checkApplicationLinks(ctx context.Context, q querier, ap Application) error {
	if _, err := queryOne(ctx, q, scanValue[int64], "SELECT id FROM person WHERE id = ? AND erased_at IS NULL", ap.PersonID); err != nil {
		if err == sql.ErrNoRows {
			return notFound("学生")
		}
		return mapErr(err, "学生")
	}
	for i, id := range ap.Choices {
		season, err := queryOne(ctx, q, scanValue[int], "SELECT season FROM post WHERE id = ?", id)
		if err == sql.ErrNoRows {
			return notFound(fmt.Sprintf("第%d志愿的岗位", i+1))
		} else if err != nil {
			return mapErr(err, "岗位")
		}
		if season != ap.Season {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: fmt.Sprintf("第%d志愿", i+1), Message: fmt.Sprintf("不是 %d 年的岗位", ap.Season)}}}
		}
	}
	if ap.GuardianID != 0 {
		n, err := queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM guardian WHERE child_id = ? AND guardian_id = ?", ap.PersonID, ap.GuardianID)
		if err != nil {
			return mapErr(err, "监护人")
		}
		if n == 0 {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "监护人", Message: "不是该学生登记的监护人"}}}
		}
	}
	return nil
}

// appTransitions are the changes of state made by hand; 已录用 and 未录用 come from the matching
// and the waiting list only.
var appTransitions = map[AppState][]AppState{
	AppApplied:  {AppReviewed, AppStopped},
	AppReviewed: {AppStopped},
	AppPlaced:   {AppWorking, AppStopped},
	AppWorking:  {AppCompleted, AppStopped},
	AppUnplaced: {AppStopped},
}

// moveApplication changes an application's state after checking the state machine; extra then
// does the rest of the change in the same transaction (it sees the application as it was).
func (s *Store) moveApplication(ctx context.Context, id int64, to AppState, note string, extra func(tx *sql.Tx, a *Actor, ap Application) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		ap, err := findApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if !inList(string(to), statesText(appTransitions[ap.State])) {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("%s的报名是“%s”，不能改为“%s”", ap.Student, ap.State, to)}
		}
		if _, err := execSQL(ctx, tx, "UPDATE post_application SET state = ?, updated_at = ? WHERE id = ?", string(to), s.stamp(), id); err != nil {
			return mapErr(err, "报名")
		}
		if err := s.audit(ctx, tx, a, ActUpdate, "爱心岗位报名", id, fmt.Sprintf("%s：%s → %s %s", ap.Student, ap.State, to, note)); err != nil {
			return err
		}
		if extra == nil {
			return nil
		}
		return extra(tx, a, ap)
	})
}

func statesText(ss []AppState) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// ReviewApplication marks an application 已审核: it takes part in the season's matching. After the
// season's matching it joins the waiting lists of its posts instead (joinWaitLists).
func (s *Store) ReviewApplication(ctx context.Context, id int64) error {
	return s.moveApplication(ctx, id, AppReviewed, "", func(tx *sql.Tx, a *Actor, ap Application) error {
		matched, err := seasonMatched(ctx, tx, ap.Season)
		if err != nil || !matched {
			return err
		}
		return s.joinWaitLists(ctx, tx, a, ap)
	})
}

// StartPlacement marks a placed student 在岗, checking once more that the placement is lawful.
func (s *Store) StartPlacement(ctx context.Context, id int64) error {
	return s.moveApplication(ctx, id, AppWorking, "", func(tx *sql.Tx, _ *Actor, ap Application) error {
		post, err := findPost(ctx, tx, ap.PostID)
		if err != nil {
			return err
		}
		return LawfulPlacement(post, placementCheck(ap, post))
	})
}

// placementCheck is what the legal guard needs of an application for a post: the age on its
// first day.
func placementCheck(ap Application, p Post) PlacementCheck {
	return PlacementCheck{Age: AgeOn(Person{BirthDate: ap.BirthDate}, p.From), Consent: ap.Consent, GuardianPresent: ap.GuardianPresent}
}

// recheckPlaced checks every student placed in a changed post against the changed post.
func recheckPlaced(ctx context.Context, q querier, p Post) error {
	aps, err := findApplications(ctx, q, ApplicationFilter{PostID: p.ID})
	if err != nil {
		return mapErr(err, "报名")
	}
	for _, ap := range aps {
		if ap.State != AppPlaced && ap.State != AppWorking {
			continue
		}
		if err := LawfulPlacement(p, placementCheck(ap, p)); err != nil {
			return &Error{Code: CodeConflict, Message: "已录用的" + ap.Student + "将不符合规定：" + Message(err)}
		}
	}
	return nil
}
