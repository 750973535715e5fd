package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Community is a 社区 with its grids.
type Community struct {
	ID    int64
	Name  string
	Grids []Grid
}

// Grid is a 网格 inside a community.
type Grid struct {
	ID   int64
	Name string
}

// Communities lists communities with their grids, in office order.
func (s *Store) Communities(ctx context.Context) ([]Community, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.name, coalesce(g.id, 0), coalesce(g.name, '')
		FROM community c LEFT JOIN grid g ON g.community_id = c.id ORDER BY c.sort, c.id, g.id`)
	if err != nil {
		return nil, mapErr(err, "社区")
	}
	defer rows.Close()
	var out []Community
	for rows.Next() {
		var c Community
		var g Grid
		if err := rows.Scan(&c.ID, &c.Name, &g.ID, &g.Name); err != nil {
			return nil, mapErr(err, "社区")
		}
		if len(out) == 0 || out[len(out)-1].ID != c.ID {
			out = append(out, c)
		}
		if g.ID != 0 {
			last := &out[len(out)-1]
			last.Grids = append(last.Grids, g)
		}
	}
	return out, mapErr(rows.Err(), "社区")
}

// PeopleFilter narrows a people list. Zero values match everything.
type PeopleFilter struct {
	Query       string // name part, pinyin, initials, or the last digits of ID or phone
	CommunityID int64
	GridID      int64
	Tag         string
	Sort        string // "name", "community", "birth", "id" (default)
	Desc        bool
	Offset      int
	Limit       int // 0: no limit
}

func (f PeopleFilter) where() (string, []any) {
	conds := []string{"p.erased_at IS NULL"}
	var args []any
	if q := strings.ToLower(strings.TrimSpace(Fold(f.Query))); q != "" {
		if allDigits(strings.TrimSuffix(strings.ToUpper(q), "X")) {
			conds = append(conds, "p.id IN (SELECT person_id FROM person_digits WHERE rev GLOB ?)")
			args = append(args, reverse(strings.ToUpper(q))+"*")
		} else {
			q = strings.Map(func(r rune) rune {
				if r == '*' || r == '?' || r == '[' || r == ']' || r == ' ' {
					return -1
				}
				return r
			}, q)
			conds = append(conds, "p.id IN (SELECT person_id FROM person_search WHERE key GLOB ?)")
			args = append(args, q+"*")
		}
	}
	if f.CommunityID != 0 {
		conds, args = append(conds, "p.community_id = ?"), append(args, f.CommunityID)
	}
	if f.GridID != 0 {
		conds, args = append(conds, "p.grid_id = ?"), append(args, f.GridID)
	}
	if f.Tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM person_tag t WHERE t.person_id = p.id AND t.tag = ?)")
		args = append(args, f.Tag)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

const personCols = `p.id, p.name, p.sex, p.birth_date, coalesce(p.id_number, ''), p.phone, p.community_id, c.name,
	coalesce(p.grid_id, 0), coalesce(g.name, ''), p.address, p.tags, p.notes, p.erased_at IS NOT NULL,
	p.emergency_contact, p.emergency_phone`

const personFrom = ` FROM person p JOIN community c ON c.id = p.community_id LEFT JOIN grid g ON g.id = p.grid_id`

func scanPerson(sc interface{ Scan(...any) error }) (Person, error) {
	var p Person
	var tags string
	err := sc.Scan(&p.ID, &p.Name, &p.Sex, &p.BirthDate, &p.IDNumber, &p.Phone, &p.CommunityID, &p.Community,
		&p.GridID, &p.Grid, &p.Address, &tags, &p.Notes, &p.Erased, &p.EmergencyContact, &p.EmergencyPhone)
	if tags != "" {
		p.Tags = strings.Split(tags, "、")
	}
	return p, err
}

// People lists residents matching f. Callers without PermReveal get ID and phone masked.
func (s *Store) People(ctx context.Context, f PeopleFilter) ([]Person, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return nil, err
	}
	where, args := f.where()
	order := map[string]string{"name": "p.search", "community": "c.sort, c.id, p.grid_id, p.id", "birth": "p.birth_date"}[f.Sort]
	if order == "" {
		order = "p.id"
	}
	if f.Desc {
		order = strings.ReplaceAll(order, ",", " DESC,") + " DESC"
	}
	q := "SELECT " + personCols + personFrom + where + " ORDER BY " + order + ", p.id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, mapErr(err, "居民")
		}
		if !a.Role.Can(PermReveal) {
			p.IDNumber, p.Phone = MaskID(p.IDNumber), MaskPhone(p.Phone)
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err(), "居民")
}

// CountPeople counts residents matching f (ignoring Offset, Limit and Sort).
func (s *Store) CountPeople(ctx context.Context, f PeopleFilter) (int, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return 0, err
	}
	where, args := f.where()
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM person p"+where, args...).Scan(&n)
	return n, mapErr(err, "居民")
}

// Person returns one resident, masked unless the caller may reveal.
func (s *Store) Person(ctx context.Context, id int64) (Person, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return Person{}, err
	}
	p, err := scanPerson(s.db.QueryRowContext(ctx, "SELECT "+personCols+personFrom+" WHERE p.id = ?", id))
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
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(id_number, ''), phone FROM person WHERE id = ?", id).Scan(&idNumber, &phone); err != nil {
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

// personWriter inserts many people with prepared statements inside one transaction.
type personWriter struct {
	ins, tag, digits, search *sql.Stmt
	now                      string

	// In bulk mode the digit and search rows are collected and written sorted by key in flush:
	// inserting into a B-tree in key order is several times cheaper than in random order.
	bulk    bool
	pending []indexRow
}

type indexRow struct {
	search bool // person_search, else person_digits
	key    string
	id     int64
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// digitKeys are what the 'last digits' search matches: the ID number and the phone's digits,
// each reversed so that a suffix becomes an indexed prefix.
func digitKeys(p Person) []string {
	var keys []string
	if p.IDNumber != "" {
		keys = append(keys, reverse(p.IDNumber))
	}
	if ph := strings.ReplaceAll(p.Phone, "-", ""); ph != "" {
		keys = append(keys, reverse(ph))
	}
	return keys
}

func newPersonWriter(ctx context.Context, tx *sql.Tx, now string) (*personWriter, error) {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO person (name, sex, birth_date, id_number, phone, community_id, grid_id,
		address, tags, notes, search, emergency_contact, emergency_phone, created_at, updated_at)
		VALUES (?, ?, ?, nullif(?, ''), ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	// Each index gets all of a person's keys in one statement (a JSON array), which costs far
	// less than one statement per key.
	tag, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO person_tag (person_id, tag) SELECT ?, value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	digits, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO person_digits (person_id, rev) SELECT ?, value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	search, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO person_search (person_id, key) SELECT ?, value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	return &personWriter{ins: ins, tag: tag, digits: digits, search: search, now: now}, nil
}

func (w *personWriter) insert(ctx context.Context, p Person) (int64, error) {
	sortKey, suffixes := nameKeys(p.Name)
	res, err := w.ins.ExecContext(ctx, p.Name, p.Sex, p.BirthDate, p.IDNumber, p.Phone, p.CommunityID, p.GridID,
		p.Address, strings.Join(p.Tags, "、"), p.Notes, sortKey, p.EmergencyContact, p.EmergencyPhone, w.now, w.now)
	if err != nil {
		return 0, mapErr(err, "身份证号为 "+MaskID(p.IDNumber)+" 的居民")
	}
	id, _ := res.LastInsertId()
	return id, w.index(ctx, id, p, suffixes)
}

// index writes a person's tag, digit and search rows.
func (w *personWriter) index(ctx context.Context, id int64, p Person, suffixes []string) error {
	if w.bulk {
		for _, k := range digitKeys(p) {
			w.pending = append(w.pending, indexRow{false, k, id})
		}
		for _, k := range suffixes {
			w.pending = append(w.pending, indexRow{true, k, id})
		}
	}
	sets := []struct {
		st   *sql.Stmt
		keys []string
	}{{w.tag, p.Tags}}
	if !w.bulk {
		sets = append(sets, struct {
			st   *sql.Stmt
			keys []string
		}{w.digits, digitKeys(p)}, struct {
			st   *sql.Stmt
			keys []string
		}{w.search, suffixes})
	}
	for _, x := range sets {
		if len(x.keys) == 0 {
			continue
		}
		b, _ := json.Marshal(x.keys)
		if _, err := x.st.ExecContext(ctx, id, string(b)); err != nil {
			return mapErr(err, "居民")
		}
	}
	return nil
}

// flush writes the collected index rows in key order, a thousand per statement.
func (w *personWriter) flush(ctx context.Context, tx *sql.Tx) error {
	sort.Slice(w.pending, func(i, j int) bool {
		a, b := w.pending[i], w.pending[j]
		if a.search != b.search {
			return a.search
		}
		if a.key != b.key {
			return a.key < b.key
		}
		return a.id < b.id
	})
	search, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO person_search (key, person_id) SELECT value->>0, value->>1 FROM json_each(?)")
	if err != nil {
		return mapErr(err, "居民")
	}
	defer search.Close()
	digits, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO person_digits (rev, person_id) SELECT value->>0, value->>1 FROM json_each(?)")
	if err != nil {
		return mapErr(err, "居民")
	}
	defer digits.Close()
	for start := 0; start < len(w.pending); {
		end := start
		batch := make([][2]any, 0, 1000)
		for end < len(w.pending) && end-start < 1000 && w.pending[end].search == w.pending[start].search {
			batch = append(batch, [2]any{w.pending[end].key, w.pending[end].id})
			end++
		}
		b, _ := json.Marshal(batch)
		st := digits
		if w.pending[start].search {
			st = search
		}
		if _, err := st.ExecContext(ctx, string(b)); err != nil {
			return mapErr(err, "居民")
		}
		start = end
	}
	w.pending = nil
	return nil
}

func (w *personWriter) close() { w.ins.Close(); w.tag.Close(); w.digits.Close(); w.search.Close() }

// clearIndexes removes a person's tag, digit and search rows before a rewrite or deletion. The
// keys are computed from the stored row, so the index tables need no second index by person.
func clearIndexes(ctx context.Context, tx *sql.Tx, id int64) error {
	var p Person
	err := tx.QueryRowContext(ctx, "SELECT name, coalesce(id_number, ''), phone FROM person WHERE id = ?", id).Scan(&p.Name, &p.IDNumber, &p.Phone)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return mapErr(err, "居民")
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM person_tag WHERE person_id = ?", id); err != nil {
		return mapErr(err, "居民")
	}
	for _, k := range digitKeys(p) {
		if _, err := tx.ExecContext(ctx, "DELETE FROM person_digits WHERE rev = ? AND person_id = ?", k, id); err != nil {
			return mapErr(err, "居民")
		}
	}
	for _, k := range SearchSuffixes(p.Name) {
		if _, err := tx.ExecContext(ctx, "DELETE FROM person_search WHERE key = ? AND person_id = ?", k, id); err != nil {
			return mapErr(err, "居民")
		}
	}
	return nil
}

func (s *Store) writePerson(ctx context.Context, tx *sql.Tx, p Person) (int64, error) {
	if p.GridID != 0 {
		var ok bool
		if err := tx.QueryRowContext(ctx, "SELECT count(*) > 0 FROM grid WHERE id = ? AND community_id = ?", p.GridID, p.CommunityID).Scan(&ok); err != nil {
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
	res, err := tx.ExecContext(ctx, `UPDATE person SET name = ?, sex = ?, birth_date = ?, id_number = nullif(?, ''), phone = ?,
		community_id = ?, grid_id = nullif(?, 0), address = ?, tags = ?, notes = ?, search = ?, emergency_contact = ?,
		emergency_phone = ?, updated_at = ? WHERE id = ? AND erased_at IS NULL`, p.Name, p.Sex, p.BirthDate, p.IDNumber, p.Phone,
		p.CommunityID, p.GridID, p.Address, strings.Join(p.Tags, "、"), p.Notes, SearchKey(p.Name), p.EmergencyContact,
		p.EmergencyPhone, s.stamp(), p.ID)
	if err != nil {
		return 0, mapErr(err, "身份证号相同的居民")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, notFound("居民")
	}
	if err := clearIndexes(ctx, tx, p.ID); err != nil {
		return 0, err
	}
	return p.ID, w.index(ctx, p.ID, p, SearchSuffixes(p.Name))
}

// AddCommunity adds a 社区 (管理员 only); grids are added with AddGrid.
func (s *Store) AddCommunity(ctx context.Context, name string) (int64, error) {
	name = strings.TrimSpace(Fold(name))
	if n := len([]rune(name)); n == 0 || n > 40 {
		return 0, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "社区名称", Message: "不能为空，最多 40 个字"}}}
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO community (name, sort) VALUES (?, (SELECT coalesce(max(sort), 0) + 1 FROM community))", name)
		if err != nil {
			return mapErr(err, "社区“"+name+"”")
		}
		id, _ = res.LastInsertId()
		return s.audit(ctx, tx, a, ActCreate, "社区", id, "新增社区 "+name)
	})
	return id, err
}

// AddGrid adds a 网格 to a community (管理员 only).
func (s *Store) AddGrid(ctx context.Context, communityID int64, name string) (int64, error) {
	name = strings.TrimSpace(Fold(name))
	if n := len([]rune(name)); n == 0 || n > 40 {
		return 0, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "网格名称", Message: "不能为空，最多 40 个字"}}}
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO grid (community_id, name) VALUES (?, ?)", communityID, name)
		if err != nil {
			return mapErr(err, "网格“"+name+"”")
		}
		id, _ = res.LastInsertId()
		return s.audit(ctx, tx, a, ActCreate, "网格", id, "新增网格 "+name)
	})
	return id, err
}
