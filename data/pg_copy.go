package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// copyIntoServer writes the tables' rows from src into the (empty) server database at url with
// COPY, in one transaction under the write lock, and sets the identity columns past the copied
// ids. It returns the rows copied per table.
func copyIntoServer(ctx context.Context, src querier, url string, tables []copyTable) (map[string]int64, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", writeLockKey); err != nil {
		return nil, err
	}
	// Checked again under the write lock: a desk that wrote since the caller's check keeps its data.
	var filled int64
	if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM office) + (SELECT count(*) FROM app_user) + "+
		"(SELECT count(*) FROM audit) + (SELECT count(*) FROM person)").Scan(&filled); err != nil {
		return nil, err
	} else if filled > 0 {
		return nil, refused("目标数据库里已有数据（%d 行），只能搬到或填入空数据库；未作任何修改", filled)
	}
	// What the new database's migrations seeded (settings, default categories) is replaced by the
	// file's own rows.
	for i := len(tables) - 1; i >= 0; i-- {
		var n int64
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+tables[i].name).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			if _, err := tx.Exec(ctx, "DELETE FROM "+tables[i].name); err != nil {
				return nil, err
			}
		}
	}
	counts := map[string]int64{}
	for _, t := range tables {
		rows, err := queryRows(ctx, src, "SELECT "+strings.Join(t.cols, ", ")+" FROM "+t.name+" ORDER BY "+t.key)
		if err != nil {
			return nil, err
		}
		n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, &rowsSource{rows: rows, n: len(t.cols)})
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		counts[t.name] = n
		if pgIDTables[t.name] {
			if _, err := tx.Exec(ctx, "SELECT setval(pg_get_serial_sequence('"+t.name+"', 'id'), coalesce((SELECT max(id) FROM "+
				t.name+"), 0) + 1, false)"); err != nil {
				return nil, fmt.Errorf("%s: %w", t.name, err)
			}
		}
	}
	return counts, tx.Commit(ctx)
}

// rowsSource feeds database/sql rows to COPY.
type rowsSource struct {
	rows *sql.Rows
	n    int
	vals []any
	err  error
}

func (r *rowsSource) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	r.vals = make([]any, r.n)
	ptrs := make([]any, r.n)
	for i := range r.vals {
		ptrs[i] = &r.vals[i]
	}
	if r.err = r.rows.Scan(ptrs...); r.err != nil {
		return false
	}
	for i, v := range r.vals {
		if b, ok := v.([]byte); ok {
			r.vals[i] = string(b)
		}
	}
	return true
}

func (r *rowsSource) Values() ([]any, error) { return r.vals, r.err }

func (r *rowsSource) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}
