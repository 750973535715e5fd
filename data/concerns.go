package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The 民情 store: recording a concern, listing and reading it, and moving it through its states.
// Meetings are in concerns_meetings.go, follow-ups and categories in concerns_followup.go, the
// figures in concerns_figures.go.

// ConcernFilter narrows a list of concerns; zero values match everything.
type ConcernFilter struct {
	State       ConcernState
	OpenOnly    bool
	From, To    string // raised_on, YYYY-MM-DD, inclusive
	CommunityID int64
	Category    string
	ResolvedIn  string // YYYY-MM: resolved that month
	IDs         []int64
	DuplicateOf int64
	Limit       int
}

const concernColumns = `c.id, c.number, c.text, c.community_id, cm.name, coalesce(c.grid_id, 0), coalesce(g.name, ''), c.place,
	c.category, c.reporter_kind, coalesce(c.person_id, 0), CASE WHEN c.person_id IS NULL THEN c.reporter_name ELSE coalesce(p.name, '') END,
	c.channel, c.raised_on, c.recorder, c.state, c.reason, c.referred_to, c.referral_ref, coalesce(c.duplicate_of, 0),
	coalesce(d.number, ''), coalesce(c.owner_user_id, 0), c.owner_unit,
	CASE WHEN c.owner_user_id IS NULL THEN c.owner_unit ELSE coalesce(nullif(u.display_name, ''), u.username, '') END,
	c.promised_on, c.resolved_on, c.resolution, c.link_kind, c.link_id, c.link_label, c.reopened,
	coalesce((SELECT f.satisfaction FROM concern_followup f WHERE f.concern_id = c.id ORDER BY f.id DESC LIMIT 1), '')
	FROM concern c JOIN community cm ON cm.id = c.community_id LEFT JOIN grid g ON g.id = c.grid_id
	LEFT JOIN person p ON p.id = c.person_id LEFT JOIN concern d ON d.id = c.duplicate_of
	LEFT JOIN app_user u ON u.id = c.owner_user_id`

func scanConcern(sc rowScanner) (Concern, error) {
	var c Concern
	err := sc.Scan(&c.ID, &c.Number, &c.Text, &c.CommunityID, &c.Community, &c.GridID, &c.Grid, &c.Place,
		&c.Category, &c.ReporterKind, &c.PersonID, &c.ReporterName, &c.Channel, &c.RaisedOn, &c.Recorder, &c.State,
		&c.Reason, &c.ReferredTo, &c.ReferralRef, &c.DuplicateOf, &c.DuplicateNo, &c.OwnerUserID, &c.OwnerUnit, &c.Owner,
		&c.PromisedOn, &c.ResolvedOn, &c.Resolution, &c.LinkKind, &c.LinkID, &c.LinkLabel, &c.Reopened, &c.Satisfaction)
	return c, err
}

// findConcerns lists the concerns a filter selects, newest first.
func findConcerns(ctx context.Context, q querier, f ConcernFilter) ([]Concern, error) {
	var w where
	if f.State != "" {
		w.add("c.state = ?", string(f.State))
	}
	if f.OpenOnly {
		w.add("c.state IN (?, ?, ?, ?, ?)", string(StateRecorded), string(StateVerified), string(StateAgenda), string(StateDecided), string(StateInHand))
	}
	if f.From != "" {
		w.add("c.raised_on >= ?", f.From)
	}
	if f.To != "" {
		w.add("c.raised_on <= ?", f.To)
	}
	if f.CommunityID != 0 {
		w.add("c.community_id = ?", f.CommunityID)
	}
	if f.Category != "" {
		w.add("c.category = ?", f.Category)
	}
	if f.ResolvedIn != "" {
		w.add("c.state = ? AND c.resolved_on >= ? AND c.resolved_on <= ?", string(StateResolved), f.ResolvedIn+"-01", f.ResolvedIn+"-31")
	}
	if f.DuplicateOf != 0 {
		w.add("c.duplicate_of = ?", f.DuplicateOf)
	}
	if len(f.IDs) > 0 {
		w.add("c.id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.IDs)), ", ")+")", int64sAny(f.IDs)...)
	}
	query := "SELECT " + concernColumns + w.String() + " ORDER BY c.raised_on DESC, c.id DESC"
	args := w.args
	if f.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return queryAll(ctx, q, scanConcern, query, args...)
}

func int64sAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// Concerns lists concerns, newest first.
func (s *Store) Concerns(ctx context.Context, f ConcernFilter) ([]Concern, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findConcerns(ctx, s.db, f)
	return out, mapErr(err, "民情")
}

// findConcern reads one concern.
func findConcern(ctx context.Context, q querier, id int64) (Concern, error) {
	c, err := queryOne(ctx, q, scanConcern, "SELECT "+concernColumns+" WHERE c.id = ?", id)
	if err == sql.ErrNoRows {
		return c, notFound("这条民情")
	}
	return c, mapErr(err, "民情")
}

// Concern reads one concern.
func (s *Store) Concern(ctx context.Context, id int64) (Concern, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Concern{}, err
	}
	return findConcern(ctx, s.db, id)
}

// ConcernByNumber reads the concern with that number (MQ-2026-0001).
func (s *Store) ConcernByNumber(ctx context.Context, number string) (Concern, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Concern{}, err
	}
	c, err := queryOne(ctx, s.db, scanConcern, "SELECT "+concernColumns+" WHERE c.number = ?", strings.TrimSpace(number))
	if err == sql.ErrNoRows {
		return c, notFound("民情 " + number)
	}
	return c, mapErr(err, "民情")
}

// StateChange is one line of a concern's state history.
type StateChange struct {
	ConcernID int64
	From, To  ConcernState
	At        string
	Username  string
	Note      string
}

// findStateChanges lists the history of the given concerns (all when ids is empty), oldest first.
func findStateChanges(ctx context.Context, q querier, ids []int64) ([]StateChange, error) {
	var w where
	if len(ids) > 0 {
		w.add("concern_id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+")", int64sAny(ids)...)
	}
	return queryAll(ctx, q, func(sc rowScanner) (StateChange, error) {
		var h StateChange
		err := sc.Scan(&h.ConcernID, &h.From, &h.To, &h.At, &h.Username, &h.Note)
		return h, err
	}, "SELECT concern_id, from_state, to_state, at, username, note FROM concern_state"+w.String()+" ORDER BY concern_id, id", w.args...)
}

// ConcernHistory is a concern's state history, oldest first.
func (s *Store) ConcernHistory(ctx context.Context, id int64) ([]StateChange, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findStateChanges(ctx, s.db, []int64{id})
	return out, mapErr(err, "民情")
}

// Duplicates lists the concerns marked as duplicates of this one.
func (s *Store) Duplicates(ctx context.Context, id int64) ([]Concern, error) {
	return s.Concerns(ctx, ConcernFilter{DuplicateOf: id})
}

// CreateConcern records a concern (登记) and returns it with its number.
func (s *Store) CreateConcern(ctx context.Context, c Concern) (Concern, error) {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return Concern{}, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		if err := checkConcernRefs(ctx, tx, c); err != nil {
			return err
		}
		number, err := nextNumber(ctx, tx, "concern", "MQ-"+c.RaisedOn[:4]+"-", 4)
		if err != nil {
			return err
		}
		stamp := s.stamp()
		id, err = queryOne(ctx, tx, scanValue[int64], `INSERT INTO concern (number, text, community_id, grid_id, place, category,
			reporter_kind, person_id, reporter_name, channel, raised_on, recorder, state, owner_user_id, owner_unit, promised_on,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			number, c.Text, c.CommunityID, nullID(c.GridID), c.Place, c.Category, c.ReporterKind, nullID(c.PersonID),
			namedOnly(c), c.Channel, c.RaisedOn, a.Username, string(StateRecorded), nullID(c.OwnerUserID), c.OwnerUnit,
			c.PromisedOn, stamp, stamp)
		if err != nil {
			return mapErr(err, "民情")
		}
		if err := addStateChange(ctx, tx, id, "", StateRecorded, stamp, a.Username, c.Channel+"反映"); err != nil {
			return err
		}
		if t, err := readTally(ctx, tx, id); err != nil {
			return err
		} else if err := addTally(ctx, tx, t, 1); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "民情", id, fmt.Sprintf("登记民情 %s：%s（%s）", number, c.Category, c.Channel))
	})
	if err != nil {
		return Concern{}, err
	}
	return findConcern(ctx, s.db, id)
}

// namedOnly is the free-text reporter name stored: a resident's name comes from the registry.
func namedOnly(c Concern) string {
	if c.ReporterKind == ReporterNamed {
		return c.ReporterName
	}
	return ""
}

// nullID is NULL for 0, so that an optional reference stores no row.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// checkConcernRefs checks what a concern points at: its category, its grid inside its community,
// the resident who raised it, the owner's account.
func checkConcernRefs(ctx context.Context, q querier, c Concern) error {
	bad := &Invalid{}
	n, err := queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM concern_category WHERE name = ?", c.Category)
	if err != nil {
		return mapErr(err, "民情类别")
	}
	if n == 0 {
		bad.Add("类别", "“%s”不是已有的类别（管理员可在设置中添加）", c.Category)
	}
	if n, err = queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM community WHERE id = ?", c.CommunityID); err != nil {
		return mapErr(err, "社区")
	} else if n == 0 {
		bad.Add("社区", "不存在")
	}
	if c.GridID != 0 {
		if n, err = queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM grid WHERE id = ? AND community_id = ?", c.GridID, c.CommunityID); err != nil {
			return mapErr(err, "网格")
		} else if n == 0 {
			bad.Add("网格", "不属于所选社区")
		}
	}
	if c.PersonID != 0 {
		if n, err = queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM person WHERE id = ? AND erased_at IS NULL", c.PersonID); err != nil {
			return mapErr(err, "居民")
		} else if n == 0 {
			bad.Add("反映人", "居民档案中没有这位居民")
		}
	}
	if err := checkOwnerAccount(ctx, q, bad, "责任人", c.OwnerUserID); err != nil {
		return err
	}
	return bad.Err()
}

// checkOwnerAccount adds a field error when an owner account is given but does not exist, is
// disabled, or has a role that may not handle concerns (只读, 工坊管理员).
func checkOwnerAccount(ctx context.Context, q querier, bad *Invalid, field string, userID int64) error {
	if userID == 0 {
		return nil
	}
	roles, err := queryAll(ctx, q, scanValue[Role], "SELECT role FROM app_user WHERE id = ? AND disabled = 0", userID)
	switch {
	case err != nil:
		return mapErr(err, "账户")
	case len(roles) == 0:
		bad.Add(field, "账户不存在或已停用")
	case !roles[0].Can(PermConcernsWrite):
		bad.Add(field, "该账户的角色（%s）不能办理民情，请选社工或管理员的账户", roles[0])
	}
	return nil
}

// addStateChange appends a line to a concern's state history.
func addStateChange(ctx context.Context, q querier, id int64, from, to ConcernState, at, username, note string) error {
	_, err := execSQL(ctx, q, "INSERT INTO concern_state (concern_id, from_state, to_state, at, username, note) VALUES (?, ?, ?, ?, ?, ?)",
		id, string(from), string(to), at, username, note)
	return mapErr(err, "民情状态")
}

// MoveConcern changes a concern's state by hand, as the state machine allows; each change is kept
// in its history and audited.
func (s *Store) MoveConcern(ctx context.Context, id int64, m Move) error {
	m.Normalize()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		return s.moveConcern(ctx, tx, a, id, m)
	})
}

// moveConcern is MoveConcern inside a transaction (a meeting's save uses it for each decision).
func (s *Store) moveConcern(ctx context.Context, tx *sql.Tx, a *Actor, id int64, m Move) error {
	c, err := findConcern(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := m.Validate(c.State, id); err != nil {
		return err
	}
	bad := &Invalid{}
	if err := checkOwnerAccount(ctx, tx, bad, "责任人", m.OwnerUserID); err != nil {
		return err
	}
	if err := bad.Err(); err != nil {
		return err
	}
	if m.To == StateDuplicate {
		if err := checkDuplicateTarget(ctx, tx, id, m.DuplicateOf); err != nil {
			return err
		}
	}
	note, set, args := moveEffects(c, m, s.Now().Format(dayLayout))
	stamp := s.stamp()
	args = append([]any{string(m.To), stamp}, args...)
	args = append(args, id, string(c.State))
	if err := retally(ctx, tx, id, func() error {
		res, err := execSQL(ctx, tx, "UPDATE concern SET state = ?, updated_at = ?"+set+" WHERE id = ? AND state = ?", args...)
		if err != nil {
			return mapErr(err, "民情")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n != 1 {
			return conflict("这条民情刚被另一个窗口改过，请刷新后再试", nil)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := addStateChange(ctx, tx, id, c.State, m.To, stamp, a.Username, note); err != nil {
		return err
	}
	summary := fmt.Sprintf("%s：%s → %s", c.Number, c.State, m.To)
	if note != "" {
		summary += "，" + note
	}
	return s.audit(ctx, tx, a, ActUpdate, "民情", id, summary)
}

// moveEffects is what a move writes besides the state: the SET clauses with their arguments,
// and the note kept in the history.
func moveEffects(c Concern, m Move, today string) (note, set string, args []any) {
	add := func(clause string, v any) { set += ", " + clause + " = ?"; args = append(args, v) }
	note = m.Note
	switch m.To {
	case StateDeclined:
		add("reason", m.Note)
	case StateReferred:
		add("referred_to", m.ReferredTo)
		add("referral_ref", m.ReferralRef)
		note = strings.TrimPrefix(strings.Join([]string{m.Note, "转" + m.ReferredTo + "（" + m.ReferralRef + "）"}, "；"), "；")
	case StateDuplicate:
		add("duplicate_of", m.DuplicateOf)
	case StateResolved:
		add("resolution", m.Note)
		add("resolved_on", today)
		add("followed_up", 0)
	}
	if m.OwnerUserID != 0 || m.OwnerUnit != "" {
		add("owner_user_id", nullID(m.OwnerUserID))
		add("owner_unit", m.OwnerUnit)
	}
	if m.PromisedOn != "" {
		add("promised_on", m.PromisedOn)
		if note == "" {
			note = "承诺 " + m.PromisedOn + " 前办结"
		}
	}
	return note, set, args
}

// checkDuplicateTarget refuses to mark a concern as a duplicate of a missing concern, of one of
// its own duplicates, or of a concern that is itself a duplicate (link to the original instead).
func checkDuplicateTarget(ctx context.Context, q querier, id, target int64) error {
	t, err := findConcern(ctx, q, target)
	if err != nil {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "重复于", Message: "这条民情不存在"}}}
	}
	if t.DuplicateOf == id {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "重复于", Message: t.Number + " 本身是这条民情的重复项，不能反过来关联"}}}
	}
	if t.State == StateDuplicate {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "重复于", Message: t.Number + " 本身是重复项，请关联到原始民情 " + t.DuplicateNo}}}
	}
	return nil
}
