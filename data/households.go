package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Households (一户一档): the store methods. Reads need PermView (只读 too), writes
// PermPeopleWrite (社工, 管理员). The as-of-a-date questions are in households_query.go, the
// tag migration in households_migrate.go.

// HouseholdFilter narrows a household list. Zero values match everything.
type HouseholdFilter struct {
	CommunityID int64
	Query       string // part of the 户号, the address or the head's name
	Kind        string // an attribute holding on Day
	Day         string // default today
	Offset      int
	Limit       int
}

const householdCols = `h.id, h.number, h.community_id, c.name, coalesce(h.grid_id, 0), coalesce(g.name, ''), h.address,
	h.building, h.unit, h.room, h.notes, coalesce((SELECT m.person_id FROM household_member m WHERE m.household_id = h.id
	AND m.to_day IS NULL AND m.relation = '户主'), 0), coalesce((SELECT p.name FROM household_member m JOIN person p ON p.id = m.person_id
	WHERE m.household_id = h.id AND m.to_day IS NULL AND m.relation = '户主'), ''),
	(SELECT count(*) FROM household_member m WHERE m.household_id = h.id AND m.to_day IS NULL),
	coalesce((SELECT group_concat(kind, '、') FROM (SELECT DISTINCT a.kind FROM household_attribute a WHERE a.household_id = h.id
	AND a.from_day <= ?1 AND (a.to_day IS NULL OR a.to_day >= ?1) ORDER BY a.kind) k), '')`

const householdFrom = ` FROM household h JOIN community c ON c.id = h.community_id LEFT JOIN grid g ON g.id = h.grid_id`

func scanHousehold(sc rowScanner) (Household, error) {
	var h Household
	var attrs string
	err := sc.Scan(&h.ID, &h.Number, &h.CommunityID, &h.Community, &h.GridID, &h.Grid, &h.Address, &h.Building, &h.Unit,
		&h.Room, &h.Notes, &h.HeadID, &h.Head, &h.Members, &attrs)
	h.Attributes = splitList(attrs)
	return h, err
}

// findHousehold reads one household, its head, members and attributes as of day.
func findHousehold(ctx context.Context, q querier, id int64, day string) (Household, error) {
	return queryOne(ctx, q, scanHousehold, "SELECT "+householdCols+householdFrom+" WHERE h.id = ?2", day, id)
}

// householdWhere is the WHERE clause of f; its first argument is f.Day (?1).
func householdWhere(f HouseholdFilter) *where {
	w := &where{args: []any{f.Day}}
	if f.CommunityID != 0 {
		w.add("h.community_id = ?", f.CommunityID)
	}
	if t := strings.TrimSpace(Fold(f.Query)); t != "" {
		like := "%" + strings.NewReplacer("%", "", "_", "").Replace(t) + "%"
		w.add(`(h.number LIKE ? OR h.address LIKE ? OR EXISTS (SELECT 1 FROM household_member m JOIN person p ON p.id = m.person_id
			WHERE m.household_id = h.id AND m.to_day IS NULL AND p.name LIKE ?))`, like, like, like)
	}
	if f.Kind != "" {
		w.add(`EXISTS (SELECT 1 FROM household_attribute a WHERE a.household_id = h.id AND a.kind = ?
			AND a.from_day <= ?1 AND (a.to_day IS NULL OR a.to_day >= ?1))`, f.Kind)
	}
	return w
}

// findHouseholds lists households matching f, by number, a page of them when f.Limit is set.
func findHouseholds(ctx context.Context, q querier, f HouseholdFilter) ([]Household, error) {
	w := householdWhere(f)
	query := "SELECT " + householdCols + householdFrom + w.String() + " ORDER BY h.number, h.id"
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	return queryAll(ctx, q, scanHousehold, query, w.args...)
}

// CountHouseholds counts the households matching f (ignoring Offset and Limit), for the list's
// pages.
func (s *Store) CountHouseholds(ctx context.Context, f HouseholdFilter) (int, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return 0, err
	}
	if f.Day == "" {
		f.Day = s.Today()
	}
	w := householdWhere(f)
	// ?1 (the day) comes first in the text, as in the list's columns, so that the bare ? after it
	// number from 2 whether or not the attribute filter uses it.
	conds := append([]string{"?1 <> ''"}, w.conds...)
	n, err := queryOne(ctx, s.db, scanValue[int], "SELECT count(*)"+householdFrom+" WHERE "+strings.Join(conds, " AND "), w.args...)
	return n, mapErr(err, "户")
}

// Households lists households matching f with their head, current members and the attributes
// holding on f.Day (today when empty).
func (s *Store) Households(ctx context.Context, f HouseholdFilter) ([]Household, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	if f.Day == "" {
		f.Day = s.Today()
	}
	out, err := findHouseholds(ctx, s.db, f)
	return out, mapErr(err, "户")
}

// Household returns one household as of today.
func (s *Store) Household(ctx context.Context, id int64) (Household, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Household{}, err
	}
	h, err := findHousehold(ctx, s.db, id, s.Today())
	return h, mapErr(err, "户")
}

// SaveHousehold creates (ID 0) or updates a household's number and address. A new household
// needs its head (HeadID), who moves in as 户主 on Since (default today), leaving any household
// they lived in that day; an empty number is issued as HH-00001.
func (s *Store) SaveHousehold(ctx context.Context, h Household) (int64, error) {
	h.Normalize()
	if h.Since == "" {
		h.Since = s.Today()
	}
	if err := h.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		action := ActUpdate
		if h.ID == 0 {
			action = ActCreate
		}
		if h.ID, err = s.writeHousehold(ctx, tx, h); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, "户", h.ID, fmt.Sprintf("%s户 %s", action, h.Number))
	})
	return h.ID, err
}

// writeHousehold inserts or updates a normalized, validated household inside tx (imports and
// the tag migration call it too) and returns its id.
func (s *Store) writeHousehold(ctx context.Context, tx *sql.Tx, h Household) (int64, error) {
	if err := checkGrid(ctx, tx, h.CommunityID, h.GridID); err != nil {
		return 0, err
	}
	now := s.stamp()
	if h.ID != 0 {
		res, err := execSQL(ctx, tx, `UPDATE household SET number = coalesce(nullif(?, ''), number), community_id = ?, grid_id = nullif(?, 0),
			address = ?, building = ?, unit = ?, room = ?, notes = ?, updated_at = ? WHERE id = ?`, h.Number, h.CommunityID, h.GridID,
			h.Address, h.Building, h.Unit, h.Room, h.Notes, now, h.ID)
		if err != nil {
			return 0, mapErr(err, "户号相同的户")
		}
		if n, err := affected(res); err != nil {
			return 0, err
		} else if n == 0 {
			return 0, notFound("户")
		}
		return h.ID, nil
	}
	var err error
	if h.Number == "" {
		if h.Number, err = nextNumber(ctx, tx, "household", "HH-", 5); err != nil {
			return 0, mapErr(err, "户号")
		}
	}
	res, err := execSQL(ctx, tx, `INSERT INTO household (number, community_id, grid_id, address, building, unit, room, notes, created_at, updated_at)
		VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?)`, h.Number, h.CommunityID, h.GridID, h.Address, h.Building, h.Unit, h.Room,
		h.Notes, now, now)
	if err != nil {
		return 0, mapErr(err, "户号 "+h.Number+" ")
	}
	if h.ID, err = lastID(res); err != nil {
		return 0, err
	}
	_, err = s.moveIn(ctx, tx, HouseholdMember{HouseholdID: h.ID, PersonID: h.HeadID, Relation: "户主", From: h.Since})
	return h.ID, err
}

// checkGrid refuses a grid outside the community.
func checkGrid(ctx context.Context, q querier, communityID, gridID int64) error {
	if gridID == 0 {
		return nil
	}
	ok, err := queryOne(ctx, q, scanValue[bool], "SELECT count(*) > 0 FROM grid WHERE id = ? AND community_id = ?", gridID, communityID)
	if err != nil {
		return mapErr(err, "网格")
	}
	if !ok {
		v := &Invalid{}
		v.Add("网格", "不属于所选社区")
		return v.Err()
	}
	return nil
}

// HouseholdMembers lists a household's members, current ones first; all includes those who
// moved out (the history).
func (s *Store) HouseholdMembers(ctx context.Context, householdID int64, all bool) ([]HouseholdMember, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findHouseholdMembers(ctx, s.db, householdID, all)
	return out, mapErr(err, "户成员")
}

const memberCols = `m.id, m.household_id, m.person_id, p.name, m.relation, m.from_day, coalesce(m.to_day, '')`

func scanMember(sc rowScanner) (HouseholdMember, error) {
	var m HouseholdMember
	err := sc.Scan(&m.ID, &m.HouseholdID, &m.PersonID, &m.Name, &m.Relation, &m.From, &m.To)
	return m, err
}

func findHouseholdMembers(ctx context.Context, q querier, householdID int64, all bool) ([]HouseholdMember, error) {
	cond := ""
	if !all {
		cond = " AND m.to_day IS NULL"
	}
	return queryAll(ctx, q, scanMember, "SELECT "+memberCols+` FROM household_member m JOIN person p ON p.id = m.person_id
		WHERE m.household_id = ?`+cond+` ORDER BY m.to_day IS NOT NULL, m.relation <> '户主', m.from_day, m.id`, householdID)
}

// MoveIn records that a person moved into a household on m.From with their relation to the
// head. Someone living in another household that day moves out of it on the same day (the
// history is kept); a second 户主, a day before an earlier stay ended, or a person who has left
// the registry are refused.
func (s *Store) MoveIn(ctx context.Context, m HouseholdMember) (int64, error) {
	m.Normalize()
	if m.From == "" {
		m.From = s.Today()
	}
	m.To = ""
	if err := m.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		if m.ID, err = s.moveIn(ctx, tx, m); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "户成员", m.HouseholdID, fmt.Sprintf("居民 #%d 于 %s 迁入户 #%d（%s）",
			m.PersonID, m.From, m.HouseholdID, m.Relation))
	})
	return m.ID, err
}

// moveIn writes a validated move-in inside tx.
func (s *Store) moveIn(ctx context.Context, tx *sql.Tx, m HouseholdMember) (int64, error) {
	bad := &Invalid{}
	p, err := findPerson(ctx, tx, m.PersonID)
	if err != nil {
		return 0, mapErr(err, "居民")
	}
	if p.Erased {
		bad.Add("成员", "该居民的个人信息已删除")
		return 0, bad.Err()
	}
	stays, err := queryAll(ctx, tx, scanMember, "SELECT "+memberCols+` FROM household_member m JOIN person p ON p.id = m.person_id
		WHERE m.person_id = ? ORDER BY m.from_day`, m.PersonID)
	if err != nil {
		return 0, mapErr(err, "户成员")
	}
	for _, st := range stays {
		switch {
		case st.To == "" && st.From >= m.From:
			bad.Add("迁入日期", "%s 自 %s 起已在户 #%d，迁入日期应晚于该日", p.Name, st.From, st.HouseholdID)
		case st.To == "" && st.HouseholdID == m.HouseholdID:
			bad.Add("成员", "%s 已是该户成员", p.Name)
		case st.To != "" && st.To > m.From:
			bad.Add("迁入日期", "%s 在 %s 前住在户 #%d，迁入日期不能早于该日", p.Name, st.To, st.HouseholdID)
		}
	}
	if m.Relation == "户主" {
		head, err := queryOne(ctx, tx, scanValue[int], `SELECT count(*) FROM household_member WHERE household_id = ? AND to_day IS NULL
			AND relation = '户主'`, m.HouseholdID)
		if err != nil {
			return 0, mapErr(err, "户主")
		}
		if head > 0 {
			bad.Add("与户主关系", "该户已有户主；更换户主请用「设为户主」")
		}
	}
	if err := bad.Err(); err != nil {
		return 0, err
	}
	if _, err := execSQL(ctx, tx, "UPDATE household_member SET to_day = ? WHERE person_id = ? AND to_day IS NULL", m.From, m.PersonID); err != nil {
		return 0, mapErr(err, "户成员")
	}
	res, err := execSQL(ctx, tx, `INSERT INTO household_member (household_id, person_id, relation, from_day, created_at)
		VALUES (?, ?, ?, ?, ?)`, m.HouseholdID, m.PersonID, m.Relation, m.From, s.stamp())
	if err != nil {
		return 0, mapErr(err, "户成员")
	}
	return lastID(res)
}

// MoveOut records that a member moved out on day (the first day they no longer live there). The
// head moves out only as the last member: name another head first.
func (s *Store) MoveOut(ctx context.Context, memberID int64, day string) error {
	day, err := dateParam("迁出日期", day)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		m, err := queryOne(ctx, tx, scanMember, "SELECT "+memberCols+" FROM household_member m JOIN person p ON p.id = m.person_id WHERE m.id = ?", memberID)
		if err != nil {
			return mapErr(err, "户成员")
		}
		bad := &Invalid{}
		if m.To != "" {
			bad.Add("成员", "%s 已于 %s 迁出", m.Name, m.To)
		} else if day <= m.From {
			bad.Add("迁出日期", "应晚于迁入日期 %s", m.From)
		}
		if m.Relation == "户主" && bad.Err() == nil {
			others, err := queryOne(ctx, tx, scanValue[int], "SELECT count(*) FROM household_member WHERE household_id = ? AND to_day IS NULL AND id <> ?",
				m.HouseholdID, m.ID)
			if err != nil {
				return mapErr(err, "户成员")
			}
			if others > 0 {
				bad.Add("成员", "%s 是户主，户内还有 %d 人：请先把其中一人设为户主", m.Name, others)
			}
		}
		if err := bad.Err(); err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "UPDATE household_member SET to_day = ? WHERE id = ?", day, m.ID); err != nil {
			return mapErr(err, "户成员")
		}
		return s.audit(ctx, tx, a, ActUpdate, "户成员", m.HouseholdID, fmt.Sprintf("居民 #%d 于 %s 迁出户 #%d", m.PersonID, day, m.HouseholdID))
	})
}

// SetHouseholdHead makes a current member the head; the former head stays a member with
// formerRelation (their relation to the new head). Other members' relations are kept as they
// were entered.
func (s *Store) SetHouseholdHead(ctx context.Context, householdID, personID int64, formerRelation string) error {
	bad := &Invalid{}
	if formerRelation == "户主" || !inList(formerRelation, HouseholdRelations) {
		bad.Add("原户主与新户主关系", "应为 配偶、子女、父母、孙子女 或 其他")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		cur, err := findHouseholdMembers(ctx, tx, householdID, false)
		if err != nil {
			return mapErr(err, "户成员")
		}
		found := false
		for _, m := range cur {
			found = found || m.PersonID == personID
		}
		if !found {
			bad.Add("户主", "只能从现有成员中选择户主")
			return bad.Err()
		}
		if _, err := execSQL(ctx, tx, "UPDATE household_member SET relation = ? WHERE household_id = ? AND to_day IS NULL AND relation = '户主'",
			formerRelation, householdID); err != nil {
			return mapErr(err, "户主")
		}
		if _, err := execSQL(ctx, tx, "UPDATE household_member SET relation = '户主' WHERE household_id = ? AND to_day IS NULL AND person_id = ?",
			householdID, personID); err != nil {
			return mapErr(err, "户主")
		}
		return s.audit(ctx, tx, a, ActUpdate, "户", householdID, fmt.Sprintf("户 #%d 的户主改为居民 #%d", householdID, personID))
	})
}

// HouseholdByNumber returns the household with that 户号, as of today.
func (s *Store) HouseholdByNumber(ctx context.Context, number string) (Household, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Household{}, err
	}
	h := Household{Number: number}
	h.Normalize()
	id, err := queryOne(ctx, s.db, scanValue[int64], "SELECT id FROM household WHERE number = ?", h.Number)
	if err != nil {
		return Household{}, mapErr(err, "户号 "+h.Number+" 的户")
	}
	h, err = findHousehold(ctx, s.db, id, s.Today())
	return h, mapErr(err, "户")
}
