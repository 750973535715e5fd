package data

import (
	"context"
	"database/sql"
	"strings"
)

// WorkshopIdentity is who the workshop (共富工坊) is: the name printed on its ledgers, payout
// slips, order confirmations and training certificates, the community that hosts it and the
// craft its trainees learn. An office that has not set it up has the zero value.
type WorkshopIdentity struct {
	Name        string
	CommunityID int64  // 0: no host community given
	Community   string // the host community's name (read only)
	Craft       string // e.g. 灯彩制作技艺; printed on training certificates
}

// WorkshopUnset is printed where the workshop's name belongs until the 管理员 sets it.
const WorkshopUnset = "（尚未设置工坊名称，请管理员在「设置 → 工坊信息」中填写）"

// Configured reports whether the workshop has a name.
func (w WorkshopIdentity) Configured() bool { return w.Name != "" }

// Title is the workshop's name, or a note saying it is not set up.
func (w WorkshopIdentity) Title() string {
	if w.Name == "" {
		return WorkshopUnset
	}
	return w.Name
}

// CraftOrDefault is the craft trained, or 手工技艺 when none is given.
func (w WorkshopIdentity) CraftOrDefault() string {
	if w.Craft == "" {
		return "手工技艺"
	}
	return w.Craft
}

// Normalize folds and trims the text fields.
func (w *WorkshopIdentity) Normalize() {
	w.Name = strings.TrimSpace(Fold(w.Name))
	w.Craft = strings.TrimSpace(Fold(w.Craft))
}

// Validate checks the fields (after Normalize).
func (w *WorkshopIdentity) Validate() error {
	w.Normalize()
	v := &Invalid{}
	if n := len([]rune(w.Name)); n == 0 || n > 60 {
		v.Add("工坊名称", "不能为空，最多 60 个字")
	}
	if len([]rune(w.Craft)) > 40 {
		v.Add("培训技艺", "最多 40 个字")
	}
	if w.CommunityID < 0 {
		v.Add("所在社区", "不存在")
	}
	return v.Err()
}

// WorkshopIdentity returns the workshop's identity (the zero value when not set up yet).
func (s *Store) WorkshopIdentity(ctx context.Context) (WorkshopIdentity, error) {
	var w WorkshopIdentity
	err := queryRow(ctx, s.db, `SELECT w.name, coalesce(w.community_id, 0), coalesce(c.name, ''), w.craft
		FROM workshop_identity w LEFT JOIN community c ON c.id = w.community_id WHERE w.id = 1`).Scan(&w.Name, &w.CommunityID, &w.Community, &w.Craft)
	if err == sql.ErrNoRows {
		return WorkshopIdentity{}, nil
	}
	return w, mapErr(err, "工坊信息")
}

// SaveWorkshopIdentity sets the workshop's name, host community and craft (管理员 only).
func (s *Store) SaveWorkshopIdentity(ctx context.Context, w WorkshopIdentity) error {
	if err := w.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		var community any
		if w.CommunityID != 0 {
			var n int
			if err := queryRow(ctx, tx, "SELECT count(*) FROM community WHERE id = ?", w.CommunityID).Scan(&n); err != nil {
				return mapErr(err, "社区")
			}
			if n == 0 {
				return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "所在社区", Message: "不存在"}}}
			}
			community = w.CommunityID
		}
		if _, err := execSQL(ctx, tx, `INSERT INTO workshop_identity (id, name, community_id, craft) VALUES (1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, community_id = excluded.community_id, craft = excluded.craft`,
			w.Name, community, w.Craft); err != nil {
			return mapErr(err, "工坊信息")
		}
		return s.audit(ctx, tx, a, ActUpdate, "工坊信息", 1, "工坊名称："+w.Name)
	})
}
