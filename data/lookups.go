package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Look-ups by the keys people type (an order number, a month, a volunteer's number or name), so
// that documents never scan whole lists.

// CommunityByName finds a community by its name, with or without the 社区 suffix; the not-found
// message lists the communities there are.
func (s *Store) CommunityByName(ctx context.Context, name string) (Community, error) {
	var c Community
	err := s.db.QueryRowContext(ctx, "SELECT id, name FROM community WHERE name = ? OR name = ? ORDER BY name = ? DESC LIMIT 1",
		name, name+"社区", name).Scan(&c.ID, &c.Name)
	if err == nil {
		return c, nil
	}
	if err != sql.ErrNoRows {
		return c, mapErr(err, "社区")
	}
	var names string
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(group_concat(name, '、'), '') FROM (SELECT name FROM community ORDER BY sort, id)").Scan(&names); err != nil {
		return c, mapErr(err, "社区")
	}
	if names == "" {
		names = "还没有社区，请管理员在「设置 → 社区与网格」中添加"
	}
	return c, &Error{Code: CodeNotFound, Message: fmt.Sprintf("没有名为“%s”的社区（现有：%s）", name, names)}
}

// OrderByNumber returns the order with that number, with its lines.
func (s *Store) OrderByNumber(ctx context.Context, number string) (Order, error) {
	if _, err := s.authorize(ctx, s.db, PermWorkshopView); err != nil {
		return Order{}, err
	}
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM work_order WHERE number = ?", strings.TrimSpace(number)).Scan(&id)
	if err == sql.ErrNoRows {
		return Order{}, &Error{Code: CodeNotFound, Message: "没有订单号为“" + number + "”的订单"}
	}
	if err != nil {
		return Order{}, mapErr(err, "订单")
	}
	return s.Order(ctx, id)
}

// OrdersCreated lists orders taken between two days (YYYY-MM-DD, inclusive; "" for open-ended),
// newest first.
func (s *Store) OrdersCreated(ctx context.Context, from, to string) ([]Order, error) {
	a, err := s.authorize(ctx, s.db, PermWorkshopView)
	if err != nil {
		return nil, err
	}
	q, args := "SELECT "+orderCols+" FROM work_order o WHERE 1 = 1", []any{}
	if from != "" {
		q, args = q+" AND substr(o.created_at, 1, 10) >= ?", append(args, from)
	}
	if to != "" {
		q, args = q+" AND substr(o.created_at, 1, 10) <= ?", append(args, to)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY o.id DESC", args...)
	if err != nil {
		return nil, mapErr(err, "订单")
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, mapErr(err, "订单")
		}
		if !a.Role.Can(PermReveal) && !a.Role.Can(PermWorkshop) {
			o.CustomerPhone = MaskPhone(o.CustomerPhone)
		}
		out = append(out, o)
	}
	return out, mapErr(rows.Err(), "订单")
}

// RoundByMonth returns the month's 一碗汤 round.
func (s *Store) RoundByMonth(ctx context.Context, month string) (SoupRound, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return SoupRound{}, err
	}
	var r SoupRound
	var cooks string
	err := s.db.QueryRowContext(ctx, `SELECT r.id, r.month, r.day, r.solar_term, r.soup, r.menu, r.cost_fen,
		coalesce((SELECT group_concat(p.name, '、') FROM soup_cook c JOIN volunteer v ON v.id = c.volunteer_id JOIN person p ON p.id = v.person_id WHERE c.round_id = r.id), '')
		FROM soup_round r WHERE r.month = ?`, month).Scan(&r.ID, &r.Month, &r.Day, &r.SolarTerm, &r.Soup, &r.Menu, &r.CostFen, &cooks)
	if err == sql.ErrNoRows {
		return r, &Error{Code: CodeNotFound, Message: month + " 还没有一碗汤配送计划，请先在「助老服务 → 一碗汤」中新建"}
	}
	if err != nil {
		return r, mapErr(err, "一碗汤")
	}
	r.CookNames = splitList(cooks)
	return r, nil
}

// VolunteerIDByKey finds a volunteer by number, or by name when the name is unique.
func (s *Store) VolunteerIDByKey(ctx context.Context, key string) (int64, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return 0, err
	}
	key = strings.TrimSpace(key)
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.number FROM volunteer v JOIN person p ON p.id = v.person_id
		WHERE v.number = ? OR p.name = ? ORDER BY v.number = ? DESC, v.number LIMIT 3`, key, key, key)
	if err != nil {
		return 0, mapErr(err, "志愿者")
	}
	defer rows.Close()
	var ids []int64
	var numbers []string
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return 0, mapErr(err, "志愿者")
		}
		if n == key {
			return id, nil
		}
		ids, numbers = append(ids, id), append(numbers, n)
	}
	if err := rows.Err(); err != nil {
		return 0, mapErr(err, "志愿者")
	}
	switch len(ids) {
	case 0:
		return 0, &Error{Code: CodeNotFound, Message: "没有名为或编号为“" + key + "”的志愿者"}
	case 1:
		return ids[0], nil
	}
	return 0, &Error{Code: CodeConflict, Message: fmt.Sprintf("有不止一位志愿者叫“%s”（编号 %s），请用编号", key, strings.Join(numbers, "、"))}
}

// TraineeByNumber returns the trainee with that number, with their training minutes.
func (s *Store) TraineeByNumber(ctx context.Context, number string) (Trainee, error) {
	a, err := s.authorize(ctx, s.db, PermWorkshopView)
	if err != nil {
		return Trainee{}, err
	}
	var t Trainee
	err = s.db.QueryRowContext(ctx, `SELECT t.id, t.person_id, p.name, t.number, t.nickname, t.disability_category, t.disability_level, t.skill_level,
		t.joined, t.active, t.notes, coalesce((SELECT sum(ts.minutes) FROM training_attendance ta JOIN training_session ts
		ON ts.id = ta.session_id WHERE ta.trainee_id = t.id), 0) FROM trainee t JOIN person p ON p.id = t.person_id WHERE t.number = ?`,
		strings.TrimSpace(number)).Scan(&t.ID, &t.PersonID, &t.Name, &t.Number, &t.Nickname, &t.DisabilityCategory, &t.DisabilityLevel,
		&t.SkillLevel, &t.Joined, &t.Active, &t.Notes, &t.TrainingMinutes)
	if err == sql.ErrNoRows {
		return t, &Error{Code: CodeNotFound, Message: "没有编号为“" + number + "”的学员"}
	}
	if err != nil {
		return t, mapErr(err, "学员")
	}
	if !a.Role.Can(PermRestricted) {
		t.DisabilityCategory, t.DisabilityLevel = "", ""
	}
	return t, nil
}

// RequestsOfMonth lists the home-service requests made in a month (YYYY-MM), open ones first.
func (s *Store) RequestsOfMonth(ctx context.Context, month string) ([]ServiceRequest, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.recipient_id, rp.name, r.type, r.channel, r.detail, r.requested_at, r.due_at, coalesce(r.volunteer_id, 0),
		coalesce(vp.name, ''), r.dispatched_at, r.done_at, r.minutes, r.result, r.followup_at, r.satisfaction, r.followup_note, r.recorder
		FROM service_request r JOIN care_recipient c ON c.id = r.recipient_id JOIN person rp ON rp.id = c.person_id
		LEFT JOIN volunteer v ON v.id = r.volunteer_id LEFT JOIN person vp ON vp.id = v.person_id
		WHERE substr(r.requested_at, 1, 7) = ? ORDER BY r.done_at <> '', r.due_at`, month)
	if err != nil {
		return nil, mapErr(err, "上门服务")
	}
	defer rows.Close()
	var out []ServiceRequest
	for rows.Next() {
		var r ServiceRequest
		if err := rows.Scan(&r.ID, &r.RecipientID, &r.Recipient, &r.Type, &r.Channel, &r.Detail, &r.RequestedAt, &r.DueAt, &r.VolunteerID,
			&r.Volunteer, &r.DispatchedAt, &r.DoneAt, &r.Minutes, &r.Result, &r.FollowupAt, &r.Satisfaction, &r.FollowupNote, &r.Recorder); err != nil {
			return nil, mapErr(err, "上门服务")
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err(), "上门服务")
}
