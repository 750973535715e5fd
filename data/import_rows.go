package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
)

// importChunk is how many new residents of an import go into one statement. On a server every
// statement is a round trip, and an import of 50,000 rows written one row at a time spent nearly
// all its time waiting for them; a chunk is a few hundred rows in a handful of statements.
const importChunk = 500

// The chunk's statements take their rows as one JSON array, so that each has one fixed text
// (prepared once, translated once) whatever the chunk's length.
const (
	chunkPersonSQL = `INSERT INTO person (id, name, sex, birth_date, id_number, phone, community_id, grid_id,
		address, tags, notes, search, emergency_contact, emergency_phone, created_at, updated_at)
		SELECT CAST(value->>0 AS INTEGER), value->>1, value->>2, value->>3, nullif(value->>4, ''), value->>5,
		CAST(value->>6 AS INTEGER), nullif(CAST(value->>7 AS INTEGER), 0), value->>8, value->>9, value->>10, value->>11,
		value->>12, value->>13, ?, ? FROM json_each(?)`
	chunkTagSQL    = "INSERT OR IGNORE INTO person_tag (person_id, tag) SELECT CAST(value->>0 AS INTEGER), value->>1 FROM json_each(?)"
	chunkChangeSQL = "INSERT OR IGNORE INTO import_change (batch_id, person_id, action, before) SELECT CAST(? AS INTEGER), CAST(value AS INTEGER), 'add', '' FROM json_each(?)"
)

// newIDs reserves n person ids: on SQLite the next n after the highest (what INTEGER PRIMARY KEY
// would give one by one; the write transaction holds the only writer), on a server n values of
// the identity's sequence.
var newIDsSQL = alt(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
	SELECT (SELECT coalesce(max(id), 0) FROM person) + i FROM n ORDER BY i`,
	"SELECT nextval(pg_get_serial_sequence('person', 'id')) FROM generate_series(1, CAST(? AS INTEGER)) ORDER BY 1")

// addChunk writes new residents (plan rows to add) a chunk at a time and records them against the
// batch; it returns their ids in the order of rows. When a chunk fails, it is rolled back to its
// savepoint and written row by row, so that the error names the row.
func (iw *importWriter) addChunk(ctx context.Context, rows []plannedRow) ([]int64, error) {
	ids, err := queryAll(ctx, iw.tx, scanValue[int64], newIDsSQL, len(rows))
	if err != nil || len(ids) != len(rows) {
		return nil, mapErr(err, "居民")
	}
	if _, err := execSQL(ctx, iw.tx, "SAVEPOINT import_chunk"); err != nil {
		return nil, mapErr(err, "居民")
	}
	if err := iw.writeChunk(ctx, rows, ids); err != nil {
		if _, rerr := execSQL(ctx, iw.tx, "ROLLBACK TO SAVEPOINT import_chunk"); rerr != nil {
			return nil, mapErr(rerr, "居民")
		}
		for _, p := range rows { // the row that fails alone names the error
			if _, rowErr := iw.writePerson(ctx, p); rowErr != nil {
				return nil, rowErr
			}
		}
		return nil, mapErr(err, "居民")
	}
	_, err = execSQL(ctx, iw.tx, "RELEASE SAVEPOINT import_chunk")
	return ids, mapErr(err, "居民")
}

// writeChunk inserts the chunk's people with the given ids, their tags and their import_change
// rows, and queues their search and digit keys for the writer's flush.
func (iw *importWriter) writeChunk(ctx context.Context, rows []plannedRow, ids []int64) error {
	people := make([][]any, len(rows))
	var tags [][2]any
	for i, r := range rows {
		p := r.person
		sortKey, suffixes := nameKeys(p.Name)
		people[i] = []any{ids[i], p.Name, p.Sex, p.BirthDate, p.IDNumber, p.Phone, p.CommunityID, p.GridID, p.Address,
			strings.Join(p.Tags, "、"), p.Notes, sortKey, p.EmergencyContact, p.EmergencyPhone}
		for _, t := range p.Tags {
			tags = append(tags, [2]any{ids[i], t})
		}
		for _, k := range digitKeys(p) {
			iw.w.pending = append(iw.w.pending, indexRow{false, k, ids[i]})
		}
		for _, k := range suffixes {
			iw.w.pending = append(iw.w.pending, indexRow{true, k, ids[i]})
		}
	}
	if _, err := iw.chunkStmt(ctx, &iw.chunkPerson, chunkPersonSQL, iw.w.now, iw.w.now, jsonText(people)); err != nil {
		return err
	}
	if len(tags) > 0 {
		if _, err := iw.chunkStmt(ctx, &iw.chunkTag, chunkTagSQL, jsonText(tags)); err != nil {
			return err
		}
	}
	_, err := iw.chunkStmt(ctx, &iw.chunkChange, chunkChangeSQL, iw.batch, jsonText(ids))
	return err
}

// chunkStmt runs one of the chunk statements, preparing it on first use.
func (iw *importWriter) chunkStmt(ctx context.Context, st **sql.Stmt, query string, args ...any) (sql.Result, error) {
	if *st == nil {
		var err error
		if *st, err = prepare(ctx, iw.tx, query); err != nil {
			return nil, err
		}
	}
	return (*st).ExecContext(ctx, args...)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v) // slices of strings and integers always marshal
	return string(b)
}

func closeStmts(sts ...*sql.Stmt) {
	for _, st := range sts {
		if st != nil {
			st.Close()
		}
	}
}
