package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// 回访 after 已办结, and the categories of concerns.

// FollowUp is one 回访 of a resolved concern.
type ConcernFollowUp struct {
	ConcernID    int64
	Day          string
	Satisfaction string
	Remark       string
	Username     string
}

// FollowUpDays is how many days after 已办结 a 回访 falls due (the setting, default 7).
func (s *Store) FollowUpDays(ctx context.Context) int {
	n := s.SettingInt(ctx, SettingFollowUpDays, DefaultFollowUpDays)
	if n < 0 {
		return DefaultFollowUpDays
	}
	return n
}

// FollowUpsDue lists the resolved concerns whose 回访 is due on the store's day today (or was
// due earlier) and has not been made, oldest first.
func (s *Store) FollowUpsDue(ctx context.Context) ([]Concern, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	days := s.FollowUpDays(ctx)
	last := s.Now().AddDate(0, 0, -days).Format(dayLayout)
	out, err := queryAll(ctx, s.db, scanConcern, "SELECT "+concernColumns+
		" WHERE c.state = ? AND c.followed_up = 0 AND c.resolved_on <= ? ORDER BY c.resolved_on, c.id", string(StateResolved), last)
	return out, mapErr(err, "民情")
}

// FollowUpConcern records the 回访 of a resolved concern. 不满意 reopens it to 办理中 with the
// remark, and the reopening is counted.
func (s *Store) FollowUpConcern(ctx context.Context, id int64, satisfaction, remark string) error {
	satisfaction, remark = strings.TrimSpace(satisfaction), strings.TrimSpace(remark)
	if err := ValidateFollowUp(satisfaction, remark); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		c, err := findConcern(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.State != StateResolved {
			return conflict(c.Number+" 是“"+string(c.State)+"”，只有“已办结”的民情可以回访", nil)
		}
		stamp, day := s.stamp(), s.Now().Format(dayLayout)
		if _, err := execSQL(ctx, tx, "INSERT INTO concern_followup (concern_id, day, satisfaction, remark, username, at) VALUES (?, ?, ?, ?, ?, ?)",
			id, day, satisfaction, remark, a.Username, stamp); err != nil {
			return mapErr(err, "回访")
		}
		if err := tallyFollowUp(ctx, tx, day, satisfaction); err != nil {
			return err
		}
		summary := c.Number + " 回访：" + satisfaction
		if satisfaction == "不满意" {
			if err := retally(ctx, tx, id, func() error {
				_, err := execSQL(ctx, tx, `UPDATE concern SET state = ?, reopened = reopened + 1, resolved_on = '', followed_up = 1,
				updated_at = ? WHERE id = ?`, string(StateInHand), stamp, id)
				return mapErr(err, "民情")
			}); err != nil {
				return err
			}
			if err := addStateChange(ctx, tx, id, StateResolved, StateInHand, stamp, a.Username, "回访不满意，重新办理："+remark); err != nil {
				return err
			}
			summary += "，重新办理"
		} else {
			if _, err := execSQL(ctx, tx, "UPDATE concern SET followed_up = 1, updated_at = ? WHERE id = ?", stamp, id); err != nil {
				return mapErr(err, "民情")
			}
			if err := addStateChange(ctx, tx, id, StateResolved, StateResolved, stamp, a.Username, "回访："+satisfaction+" "+remark); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, "民情", id, summary)
	})
}

// ConcernFollowUps lists a concern's 回访, oldest first.
func (s *Store) ConcernFollowUps(ctx context.Context, id int64) ([]ConcernFollowUp, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (ConcernFollowUp, error) {
		var f ConcernFollowUp
		err := sc.Scan(&f.ConcernID, &f.Day, &f.Satisfaction, &f.Remark, &f.Username)
		return f, err
	}, "SELECT concern_id, day, satisfaction, remark, username FROM concern_followup WHERE concern_id = ? ORDER BY id", id)
	return out, mapErr(err, "回访")
}

// ConcernCategories lists the categories in their order.
func (s *Store) ConcernCategories(ctx context.Context) ([]string, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, scanValue[string], "SELECT name FROM concern_category ORDER BY sort, id")
	return out, mapErr(err, "民情类别")
}

// AddConcernCategory adds a category (管理员 only).
func (s *Store) AddConcernCategory(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	switch n := len([]rune(name)); {
	case n == 0:
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "类别名称", Message: "必填"}}}
	case n > 20:
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "类别名称", Message: "不能超过 20 字"}}}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		id, err := queryOne(ctx, tx, scanValue[int64], `INSERT INTO concern_category (name, sort, created_at)
			VALUES (?, (SELECT coalesce(max(sort), 0) + 1 FROM concern_category), ?) RETURNING id`, name, s.stamp())
		if err != nil {
			return mapErr(err, "类别“"+name+"”")
		}
		return s.audit(ctx, tx, a, ActCreate, "民情类别", id, "新增民情类别："+name)
	})
}

// today is the store's day.
func (s *Store) today() string { return s.Now().Format(dayLayout) }

// dayOf formats a time as the store writes days.
func dayOf(t time.Time) string { return t.Format(dayLayout) }
