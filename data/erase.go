package data

import (
	"context"
	"database/sql"
	"fmt"
)

// ErasePerson removes a resident's personal fields (PIPL Art. 47) and keeps an anonymised row, so
// that history referring to the person still adds up. The database is vacuumed and the WAL
// truncated afterwards, so that the old values do not linger in free pages.
func (s *Store) ErasePerson(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		// The index keys are computed from the stored name and numbers: clear them before those go.
		if err := clearIndexes(ctx, tx, id); err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, `UPDATE person SET name = ?, sex = '', birth_date = '', id_number = NULL, phone = '',
			address = '', tags = '', notes = '', search = '', emergency_contact = '', emergency_phone = '', erased_at = ?, updated_at = ? WHERE id = ? AND erased_at IS NULL`,
			fmt.Sprintf("已删除个人信息 #%d", id), s.stamp(), s.stamp(), id)
		if err != nil {
			return mapErr(err, "居民")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("居民")
		}
		return s.audit(ctx, tx, a, ActErase, "居民", id, fmt.Sprintf("删除居民 #%d 的个人信息，保留匿名记录", id))
	})
	if err != nil {
		return err
	}
	if _, err := execSQL(ctx, s.db, "VACUUM"); err != nil {
		return mapErr(err, "数据库")
	}
	_, err = execSQL(ctx, s.db, alt("PRAGMA wal_checkpoint(TRUNCATE)", "SELECT 1"))
	return mapErr(err, "数据库")
}
