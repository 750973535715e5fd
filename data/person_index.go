package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
)

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
	ins, err := prepare(ctx, tx, `INSERT INTO person (name, sex, birth_date, id_number, phone, community_id, grid_id,
		address, tags, notes, search, emergency_contact, emergency_phone, created_at, updated_at)
		VALUES (?, ?, ?, nullif(?, ''), ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	// Each index gets all of a person's keys in one statement (a JSON array), which costs far
	// less than one statement per key.
	tag, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_tag (person_id, tag) SELECT ?, value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	digits, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_digits (person_id, rev) SELECT ?, value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	search, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_search (person_id, key) SELECT ?, value FROM json_each(?)")
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
	id, err := lastID(res)
	if err != nil {
		return 0, err
	}
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
	search, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_search (key, person_id) SELECT value->>0, value->>1 FROM json_each(?)")
	if err != nil {
		return mapErr(err, "居民")
	}
	defer search.Close()
	digits, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_digits (rev, person_id) SELECT value->>0, value->>1 FROM json_each(?)")
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
	err := queryRow(ctx, tx, "SELECT name, coalesce(id_number, ''), phone FROM person WHERE id = ?", id).Scan(&p.Name, &p.IDNumber, &p.Phone)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return mapErr(err, "居民")
	}
	if _, err := execSQL(ctx, tx, "DELETE FROM person_tag WHERE person_id = ?", id); err != nil {
		return mapErr(err, "居民")
	}
	for _, k := range digitKeys(p) {
		if _, err := execSQL(ctx, tx, "DELETE FROM person_digits WHERE rev = ? AND person_id = ?", k, id); err != nil {
			return mapErr(err, "居民")
		}
	}
	for _, k := range SearchSuffixes(p.Name) {
		if _, err := execSQL(ctx, tx, "DELETE FROM person_search WHERE key = ? AND person_id = ?", k, id); err != nil {
			return mapErr(err, "居民")
		}
	}
	return nil
}
