package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// ServiceRequest is a 点单 and what became of it: 派单, completion and 回访.
type ServiceRequest struct {
	ID           int64
	RecipientID  int64
	Recipient    string
	Type         string
	Channel      string
	Detail       string
	RequestedAt  string // RFC 3339
	DueAt        string
	VolunteerID  int64
	Volunteer    string
	DispatchedAt string
	DoneAt       string
	Minutes      int
	Result       string
	FollowupAt   string
	Satisfaction string
	FollowupNote string
	Recorder     string
}

// Overdue reports whether the request is past due and not done.
func (r ServiceRequest) Overdue(now time.Time) bool {
	due, err := time.Parse(time.RFC3339, r.DueAt)
	return err == nil && r.DoneAt == "" && now.After(due)
}

// Stage names where a request stands.
func (r ServiceRequest) Stage() string {
	switch {
	case r.FollowupAt != "":
		return "已回访"
	case r.DoneAt != "":
		return "已完成"
	case r.VolunteerID != 0:
		return "已派单"
	}
	return "待派单"
}

// CreateRequest records a 点单.
func (s *Store) CreateRequest(ctx context.Context, r ServiceRequest) (int64, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, `INSERT INTO service_request (recipient_id, type, channel, detail, requested_at, due_at, recorder, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.RecipientID, r.Type, r.Channel, r.Detail, r.RequestedAt, r.DueAt, a.Username, s.stamp())
		if err != nil {
			return mapErr(err, "服务对象")
		}
		if id, err = lastID(res); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "上门服务", id, "居民点单："+r.Type)
	})
	return id, err
}

// Requests lists requests, open ones first, oldest due first.
func (s *Store) Requests(ctx context.Context, openOnly bool) ([]ServiceRequest, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findRequests(ctx, s.db, requestFilter{OpenOnly: openOnly})
	return out, mapErr(err, "上门服务")
}

// requestFilter narrows findRequests; zero values match everything.
type requestFilter struct {
	OpenOnly bool
	Month    string // YYYY-MM the request was made
}

// findRequests lists requests, open ones first, oldest due first.
func findRequests(ctx context.Context, q querier, f requestFilter) ([]ServiceRequest, error) {
	var w where
	if f.OpenOnly {
		w.add("r.done_at = ''")
	}
	if f.Month != "" {
		w.add("substr(r.requested_at, 1, 7) = ?", f.Month)
	}
	query := `SELECT r.id, r.recipient_id, rp.name, r.type, r.channel, r.detail, r.requested_at, r.due_at, coalesce(r.volunteer_id, 0),
		coalesce(vp.name, ''), r.dispatched_at, r.done_at, r.minutes, r.result, r.followup_at, r.satisfaction, r.followup_note, r.recorder
		FROM service_request r JOIN care_recipient c ON c.id = r.recipient_id JOIN person rp ON rp.id = c.person_id
		LEFT JOIN volunteer v ON v.id = r.volunteer_id LEFT JOIN person vp ON vp.id = v.person_id`
	return queryAll(ctx, q, func(sc rowScanner) (ServiceRequest, error) {
		var r ServiceRequest
		err := sc.Scan(&r.ID, &r.RecipientID, &r.Recipient, &r.Type, &r.Channel, &r.Detail, &r.RequestedAt, &r.DueAt, &r.VolunteerID,
			&r.Volunteer, &r.DispatchedAt, &r.DoneAt, &r.Minutes, &r.Result, &r.FollowupAt, &r.Satisfaction, &r.FollowupNote, &r.Recorder)
		return r, err
	}, query+w.String()+" ORDER BY r.done_at <> '', r.due_at", w.args...)
}

// Suggestion is a volunteer offered for a request, with why.
type Suggestion struct {
	VolunteerID int64
	Name        string
	Why         string
}

var serviceSkill = map[string]string{"买菜": "买菜", "配药": "医护", "做饭": "烹饪", "陪聊": "陪聊", "就医陪护": "医护"}

// SuggestVolunteers offers the recipient's paired volunteers first, then active volunteers of the
// recipient's community with the skill the request needs who are free on the due day's weekday.
func (s *Store) SuggestVolunteers(ctx context.Context, requestID int64) ([]Suggestion, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	var recipient int64
	var typ, due string
	if err := queryRow(ctx, s.db, "SELECT recipient_id, type, due_at FROM service_request WHERE id = ?", requestID).Scan(&recipient, &typ, &due); err != nil {
		return nil, mapErr(err, "上门服务")
	}
	paired, err := queryAll(ctx, s.db, func(sc rowScanner) (Suggestion, error) {
		sg := Suggestion{Why: "结对志愿者"}
		err := sc.Scan(&sg.VolunteerID, &sg.Name)
		return sg, err
	}, `SELECT v.id, p.name FROM pairing pr JOIN volunteer v ON v.id = pr.volunteer_id JOIN person p ON p.id = v.person_id
		WHERE pr.recipient_id = ? AND pr.to_day IS NULL AND v.active = 1`, recipient)
	if err != nil {
		return nil, mapErr(err, "结对")
	}
	weekday := 0
	if t, err := time.Parse(time.RFC3339, due); err == nil {
		weekday = (int(t.Weekday()) + 6) % 7 // 0 = 星期一
	}
	skill := serviceSkill[typ]
	why := fmt.Sprintf("本社区，%s有空", weekdayNames[weekday])
	if skill != "" {
		why = "擅长" + skill + "，" + why
	}
	free, err := queryAll(ctx, s.db, func(sc rowScanner) (Suggestion, error) {
		sg := Suggestion{Why: why}
		var skills string
		err := sc.Scan(&sg.VolunteerID, &sg.Name, &skills)
		return sg, err
	}, `SELECT v.id, p.name, v.skills FROM volunteer v JOIN person p ON p.id = v.person_id
		WHERE v.active = 1 AND (v.weekdays & ?) <> 0 AND (? = '' OR v.skills LIKE ?)
		AND p.community_id = (SELECT rp.community_id FROM care_recipient c JOIN person rp ON rp.id = c.person_id WHERE c.id = ?)
		ORDER BY v.number LIMIT 20`, 1<<weekday, skill, "%"+skill+"%", recipient)
	if err != nil {
		return nil, mapErr(err, "志愿者")
	}
	out := paired
	seen := map[int64]bool{}
	for _, sg := range paired {
		seen[sg.VolunteerID] = true
	}
	for _, sg := range free {
		if !seen[sg.VolunteerID] {
			out = append(out, sg)
		}
	}
	return out, nil
}

// requestState is what the steps of a request check before they change it.
type requestState struct {
	volunteer int64
	done      bool
}

func findRequestState(ctx context.Context, q querier, id int64) (requestState, error) {
	var st requestState
	var done string
	err := queryRow(ctx, q, "SELECT coalesce(volunteer_id, 0), done_at FROM service_request WHERE id = ?", id).Scan(&st.volunteer, &done)
	if err == sql.ErrNoRows {
		return st, notFound("这条点单")
	}
	st.done = done != ""
	return st, mapErr(err, "上门服务")
}

// volunteerLabel names a volunteer for the audit trail: 「王建国（ZY-0003）」.
func volunteerLabel(ctx context.Context, q querier, id int64) (string, error) {
	var name, number string
	err := queryRow(ctx, q, "SELECT p.name, v.number FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.id = ?", id).Scan(&name, &number)
	if err == sql.ErrNoRows {
		return "", &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "志愿者", Message: "不存在"}}}
	}
	return name + "（" + number + "）", mapErr(err, "志愿者")
}

// assign sets the request's volunteer; only Dispatch and Reassign call it.
func (s *Store) assign(ctx context.Context, tx *sql.Tx, id, volunteer int64) error {
	_, err := execSQL(ctx, tx, "UPDATE service_request SET volunteer_id = ?, dispatched_at = ? WHERE id = ?", volunteer, s.stamp(), id)
	return mapErr(err, "上门服务")
}

// Dispatch assigns a request that has no volunteer yet (派单). A dispatched request changes hands
// only through Reassign, which names the reason.
func (s *Store) Dispatch(ctx context.Context, id, volunteer int64) error {
	if volunteer == 0 {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "派单给", Message: "必须选择一位志愿者"}}}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		st, err := findRequestState(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case st.done:
			return conflict("这条点单已完成，不能再派单", nil)
		case st.volunteer != 0:
			return conflict("这条点单已经派单；要换人请用「改派」并说明原因", nil)
		}
		to, err := volunteerLabel(ctx, tx, volunteer)
		if err != nil {
			return err
		}
		if err := s.assign(ctx, tx, id, volunteer); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "上门服务", id, "派单给 "+to)
	})
}

// Reassign hands a dispatched, unfinished request to another volunteer (改派); the reason is
// required and the audit entry names both volunteers.
func (s *Store) Reassign(ctx context.Context, id, volunteer int64, reason string) error {
	reason = strings.TrimSpace(reason)
	bad := &Invalid{}
	if volunteer == 0 {
		bad.Add("改派给", "必须选择一位志愿者")
	}
	if reason == "" {
		bad.Add("原因", "必须填写改派原因")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		st, err := findRequestState(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case st.done:
			return conflict("这条点单已完成，不能改派", nil)
		case st.volunteer == 0:
			return conflict("这条点单还没有派单，请先「派单」", nil)
		case st.volunteer == volunteer:
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "改派给", Message: "就是当前的志愿者，请选择另一位"}}}
		}
		from, err := volunteerLabel(ctx, tx, st.volunteer)
		if err != nil {
			return err
		}
		to, err := volunteerLabel(ctx, tx, volunteer)
		if err != nil {
			return err
		}
		if err := s.assign(ctx, tx, id, volunteer); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "上门服务", id, fmt.Sprintf("改派：%s → %s，原因：%s", from, to, reason))
	})
}

// CompleteRequest records that the service was done by the volunteer it was dispatched to, with
// minutes spent and the result, and credits that volunteer. It never changes who was assigned.
func (s *Store) CompleteRequest(ctx context.Context, id int64, done time.Time, minutes int, result string) error {
	result = strings.TrimSpace(result)
	if err := (ServiceRequest{Minutes: minutes, Result: result}).ValidateCompletion(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		st, err := findRequestState(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.done {
			return conflict("这条点单已完成", nil)
		}
		if st.volunteer == 0 {
			return &Error{Code: CodeInvalid, Message: "请先派单给志愿者"}
		}
		who, err := volunteerLabel(ctx, tx, st.volunteer)
		if err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, "UPDATE service_request SET done_at = ?, minutes = ?, result = ? WHERE id = ?",
			done.Format(time.RFC3339), minutes, result, id); err != nil {
			return mapErr(err, "上门服务")
		}
		if err := addMinutes(ctx, tx, s.stamp(), st.volunteer, done.Format("2006-01-02"), minutes, SourceService, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "上门服务", id, fmt.Sprintf("完成服务：%s，用时 %d 分钟，结果：%s", who, minutes, result))
	})
}

// ReopenRequest undoes a completion (a mistake): the hours get a reversing record.
func (s *Store) ReopenRequest(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "UPDATE service_request SET done_at = '', minutes = 0, result = '', followup_at = '', satisfaction = '' WHERE id = ? AND done_at <> ''", id)
		if err != nil {
			return mapErr(err, "上门服务")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return &Error{Code: CodeConflict, Message: "这条点单尚未完成"}
		}
		if err := reverseMinutes(ctx, tx, s.stamp(), SourceService, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActUpdate, "上门服务", id, "撤销完成，冲减服务时长")
	})
}

// FollowUp records the 回访 of a completed request and its satisfaction.
func (s *Store) FollowUp(ctx context.Context, id int64, satisfaction, note string) error {
	if err := (ServiceRequest{Satisfaction: satisfaction}).ValidateFollowUp(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "UPDATE service_request SET followup_at = ?, satisfaction = ?, followup_note = ? WHERE done_at <> '' AND id = ?",
			s.stamp(), satisfaction, note, id)
		if err != nil {
			return mapErr(err, "上门服务")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return conflict("这条点单不存在或尚未完成，不能回访", nil)
		}
		summary := "回访：" + satisfaction
		if note = strings.TrimSpace(note); note != "" {
			summary += "，" + note
		}
		return s.audit(ctx, tx, a, ActUpdate, "上门服务", id, summary)
	})
}
