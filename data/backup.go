package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Backup writes a consistent copy of the database to dest: VACUUM INTO a temporary name beside
// dest, verify the copy, then rename it into place. dest is never left half-written. The backup is
// audited first, so the copy holds its own 备份 entry: its time is the backup's date and its hash
// the backup's audit head.
func (s *Store) Backup(ctx context.Context, dest string) error {
	a, err := s.authorize(ctx, s.db, PermAdmin)
	if err != nil {
		return err
	}
	return s.auditedBackup(ctx, a, dest, "备份到 "+filepath.Base(dest), "")
}

// autoActor writes the automatic backups, which run before anyone signs in.
var autoActor = &Actor{Username: "系统", Display: "系统", Role: RoleAdmin, Personal: true}

// auditedBackup records the backup, writes it (encrypted when passphrase is not ""), and records
// a failure too.
func (s *Store) auditedBackup(ctx context.Context, a *Actor, dest, summary, passphrase string) error {
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.audit(ctx, tx, a, ActBackup, "数据库", 0, summary) }); err != nil {
		return err
	}
	err := s.backupTo(ctx, dest, passphrase)
	if err != nil {
		if aerr := s.inTx(ctx, func(tx *sql.Tx) error {
			return s.audit(ctx, tx, a, ActBackup, "数据库", 0, summary+" 未完成："+Message(err))
		}); aerr != nil {
			return errors.Join(err, aerr)
		}
	}
	return err
}

// backupTo writes the verified copy. An encrypted one is made in plain beside the live database
// (never at dest, which may be a USB stick) and only its encryption is written at dest.
func (s *Store) backupTo(ctx context.Context, dest, passphrase string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return internal(err)
	}
	if strings.ContainsAny(abs, "?#") {
		return refused("备份路径不能包含 ? 或 #")
	}
	// What an earlier, killed backup left in either folder goes first (best effort: a leftover
	// that cannot be removed does not stop this backup, and the next start tries again).
	_ = RemoveLeftovers(filepath.Dir(abs))
	if !s.IsServer() {
		_ = RemoveLeftovers(filepath.Dir(s.path))
	}
	near := abs // a plain copy is made beside dest, so that the rename is atomic
	if passphrase != "" {
		near = s.path // an encrypted one beside the live database, never at dest
		if s.IsServer() {
			near = filepath.Join(os.TempDir(), "linli-backup.db") // a server has no folder of its own
		}
	}
	tmp, err := CreateTemp(near) // empty and 0600: VACUUM INTO (or the server copy) fills it, keeping its mode
	if err != nil {
		return &Error{Code: CodeInternal, Message: "备份失败：无法写入 " + filepath.Dir(near), Err: err}
	}
	defer removeDB(tmp)
	if s.IsServer() {
		// A server database is written into a new Linli SQLite file, as of one snapshot.
		if err := s.copyServerToFile(ctx, tmp); err != nil {
			return &Error{Code: CodeInternal, Message: "备份失败：无法把服务器上的数据写入 " + filepath.Dir(abs), Err: err}
		}
	} else if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return &Error{Code: CodeInternal, Message: "备份失败：无法写入 " + filepath.Dir(abs), Err: err}
	}
	if problems, err := VerifyFile(ctx, tmp); err != nil {
		return err
	} else if len(problems) > 0 {
		return &Error{Code: CodeInternal, Message: "备份副本校验未通过：" + strings.Join(problems, "；")}
	}
	if passphrase != "" {
		return seal(tmp, abs, passphrase)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return &Error{Code: CodeInternal, Message: "备份失败：无法保存到 " + abs, Err: err}
	}
	return nil
}

// VerifyFile opens a database file read-only and runs the full check on it, without migrating
// or changing it. It returns the problems found.
func VerifyFile(ctx context.Context, file string) ([]string, error) {
	if err := checkHeader(file); err != nil {
		return nil, err
	}
	if _, err := os.Stat(file); err != nil {
		return nil, refused("找不到文件 %s", file)
	}
	db, err := sql.Open("sqlite", readOnlyDSN(file))
	if err != nil {
		return nil, internal(err)
	}
	defer db.Close()
	var appID, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return nil, refused("文件 %s 无法读取：%v", file, err)
	}
	if appID != applicationID {
		return nil, refused("文件 %s 不是邻里数据库", file)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return nil, internal(err)
	}
	if version > SchemaVersion() {
		return nil, refused("文件 %s 由较新版本的邻里写入，请先升级邻里", file)
	}
	problems, err := checkDB(ctx, db)
	if err != nil {
		return nil, refused("文件 %s 已损坏：%v", file, err)
	}
	return problems, nil
}

// BackupDir is the backups folder beside a database file.
func BackupDir(dbFile string) string { return filepath.Join(filepath.Dir(dbFile), "backups") }

// DailyBackup makes the day's automatic backup unless one exists, then prunes old ones: the last
// 30 daily backups are kept, and beyond that the newest of each of the last 12 months. A database
// nobody has set up yet is not backed up: there is nothing to keep, and the backup's audit entry
// would make it no longer empty, so the window could not load the sample into it.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	if s.IsServer() {
		return "", nil // a server's backups are its administrator's (README); a desk backs up with backup -o
	}
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", internal(err)
	}
	name := filepath.Join(dir, "linli-"+s.now().Format("2006-01-02")+".db")
	if _, err := os.Stat(name); err == nil {
		return "", nil
	}
	if err := s.refuseFilled(ctx, s.db); err == nil {
		return "", nil // empty: nothing to back up
	}
	if err := s.auditedBackup(ctx, autoActor, name, "自动备份到 "+filepath.Base(name), ""); err != nil {
		return "", err
	}
	return name, PruneBackups(dir)
}

// PruneBackups applies the retention rule to the linli-YYYY-MM-DD.db files in dir.
func PruneBackups(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "linli-????-??-??.db"))
	if err != nil {
		return err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(files))) // newest first
	keep := map[string]bool{}
	months := map[string]bool{}
	for i, f := range files {
		month := filepath.Base(f)[6:13]
		if i < 30 {
			keep[f] = true
			months[month] = true
			continue
		}
		if !months[month] && len(months) < 12+1 {
			keep[f] = true
			months[month] = true
		}
	}
	for _, f := range files {
		if !keep[f] {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// NewestGoodBackup returns the newest backup in dir that passes the check, or "".
func NewestGoodBackup(ctx context.Context, dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	sort.Slice(files, func(i, j int) bool {
		a, _ := os.Stat(files[i])
		b, _ := os.Stat(files[j])
		return a != nil && b != nil && a.ModTime().After(b.ModTime())
	})
	for _, f := range files {
		if problems, err := VerifyFile(ctx, f); err == nil && len(problems) == 0 {
			return f
		}
	}
	return ""
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	tmp := TempName(dst)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
