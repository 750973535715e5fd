package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// ImportBatch is one import, as the undo list shows it.
type ImportBatch struct {
	ID                      int64
	Kind, FileName, At      string
	Username                string
	By                      string // the account's display name (its user name when it has none)
	Added, Updated, Skipped int
	Undone                  bool
}

// ImportBatches lists imports, newest first.
func (s *Store) ImportBatches(ctx context.Context) ([]ImportBatch, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (ImportBatch, error) {
		var b ImportBatch
		err := sc.Scan(&b.ID, &b.Kind, &b.FileName, &b.At, &b.Username, &b.By, &b.Added, &b.Updated, &b.Skipped, &b.Undone)
		return b, err
	}, `SELECT b.id, b.kind, b.file_name, b.at, b.username, coalesce(nullif(u.display_name, ''), b.username),
		b.added, b.updated, b.skipped, b.undone_at IS NOT NULL
		FROM import_batch b LEFT JOIN app_user u ON u.username = b.username ORDER BY b.id DESC`)
	return out, mapErr(err, "导入批次")
}

// UndoImport reverses a batch: people it added are deleted, people it updated get their earlier
// values back. It refuses while any later record refers to those people or they were changed
// after the import.
func (s *Store) UndoImport(ctx context.Context, batch int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		var at string
		var undone sql.NullString
		if err := queryRow(ctx, tx, "SELECT at, undone_at FROM import_batch WHERE id = ?", batch).Scan(&at, &undone); err != nil {
			return mapErr(err, "导入批次")
		}
		if undone.Valid {
			return conflict("该批次已经撤销过", nil)
		}
		type change struct {
			id             int64
			action, before string
			updatedAt      string
		}
		changes, err := queryAll(ctx, tx, func(sc rowScanner) (change, error) {
			var c change
			err := sc.Scan(&c.id, &c.action, &c.before, &c.updatedAt)
			return c, err
		}, `SELECT c.person_id, c.action, c.before, p.updated_at FROM import_change c
			JOIN person p ON p.id = c.person_id WHERE c.batch_id = ? ORDER BY c.action = 'add_volunteer' DESC`, batch)
		if err != nil {
			return mapErr(err, "导入批次")
		}
		for _, c := range changes {
			if c.updatedAt > at {
				return conflict(fmt.Sprintf("居民 #%d 在导入后又被修改过，不能撤销该批次", c.id), nil)
			}
		}
		if err := undoHouseholds(ctx, tx, batch); err != nil {
			return err
		}
		blocked := conflict("该批次导入的人员已被后续记录引用（如结对、报名、志愿服务），不能撤销", nil)
		for _, c := range changes {
			switch c.action {
			case "add_volunteer":
				if _, err := execSQL(ctx, tx, "DELETE FROM volunteer WHERE person_id = ?", c.id); err != nil {
					return blocked
				}
			case "add":
				if err := clearIndexes(ctx, tx, c.id); err != nil {
					return err
				}
				if _, err := execSQL(ctx, tx, "DELETE FROM person WHERE id = ?", c.id); err != nil {
					return blocked
				}
			case "update":
				var old Person
				if err := json.Unmarshal([]byte(c.before), &old); err != nil {
					return internal(err)
				}
				if _, err := s.writePerson(ctx, tx, old); err != nil {
					return err
				}
			}
		}
		if _, err := execSQL(ctx, tx, "UPDATE import_batch SET undone_at = ? WHERE id = ?", s.stamp(), batch); err != nil {
			return mapErr(err, "导入批次")
		}
		return s.audit(ctx, tx, a, ActDelete, "导入批次", batch, fmt.Sprintf("撤销导入批次 %d（%d 项变更）", batch, len(changes)))
	})
}
