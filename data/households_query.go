package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Household attributes and the questions other programmes ask of them: 「困难家庭 on day D?」 for a
// household or for a person (the 共富集市's 帮扶摊位, the 爱心岗位's matching). An answer for a past
// day never changes afterwards: an attribute may end today or later, never before today.

// HouseholdAttributes lists a household's attributes, the whole history, by start.
func (s *Store) HouseholdAttributes(ctx context.Context, householdID int64) ([]HouseholdAttribute, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findHouseholdAttributes(ctx, s.db, householdID)
	return out, mapErr(err, "户属性")
}

func scanAttribute(sc rowScanner) (HouseholdAttribute, error) {
	var a HouseholdAttribute
	err := sc.Scan(&a.ID, &a.HouseholdID, &a.Kind, &a.From, &a.To, &a.Note)
	return a, err
}

const attributeCols = `a.id, a.household_id, a.kind, a.from_day, coalesce(a.to_day, ''), a.note`

func findHouseholdAttributes(ctx context.Context, q querier, householdID int64) ([]HouseholdAttribute, error) {
	return queryAll(ctx, q, scanAttribute, "SELECT "+attributeCols+` FROM household_attribute a WHERE a.household_id = ?
		ORDER BY a.from_day, a.kind, a.id`, householdID)
}

// AddHouseholdAttribute records that an attribute holds for a household from a.From (and, when
// given, until a.To). A period overlapping one of the same kind is refused.
func (s *Store) AddHouseholdAttribute(ctx context.Context, a HouseholdAttribute) (int64, error) {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		act, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		if a.ID, err = s.addAttribute(ctx, tx, a); err != nil {
			return err
		}
		return s.audit(ctx, tx, act, ActCreate, "户属性", a.HouseholdID, fmt.Sprintf("户 #%d 自 %s 起为%s", a.HouseholdID, a.From, a.Kind))
	})
	return a.ID, err
}

// addAttribute writes a validated attribute inside tx.
func (s *Store) addAttribute(ctx context.Context, tx *sql.Tx, a HouseholdAttribute) (int64, error) {
	if _, err := findHousehold(ctx, tx, a.HouseholdID, a.From); err != nil {
		return 0, mapErr(err, "户")
	}
	to := a.To
	if to == "" {
		to = "9999-12-31"
	}
	n, err := queryOne(ctx, tx, scanValue[int], `SELECT count(*) FROM household_attribute WHERE household_id = ? AND kind = ?
		AND from_day <= ? AND (to_day IS NULL OR to_day >= ?)`, a.HouseholdID, a.Kind, to, a.From)
	if err != nil {
		return 0, mapErr(err, "户属性")
	}
	if n > 0 {
		bad := &Invalid{}
		bad.Add("开始日期", "该户在这段时间已登记为%s，期间不能重叠", a.Kind)
		return 0, bad.Err()
	}
	res, err := execSQL(ctx, tx, `INSERT INTO household_attribute (household_id, kind, from_day, to_day, note, created_at)
		VALUES (?, ?, ?, nullif(?, ''), ?, ?)`, a.HouseholdID, a.Kind, a.From, a.To, a.Note, s.stamp())
	if err != nil {
		return 0, mapErr(err, "户属性")
	}
	return lastID(res)
}

// EndHouseholdAttribute ends an open attribute on day (the last day it holds). The day may not be
// before today: what the store answered for a past day stays the answer.
func (s *Store) EndHouseholdAttribute(ctx context.Context, attributeID int64, day string) error {
	day, err := dateParam("结束日期", day)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		act, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		a, err := queryOne(ctx, tx, scanAttribute, "SELECT "+attributeCols+" FROM household_attribute a WHERE a.id = ?", attributeID)
		if err != nil {
			return mapErr(err, "户属性")
		}
		bad := &Invalid{}
		switch {
		case a.To != "":
			bad.Add("结束日期", "该%s已于 %s 结束", a.Kind, a.To)
		case day < a.From:
			bad.Add("结束日期", "不能早于开始日期 %s", a.From)
		case day < s.Today():
			bad.Add("结束日期", "不能早于今天：过去日期上的认定可能已被使用（如摊位分配、岗位匹配），不能倒签")
		}
		if err := bad.Err(); err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "UPDATE household_attribute SET to_day = ? WHERE id = ?", day, a.ID); err != nil {
			return mapErr(err, "户属性")
		}
		return s.audit(ctx, tx, act, ActUpdate, "户属性", a.HouseholdID, fmt.Sprintf("户 #%d 的%s至 %s 结束", a.HouseholdID, a.Kind, day))
	})
}

// kindsArgs checks the kinds asked for and returns them as SQL placeholders and arguments.
func kindsArgs(kinds []string) (string, []any, error) {
	if len(kinds) == 0 {
		kinds = HouseholdAttributeKinds
	}
	args := make([]any, len(kinds))
	for i, k := range kinds {
		if !inList(k, HouseholdAttributeKinds) {
			return "", nil, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "户属性", Message: "“" + k + "”不是户属性"}}}
		}
		args[i] = k
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(kinds)), ", "), args, nil
}

// HouseholdHasAttribute reports whether a household had any of kinds (all when none) on day.
func (s *Store) HouseholdHasAttribute(ctx context.Context, householdID int64, kinds []string, day string) (bool, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return false, err
	}
	return householdHasAttribute(ctx, s.db, householdID, kinds, day)
}

func householdHasAttribute(ctx context.Context, q querier, householdID int64, kinds []string, day string) (bool, error) {
	day, err := dateParam("日期", day)
	if err != nil {
		return false, err
	}
	marks, args, err := kindsArgs(kinds)
	if err != nil {
		return false, err
	}
	ok, err := queryOne(ctx, q, scanValue[bool], `SELECT count(*) > 0 FROM household_attribute WHERE household_id = ? AND kind IN (`+marks+`)
		AND from_day <= ? AND (to_day IS NULL OR to_day >= ?)`, append(append([]any{householdID}, args...), day, day)...)
	return ok, mapErr(err, "户属性")
}

// PersonHasHouseholdAttribute reports whether the household a person lived in on day had any of
// kinds (all when none) on that day. Someone in no household that day has none.
func (s *Store) PersonHasHouseholdAttribute(ctx context.Context, personID int64, kinds []string, day string) (bool, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return false, err
	}
	return personHasHouseholdAttribute(ctx, s.db, personID, kinds, day)
}

// personHasHouseholdAttribute is PersonHasHouseholdAttribute inside a caller's transaction (the
// market's allocation and the posts' matching).
func personHasHouseholdAttribute(ctx context.Context, q querier, personID int64, kinds []string, day string) (bool, error) {
	day, err := dateParam("日期", day)
	if err != nil {
		return false, err
	}
	marks, args, err := kindsArgs(kinds)
	if err != nil {
		return false, err
	}
	ok, err := queryOne(ctx, q, scanValue[bool], `SELECT count(*) > 0 FROM household_member m JOIN household_attribute a
		ON a.household_id = m.household_id WHERE m.person_id = ? AND m.from_day <= ?2 AND (m.to_day IS NULL OR m.to_day > ?2)
		AND a.kind IN (`+marks+`) AND a.from_day <= ?2 AND (a.to_day IS NULL OR a.to_day >= ?2)`,
		append([]any{personID, day}, args...)...)
	return ok, mapErr(err, "户属性")
}

// PeopleWithHouseholdAttribute maps every person whose household had any of kinds (all when
// none) on day to the kinds it had: one query for a whole allocation or matching run.
func (s *Store) PeopleWithHouseholdAttribute(ctx context.Context, kinds []string, day string) (map[int64][]string, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	day, err := dateParam("日期", day)
	if err != nil {
		return nil, err
	}
	out, err := peopleWithHouseholdAttribute(ctx, s.db, kinds, day)
	return out, mapErr(err, "户属性")
}

// peopleWithHouseholdAttribute is PeopleWithHouseholdAttribute on any querier (inside a matching's
// transaction too); day is in its stored form.
func peopleWithHouseholdAttribute(ctx context.Context, q querier, kinds []string, day string) (map[int64][]string, error) {
	marks, args, err := kindsArgs(kinds)
	if err != nil {
		return nil, err
	}
	out := map[int64][]string{}
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var id int64
		var kind string
		if err := sc.Scan(&id, &kind); err != nil {
			return err
		}
		out[id] = append(out[id], kind)
		return nil
	}, `SELECT DISTINCT m.person_id, a.kind FROM household_member m JOIN household_attribute a ON a.household_id = m.household_id
		WHERE m.from_day <= ?1 AND (m.to_day IS NULL OR m.to_day > ?1) AND a.from_day <= ?1 AND (a.to_day IS NULL OR a.to_day >= ?1)
		AND a.kind IN (`+marks+`) ORDER BY m.person_id, a.kind`, append([]any{day}, args...)...)
	return out, err
}

// PersonHousehold returns the household a person lives in on day and their membership;
// ErrNotFound when they live in none.
func (s *Store) PersonHousehold(ctx context.Context, personID int64, day string) (Household, HouseholdMember, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Household{}, HouseholdMember{}, err
	}
	return findPersonHousehold(ctx, s.db, personID, day)
}

func findPersonHousehold(ctx context.Context, q querier, personID int64, day string) (Household, HouseholdMember, error) {
	m, err := queryOne(ctx, q, scanMember, "SELECT "+memberCols+` FROM household_member m JOIN person p ON p.id = m.person_id
		WHERE m.person_id = ? AND m.from_day <= ?2 AND (m.to_day IS NULL OR m.to_day > ?2)`, personID, day)
	if err != nil {
		return Household{}, m, mapErr(err, "所在的户")
	}
	h, err := findHousehold(ctx, q, m.HouseholdID, day)
	return h, m, mapErr(err, "户")
}
