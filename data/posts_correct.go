package data

import (
	"context"
	"database/sql"
	"fmt"
)

// Correcting a timesheet: never in place. A 冲销 row with the opposite minutes and a reason points
// at the row it reverses (its service minutes are reversed too), and the day as it was worked is a
// new row, checked like any entry, in the same transaction.

// ReverseTimesheet reverses timesheet row id with a reason and, when fix is not nil, records fix
// (the day as it was worked) in its place. A placement 在岗, or 已完成 before its 社会实践证明 is
// issued, can be corrected. It returns the new row's ID (0 without fix).
func (s *Store) ReverseTimesheet(ctx context.Context, id int64, reason string, fix *Timesheet) (int64, error) {
	if err := checkReason("冲销原因", reason); err != nil {
		return 0, err
	}
	if fix != nil {
		fix.Normalize()
		if err := fix.Validate(); err != nil {
			return 0, err
		}
	}
	var fixed int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		old, err := findTimesheet(ctx, tx, id)
		if err != nil {
			return err
		}
		ap, err := findApplication(ctx, tx, old.ApplicationID)
		if err != nil {
			return err
		}
		if err := correctable(ap, old); err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, `INSERT INTO post_timesheet (application_id, day, start_time, end_time, minutes, signed_by, created_at,
			reverses, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, old.ApplicationID, old.Day, old.Start, old.End, -old.Minutes, old.SignedBy,
			s.stamp(), old.ID, reason)
		if err != nil {
			return mapErr(err, "冲销")
		}
		rev, err := lastID(res)
		if err != nil {
			return err
		}
		if err := reverseMinutes(ctx, tx, s.stamp(), SourcePost, old.ID); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, ActUpdate, "爱心岗位工时", rev, fmt.Sprintf("冲销 %s %s %s–%s（%s）：%s", ap.Student, old.Day, old.Start,
			old.End, hoursText(old.Minutes), reason)); err != nil {
			return err
		}
		if fix == nil {
			return nil
		}
		fix.ApplicationID = old.ApplicationID
		fixed, err = s.writeTimesheet(ctx, tx, a, ap, *fix)
		return err
	})
	return fixed, err
}

// correctable refuses a 冲销 of a 冲销 row, of a row already reversed, and of a placement that is
// over or certified.
func correctable(ap Application, t Timesheet) error {
	switch {
	case t.Reverses != 0:
		return &Error{Code: CodeConflict, Message: "这是一条冲销记录，不能再冲销"}
	case t.Reversed:
		return &Error{Code: CodeConflict, Message: fmt.Sprintf("%s %s 的工时已冲销过", ap.Student, t.Day)}
	case ap.CertificateID != 0:
		return &Error{Code: CodeConflict, Message: ap.Student + "的社会实践证明已开具，请先注销证明再更正工时"}
	case ap.State != AppWorking && ap.State != AppCompleted:
		return &Error{Code: CodeConflict, Message: fmt.Sprintf("%s的报名是“%s”，只能更正在岗或已完成学生的工时", ap.Student, ap.State)}
	}
	return nil
}

const timesheetColumns = `t.id, t.application_id, t.day, t.start_time, t.end_time, t.minutes, t.signed_by, coalesce(t.reverses, 0),
	t.reason, (SELECT count(*) FROM post_timesheet r WHERE r.reverses = t.id) FROM post_timesheet t`

func scanTimesheet(sc rowScanner) (Timesheet, error) {
	var t Timesheet
	var reversed int
	err := sc.Scan(&t.ID, &t.ApplicationID, &t.Day, &t.Start, &t.End, &t.Minutes, &t.SignedBy, &t.Reverses, &t.Reason, &reversed)
	t.Reversed = reversed > 0
	return t, err
}

// findTimesheet reads one timesheet row.
func findTimesheet(ctx context.Context, q querier, id int64) (Timesheet, error) {
	t, err := queryOne(ctx, q, scanTimesheet, "SELECT "+timesheetColumns+" WHERE t.id = ?", id)
	if err == sql.ErrNoRows {
		return Timesheet{}, notFound("这条工时")
	}
	return t, mapErr(err, "工时")
}
