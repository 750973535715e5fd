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
	ActCreate = "新增"
	ActUpdate = "修改"
	ActDelete = "删除"
	ActPrint  = "打印"
	ActExport = "导出"
	ActImport = "导入"
	ActReveal = "查看明文"
	ActLogin  = "登录"
	ActErase  = "删除个人信息"
	ActBackup = "备份"
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
}

const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// chainHash is SHA-256 over the previous hash and the entry's fields.
func chainHash(e AuditEntry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n%s\n%s\n%s\n%s\n%d\n%s", e.PrevHash, e.ID, e.At, e.Username, e.Action, e.Entity, e.EntityID, e.Summary)
	return hex.EncodeToString(h.Sum(nil))
}

// audit appends an entry inside tx. Summaries must not hold sensitive values.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, a *Actor, action, entity string, entityID int64, summary string) error {
	e := AuditEntry{At: s.stamp(), Username: a.Username, Action: action, Entity: entity, EntityID: entityID, Summary: summary}
	err := tx.QueryRowContext(ctx, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&e.ID, &e.PrevHash)
	switch {
	case err == sql.ErrNoRows:
		e.ID, e.PrevHash = 0, genesisHash
	case err != nil:
		return mapErr(err, "审计记录")
	}
	e.ID++
	e.Hash = chainHash(e)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (id, at, username, action, entity, entity_id, summary, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.At, e.Username, e.Action, e.Entity, e.EntityID, e.Summary, e.PrevHash, e.Hash)
	return mapErr(err, "审计记录")
}

// Record writes an audit entry on its own, for events that change nothing else (print, export,
// reveal). It needs only PermView; what is recorded is the signed-in user.
func (s *Store) Record(ctx context.Context, action, entity string, entityID int64, summary string) error {
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
	q := "SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash FROM audit"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "审计记录")
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Username, &e.Action, &e.Entity, &e.EntityID, &e.Summary, &e.PrevHash, &e.Hash); err != nil {
			return nil, mapErr(err, "审计记录")
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err(), "审计记录")
}

// verifyAudit walks the chain and returns a description of the first broken link, or "".
func verifyAudit(ctx context.Context, q querier) (string, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, at, username, action, entity, entity_id, summary, prev_hash, hash FROM audit ORDER BY id")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	prev, want := genesisHash, int64(1)
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Username, &e.Action, &e.Entity, &e.EntityID, &e.Summary, &e.PrevHash, &e.Hash); err != nil {
			return "", err
		}
		switch {
		case e.ID != want:
			return fmt.Sprintf("审计链断裂：缺少第 %d 条记录（下一条是第 %d 条）", want, e.ID), nil
		case e.PrevHash != prev:
			return fmt.Sprintf("审计链断裂：第 %d 条记录的前序哈希与第 %d 条不符", e.ID, e.ID-1), nil
		case chainHash(e) != e.Hash:
			return fmt.Sprintf("审计链断裂：第 %d 条记录（%s %s %s）内容被改动", e.ID, e.At, e.Username, e.Action), nil
		}
		prev, want = e.Hash, want+1
	}
	return "", rows.Err()
}
