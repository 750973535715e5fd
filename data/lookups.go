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
	err := queryRow(ctx, s.db, "SELECT id, name FROM community WHERE name = ? OR name = ? ORDER BY name = ? DESC LIMIT 1",
		name, name+"社区", name).Scan(&c.ID, &c.Name)
	if err == nil {
		return c, nil
	}
	if err != sql.ErrNoRows {
		return c, mapErr(err, "社区")
	}
	var names string
	if err := queryRow(ctx, s.db, "SELECT coalesce(group_concat(name, '、'), '') FROM (SELECT name FROM community ORDER BY sort, id) AS c").Scan(&names); err != nil {
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
	err := queryRow(ctx, s.db, "SELECT id FROM work_order WHERE number = ?", strings.TrimSpace(number)).Scan(&id)
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
	out, err := findOrders(ctx, s.db, orderFilter{From: from, To: to})
	if err != nil {
		return nil, mapErr(err, "订单")
	}
	maskOrders(a, out)
	return out, nil
}

// RoundByMonth returns the month's 一碗汤 round.
func (s *Store) RoundByMonth(ctx context.Context, month string) (SoupRound, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return SoupRound{}, err
	}
	rs, err := findRounds(ctx, s.db, month)
	if err != nil {
		return SoupRound{}, mapErr(err, "一碗汤")
	}
	if len(rs) == 0 {
		return SoupRound{}, &Error{Code: CodeNotFound, Message: month + " 还没有一碗汤配送计划，请先在「助老服务 → 一碗汤」中新建"}
	}
	return rs[0], nil
}

// VolunteerIDByKey finds a volunteer by number, or by name when the name is unique.
func (s *Store) VolunteerIDByKey(ctx context.Context, key string) (int64, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return 0, err
	}
	key = strings.TrimSpace(key)
	type match struct {
		id     int64
		number string
	}
	ms, err := queryAll(ctx, s.db, func(sc rowScanner) (match, error) {
		var m match
		err := sc.Scan(&m.id, &m.number)
		return m, err
	}, `SELECT v.id, v.number FROM volunteer v JOIN person p ON p.id = v.person_id
		WHERE v.number = ? OR p.name = ? ORDER BY v.number = ? DESC, v.number LIMIT 3`, key, key, key)
	if err != nil {
		return 0, mapErr(err, "志愿者")
	}
	var ids []int64
	var numbers []string
	for _, m := range ms {
		if m.number == key {
			return m.id, nil
		}
		ids, numbers = append(ids, m.id), append(numbers, m.number)
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
	ts, err := findTrainees(ctx, s.db, traineeFilter{Number: strings.TrimSpace(number)})
	if err != nil {
		return Trainee{}, mapErr(err, "学员")
	}
	if len(ts) == 0 {
		return Trainee{}, &Error{Code: CodeNotFound, Message: "没有编号为“" + number + "”的学员"}
	}
	restrictTrainees(a, ts)
	return ts[0], nil
}

// RequestsOfMonth lists the home-service requests made in a month (YYYY-MM), open ones first.
func (s *Store) RequestsOfMonth(ctx context.Context, month string) ([]ServiceRequest, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findRequests(ctx, s.db, requestFilter{Month: month})
	return out, mapErr(err, "上门服务")
}
