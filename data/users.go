package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// User is an account (never carries the hash outside the store).
type User struct {
	ID          int64
	Username    string
	DisplayName string
	Role        Role
	Disabled    bool
	LockedUntil string
	MustChange  bool // the password was reset: a new one is chosen at the next sign-in
	// Personal: the account may print and export personal documents (its role, or the
	// administrator's grant or withdrawal: personal_exports.go).
	Personal bool
}

// Login lockout policy.
const (
	MaxFailedLogins = 5
	LockoutDuration = 5 * time.Minute
)

// HasUsers reports whether any account exists (after setup).
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	n, err := countUsers(ctx, s.db)
	return n > 0, mapErr(err, "账户")
}

func validateUser(username, display string, role Role) error {
	return User{Username: username, DisplayName: display, Role: role}.Validate()
}

// Setup creates the office and the first 管理员 on a database without accounts.
func (s *Store) Setup(ctx context.Context, office Office, username, display, password string) (*Actor, error) {
	office.Normalize()
	if err := office.Validate(); err != nil {
		return nil, err
	}
	if err := validateUser(username, display, RoleAdmin); err != nil {
		return nil, err
	}
	if err := CheckPasswordRule(password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password, passwordParams)
	if err != nil {
		return nil, internal(err)
	}
	var actor *Actor
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := countUsers(ctx, tx)
		if err != nil {
			return mapErr(err, "账户")
		}
		if n > 0 {
			return conflict("本数据库已经设置过管理员，请直接登录", nil)
		}
		if err := saveOffice(ctx, tx, office); err != nil {
			return err
		}
		id, err := insertUser(ctx, tx, s.stamp(), username, display, RoleAdmin, hash, false)
		if err != nil {
			return err
		}
		actor = &Actor{UserID: id, Username: username, Display: display, Role: RoleAdmin, Personal: true}
		return s.audit(ctx, tx, actor, ActCreate, "账户", id, "首次设置：创建单位信息和管理员 "+username)
	})
	return actor, err
}

func insertUser(ctx context.Context, tx *sql.Tx, now, username, display string, role Role, hash string, mustChange bool) (int64, error) {
	res, err := execSQL(ctx, tx, `INSERT INTO app_user (username, display_name, role, password_hash, must_change, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, username, display, string(role), hash, boolInt(mustChange), now, now)
	if err != nil {
		return 0, mapErr(err, "用户名“"+username+"”")
	}
	return lastID(res)
}

// CreateUser adds an account (管理员 only). The initial password is the administrator's, so, like
// a reset one, it must be replaced by the user's own at the first sign-in.
func (s *Store) CreateUser(ctx context.Context, username, display string, role Role, password string) (int64, error) {
	return s.createUser(ctx, username, display, role, password, true)
}

// CreateSampleUser is CreateUser for the sample community's accounts, whose password is the
// published demo password and stands: a sample database is for trying the program out.
func (s *Store) CreateSampleUser(ctx context.Context, username, display string, role Role, password string) (int64, error) {
	return s.createUser(ctx, username, display, role, password, false)
}

func (s *Store) createUser(ctx context.Context, username, display string, role Role, password string, mustChange bool) (int64, error) {
	if err := validateUser(username, display, role); err != nil {
		return 0, err
	}
	if err := CheckPasswordRule(password); err != nil {
		return 0, err
	}
	hash, err := HashPassword(password, passwordParams)
	if err != nil {
		return 0, internal(err)
	}
	var id int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		if id, err = insertUser(ctx, tx, s.stamp(), username, display, role, hash, mustChange); err != nil {
			return err
		}
		summary := "创建账户 " + username + "（" + string(role) + "）"
		if mustChange {
			summary += "，初始密码须在首次登录时修改"
		}
		return s.audit(ctx, tx, a, ActCreate, "账户", id, summary)
	})
	return id, err
}

// Login checks a password. Five failures in a row lock the account for five minutes; a locked
// or disabled account is refused even with the right password.
func (s *Store) Login(ctx context.Context, username, password string) (*Actor, error) {
	for attempt := 0; ; attempt++ {
		// argon2id runs before the write transaction: a sign-in never holds the write lock for the
		// hash's fraction of a second (on a server, every desk would wait for it).
		hash, err := queryOne(ctx, s.db, scanValue[string], "SELECT password_hash FROM app_user WHERE username = ?", username)
		found := err == nil
		if err != nil && err != sql.ErrNoRows {
			return nil, mapErr(err, "账户")
		}
		ok := false
		if found {
			ok = verifyPassword(password, hash)
		} else {
			verifyPassword(password, dummyHash()) // same time as a real check
		}
		actor, err := s.login(ctx, username, hash, found, ok)
		if errors.Is(err, errPasswordChanged) {
			if attempt < 3 {
				continue // the password changed while it was being checked: check the new one
			}
			return nil, forbidden("密码刚刚被修改，请重新登录")
		}
		return actor, err
	}
}

// verifyPassword is VerifyPassword; tests replace it to hold a sign-in in the middle of its hash.
var verifyPassword = VerifyPassword

// errPasswordChanged says that the account's password hash changed between its check and the
// sign-in's transaction.
var errPasswordChanged = errors.New("password changed during sign-in")

// login records a sign-in whose password was checked against checked (found: the account
// existed then; ok: the password matched), in one write transaction.
func (s *Store) login(ctx context.Context, username, checked string, found, ok bool) (*Actor, error) {
	var actor *Actor
	var loginErr error
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var u User
		var hash string
		var failed int
		var disabled, mustChange int
		err := queryRow(ctx, tx, `SELECT id, username, display_name, role, password_hash, disabled, failed_logins, locked_until, must_change
			FROM app_user WHERE username = ?`, username).Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &hash, &disabled, &failed, &u.LockedUntil, &mustChange)
		if err == sql.ErrNoRows && !found {
			loginErr = forbidden("用户名或密码不正确")
			return s.auditFailedLogin(ctx, tx, username, 0, "无此用户")
		}
		if err == nil && (!found || hash != checked) || err == sql.ErrNoRows {
			return errPasswordChanged
		}
		if err != nil {
			return mapErr(err, "账户")
		}
		now := s.now()
		if u.LockedUntil != "" {
			if until, err := time.Parse(time.RFC3339, u.LockedUntil); err == nil && now.Before(until) {
				loginErr = forbidden("密码连续输错 5 次，账户已锁定，请于 " + until.Format("15:04") + " 后再试")
				return s.auditFailedLogin(ctx, tx, username, u.ID, "账户锁定中")
			}
		}
		if disabled == 1 {
			loginErr = forbidden("该账户已停用，请联系管理员")
			return s.auditFailedLogin(ctx, tx, username, u.ID, "账户已停用")
		}
		if !ok {
			failed++
			locked := ""
			loginErr = forbidden("用户名或密码不正确")
			if failed >= MaxFailedLogins {
				locked = now.Add(LockoutDuration).Format(time.RFC3339)
				failed = 0
				loginErr = forbidden("密码连续输错 5 次，账户已锁定 5 分钟")
			}
			if _, err := execSQL(ctx, tx, "UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?", failed, locked, u.ID); err != nil {
				return mapErr(err, "账户")
			}
			why := "密码不正确"
			if locked != "" {
				why += "，账户锁定 5 分钟"
			}
			return s.auditFailedLogin(ctx, tx, username, u.ID, why)
		}
		if _, err := execSQL(ctx, tx, "UPDATE app_user SET failed_logins = 0, locked_until = '' WHERE id = ?", u.ID); err != nil {
			return mapErr(err, "账户")
		}
		personal, err := personalAllowed(ctx, tx, u.ID, u.Role)
		if err != nil {
			return err
		}
		actor = &Actor{UserID: u.ID, Username: u.Username, Display: u.DisplayName, Role: u.Role, MustChange: mustChange == 1, Personal: personal}
		return s.audit(ctx, tx, actor, ActLogin, "账户", u.ID, "登录")
	})
	if err != nil {
		return nil, err
	}
	return actor, loginErr
}

// ActLoginFailed is the audit action of a refused sign-in.
const ActLoginFailed = "登录失败"

// auditFailedLogin records a refused sign-in: the user name tried, why, and the desk (this
// computer's name). The time is the entry's own.
func (s *Store) auditFailedLogin(ctx context.Context, tx *sql.Tx, username string, userID int64, why string) error {
	tried := []rune(strings.TrimSpace(username))
	if len(tried) > 64 {
		tried = append(tried[:64], '…')
	}
	desk, err := os.Hostname()
	if err != nil || desk == "" {
		desk = "未知"
	}
	summary := fmt.Sprintf("登录失败：用户名 %q，%s，电脑 %s", string(tried), why, desk)
	return s.audit(ctx, tx, &Actor{Username: string(tried)}, ActLoginFailed, "账户", userID, summary)
}

// dummyHash is computed on the first unknown user name, not at start: one argon2id costs 64 MiB
// and a noticeable fraction of a second, which every command and the window would pay.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("linli-dummy-password", DefaultArgon2) // random salt; only the time matters
	return h
})

// ChangePassword lets the signed-in user change their own password; it also ends a reset's
// "must change" state (the caller then signs in afresh or clears Actor.MustChange).
func (s *Store) ChangePassword(ctx context.Context, oldPw, newPw string) error {
	a := ActorFrom(ctx)
	if a == nil || a.UserID == 0 {
		return forbidden("请先登录")
	}
	if err := CheckPasswordRule(newPw); err != nil {
		return renameField(err, "密码", "新密码")
	}
	if newPw == oldPw {
		v := &Invalid{}
		v.Add("新密码", "不能与原密码相同")
		return v.Err()
	}
	var hash string
	if err := queryRow(ctx, s.db, "SELECT password_hash FROM app_user WHERE id = ?", a.UserID).Scan(&hash); err != nil {
		return mapErr(err, "账户")
	}
	if !VerifyPassword(oldPw, hash) {
		v := &Invalid{}
		v.Add("原密码", "不正确")
		return v.Err()
	}
	return s.setPassword(ctx, a, a.UserID, newPw, false, "修改本人密码")
}

// ResetPassword sets another user's password and unlocks the account (管理员 only); the user
// must choose a new password at the next sign-in.
func (s *Store) ResetPassword(ctx context.Context, userID int64, newPw string) error {
	if err := CheckPasswordRule(newPw); err != nil {
		return renameField(err, "密码", "新密码")
	}
	a, err := s.authorize(ctx, s.db, PermAdmin)
	if err != nil {
		return err
	}
	return s.setPassword(ctx, a, userID, newPw, true, "重置密码（下次登录须修改）")
}

func (s *Store) setPassword(ctx context.Context, a *Actor, userID int64, pw string, mustChange bool, summary string) error {
	hash, err := HashPassword(pw, passwordParams)
	if err != nil {
		return internal(err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := execSQL(ctx, tx, `UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = '', must_change = ?,
			updated_at = ? WHERE id = ?`, hash, boolInt(mustChange), s.stamp(), userID)
		if err != nil {
			return mapErr(err, "账户")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("账户")
		}
		return s.audit(ctx, tx, a, ActUpdate, "账户", userID, summary)
	})
}

// SetUserDisabled disables or re-enables an account (管理员 only; not one's own).
func (s *Store) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		if a.UserID == userID {
			return forbidden("不能停用自己的账户")
		}
		res, err := execSQL(ctx, tx, "UPDATE app_user SET disabled = ?, updated_at = ? WHERE id = ?", boolInt(disabled), s.stamp(), userID)
		if err != nil {
			return mapErr(err, "账户")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("账户")
		}
		what := "启用账户"
		if disabled {
			what = "停用账户"
		}
		return s.audit(ctx, tx, a, ActUpdate, "账户", userID, what)
	})
}

// ListUsers returns all accounts (管理员 only).
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	if _, err := s.authorize(ctx, s.db, PermAdmin); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (User, error) {
		var u User
		var d, m int
		err := sc.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &d, &u.LockedUntil, &m)
		u.Disabled, u.MustChange = d == 1, m == 1
		return u, err
	}, "SELECT id, username, display_name, role, disabled, locked_until, must_change FROM app_user ORDER BY id")
	if err != nil {
		return nil, mapErr(err, "账户")
	}
	grants, err := personalGrants(ctx, s.db)
	if err != nil {
		return nil, err
	}
	for i, u := range out {
		g, set := grants[u.ID]
		out[i].Personal = u.Role == RoleAdmin || (set && g) || (!set && PersonalByRole(u.Role))
	}
	return out, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// renameField gives a field error the label of the form that asked (新密码 rather than 密码).
func renameField(err error, from, to string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Fields = append([]FieldError(nil), e.Fields...)
	for i := range out.Fields {
		if out.Fields[i].Field == from {
			out.Fields[i].Field = to
		}
	}
	return &out
}
