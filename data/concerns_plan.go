package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Changing an open concern's owner and promised date, and linking a concern to the record that
// answers it.

// SetConcernPlan changes an open concern's owner and promised date (the change is audited and
// kept in the history).
func (s *Store) SetConcernPlan(ctx context.Context, id, ownerUserID int64, ownerUnit, promisedOn string) error {
	m := Move{OwnerUserID: ownerUserID, OwnerUnit: ownerUnit, PromisedOn: promisedOn}
	m.Normalize()
	bad := &Invalid{}
	if m.OwnerUserID != 0 && m.OwnerUnit != "" {
		bad.Add("责任人", "选择一个账户或填写一个单位，二者选一")
	}
	if m.PromisedOn != "" {
		if _, err := ParseDate(m.PromisedOn); err != nil {
			bad.Add("承诺日期", "“%s”不是有效日期", m.PromisedOn)
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		c, err := findConcern(ctx, tx, id)
		if err != nil {
			return err
		}
		if !c.State.Open() {
			return conflict("“"+string(c.State)+"”的民情不能再改责任人或承诺日期", nil)
		}
		if err := checkOwnerAccount(ctx, tx, bad, "责任人", m.OwnerUserID); err != nil {
			return err
		} else if err := bad.Err(); err != nil {
			return err
		}
		if err := retally(ctx, tx, id, func() error {
			_, err := execSQL(ctx, tx, "UPDATE concern SET owner_user_id = ?, owner_unit = ?, promised_on = ?, updated_at = ? WHERE id = ?",
				nullID(m.OwnerUserID), m.OwnerUnit, m.PromisedOn, s.stamp(), id)
			return mapErr(err, "民情")
		}); err != nil {
			return err
		}
		note := "责任人、承诺日期改为 " + m.PromisedOn
		if err := addStateChange(ctx, tx, id, c.State, c.State, s.stamp(), a.Username, note); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "民情", id, c.Number+"："+note)
	})
}

// LinkConcern links a concern to the record that answers it (a children's programme, a
// home-service request, anything else by its label): 赞山's 点单 → 派单.
func (s *Store) LinkConcern(ctx context.Context, id int64, kind string, linkID int64, label string) error {
	kind, label = strings.TrimSpace(kind), strings.TrimSpace(label)
	bad := &Invalid{}
	if kind == "" {
		bad.Add("关联类型", "必填（儿童项目、上门服务、其他）")
	}
	if label == "" {
		bad.Add("关联记录", "必填")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		if err := checkLinkTarget(ctx, tx, kind, linkID); err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "UPDATE concern SET link_kind = ?, link_id = ?, link_label = ?, updated_at = ? WHERE id = ?",
			kind, linkID, label, s.stamp(), id)
		if err != nil {
			return mapErr(err, "民情")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("这条民情")
		}
		return s.audit(ctx, tx, a, ActUpdate, "民情", id, "关联"+kind+"："+label)
	})
}

// LinkKinds are the records a concern can be answered by; 其他 needs only a label.
var LinkKinds = map[string]string{"儿童项目": "programme", "上门服务": "service_request", "其他": ""}

func checkLinkTarget(ctx context.Context, q querier, kind string, linkID int64) error {
	table, ok := LinkKinds[kind]
	if !ok {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "关联类型", Message: "“" + kind + "”不是可关联的记录（儿童项目、上门服务、其他）"}}}
	}
	if table == "" {
		return nil
	}
	n, err := queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM "+table+" WHERE id = ?", linkID)
	if err != nil {
		return mapErr(err, kind)
	}
	if n == 0 {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "关联记录", Message: kind + "中没有这条记录"}}}
	}
	return nil
}

// OwnerAccount is an account a concern can be given to.
type OwnerAccount struct {
	ID   int64
	Name string // display name, or the username
}

// ConcernOwners lists the active accounts a concern can be given to: those whose role may handle
// concerns (not 只读 or 工坊管理员). Any signed-in role may see who they are; the account list
// with roles and locks stays 管理员's.
func (s *Store) ConcernOwners(ctx context.Context) ([]OwnerAccount, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	type owner struct {
		OwnerAccount
		role Role
	}
	all, err := queryAll(ctx, s.db, func(sc rowScanner) (owner, error) {
		var o owner
		err := sc.Scan(&o.ID, &o.Name, &o.role)
		return o, err
	}, "SELECT id, coalesce(nullif(display_name, ''), username), role FROM app_user WHERE disabled = 0 ORDER BY id")
	var out []OwnerAccount
	for _, o := range all {
		if o.role.Can(PermConcernsWrite) {
			out = append(out, o.OwnerAccount)
		}
	}
	return out, mapErr(err, "账户")
}

// SetFollowUpDays sets how many days after 已办结 the 回访 falls due (管理员; 1 to 90).
func (s *Store) SetFollowUpDays(ctx context.Context, days int) error {
	if days < 1 || days > 90 {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "回访天数", Message: "应在 1 到 90 天之间"}}}
	}
	return s.SetSetting(ctx, SettingFollowUpDays, strconv.Itoa(days))
}
