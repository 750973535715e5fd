package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// applicationID marks a SQLite file as Linli's ('LNLI').
const applicationID = 0x4C4E4C49

// Store is Linli's database. All access goes through its methods.
type Store struct {
	db   *sql.DB
	path string // the SQLite file; "" on a server
	url  string // the PostgreSQL server's URL; "" for a file
	now  func() time.Time

	watchMu sync.Mutex
	watch   *sql.Conn // dedicated connection for DataVersion

	listenOnce sync.Once          // a server's LISTEN connection (pg_listen.go)
	changes    chan struct{}      // its change signal
	stopListen context.CancelFunc // ends it on Close
}

// DSN returns the connection string that gives every connection Linli's PRAGMAs.
func DSN(file string) string {
	return file + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(" + synchronous + ")&_pragma=cache_size(-32000)&_txlock=immediate"
}

// Open opens (creating if needed) the database at file and brings its schema up to date.
// A file that is not SQLite, is another program's database, or was written by a newer Linli
// is refused with ErrRefused and left untouched.
func Open(ctx context.Context, file string) (*Store, error) {
	if IsServerURL(file) {
		return openServer(ctx, file)
	}
	if file == "" {
		return nil, refused("没有指定数据库文件")
	}
	if strings.ContainsAny(file, "?#") {
		return nil, refused("数据库路径不能包含 ? 或 #：%s", file)
	}
	if err := checkHeader(file); err != nil {
		return nil, err
	}
	if err := preflight(ctx, file); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", DSN(file))
	if err != nil {
		return nil, internal(err)
	}
	s := &Store{db: db, path: file, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.ensureSearchIndex(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// What a killed backup, restore or export left beside the database goes (best effort: the
	// next start tries again).
	_ = RemoveLeftovers(filepath.Dir(file))
	_ = RemoveLeftovers(BackupDir(file))
	return s, nil
}

// checkHeader refuses an existing non-empty file that does not start with SQLite's magic.
func checkHeader(file string) error {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return refused("无法读取数据库文件 %s：%v", file, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], []byte("SQLite format 3\x00")) {
		return refused("文件 %s 不是邻里数据库（不是 SQLite 文件），已原样保留，未作任何修改", file)
	}
	return nil
}

// preflight looks at an existing file read-only, before any PRAGMA could change it, and refuses
// another program's database or one written by a newer Linli.
func preflight(ctx context.Context, file string) error {
	if st, err := os.Stat(file); err != nil || st.Size() == 0 {
		return nil
	}
	db, err := sql.Open("sqlite", readOnlyDSN(file))
	if err != nil {
		return internal(err)
	}
	defer db.Close()
	var appID, version, tables int
	if err := queryRow(ctx, db, "SELECT (SELECT application_id FROM pragma_application_id), "+
		"(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)").Scan(&appID, &version, &tables); err != nil {
		return damaged("无法读取数据库 %s，文件可能已损坏：%v", file, err)
	}
	if tables > 0 && appID != applicationID {
		return refused("文件 %s 是其他程序的 SQLite 数据库，不是邻里数据库，已原样保留", file)
	}
	if version > SchemaVersion() {
		return refused("数据库 %s 由较新版本的邻里写入（数据版本 %d，本程序只支持到 %d），请升级邻里后再打开；文件未作修改",
			file, version, SchemaVersion())
	}
	return nil
}

// readOnlyDSN opens a file without writing to it.
func readOnlyDSN(file string) string {
	return "file:" + filepath.ToSlash(file) + "?mode=ro&_pragma=busy_timeout(5000)"
}

// Close closes the database.
func (s *Store) Close() error {
	if s.stopListen != nil {
		s.stopListen()
	}
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
	return s.db.Close()
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Reopen opens the same database again, file or server (after FillEmpty or Restore closed s).
func (s *Store) Reopen(ctx context.Context) (*Store, error) {
	if s.IsServer() {
		return Open(ctx, s.url)
	}
	return Open(ctx, s.path)
}

// DB exposes the handle for checks and tests in this module; screens never use it.
func (s *Store) DB() *sql.DB { return s.db }

// SetClock replaces the clock (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now is the store's current time.
func (s *Store) Now() time.Time { return s.now() }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) { return readMigrations("migrations") }

// readMigrations reads one engine's numbered list from dir (migrations/ for SQLite, its
// postgres/ folder for the server), which must run 1, 2, 3 … without a gap.
func readMigrations(dir string) ([]migration, error) {
	entries, err := migrationFS.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	label := func(name string) string { return strings.TrimPrefix(path.Join(dir, name), "migrations/") }
	var ms []migration
	for _, e := range entries {
		if e.IsDir() {
			continue // postgres/: the server's twins (pg_store.go)
		}
		var v int
		if _, err := fmt.Sscanf(e.Name(), "%04d_", &v); err != nil {
			return nil, fmt.Errorf("migration %s: bad name", label(e.Name()))
		}
		b, err := migrationFS.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", label(m.name), i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the number of migrations this program knows.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return internal(err)
	}
	var appID, version, tables int
	if err := queryRow(ctx, s.db, "PRAGMA application_id").Scan(&appID); err != nil {
		return damaged("无法打开数据库 %s，文件可能已损坏：%v", s.path, err)
	}
	if err := queryRow(ctx, s.db, "PRAGMA user_version").Scan(&version); err != nil {
		return internal(err)
	}
	if err := queryRow(ctx, s.db, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return damaged("无法读取数据库 %s，文件可能已损坏：%v", s.path, err)
	}
	if tables > 0 && appID != applicationID {
		return refused("文件 %s 是其他程序的 SQLite 数据库，不是邻里数据库，已原样保留", s.path)
	}
	if version > len(ms) {
		return refused("数据库 %s 由较新版本的邻里写入（数据版本 %d，本程序只支持到 %d），请升级邻里后再打开；文件未作修改",
			s.path, version, len(ms))
	}
	for _, m := range ms[version:] {
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internal(err)
	}
	defer tx.Rollback()
	if m.version == 1 {
		if _, err := execSQL(ctx, tx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return internal(err)
		}
		if _, err := execSQL(ctx, tx, `CREATE TABLE schema_migration (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
			return internal(err)
		}
	}
	if _, err := execSQL(ctx, tx, m.sql); err != nil {
		return internal(fmt.Errorf("migration %s: %w", m.name, err))
	}
	if step := dataSteps[m.version]; step != nil {
		if err := step(ctx, s, tx); err != nil {
			return err
		}
	}
	if _, err := execSQL(ctx, tx, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, s.stamp()); err != nil {
		return internal(err)
	}
	if _, err := execSQL(ctx, tx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return internal(err)
	}
	if err := tx.Commit(); err != nil {
		return internal(err)
	}
	return nil
}

// stamp is the current time as stored: ISO-8601 local time with offset.
func (s *Store) stamp() string { return s.now().Format(time.RFC3339) }

// mapErr turns driver errors into the store's sentinels.
func mapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	if pe := mapPGErr(err, what); pe != nil {
		return pe
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return conflict(what+"已存在（重复）", err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return conflict(what+"仍被其他记录引用，或引用的记录不存在", err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &Error{Code: CodeConflict, Message: "数据库正忙（另一个窗口正在写入），请稍后再试", Err: err}
		}
	}
	return internal(err)
}

// inTx runs fn in one immediate transaction (on a server: under the write lock). A server's
// serialization failure or deadlock runs it again, a bounded number of times.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := s.inTxOnce(ctx, fn)
		if attempt >= pgRetries || !retryable(err) || ctx.Err() != nil {
			return err
		}
	}
}

// DataVersion returns SQLite's data_version as seen by one dedicated connection: it changes
// whenever another connection (another window, another process) commits. The window polls it to
// reload what it shows.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	if s.IsServer() {
		return s.serverVersion(ctx)
	}
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.watch == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, err
		}
		s.watch = c
	}
	var v int64
	err := queryRow(ctx, s.watch, "PRAGMA data_version").Scan(&v)
	return v, err
}
