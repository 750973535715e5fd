package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// PeopleFilter narrows a people list. Zero values match everything.
type PeopleFilter struct {
	Query       string // name part, pinyin, initials, or the last digits of ID or phone
	CommunityID int64
	GridID      int64
	Tag         string
	BornFrom    string // YYYY-MM-DD, inclusive: with BornTo, an age range (see BirthRange)
	BornTo      string
	Day         string // household attributes (低保 …) as of this day, YYYY-MM-DD; the store's today when empty
	Sort        string // "name", "community", "birth", "id" (default)
	Desc        bool
	Offset      int
	Limit       int // 0: no limit
}

func (f PeopleFilter) where() (string, []any) {
	conds := []string{"p.erased_at IS NULL"}
	var args []any
	if table, col, prefix := f.indexed(); table != "" {
		conds = append(conds, "p.id IN (SELECT person_id FROM "+table+" WHERE "+col+" GLOB ?)")
		args = append(args, prefix)
	}
	if f.CommunityID != 0 {
		conds, args = append(conds, "p.community_id = ?"), append(args, f.CommunityID)
	}
	if f.GridID != 0 {
		conds, args = append(conds, "p.grid_id = ?"), append(args, f.GridID)
	}
	if kind := HouseholdTags[f.Tag]; kind != "" {
		// A household fact: the tag, or a household the person belonged to on the day, holding the
		// attribute that day (as PersonHasHouseholdAttribute asks it); the tag migration moves one to the other.
		conds = append(conds, `(EXISTS (SELECT 1 FROM person_tag t WHERE t.person_id = p.id AND t.tag = ?) OR p.id IN (SELECT m.person_id
			FROM household_member m JOIN household_attribute a ON a.household_id = m.household_id
			WHERE m.from_day <= ? AND (m.to_day IS NULL OR m.to_day > ?)
			AND a.kind = ? AND a.from_day <= ? AND (a.to_day IS NULL OR a.to_day >= ?)))`)
		args = append(args, f.Tag, f.Day, f.Day, kind, f.Day, f.Day)
	} else if f.Tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM person_tag t WHERE t.person_id = p.id AND t.tag = ?)")
		args = append(args, f.Tag)
	}
	if f.BornFrom != "" {
		conds, args = append(conds, "p.birth_date <> '' AND p.birth_date >= ?"), append(args, f.BornFrom)
	}
	if f.BornTo != "" {
		conds, args = append(conds, "p.birth_date <> '' AND p.birth_date <= ?"), append(args, f.BornTo)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// indexed is the index table, its key column and the GLOB prefix pattern that the query is
// looked up with: the reversed last digits of ID or phone, or a part of the name (pinyin,
// initials) without GLOB's special characters; "" without a query.
func (f PeopleFilter) indexed() (table, col, prefix string) {
	q := strings.ToLower(strings.TrimSpace(Fold(f.Query)))
	if q == "" {
		return "", "", ""
	}
	if allDigits(strings.TrimSuffix(strings.ToUpper(q), "X")) {
		return "person_digits", "rev", reverse(strings.ToUpper(q)) + "*"
	}
	q = strings.Map(func(r rune) rune {
		if r == '*' || r == '?' || r == '[' || r == ']' || r == ' ' {
			return -1
		}
		return r
	}, q)
	return "person_search", "key", q + "*"
}

// onlyQuery reports whether f filters by its query alone.
func (f PeopleFilter) onlyQuery() bool {
	return f.Query != "" && f.CommunityID == 0 && f.GridID == 0 && f.Tag == "" && f.BornFrom == "" && f.BornTo == ""
}

// BirthRange is the birth dates of people aged ageMin to ageMax (whole years) on day.
func BirthRange(ageMin, ageMax int, day time.Time) (from, to string) {
	return day.AddDate(-(ageMax + 1), 0, 1).Format("2006-01-02"), day.AddDate(-ageMin, 0, 0).Format("2006-01-02")
}

const personCols = `p.id, p.name, p.sex, p.birth_date, coalesce(p.id_number, ''), p.phone, p.community_id, c.name,
	coalesce(p.grid_id, 0), coalesce(g.name, ''), p.address, p.tags, p.notes, p.erased_at IS NOT NULL,
	p.emergency_contact, p.emergency_phone`

const personFrom = ` FROM person p JOIN community c ON c.id = p.community_id LEFT JOIN grid g ON g.id = p.grid_id`

// personDest are the scan destinations of personCols; the tags come as one string.
func personDest(p *Person, tags *string) []any {
	return []any{&p.ID, &p.Name, &p.Sex, &p.BirthDate, &p.IDNumber, &p.Phone, &p.CommunityID, &p.Community,
		&p.GridID, &p.Grid, &p.Address, tags, &p.Notes, &p.Erased, &p.EmergencyContact, &p.EmergencyPhone}
}

func scanPerson(sc rowScanner) (Person, error) {
	var p Person
	var tags string
	err := sc.Scan(personDest(&p, &tags)...)
	p.Tags = splitList(tags)
	return p, err
}

// findPerson reads one resident, unmasked.
func findPerson(ctx context.Context, q querier, id int64) (Person, error) {
	return queryOne(ctx, q, scanPerson, "SELECT "+personCols+personFrom+" WHERE p.id = ?", id)
}

// findPeople lists residents matching f, unmasked.
func findPeople(ctx context.Context, q querier, f PeopleFilter) ([]Person, error) {
	where, args := f.where()
	if table, col, prefix := f.indexed(); table != "" && f.onlyQuery() && f.Limit > 0 && (f.Sort == "" || f.Sort == "id") {
		// A page in id order of a search alone: its ids are the first ones the index holds for the
		// prefix (living residents only, as in CountPeople), so only the page's residents are read.
		dir := ""
		if f.Desc {
			dir = " DESC"
		}
		where = fmt.Sprintf(" WHERE p.erased_at IS NULL AND p.id IN (SELECT DISTINCT person_id FROM %s WHERE %s GLOB ? ORDER BY person_id%s LIMIT %d)",
			table, col, dir, f.Offset+f.Limit)
		args = []any{prefix}
	}
	order := map[string]string{"name": "p.search", "community": "c.sort, c.id, p.grid_id, p.id", "birth": "p.birth_date"}[f.Sort]
	if order == "" {
		order = "p.id"
	}
	if f.Desc {
		order = strings.ReplaceAll(order, ",", " DESC,") + " DESC"
	}
	query := "SELECT " + personCols + personFrom + where + " ORDER BY " + order + ", p.id"
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	return queryAll(ctx, q, scanPerson, query, args...)
}

// People lists residents matching f. Callers without PermReveal get ID and phone masked.
func (s *Store) People(ctx context.Context, f PeopleFilter) ([]Person, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return nil, err
	}
	if f.Day == "" {
		f.Day = s.today()
	}
	out, err := findPeople(ctx, s.db, f)
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	if !a.Role.Can(PermReveal) {
		for i := range out {
			out[i].IDNumber, out[i].Phone = MaskID(out[i].IDNumber), MaskPhone(out[i].Phone)
		}
	}
	return out, nil
}

// MatchPeople returns the ids of the residents a search text finds, by the registry search box's
// rules (name, pinyin, initials, last digits of ID or phone), for pickers that narrow their own
// lists (服务对象, volunteers) the same way.
func (s *Store) MatchPeople(ctx context.Context, query string) (map[int64]bool, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	where, args := PeopleFilter{Query: query}.where()
	ids, err := queryAll(ctx, s.db, func(sc rowScanner) (int64, error) {
		var id int64
		err := sc.Scan(&id)
		return id, err
	}, "SELECT p.id FROM person p"+where, args...)
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// CountPeople counts residents matching f (ignoring Offset, Limit and Sort).
func (s *Store) CountPeople(ctx context.Context, f PeopleFilter) (int, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return 0, err
	}
	if f.Day == "" {
		f.Day = s.today()
	}
	where, args := f.where()
	query := "SELECT count(*) FROM person p" + where
	if table, col, prefix := f.indexed(); table != "" && f.onlyQuery() {
		// The index alone answers: it holds rows for living residents only (erasure and deletion
		// clear them, check verifies it), so no resident's row is read. On a server the join
		// read one row per match, 26 ms for a common character.
		query, args = "SELECT count(DISTINCT person_id) FROM "+table+" WHERE "+col+" GLOB ?", []any{prefix}
	}
	var n int
	err := queryRow(ctx, s.db, query, args...).Scan(&n)
	return n, mapErr(err, "居民")
}

// Person returns one resident, masked unless the caller may reveal.
func (s *Store) Person(ctx context.Context, id int64) (Person, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return Person{}, err
	}
	p, err := findPerson(ctx, s.db, id)
	if err != nil {
		return Person{}, mapErr(err, "居民")
	}
	if !a.Role.Can(PermReveal) {
		p.IDNumber, p.Phone = MaskID(p.IDNumber), MaskPhone(p.Phone)
	}
	return p, nil
}

// RevealPerson returns a resident's full ID number and phone and records that they were seen.
func (s *Store) RevealPerson(ctx context.Context, id int64) (idNumber, phone string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermReveal)
		if err != nil {
			return err
		}
		if err := queryRow(ctx, tx, "SELECT coalesce(id_number, ''), phone FROM person WHERE id = ?", id).Scan(&idNumber, &phone); err != nil {
			return mapErr(err, "居民")
		}
		return s.audit(ctx, tx, a, ActReveal, "居民", id, "查看完整证件号和电话")
	})
	return idNumber, phone, err
}

// SavePerson creates (ID 0) or updates a resident and returns its ID.
func (s *Store) SavePerson(ctx context.Context, p Person) (int64, error) {
	if err := p.Normalize(s.now()); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		action := ActUpdate
		if p.ID == 0 {
			action = ActCreate
		}
		if p.ID, err = s.writePerson(ctx, tx, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, "居民", p.ID, fmt.Sprintf("%s居民档案 #%d", action, p.ID))
	})
	return p.ID, err
}

func (s *Store) writePerson(ctx context.Context, tx *sql.Tx, p Person) (int64, error) {
	if p.GridID != 0 {
		var ok bool
		if err := queryRow(ctx, tx, "SELECT count(*) > 0 FROM grid WHERE id = ? AND community_id = ?", p.GridID, p.CommunityID).Scan(&ok); err != nil {
			return 0, mapErr(err, "网格")
		}
		if !ok {
			v := &Invalid{}
			v.Add("网格", "不属于所选社区")
			return 0, v.Err()
		}
	}
	w, err := newPersonWriter(ctx, tx, s.stamp())
	if err != nil {
		return 0, err
	}
	defer w.close()
	if p.ID == 0 {
		return w.insert(ctx, p)
	}
	res, err := execSQL(ctx, tx, `UPDATE person SET name = ?, sex = ?, birth_date = ?, id_number = nullif(?, ''), phone = ?,
		community_id = ?, grid_id = nullif(?, 0), address = ?, tags = ?, notes = ?, search = ?, emergency_contact = ?,
		emergency_phone = ?, updated_at = ? WHERE id = ? AND erased_at IS NULL`, p.Name, p.Sex, p.BirthDate, p.IDNumber, p.Phone,
		p.CommunityID, p.GridID, p.Address, strings.Join(p.Tags, "、"), p.Notes, SearchKey(p.Name), p.EmergencyContact,
		p.EmergencyPhone, s.stamp(), p.ID)
	if err != nil {
		return 0, mapErr(err, "身份证号相同的居民")
	}
	if n, err := affected(res); err != nil {
		return 0, err
	} else if n == 0 {
		return 0, notFound("居民")
	}
	if err := clearIndexes(ctx, tx, p.ID); err != nil {
		return 0, err
	}
	return p.ID, w.index(ctx, p.ID, p, SearchSuffixes(p.Name))
}
