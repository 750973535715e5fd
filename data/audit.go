package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
)

// Audit actions.
const (
	ActCreate  = "新增"
	ActUpdate  = "修改"
	ActDelete  = "删除"
	ActPrint   = "打印"
	ActExport  = "导出"
	ActImport  = "导入"
	ActReveal  = "查看明文"
	ActLogin   = "登录"
	ActErase   = "删除个人信息"
	ActBackup  = "备份"
	ActRestore = "恢复"
)

// AuditEntry is one line of the append-only, hash-chained audit trail.
type AuditEntry struct {
	ID       int64
	At       string
	Username string
	Action   string
	Entity   string
	EntityID int64
	Summary  string
	PrevHash string
	Hash     string
	// A restore carries over the entries the replaced database wrote after the backup. Such an
	// entry keeps where it was first written: its id, previous hash and hash there (OrigHash is
	// "" for an entry written here), so its original hash stays verifiable.
	OrigID       int64
	OrigPrevHash string
	OrigHash     string
}

// Carried reports whether the entry was written before a restore and carried over by it.
func (e AuditEntry) Carried() bool { return e.OrigHash != "" }

// ActionLabel is the action as lists show it: a carried-over entry is marked 恢复前.
func (e AuditEntry) ActionLabel() string {
	if e.Carried() {
		return "（恢复前）" + e.Action
	}
	return e.Action
}

// original is the entry as it stood in the database it was first written to.
func (e AuditEntry) original() AuditEntry {
	return AuditEntry{ID: e.OrigID, At: e.At, Username: e.Username, Action: e.Action, Entity: e.Entity,
		EntityID: e.EntityID, Summary: e.Summary, PrevHash: e.OrigPrevHash}
}

const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// chainHash is SHA-256 over the previous hash and the entry's fields; a carried-over entry's
// original position is part of what its hash covers.
func chainHash(e AuditEntry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n%s\n%s\n%s\n%s\n%d\n%s", e.PrevHash, e.ID, e.At, e.Username, e.Action, e.Entity, e.EntityID, e.Summary)
	if e.Carried() {
		fmt.Fprintf(h, "\n恢复前\n%d\n%s\n%s", e.OrigID, e.OrigPrevHash, e.OrigHash)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// audit appends an entry inside tx. Summaries must not hold sensitive values.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, a *Actor, action, entity string, entityID int64, summary string) error {
	return appendAudit(ctx, tx, []AuditEntry{{At: s.stamp(), Username: a.Username, Action: action, Entity: entity,
		EntityID: entityID, Summary: summary}})
}

// appendAudit chains entries onto the end of the trail inside tx (their ID, PrevHash and Hash are
// set here).
func appendAudit(ctx context.Context, tx *sql.Tx, es []AuditEntry) error {
	var id int64
	prev := genesisHash
	err := tx.QueryRowContext(ctx, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&id, &prev)
	if err != nil && err != sql.ErrNoRows {
		return mapErr(err, "审计记录")
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit (id, at, username, action, entity, entity_id, summary,
		prev_hash, hash, orig_id, orig_prev_hash, orig_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return mapErr(err, "审计记录")
	}
	defer stmt.Close()
	for _, e := range es {
		id++
		e.ID, e.PrevHash = id, prev
		e.Hash = chainHash(e)
		if _, err := stmt.ExecContext(ctx, e.ID, e.At, e.Username, e.Action, e.Entity, e.EntityID, e.Summary,
			e.PrevHash, e.Hash, e.OrigID, e.OrigPrevHash, e.OrigHash); err != nil {
			return mapErr(err, "审计记录")
		}
		prev = e.Hash
	}
	return nil
}

// Record writes an audit entry on its own, for events that change nothing else (print, export,
// reveal). It needs only PermView (and, for a personal document, the account's grant:
// ForPersonalDocument); what is recorded is the signed-in user.
func (s *Store) Record(ctx context.Context, action, entity string, entityID int64, summary string) error {
	if personalDocument(ctx) {
		return s.RecordPersonal(ctx, action, entity, entityID, summary)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermView)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, entity, entityID, summary)
	})
}

// AuditHead returns the newest entry's hash ("" for an empty trail).
func (s *Store) AuditHead(ctx context.Context) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&h)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return h, mapErr(err, "审计记录")
}

// ShortHash is the form printed in ledger footers.
func ShortHash(h string) string {
	if len(h) < 12 {
		return h
	}
	return h[:12]
}

// AuditFilter narrows the audit list; empty fields match everything.
type AuditFilter struct {
	Username, Action, Entity string
	From, To                 string // YYYY-MM-DD, inclusive
	Limit                    int
}

// ListAudit returns entries newest first. Only 管理员 may read the trail.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if _, err := s.authorize(ctx, s.db, PermAdmin); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if f.Username != "" {
		where, args = append(where, "username = ?"), append(args, f.Username)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.Entity != "" {
		where, args = append(where, "entity = ?"), append(args, f.Entity)
	}
	if f.From != "" {
		where, args = append(where, "at >= ?"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "at < ?"), append(args, f.To+"T99")
	}
	q := "SELECT " + auditColumns + " FROM audit"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	out, err := scanAudit(ctx, s.db, q, args...)
	return out, mapErr(err, "审计记录")
}

const auditColumns = "id, at, username, action, entity, entity_id, summary, prev_hash, hash, orig_id, orig_prev_hash, orig_hash"

// auditColumnsOf is auditColumns for a database that may predate carried-over entries (a backup
// or the file a restore replaces, read without migrating it).
func auditColumnsOf(ctx context.Context, q querier) (string, error) {
	var n int
	err := q.QueryRowContext(ctx, alt("SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'orig_hash'",
		"SELECT 1")).Scan(&n) // a server database is always migrated
	if n == 0 && err == nil {
		return "id, at, username, action, entity, entity_id, summary, prev_hash, hash, 0, '', ''", nil
	}
	return auditColumns, err
}

func scanAudit(ctx context.Context, q querier, query string, args ...any) ([]AuditEntry, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Username, &e.Action, &e.Entity, &e.EntityID, &e.Summary, &e.PrevHash, &e.Hash,
			&e.OrigID, &e.OrigPrevHash, &e.OrigHash); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// readTrail returns the whole trail in order, from a database of any schema version.
func readTrail(ctx context.Context, q querier) ([]AuditEntry, error) {
	cols, err := auditColumnsOf(ctx, q)
	if err != nil {
		return nil, err
	}
	return scanAudit(ctx, q, "SELECT "+cols+" FROM audit ORDER BY id")
}

// verifyAudit walks the chain and returns a description of the first broken link, or "". A
// carried-over entry must also still match the hash it had where it was first written.
func verifyAudit(ctx context.Context, q querier) (string, error) {
	es, err := readTrail(ctx, q)
	if err != nil {
		return "", err
	}
	prev, want := genesisHash, int64(1)
	for _, e := range es {
		switch {
		case e.ID != want:
			return fmt.Sprintf("审计链断裂：缺少第 %d 条记录（下一条是第 %d 条）", want, e.ID), nil
		case e.PrevHash != prev:
			return fmt.Sprintf("审计链断裂：第 %d 条记录的前序哈希与第 %d 条不符", e.ID, e.ID-1), nil
		case e.Carried() && chainHash(e.original()) != e.OrigHash:
			return fmt.Sprintf("审计链断裂：第 %d 条记录（恢复前的原第 %d 条，%s %s %s）内容与原哈希不符，被改动过",
				e.ID, e.OrigID, e.At, e.Username, e.Action), nil
		case chainHash(e) != e.Hash:
			return fmt.Sprintf("审计链断裂：第 %d 条记录（%s %s %s）内容被改动", e.ID, e.At, e.Username, e.Action), nil
		}
		prev, want = e.Hash, want+1
	}
	return "", nil
}
