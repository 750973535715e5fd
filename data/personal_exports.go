package data

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
)

// Printing or exporting documents that carry people's personal data (the catalogue marks them
// Personal: names with addresses, phones, ID numbers, health notes, children) is allowed to a
// role with a reason to hold such lists (社工, 管理员) and refused to the others (工坊管理员, 只读).
// An administrator may grant it to one account of another role, or withdraw it from one account
// of those roles (PIPL Art. 28); a 管理员 keeps it. The grant is a setting row of its own
// ("grant.personal.<id>" = "1" or "0"; no row: the role decides), which an account's own
// settings ("user.<id>.…") can never name. The store reads it at every personal print or export,
// so a withdrawal holds at once, on every desk and on the command line.

// PersonalByRole reports whether a role may print and export personal documents unless an
// administrator decided otherwise for the account.
func PersonalByRole(r Role) bool { return r.Can(PermReveal) }

func personalGrantKey(userID int64) string { return "grant.personal." + strconv.FormatInt(userID, 10) }

const personalGrantPrefix = "grant.personal."

// personalAllowed is what the account may now: its role, then the administrator's decision.
func personalAllowed(ctx context.Context, q querier, userID int64, role Role) (bool, error) {
	if role == RoleAdmin {
		return true, nil
	}
	var v string
	err := queryRow(ctx, q, "SELECT value FROM setting WHERE key = ?", personalGrantKey(userID)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return PersonalByRole(role), nil
	}
	if err != nil {
		return false, mapErr(err, "账户")
	}
	return v == "1", nil
}

// errNoPersonal is the refusal of a personal print or export.
func errNoPersonal(a *Actor) error {
	if PersonalByRole(a.Role) {
		return forbidden("管理员已收回您的账户打印、导出含个人信息文件的权限（可以在屏幕上查看；如需导出请联系管理员在 设置 → 账户 中授权）")
	}
	return forbidden("含个人信息的文件，“" + string(a.Role) + "”角色可以在屏幕上查看，但不能批量打印或导出（需要社工或管理员，或管理员在 设置 → 账户 中为您的账户授权）")
}

// authorizePersonal returns the actor when it may print or export personal data now.
func (s *Store) authorizePersonal(ctx context.Context, q querier) (*Actor, error) {
	a, err := s.authorize(ctx, q, PermView)
	if err != nil {
		return nil, err
	}
	if a == systemActor {
		return a, nil
	}
	ok, err := personalAllowed(ctx, q, a.UserID, a.Role)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoPersonal(a)
	}
	return a, nil
}

// PersonalRefusal says why the signed-in account may not print or export personal documents now
// (nil: it may). It reads only; a window asks it before the file dialog.
func (s *Store) PersonalRefusal(ctx context.Context) error {
	_, err := s.authorizePersonal(ctx, s.db)
	return err
}

// RecordPersonal is Record for a print or export of personal data: it refuses, writing nothing,
// when the account may not make one (its role, or the administrator's withdrawal), so that no
// personal document leaves the office unrecorded or unallowed. The summary carries the row count.
func (s *Store) RecordPersonal(ctx context.Context, action, entity string, entityID int64, summary string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorizePersonal(ctx, tx)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, entity, entityID, summary)
	})
}

type personalKey struct{}

// ForPersonalDocument marks ctx as making a personal print or export: Record then checks the
// account's grant as RecordPersonal does. The catalogue marks every Personal document's run, so
// a document's render cannot forget it.
func ForPersonalDocument(ctx context.Context) context.Context {
	return context.WithValue(ctx, personalKey{}, true)
}

func personalDocument(ctx context.Context) bool { v, _ := ctx.Value(personalKey{}).(bool); return v }

// SetPersonalExports grants (allow) or withdraws the printing and exporting of personal
// documents for one account (管理员 only). Setting what the role gives anyway removes the
// account's exception. A 管理员's own cannot be withdrawn.
func (s *Store) SetPersonalExports(ctx context.Context, userID int64, allow bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		var name string
		var role Role
		err = queryRow(ctx, tx, "SELECT username, role FROM app_user WHERE id = ?", userID).Scan(&name, &role)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("账户")
		}
		if err != nil {
			return mapErr(err, "账户")
		}
		if role == RoleAdmin {
			return &Error{Code: CodeInvalid, Message: "管理员账户始终可以打印、导出含个人信息的文件，无需授权，也不能收回"}
		}
		key := personalGrantKey(userID)
		if allow == PersonalByRole(role) {
			_, err = execSQL(ctx, tx, "DELETE FROM setting WHERE key = ?", key)
		} else {
			_, err = execSQL(ctx, tx, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
				key, strconv.Itoa(boolInt(allow)))
		}
		if err != nil {
			return mapErr(err, "设置")
		}
		what := "收回账户 " + name + "（" + string(role) + "）打印、导出含个人信息文件的权限"
		if allow {
			what = "授权账户 " + name + "（" + string(role) + "）打印、导出含个人信息的文件"
		}
		return s.audit(ctx, tx, a, ActUpdate, "账户", userID, what)
	})
}

// personalGrants reads every account's exception: user id → allowed.
func personalGrants(ctx context.Context, q querier) (map[int64]bool, error) {
	out := map[int64]bool{}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var k, v string
		if err := sc.Scan(&k, &v); err != nil {
			return err
		}
		if id, err := strconv.ParseInt(strings.TrimPrefix(k, personalGrantPrefix), 10, 64); err == nil {
			out[id] = v == "1"
		}
		return nil
	}, "SELECT key, value FROM setting WHERE key LIKE ?", personalGrantPrefix+"%")
	return out, mapErr(err, "设置")
}
