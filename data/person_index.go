package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// pinyinArgs give every reading of each character (多音字), without tones; a character without
// pinyin (a letter, a digit, the · in 买买提·艾力) stands for itself.
var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Heteronym = true
	a.Fallback = func(r rune, a pinyin.Args) []string { return []string{strings.ToLower(string(r))} }
	return a
}()

// charReadings are c's readings, common first, looked up once per character: go-pinyin strips
// the tone marks with regular expressions, which cost more than all the rest of an import's
// index work.
func charReadings(c rune) []string {
	if v, ok := readingCache.Load(c); ok {
		return v.([]string)
	}
	rs := pinyin.SinglePinyin(c, pinyinArgs)
	readingCache.Store(c, rs)
	return rs
}

var readingCache sync.Map // rune → []string, never changed once stored

// maxReadings bounds the readings of one name that the index holds. Names are short and few of
// their characters have two readings, but 和 has five and 朴 four: without a bound a long name
// would multiply its keys.
const maxReadings = 16

// SearchSuffixes are the keys the search index holds for a name: every suffix of the name, and
// for each of its readings every suffix of the full pinyin taken at syllable boundaries and of
// the initials. A query matches a person when it is a prefix of one of them, so any part of the
// name, 'xiuying' or 'xy' all find 王秀英, and both 'lzz' and 'lcz' find 李长址.
func SearchSuffixes(name string) []string {
	_, keys := nameKeys(name)
	return keys
}

// SearchKey is the sort key of a name: its full pinyin in the common reading, then the name.
func SearchKey(name string) string {
	key, _ := nameKeys(name)
	return key
}

// nameKeys computes the pinyin once for both the sort key and the search suffixes.
func nameKeys(name string) (sortKey string, suffixes []string) {
	name = strings.ToLower(name)
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			suffixes = append(suffixes, s)
		}
	}
	r := []rune(name)
	for i := range r {
		add(string(r[i:]))
	}
	alts := make([][]string, 0, len(r))
	for _, c := range r {
		if rs := charReadings(c); len(rs) > 0 {
			alts = append(alts, rs)
		}
	}
	for k, syll := range readings(alts) {
		if k == 0 {
			sortKey = strings.Join(syll, "") + " " + name
		}
		initials := make([]string, len(syll))
		for i, s := range syll {
			_, n := utf8.DecodeRuneInString(s)
			initials[i] = s[:n]
		}
		for i := range syll {
			add(strings.Join(syll[i:], ""))
			// A one-letter initials suffix is already a prefix of the last syllable's suffix.
			if i < len(initials)-1 {
				add(strings.Join(initials[i:], ""))
			}
		}
	}
	return sortKey, suffixes
}

// readings lists a name's readings, one syllable per character, from each character's
// alternatives (the common one first): the common reading, then those that read one character
// otherwise, then two …, at most maxReadings. A name with no characters has one empty reading.
func readings(alts [][]string) [][]string {
	var out [][]string
	cur := make([]string, len(alts))
	var walk func(i, left int)
	walk = func(i, left int) {
		if len(out) == maxReadings {
			return
		}
		if i == len(alts) {
			if left == 0 {
				out = append(out, slices.Clone(cur))
			}
			return
		}
		cur[i] = alts[i][0]
		walk(i+1, left)
		if left == 0 {
			return
		}
		for _, s := range alts[i][1:] {
			cur[i] = s
			walk(i+1, left-1)
		}
	}
	poly := 0
	for _, a := range alts {
		if len(a) > 1 {
			poly++
		}
	}
	for k := 0; k <= poly && len(out) < maxReadings; k++ {
		walk(0, k)
	}
	return out
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
	ins, err := prepare(ctx, tx, `INSERT INTO person (name, sex, birth_date, id_number, phone, community_id, grid_id,
		address, tags, notes, search, emergency_contact, emergency_phone, created_at, updated_at)
		VALUES (?, ?, ?, nullif(?, ''), ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	// Each index gets all of a person's keys in one statement (a JSON array), which costs far
	// less than one statement per key.
	tag, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_tag (person_id, tag) SELECT CAST(? AS INTEGER), value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	digits, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_digits (person_id, rev) SELECT CAST(? AS INTEGER), value FROM json_each(?)")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	search, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_search (person_id, key) SELECT CAST(? AS INTEGER), value FROM json_each(?)")
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
	search, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_search (key, person_id) SELECT value->>0, CAST(value->>1 AS INTEGER) FROM json_each(?)")
	if err != nil {
		return mapErr(err, "居民")
	}
	defer search.Close()
	digits, err := prepare(ctx, tx, "INSERT OR IGNORE INTO person_digits (rev, person_id) SELECT value->>0, CAST(value->>1 AS INTEGER) FROM json_each(?)")
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

// searchIndexVersion numbers the way the name and digit index rows are computed; a database
// indexed another way is re-indexed when it is opened. 1: one reading per name; 2: every
// reading of its 多音字 (SearchSuffixes).
const searchIndexVersion = "2"

const settingSearchIndex = "search_index_version"

// ensureSearchIndex rebuilds the name and digit indexes, in one transaction, when they were
// written by an older Linli. It also drops rows left behind for erased residents.
func (s *Store) ensureSearchIndex(ctx context.Context) error {
	current := func(q querier) (bool, error) {
		v, err := queryOne(ctx, q, scanValue[string], "SELECT value FROM setting WHERE key = ?", settingSearchIndex)
		if err == sql.ErrNoRows {
			return false, nil
		}
		return v == searchIndexVersion, mapErr(err, "搜索索引")
	}
	if ok, err := current(s.db); ok || err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if ok, err := current(tx); ok || err != nil {
			return err // another desk rebuilt it meanwhile
		}
		if err := rebuildSearchIndex(ctx, tx); err != nil {
			return err
		}
		_, err := execSQL(ctx, tx, `INSERT INTO setting (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingSearchIndex, searchIndexVersion)
		return mapErr(err, "搜索索引")
	})
}

// rebuildSearchIndex rewrites every name and digit index row from the residents' rows.
func rebuildSearchIndex(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{"DELETE FROM person_search", "DELETE FROM person_digits"} {
		if _, err := execSQL(ctx, tx, q); err != nil {
			return mapErr(err, "搜索索引")
		}
	}
	w := &personWriter{bulk: true}
	err := queryEach(ctx, tx, func(sc rowScanner) error {
		var id int64
		var p Person
		if err := sc.Scan(&id, &p.Name, &p.IDNumber, &p.Phone); err != nil {
			return err
		}
		for _, k := range digitKeys(p) {
			w.pending = append(w.pending, indexRow{false, k, id})
		}
		for _, k := range SearchSuffixes(p.Name) {
			w.pending = append(w.pending, indexRow{true, k, id})
		}
		return nil
	}, "SELECT id, name, coalesce(id_number, ''), phone FROM person WHERE erased_at IS NULL")
	if err != nil {
		return mapErr(err, "搜索索引")
	}
	return w.flush(ctx, tx)
}
