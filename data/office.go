package data

import (
	"context"
	"database/sql"
	"strconv"
)

// Office is the 街道 or 社区 whose name is printed on documents.
type Office struct {
	Name     string
	Address  string
	Phone    string
	SealText string // text of the seal line, e.g. 硖石街道办事处（盖章）
}

// Normalize folds the name and writes the phone in its stored form.
func (o *Office) Normalize() {
	o.Name = Fold(o.Name)
	if p, err := NormalizePhone(o.Phone); err == nil {
		o.Phone = p
	}
}

// Validate checks the office's fields.
func (o Office) Validate() error {
	v := &Invalid{}
	if n := len([]rune(o.Name)); n == 0 || n > 60 {
		v.Add("单位名称", "不能为空，最多 60 个字")
	}
	if _, err := NormalizePhone(o.Phone); err != nil {
		v.Add("单位电话", "不是有效电话号码")
	}
	return v.Err()
}

func saveOffice(ctx context.Context, tx *sql.Tx, o Office) error {
	_, err := execSQL(ctx, tx, `INSERT INTO office (id, name, address, phone, seal_text) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, phone = excluded.phone, seal_text = excluded.seal_text`,
		o.Name, o.Address, o.Phone, o.SealText)
	return mapErr(err, "单位信息")
}

// Office returns the office ("" name when not set up yet).
func (s *Store) Office(ctx context.Context) (Office, error) {
	var o Office
	err := queryRow(ctx, s.db, "SELECT name, address, phone, seal_text FROM office WHERE id = 1").Scan(&o.Name, &o.Address, &o.Phone, &o.SealText)
	if err == sql.ErrNoRows {
		return Office{}, nil
	}
	return o, mapErr(err, "单位信息")
}

// SaveOffice changes the office details (管理员 only).
func (s *Store) SaveOffice(ctx context.Context, o Office) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		if err := saveOffice(ctx, tx, o); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "单位信息", 1, "修改单位信息")
	})
}

// Setting keys and defaults.
const (
	SettingSample = "sample_database"
)

// Setting returns a setting's value or def.
func (s *Store) Setting(ctx context.Context, key, def string) string {
	var v string
	if err := queryRow(ctx, s.db, "SELECT value FROM setting WHERE key = ?", key).Scan(&v); err != nil {
		return def
	}
	return v
}

// SettingInt returns an integer setting or def.
func (s *Store) SettingInt(ctx context.Context, key string, def int) int {
	n, err := strconv.Atoi(s.Setting(ctx, key, ""))
	if err != nil {
		return def
	}
	return n
}

// SetSetting stores a setting (管理员 only).
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value); err != nil {
			return mapErr(err, "设置")
		}
		return s.audit(ctx, tx, a, ActUpdate, "设置", 0, "修改设置 "+key)
	})
}

// IsSample reports whether the database was filled by `demo` (the login screen then shows the
// sample accounts' password).
func (s *Store) IsSample(ctx context.Context) bool { return s.Setting(ctx, SettingSample, "") == "1" }
