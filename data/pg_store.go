package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The server engine (DESIGN.md §7): the same store on a PostgreSQL database, for offices where
// several desks share one database.

// IsServerURL reports whether a -db value names a PostgreSQL server rather than a file.
func IsServerURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// RedactURL is a server URL with its password hidden, fit for messages and the title bar.
func RedactURL(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.User == nil {
		return db
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return u.String()
}

// writeLockKey is the advisory lock every write transaction on a server takes first: writes are
// serialized as on SQLite (BEGIN IMMEDIATE), so that numbers, the audit chain, class places and
// money caps are decided on the latest committed state. Reads never wait for it.
const writeLockKey = 0x4C4E4C49

// pgRetries is how often a write that hit a serialization failure or a deadlock is tried again.
const pgRetries = 5

func openServer(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, refused("数据库服务器地址无效：%s（%v）", RedactURL(dsn), err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	// Each query is planned for its own arguments (statement descriptions are still cached, so it
	// stays one round trip): a cached generic plan does not know that a search prefix matches a
	// few hundred keys, and scanned every resident instead (92 ms where the custom plan takes 1).
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	db := sql.OpenDB(newPGConnector(cfg))
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, &Error{Code: CodeRefused, Message: fmt.Sprintf("无法连接数据库服务器 %s，请检查地址、用户名、密码和网络：%v",
			RedactURL(dsn), pgMessage(err)), Err: err}
	}
	s := &Store{db: db, url: dsn, now: time.Now}
	if err := s.migratePG(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.ensureSearchIndex(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// pgMessage is what the server or the network said, without Go's wrapping.
func pgMessage(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	return err.Error()
}

// IsServer reports whether the store is on a PostgreSQL server.
func (s *Store) IsServer() bool { return s.url != "" }

// Location is where the database is, for messages: the file, or the server URL without password.
func (s *Store) Location() string {
	if s.IsServer() {
		return RedactURL(s.url)
	}
	return s.path
}

func pgMigrations() ([]migration, error) { return readMigrations("migrations/postgres") }

// pgVersion is the schema version of a server database: -1 for another program's database.
func pgVersion(ctx context.Context, q querier) (int, error) {
	var hasTable bool
	var others int
	// pg_tables, not information_schema.tables: the same answer here, without the privilege
	// checks that cost tens of milliseconds on every open.
	if err := queryRow(ctx, q, `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema()
		AND tablename = 'schema_migration'), (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema())`).
		Scan(&hasTable, &others); err != nil {
		return 0, err
	}
	if !hasTable {
		if others > 0 {
			return -1, nil
		}
		return 0, nil
	}
	return queryOne(ctx, q, scanValue[int], "SELECT coalesce(max(version), 0) FROM schema_migration")
}

func (s *Store) migratePG(ctx context.Context) error {
	ms, err := pgMigrations()
	if err != nil {
		return internal(err)
	}
	version, err := pgVersion(ctx, s.db)
	if err != nil {
		return mapErr(err, "数据库")
	}
	switch {
	case version < 0:
		return refused("数据库 %s 里已有其他程序的表，不是邻里数据库，未作任何修改", s.Location())
	case version > len(ms):
		return refused("数据库 %s 由较新版本的邻里写入（数据版本 %d，本程序只支持到 %d），请升级邻里后再打开；数据库未作修改",
			s.Location(), version, len(ms))
	}
	for _, m := range ms[version:] {
		if err := s.applyPGMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// applyPGMigration applies one version in one transaction, under the write lock so that two desks
// starting a new Linli at once apply it once.
func (s *Store) applyPGMigration(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err, "数据库")
	}
	defer tx.Rollback()
	if _, err := execSQL(ctx, tx, "SELECT pg_advisory_xact_lock(?)", writeLockKey); err != nil {
		return mapErr(err, "数据库")
	}
	version, err := pgVersion(ctx, tx)
	if err != nil {
		return mapErr(err, "数据库")
	}
	if version >= m.version {
		return nil // another desk applied it meanwhile
	}
	if m.version == 1 {
		if _, err := execSQL(ctx, tx, `CREATE TABLE schema_migration (
			version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
			return internal(err)
		}
	}
	if _, err := tx.ExecContext(ctx, pgRaw+m.sql); err != nil {
		return internal(fmt.Errorf("migration postgres/%s: %w", m.name, err))
	}
	if step := dataSteps[m.version]; step != nil { // as SQLite's runner: Go-side data steps (0012's tags, 0019's digests)
		if err := step(ctx, s, tx); err != nil {
			return err
		}
	}
	if _, err := execSQL(ctx, tx, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, s.stamp()); err != nil {
		return internal(err)
	}
	return mapErr(tx.Commit(), "数据库")
}

// serverVersion is the server's change signal: every write is audited, so the newest audit
// entry's id changes whenever any desk commits a write.
func (s *Store) serverVersion(ctx context.Context) (int64, error) {
	return queryOne(ctx, s.db, scanValue[int64], "SELECT coalesce(max(id), 0) FROM audit")
}

// source is what Open was given: the file or the server URL.
func (s *Store) source() string {
	if s.IsServer() {
		return s.url
	}
	return s.path
}

// retryable is a server's serialization failure or deadlock: the transaction is run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// inTxOnce runs fn in one transaction; on a server it first takes the write lock.
func (s *Store) inTxOnce(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err, "事务")
	}
	defer tx.Rollback()
	if s.IsServer() {
		if _, err := execSQL(ctx, tx, "SELECT pg_advisory_xact_lock(?)", writeLockKey); err != nil {
			return mapErr(err, "事务")
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	if s.IsServer() { // delivered to every desk's LISTEN as the transaction commits
		if _, err := execSQL(ctx, tx, "SELECT pg_notify(?, '')", changesChannel); err != nil {
			return mapErr(err, "事务")
		}
	}
	if err := tx.Commit(); err != nil {
		return mapErr(err, "事务")
	}
	return nil
}

// mapPGErr maps a server error to the store's sentinels (nil when it is no server error).
func mapPGErr(err error, what string) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		if pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) {
			return &Error{Code: CodeConflict, Message: "数据库服务器没有响应，请检查网络后再试", Err: err}
		}
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return &Error{Code: CodeConflict, Message: "无法连接数据库服务器，请检查网络后再试", Err: err}
		}
		if lostServer(err) {
			return &Error{Code: CodeConflict, Message: "与数据库服务器的连接中断，请稍后再试（未保存的内容没有写入）", Err: err}
		}
		return nil
	}
	switch pe.Code {
	case "23505":
		return conflict(what+"已存在（重复）", err)
	case "23503":
		return conflict(what+"仍被其他记录引用，或引用的记录不存在", err)
	case "40001", "40P01", "55P03":
		return &Error{Code: CodeConflict, Message: "数据库正忙（另一台电脑正在写入），请稍后再试", Err: err}
	case "57P01", "57P02", "57P03", "08000", "08003", "08006":
		return &Error{Code: CodeConflict, Message: "与数据库服务器的连接中断，请稍后再试", Err: err}
	}
	return nil
}

// lostServer reports whether err is a connection to the server cut mid-statement (the server
// stopped, the network dropped): the transaction did not commit, and the pool opens a new
// connection for the next one. Only pgconn's own errors (they all say whether they are safe to
// retry), the network's and database/sql's broken-connection errors count, so that an io.EOF
// from anywhere else is still a bug.
func lostServer(err error) bool {
	var pgconnErr interface{ SafeToRetry() bool }
	var ne net.Error
	return errors.As(err, &pgconnErr) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone)
}
