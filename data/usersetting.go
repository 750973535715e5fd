package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Account settings: a signed-in user's own choices (the interface language), kept in the
// database so that they follow the account to any desk. Any role may keep its own.

// userSettingKey is the setting row of an account's setting.
func userSettingKey(userID int64, name string) string { return fmt.Sprintf("user.%d.%s", userID, name) }

// UserSetting returns a setting of the signed-in account, or def when it has none.
func (s *Store) UserSetting(ctx context.Context, name, def string) (string, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return def, err
	}
	var v string
	err = queryRow(ctx, s.db, "SELECT value FROM setting WHERE key = ?", userSettingKey(a.UserID, name)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, mapErr(err, "设置")
	}
	return v, nil
}

// SetUserSetting keeps a setting of the signed-in account.
func (s *Store) SetUserSetting(ctx context.Context, name, value string) error {
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if name == "" || len(value) > 200 {
		return &Error{Code: CodeInvalid, Message: "设置名不能为空，值不能超过 200 个字符"}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermView)
		if err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			userSettingKey(a.UserID, name), value); err != nil {
			return mapErr(err, "设置")
		}
		return s.audit(ctx, tx, a, ActUpdate, "账户", a.UserID, "修改个人设置 "+name+" = "+value)
	})
}
