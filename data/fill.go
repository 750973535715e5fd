package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
)

// FillEmpty fills this store's empty database all or nothing with what build writes into a new
// database file (the sample community: many transactions). build gets the name of a new, empty
// 0600 temporary file — beside a SQLite database, in the temporary folder for a server — and must
// close what it opened there. Only when build succeeded does the result take the empty
// database's place: renamed over the SQLite file (one atomic step), or copied onto the server in
// one transaction and compared there (as move-to does). A kill or an error before that leaves the
// database as empty as it was, and a leftover temporary file is removed at the next start. A
// database that holds data is refused. The store is closed in every case: open it again afterwards.
func (s *Store) FillEmpty(ctx context.Context, build func(ctx context.Context, file string) error) error {
	defer s.Close()
	if err := s.refuseFilled(ctx, s.db); err != nil {
		return err
	}
	final := s.path
	if s.IsServer() {
		final = filepath.Join(os.TempDir(), "linli-fill.db")
	}
	_ = RemoveLeftovers(filepath.Dir(final)) // best effort, as before a backup
	tmp, err := CreateTemp(final)
	if err != nil {
		return internal(err)
	}
	defer removeDB(tmp)
	if err := build(ctx, tmp); err != nil {
		return err
	}
	if s.IsServer() {
		return s.fillServer(ctx, tmp)
	}
	if err := syncFile(tmp); err != nil {
		return internal(err)
	}
	if err := s.refuseFilled(ctx, s.db); err != nil { // written to by someone else meanwhile
		return err
	}
	if err := s.db.Close(); err != nil {
		return internal(err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if err := removeIfThere(s.path + side); err != nil {
			return internal(err)
		}
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return internal(err)
	}
	if runtime.GOOS != "windows" { // Windows cannot flush a folder; NTFS journals the rename
		return syncDir(filepath.Dir(s.path))
	}
	return nil
}

// refuseFilled refuses a database that holds an office, an account, an audit entry or a resident.
func (s *Store) refuseFilled(ctx context.Context, q querier) error {
	n, err := rowsIn(ctx, q, []copyTable{{name: "office"}, {name: "app_user"}, {name: "audit"}, {name: "person"}}, "")
	if err != nil {
		return mapErr(err, "数据库")
	}
	if n > 0 {
		return refused("数据库 %s 里已有数据（%d 行），只能填入空数据库；未作任何修改", s.Location(), n)
	}
	return nil
}

// fillServer copies the database file into the server's empty database in one transaction and
// compares the copy, table by table.
func (s *Store) fillServer(ctx context.Context, file string) error {
	src, err := sql.Open("sqlite", readOnlyDSN(file))
	if err != nil {
		return internal(err)
	}
	defer src.Close()
	tx, err := src.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err, "数据库")
	}
	defer tx.Rollback()
	tables, err := sqliteTables(ctx, tx)
	if err != nil {
		return internal(err)
	}
	if _, err := copyIntoServer(ctx, tx, s.url, tables); err != nil {
		return mapErr(err, "数据库")
	}
	return compareCopies(ctx, tx, s.db, tables)
}

// syncFile flushes a file to disk. Windows flushes only a handle opened for writing
// (FlushFileBuffers answers "access denied" otherwise), so the file is opened read-write.
func syncFile(name string) error { return syncPath(name, os.O_RDWR) }

// syncDir flushes a folder to disk after a rename in it (not on Windows: see FillEmpty).
func syncDir(name string) error { return syncPath(name, os.O_RDONLY) }

func syncPath(name string, flag int) error {
	f, err := os.OpenFile(name, flag, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
