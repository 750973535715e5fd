package data

import (
	"context"
	"database/sql"
	"strings"
)

// The row reader and the dialect seam. Every statement the store runs goes through queryAll,
// queryEach, queryOne, queryRow, execSQL or prepare, and each of them passes its SQL through rebind:
// the one place where a second engine (PostgreSQL, DESIGN.md §7) rewrites placeholders and the
// few functions that differ. Private findX(ctx, q, filter) helpers take a querier, so that the
// same statement serves an exported method on s.db and a larger write inside a transaction.

// querier is what *sql.DB, *sql.Tx and *sql.Conn share.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// rowScanner is what *sql.Row and *sql.Rows share.
type rowScanner interface {
	Scan(dest ...any) error
}

// rebind turns the store's SQL (SQLite dialect, ? placeholders) into the engine's. SQLite needs
// no change.
func rebind(query string) string { return query }

// queryEach runs a query and calls fn for each row. Every error is returned: the query's, each
// row's, the iteration's and Close's.
func queryEach(ctx context.Context, q querier, fn func(rowScanner) error, query string, args ...any) (err error) {
	rows, err := q.QueryContext(ctx, rebind(query), args...)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
	}()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryAll runs a query and scans every row into a slice (nil when there are none).
func queryAll[T any](ctx context.Context, q querier, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	err := queryEach(ctx, q, func(sc rowScanner) error {
		v, err := scan(sc)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// queryOne runs a query expected to return one row and scans it; no row is sql.ErrNoRows, which
// mapErr turns into ErrNotFound.
func queryOne[T any](ctx context.Context, q querier, scan func(rowScanner) (T, error), query string, args ...any) (T, error) {
	return scan(q.QueryRowContext(ctx, rebind(query), args...))
}

// queryRow runs a query for one row whose columns the caller scans itself.
func queryRow(ctx context.Context, q querier, query string, args ...any) *sql.Row {
	return q.QueryRowContext(ctx, rebind(query), args...)
}

// execSQL runs a statement that returns no rows.
func execSQL(ctx context.Context, q querier, query string, args ...any) (sql.Result, error) {
	return q.ExecContext(ctx, rebind(query), args...)
}

// prepare prepares a statement to run many times.
func prepare(ctx context.Context, q querier, query string) (*sql.Stmt, error) {
	return q.PrepareContext(ctx, rebind(query))
}

// scanValue scans a one-column row.
func scanValue[T any](sc rowScanner) (T, error) {
	var v T
	err := sc.Scan(&v)
	return v, err
}

// affected is how many rows a statement changed; a driver that cannot tell is an internal error.
func affected(res sql.Result) (int64, error) {
	n, err := res.RowsAffected()
	if err != nil {
		return 0, internal(err)
	}
	return n, nil
}

// lastID is the id of the row a statement inserted.
func lastID(res sql.Result) (int64, error) {
	id, err := res.LastInsertId()
	if err != nil {
		return 0, internal(err)
	}
	return id, nil
}

// where collects a filter's conditions and their arguments; no value is ever formatted into SQL.
type where struct {
	conds []string
	args  []any
}

// add appends a condition with its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds, w.args = append(w.conds, cond), append(w.args, args...)
}

// String is " WHERE a AND b", or "" without conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// queryRows runs a query and hands back its rows for the caller to stream (a bulk copy); the
// caller closes them and checks their Err.
func queryRows(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	return q.QueryContext(ctx, rebind(query), args...)
}
