package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// BackupInfo is what a backup holds, shown before a restore so nobody restores the wrong file.
type BackupInfo struct {
	File         string
	TakenAt      string // the time of the backup's own 备份 entry (or, for an older copy, of the file)
	Office       string
	People       int
	Orders       int
	AuditEntries int
	AuditHead    string // the hash of the backup's newest audit entry
	FileTime     bool   // TakenAt is the file's modification time (an older copy without a 备份 entry)
}

// When is the backup's time as people read it: local time, marked when it is only the file's.
func (b BackupInfo) When() string {
	if b.FileTime {
		return LocalTimeSeconds(b.TakenAt) + "（文件时间）"
	}
	return LocalTimeSeconds(b.TakenAt)
}

// Describe is the confirmation's text: date, office and counts.
func (b BackupInfo) Describe() string {
	office := b.Office
	if office == "" {
		office = "（未填写单位名称）"
	}
	return fmt.Sprintf("备份时间：%s\n单位：%s\n居民 %d 人，订单 %d 个，审计记录 %d 条\n审计头：%s",
		b.When(), office, b.People, b.Orders, b.AuditEntries, ShortHash(b.AuditHead))
}

// InspectBackup verifies a backup file (read-only) and tells what it holds. A file that fails the
// check is refused.
func InspectBackup(ctx context.Context, file string) (BackupInfo, error) {
	info := BackupInfo{File: file}
	problems, err := VerifyFile(ctx, file)
	if err != nil {
		return info, err
	}
	if len(problems) > 0 {
		return info, refused("备份文件未通过检查，未恢复：%s", strings.Join(problems, "；"))
	}
	db, err := sql.Open("sqlite", readOnlyDSN(file))
	if err != nil {
		return info, internal(err)
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, `SELECT coalesce((SELECT name FROM office WHERE id = 1), ''),
		(SELECT count(*) FROM person), (SELECT count(*) FROM work_order), (SELECT count(*) FROM audit)`).
		Scan(&info.Office, &info.People, &info.Orders, &info.AuditEntries)
	if err != nil {
		return info, refused("文件 %s 无法读取：%v", file, err)
	}
	var action, at string
	err = db.QueryRowContext(ctx, "SELECT action, at, hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&action, &at, &info.AuditHead)
	if err != nil && err != sql.ErrNoRows {
		return info, refused("文件 %s 无法读取：%v", file, err)
	}
	info.TakenAt = at
	if action != ActBackup {
		st, err := os.Stat(file)
		if err != nil {
			return info, refused("找不到文件 %s", file)
		}
		info.TakenAt, info.FileTime = st.ModTime().Format(time.RFC3339), true
	}
	return info, nil
}

// OpenedBackup is a backup file made ready to restore: checked, and decrypted when it was
// encrypted. Close removes the decrypted copy.
type OpenedBackup struct {
	Info      BackupInfo // Info.File is the file the user chose
	Encrypted bool
	plain     string // the checked plain copy (the file itself when it was not encrypted)
	temp      bool
}

// Close removes the decrypted copy, if any.
func (b *OpenedBackup) Close() {
	if b != nil && b.temp {
		removeDB(b.plain)
	}
}

// OpenBackup checks a backup file and tells what it holds. An encrypted backup is first
// decrypted with passphrase into a temporary file in workDir (beside the live database, never
// beside the backup); a wrong passphrase or a damaged file is refused.
func OpenBackup(ctx context.Context, file, passphrase, workDir string) (*OpenedBackup, error) {
	enc, err := IsEncryptedBackup(file)
	if err != nil {
		return nil, err
	}
	b := &OpenedBackup{Encrypted: enc, plain: file}
	if enc {
		if passphrase == "" {
			return nil, refused("%s 是加密备份，需要输入备份密码", filepath.Base(file))
		}
		_ = RemoveLeftovers(workDir) // best effort, as before a backup
		b.plain, b.temp = TempName(filepath.Join(workDir, "解密.db")), true
		if err := unseal(file, b.plain, passphrase); err != nil {
			return nil, err
		}
	}
	info, err := InspectBackup(ctx, b.plain)
	if err != nil {
		b.Close()
		return nil, err
	}
	info.File = file
	b.Info = info
	return b, nil
}

// OpenBackup is OpenBackup with the decrypted copy beside this store's database.
func (s *Store) OpenBackup(ctx context.Context, file, passphrase string) (*OpenedBackup, error) {
	dir := filepath.Dir(s.path)
	if s.IsServer() {
		dir = os.TempDir() // no folder of the database's: decrypt in the desk's temporary folder
	}
	return OpenBackup(ctx, file, passphrase, dir)
}

// AuditRefusedBackup records that a backup chosen for a restore could not be opened (a wrong
// passphrase, a damaged or foreign file): like a failed sign-in, a failed attempt is audited.
func (s *Store) AuditRefusedBackup(ctx context.Context, file string, cause error) error {
	return s.Record(ctx, ActRestoreRefused, "备份", 0, "未恢复："+filepath.Base(file)+"："+Message(cause))
}

// ActRestoreRefused is the audit action of a restore refused before it began.
const ActRestoreRefused = "恢复被拒"

// RestoreResult tells what a restore did.
type RestoreResult struct {
	Backup  BackupInfo
	Kept    string // the copy of the replaced database ("" when there was none)
	Carried int    // audit entries the replaced database wrote after the backup, carried over
}

// RestoreRefused is why the backup file cannot be restored onto this store, nil when it can. A
// server database is not restored in place: every desk shares it, and what a restore replaces
// (kept beside a file) has no place on a server. The message says what to do instead: make the
// backup a file, move that onto a new empty server database, and point the desks at it.
func (s *Store) RestoreRefused(file string) error {
	if !s.IsServer() {
		return nil
	}
	if file == "" {
		file = "备份文件"
	}
	return refused("服务器上的数据库 %s 不能直接恢复（各台电脑共用它，恢复会替换所有人的数据），未作任何修改。要退回到这份备份：\n"+
		"① 在这台电脑上把备份恢复成一个数据库文件：linli -db 恢复.db restore -from %s\n"+
		"② 请管理服务器的人员新建一个空数据库（README「多台电脑共用一个数据库」中 createdb 那一步，换一个库名）\n"+
		"③ 搬上去：linli -db 恢复.db -user admin move-to postgres://用户@服务器/新库名\n"+
		"④ 每台电脑在「设置 → 数据库 → 连接服务器」改连新库；原数据库留作存档，确认无误后再由管理服务器的人员删除",
		s.Location(), quoteArg(file))
}

// quoteArg quotes a file name for a shell command line when it needs it.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " '\"$&|;<>()*?`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// Restore replaces this store's database with an opened backup (管理员 only), keeping the audit
// trail; see RestoreFile. The store is closed in every case: open its path again afterwards.
func (s *Store) Restore(ctx context.Context, b *OpenedBackup) (RestoreResult, error) {
	a, err := s.authorize(ctx, s.db, PermAdmin)
	if err == nil {
		if rerr := s.RestoreRefused(b.Info.File); rerr != nil {
			return RestoreResult{}, rerr
		}
	}
	s.Close()
	if err != nil {
		return RestoreResult{}, err
	}
	return restoreOpened(WithActor(ctx, a), s.path, b)
}

// RestoreFile replaces the database at dbFile (not open) with a plain backup file; see
// restoreOpened.
func RestoreFile(ctx context.Context, dbFile, backup string) (RestoreResult, error) {
	b, err := OpenBackup(ctx, backup, "", filepath.Dir(dbFile))
	if err != nil {
		return RestoreResult{}, err
	}
	defer b.Close()
	return restoreOpened(ctx, dbFile, b)
}

// restoreOpened replaces the database at dbFile (not open) with the backup. The replaced file is
// kept beside it; and the restored trail holds every entry of the backup, then the entries the
// replaced database wrote after the backup's last one (carried over, each keeping its original
// hash), then a 恢复 entry naming who restored which file and what was replaced. The signed-in
// user comes from ctx. Nothing changes at dbFile unless everything succeeds.
func restoreOpened(ctx context.Context, dbFile string, b *OpenedBackup) (RestoreResult, error) {
	res := RestoreResult{Backup: b.Info}
	var err error
	var live []AuditEntry
	var counters []numberCounter
	var liveErr error
	if _, err := os.Stat(dbFile); err == nil {
		res.Kept = dbFile + ".恢复前-" + time.Now().Format("20060102-150405") + ".db"
		if live, liveErr = readTrailFile(ctx, dbFile); liveErr == nil {
			// A replaced database that can be read must give its counters, or a number it issued
			// after the backup could be issued again; one that cannot be read has none to give.
			if counters, err = readCountersFile(ctx, dbFile); err != nil {
				return res, &Error{Code: CodeInternal, Message: "恢复失败：读不出当前数据库的编号计数，当前数据库未改动", Err: err}
			}
		}
	}
	removeDB(dbFile + ".restoring") // what a restore killed by an older Linli may have left
	tmp := TempName(dbFile)
	defer removeDB(tmp)
	if err := copyFile(b.plain, tmp); err != nil {
		return res, internal(err)
	}
	if res.Carried, err = writeRestoreTrail(ctx, tmp, b.Info, restoredTrail{live, liveErr, counters}, res.Kept); err != nil {
		return res, err
	}
	if problems, err := VerifyFile(ctx, tmp); err != nil || len(problems) > 0 {
		return res, &Error{Code: CodeInternal, Message: "恢复失败：恢复后的数据库未通过检查，当前数据库未改动",
			Err: fmt.Errorf("%v %v", problems, err)}
	}
	if res.Kept != "" {
		if err := copyDB(dbFile, res.Kept); err != nil {
			return res, internal(err)
		}
	}
	for _, side := range []string{"-wal", "-shm"} {
		os.Remove(dbFile + side)
	}
	if err := os.Rename(tmp, dbFile); err != nil {
		return res, internal(err)
	}
	return res, nil
}

// readTrailFile reads the audit trail of a closed database file without changing it.
func readTrailFile(ctx context.Context, file string) ([]AuditEntry, error) {
	db, err := sql.Open("sqlite", readOnlyDSN(file))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return readTrail(ctx, db)
}

// readCountersFile reads the number counters of a closed database file without changing it.
func readCountersFile(ctx context.Context, file string) ([]numberCounter, error) {
	db, err := sql.Open("sqlite", readOnlyDSN(file))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return readCounters(ctx, db)
}

// restoredTrail is what a restore carries from the database it replaces: its audit trail (or why
// it could not be read) and its number counters.
type restoredTrail struct {
	entries  []AuditEntry
	err      error
	counters []numberCounter
}

// writeRestoreTrail opens the copy of the backup at tmp and, in one transaction, raises its number
// counters to the replaced database's and appends the replaced database's later audit entries and
// the 恢复 entry. It returns how many entries were carried over.
func writeRestoreTrail(ctx context.Context, tmp string, info BackupInfo, replaced restoredTrail, kept string) (int, error) {
	live, liveErr := replaced.entries, replaced.err
	s, err := Open(ctx, tmp)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	mine, err := readTrail(ctx, s.db)
	if err != nil {
		return 0, mapErr(err, "审计记录")
	}
	carried := carryOver(mine, live)
	by := "系统"
	if a := ActorFrom(ctx); a != nil {
		by = a.Username
	}
	restore := AuditEntry{At: s.stamp(), Username: by, Action: ActRestore, Entity: "数据库",
		Summary: restoreSummary(info, live, liveErr, kept, len(carried))}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := carryCounters(ctx, tx, replaced.counters); err != nil {
			return err
		}
		return appendAudit(ctx, tx, append(carried, restore))
	})
	return len(carried), err
}

// carryOver returns the entries of the replaced trail that the backup's trail does not share:
// those after the longest common start. Each keeps its original id and hashes; one already
// carried over by an earlier restore keeps the place it was first written.
func carryOver(backup, live []AuditEntry) []AuditEntry {
	p := 0
	for p < len(backup) && p < len(live) && backup[p].Hash == live[p].Hash {
		p++
	}
	out := make([]AuditEntry, 0, len(live)-p)
	for _, e := range live[p:] {
		c := AuditEntry{At: e.At, Username: e.Username, Action: e.Action, Entity: e.Entity, EntityID: e.EntityID,
			Summary: e.Summary, OrigID: e.ID, OrigPrevHash: e.PrevHash, OrigHash: e.Hash}
		if e.Carried() {
			c.OrigID, c.OrigPrevHash, c.OrigHash = e.OrigID, e.OrigPrevHash, e.OrigHash
		}
		out = append(out, c)
	}
	return out
}

func restoreSummary(info BackupInfo, live []AuditEntry, liveErr error, kept string, carried int) string {
	b := fmt.Sprintf("从备份 %s 恢复（备份时间 %s，审计头 %s，审计记录 %d 条）", filepath.Base(info.File),
		info.When(), info.AuditHead, info.AuditEntries)
	switch {
	case kept == "":
		return b + "；原来没有数据库"
	case liveErr != nil:
		return b + fmt.Sprintf("；被替换的数据库已另存为 %s，其审计记录无法读取（%v），未能带入", filepath.Base(kept), liveErr)
	}
	head := ""
	if len(live) > 0 {
		head = live[len(live)-1].Hash
	}
	return b + fmt.Sprintf("；被替换的数据库（审计记录 %d 条，审计头 %s）已另存为 %s；带入其在备份之后的审计记录 %d 条",
		len(live), head, filepath.Base(kept), carried)
}

// copyDB copies a closed database file with its -wal and -shm side files.
func copyDB(src, dst string) error {
	if err := copyFile(src, dst); err != nil {
		return err
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(src + side); err == nil {
			if err := copyFile(src+side, dst+side); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeDB removes a database file and its side files, if present.
func removeDB(file string) {
	for _, f := range []string{file, file + "-wal", file + "-shm", file + "-journal"} {
		os.Remove(f)
	}
}
