package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Copying a whole Linli database between the engines: a server's backup into a SQLite file, and
// move-to from a file onto an empty server. Both sides are at the same schema version; the table
// list and columns are read from the SQLite side, in the order the migrations created the tables
// (so every row a foreign key names is copied before the rows naming it), rows in key order.

type copyTable struct {
	name string
	cols []string
	key  string // ORDER BY
}

// sqliteTables lists a SQLite database's Linli tables, in creation order.
func sqliteTables(ctx context.Context, q querier) ([]copyTable, error) {
	names, err := queryAll(ctx, q, scanValue[string], `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	var out []copyTable
	for _, n := range names {
		t := copyTable{name: n}
		var pk []string
		err := queryEach(ctx, q, func(sc rowScanner) error {
			var col string
			var pos int
			if err := sc.Scan(&col, &pos); err != nil {
				return err
			}
			t.cols = append(t.cols, col)
			if pos > 0 {
				pk = append(pk, col)
			}
			return nil
		}, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", n)
		if err != nil {
			return nil, err
		}
		t.key = strings.Join(pk, ", ")
		if t.key == "" {
			t.key = strings.Join(t.cols, ", ")
		}
		out = append(out, t)
	}
	return referencedFirst(ctx, q, out)
}

// referencedFirst orders the tables so that every table comes after the tables its foreign keys
// name (creation order alone is not enough: a migration that rebuilds a table gives it a later
// place, or an earlier one freed by a dropped table), keeping creation order otherwise.
func referencedFirst(ctx context.Context, q querier, tables []copyTable) ([]copyTable, error) {
	refs := map[string][]string{}
	for _, t := range tables {
		names, err := queryAll(ctx, q, scanValue[string], `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, t.name)
		if err != nil {
			return nil, err
		}
		refs[t.name] = names
	}
	var out []copyTable
	placed, visiting := map[string]bool{}, map[string]bool{}
	byName := map[string]copyTable{}
	for _, t := range tables {
		byName[t.name] = t
	}
	var place func(name string)
	place = func(name string) {
		t, ok := byName[name]
		if !ok || placed[name] || visiting[name] {
			return // not a copied table, already placed, or a reference to itself (or a cycle)
		}
		visiting[name] = true
		for _, r := range refs[name] {
			place(r)
		}
		placed[name] = true
		out = append(out, t)
	}
	for _, t := range tables {
		place(t.name)
	}
	return out, nil
}

// copyRows copies every row of the tables from src into dst (whose tables are empty), in batches
// of multi-row INSERTs. It returns the number of rows copied per table.
func copyRows(ctx context.Context, src, dst querier, tables []copyTable) (map[string]int64, error) {
	counts := map[string]int64{}
	for _, t := range tables {
		batch := max(1, min(500, 30000/len(t.cols)))
		var pending []any
		n := 0
		flush := func() error {
			if n == 0 {
				return nil
			}
			row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ") + ")"
			q := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " +
				strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
			if _, err := execSQL(ctx, dst, q, pending...); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			counts[t.name] += int64(n)
			pending, n = pending[:0], 0
			return nil
		}
		err := queryEach(ctx, src, func(sc rowScanner) error {
			vals := make([]any, len(t.cols))
			ptrs := make([]any, len(t.cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := sc.Scan(ptrs...); err != nil {
				return err
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
			}
			pending = append(pending, vals...)
			if n++; n >= batch {
				return flush()
			}
			return nil
		}, "SELECT "+strings.Join(t.cols, ", ")+" FROM "+t.name+" ORDER BY "+t.key)
		if err != nil {
			return nil, err
		}
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return counts, nil
}

// copyServerToFile writes the server database, as of one snapshot, into a new SQLite file.
func (s *Store) copyServerToFile(ctx context.Context, file string) error {
	f, err := Open(ctx, file)
	if err != nil {
		return err
	}
	defer f.Close()
	tables, err := sqliteTables(ctx, f.db)
	if err != nil {
		return internal(err)
	}
	src, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return mapErr(err, "数据库")
	}
	defer src.Rollback()
	return f.inTx(ctx, func(dst *sql.Tx) error {
		for i := len(tables) - 1; i >= 0; i-- { // what the new file's migrations seeded is replaced by the server's rows
			if _, err := execSQL(ctx, dst, "DELETE FROM "+tables[i].name); err != nil {
				return internal(err)
			}
		}
		if _, err := copyRows(ctx, src, dst, tables); err != nil {
			return internal(err)
		}
		return nil
	})
}
