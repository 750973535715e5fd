package data

import (
	"context"
	"database/sql/driver"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector hands database/sql connections to a PostgreSQL server whose every statement is
// translated by pgSQL first: the store's SQL is written once, in SQLite's dialect.
type pgConnector struct {
	inner driver.Connector
}

func newPGConnector(cfg *pgx.ConnConfig) driver.Connector {
	return pgConnector{inner: stdlib.GetConnector(*cfg)}
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection that translates statements and hands back RETURNING id as the
// last insert id.
type pgConn struct {
	*stdlib.Conn
}

// CheckNamedValue passes bools as 0/1: the schema keeps SQLite's INTEGER flags.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
	}
	return nil
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st := pgSQL(query)
	inner, err := c.Conn.PrepareContext(ctx, st.sql)
	if err != nil {
		return nil, err
	}
	return &pgStmt{Stmt: inner.(*stdlib.Stmt), returningID: st.returningID}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st := pgSQL(query)
	if !st.returningID {
		return c.Conn.ExecContext(ctx, st.sql, args)
	}
	rows, err := c.Conn.QueryContext(ctx, st.sql, args)
	if err != nil {
		return nil, err
	}
	return idResult(rows)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, pgSQL(query).sql, args)
}

type pgStmt struct {
	*stdlib.Stmt
	returningID bool
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if !s.returningID {
		return s.Stmt.ExecContext(ctx, args)
	}
	rows, err := s.Stmt.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	return idResult(rows)
}

// idResult reads the ids an INSERT … RETURNING id gave back.
func idResult(rows driver.Rows) (driver.Result, error) {
	defer rows.Close()
	var res pgResult
	dest := make([]driver.Value, 1)
	for {
		err := rows.Next(dest)
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		res.n++
		if id, ok := dest[0].(int64); ok {
			res.id = id
		}
	}
}

type pgResult struct{ id, n int64 }

func (r pgResult) LastInsertId() (int64, error) { return r.id, nil }
func (r pgResult) RowsAffected() (int64, error) { return r.n, nil }
