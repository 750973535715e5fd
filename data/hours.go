package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Sources of volunteer minutes.
const (
	SourceDelivery = "一碗汤配送"
	SourceService  = "上门服务"
	SourceSession  = "儿童课程"
	SourceVisit    = "社会妈妈走访"
)

func addMinutes(ctx context.Context, tx *sql.Tx, now string, volunteer int64, day string, minutes int, source string, sourceID int64) error {
	_, err := execSQL(ctx, tx, `INSERT INTO volunteer_minutes (volunteer_id, day, minutes, source, source_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, volunteer, day, minutes, source, sourceID, now)
	return mapErr(err, "服务时长")
}

// reverseMinutes adds, for each unreversed record of a source, a record with the opposite
// minutes that points at it.
func reverseMinutes(ctx context.Context, tx *sql.Tx, now, source string, sourceID int64) error {
	_, err := execSQL(ctx, tx, `INSERT INTO volunteer_minutes (volunteer_id, day, minutes, source, source_id, reverses, created_at)
		SELECT m.volunteer_id, m.day, -m.minutes, m.source, m.source_id, m.id, ? FROM volunteer_minutes m
		WHERE m.source = ? AND m.source_id = ? AND m.reverses IS NULL AND m.minutes > 0
		AND NOT EXISTS (SELECT 1 FROM volunteer_minutes r WHERE r.reverses = m.id)`, now, source, sourceID)
	return mapErr(err, "服务时长")
}

// HoursEntry is one record of a volunteer's minutes, traced to its source.
type HoursEntry struct {
	ID, VolunteerID int64
	Volunteer       string
	Day             string
	Minutes         int
	Source          string
	SourceID        int64
	Reverses        int64
}

// VolunteerHours lists minute records between two days (inclusive); volunteer 0 for everyone.
func (s *Store) VolunteerHours(ctx context.Context, volunteer int64, from, to string) ([]HoursEntry, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (HoursEntry, error) {
		var e HoursEntry
		err := sc.Scan(&e.ID, &e.VolunteerID, &e.Volunteer, &e.Day, &e.Minutes, &e.Source, &e.SourceID, &e.Reverses)
		return e, err
	}, `SELECT m.id, m.volunteer_id, p.name, m.day, m.minutes, m.source, m.source_id, coalesce(m.reverses, 0)
		FROM volunteer_minutes m JOIN volunteer v ON v.id = m.volunteer_id JOIN person p ON p.id = v.person_id
		WHERE (?1 = 0 OR m.volunteer_id = ?1) AND m.day BETWEEN ?2 AND ?3 ORDER BY m.day, m.id`, volunteer, from, to)
	return out, mapErr(err, "服务时长")
}

// CareLedgerRow is one line of the 助老服务台账.
type CareLedgerRow struct {
	Day, Item, Recipient, Content, Volunteer string
	Where                                    string // the recipient's 网格, or address: two residents of one name told apart
	Minutes                                  int
	Fixed                                    bool   // Minutes are the per-delivery rule (设置), not measured
	Result, Recorder, Note                   string // Recorder: the account's display name
}

// ledgerWhere is the recipient's 网格 (person rp), or their address without one.
const ledgerWhere = `coalesce((SELECT g.name FROM grid g WHERE g.id = rp.grid_id), rp.address)`

// ledgerRecorder is the display name of the account whose username is in col (the login name
// when the account has none or is gone).
func ledgerRecorder(col string) string {
	return `coalesce((SELECT nullif(u.display_name, '') FROM app_user u WHERE u.username = ` + col + `), ` + col + `)`
}

// CareLedger lists a month's care work: the round's deliveries and the services completed.
func (s *Store) CareLedger(ctx context.Context, month string) ([]CareLedgerRow, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	perDelivery := s.SettingInt(ctx, SettingDeliveryMinutes, DefaultDeliveryMinutes)
	standard := s.SoupStandard(ctx)
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (CareLedgerRow, error) {
		var r CareLedgerRow
		var d Delivery
		if err := sc.Scan(&r.Day, &r.Recipient, &r.Where, &r.Content, &r.Volunteer, &d.LeftAt, &d.ArrivedAt, &d.Outcome, &r.Note, &r.Recorder); err != nil {
			return r, err
		}
		r.Item, r.Result = "一碗汤配送", d.Outcome
		if d.Outcome == "" {
			r.Result = "未登记"
		}
		if d.Outcome == OutcomeDelivered {
			r.Minutes, r.Fixed = perDelivery, true
			took := ""
			if l, err1 := time.Parse(time.RFC3339, d.LeftAt); err1 == nil {
				if a, err2 := time.Parse(time.RFC3339, d.ArrivedAt); err2 == nil {
					took = fmt.Sprintf("，用时 %d 分钟", int(a.Sub(l).Round(time.Minute).Minutes()))
				}
			}
			if WithinStandard(d, standard) {
				r.Result += "（达标" + took + "）"
			} else {
				r.Result += "（超时" + took + "）"
			}
		}
		return r, nil
	}, `SELECT r.day, rp.name, `+ledgerWhere+`, r.soup, vp.name, d.left_at, d.arrived_at, d.outcome, d.note, `+ledgerRecorder("d.recorder")+`
		FROM delivery d JOIN soup_round r ON r.id = d.round_id JOIN care_recipient c ON c.id = d.recipient_id JOIN person rp ON rp.id = c.person_id
		JOIN volunteer v ON v.id = d.volunteer_id JOIN person vp ON vp.id = v.person_id WHERE r.month = ? ORDER BY vp.name, d.id`, month)
	if err != nil {
		return nil, mapErr(err, "台账")
	}
	services, err := queryAll(ctx, s.db, func(sc rowScanner) (CareLedgerRow, error) {
		var r CareLedgerRow
		err := sc.Scan(&r.Day, &r.Item, &r.Recipient, &r.Where, &r.Content, &r.Volunteer, &r.Minutes, &r.Result, &r.Recorder, &r.Note)
		r.Item = "上门服务·" + r.Item
		return r, err
	}, `SELECT substr(q.done_at, 1, 10), q.type, rp.name, `+ledgerWhere+`, q.detail, coalesce(vp.name, ''), q.minutes,
		q.result || CASE WHEN q.satisfaction <> '' THEN '；回访：' || q.satisfaction ELSE '' END, `+ledgerRecorder("q.recorder")+`, q.followup_note
		FROM service_request q JOIN care_recipient c ON c.id = q.recipient_id JOIN person rp ON rp.id = c.person_id
		LEFT JOIN volunteer v ON v.id = q.volunteer_id LEFT JOIN person vp ON vp.id = v.person_id
		WHERE q.done_at <> '' AND substr(q.done_at, 1, 7) = ? ORDER BY q.done_at`, month)
	if err != nil {
		return nil, mapErr(err, "台账")
	}
	return append(out, services...), nil
}

// VolunteerTotal is a volunteer's service in a period, for the 志愿服务证明.
type VolunteerTotal struct {
	VolunteerID, PersonID int64
	Number, Name          string
	Minutes               int
	Content               string // e.g. 一碗汤配送 12 次、上门服务 3 次
	Sources               []SourceTimes
}

// SourceTimes is how many times a volunteer served through one source (一碗汤配送 12 次).
type SourceTimes struct {
	Source string
	Times  int
}

// VolunteerTotals sums each volunteer's minutes between two days (reversals included); only
// volunteers with hours are listed. volunteer 0 means everyone.
func (s *Store) VolunteerTotals(ctx context.Context, volunteer int64, from, to string) ([]VolunteerTotal, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	var out []VolunteerTotal
	err := queryEach(ctx, s.db, func(sc rowScanner) error {
		var t VolunteerTotal
		var source string
		var minutes, times int
		if err := sc.Scan(&t.VolunteerID, &t.PersonID, &t.Number, &t.Name, &source, &minutes, &times); err != nil {
			return err
		}
		if n := len(out); n > 0 && out[n-1].VolunteerID == t.VolunteerID {
			out[n-1].Minutes += minutes
			if times > 0 {
				out[n-1].Content += fmt.Sprintf("、%s %d 次", source, times)
				out[n-1].Sources = append(out[n-1].Sources, SourceTimes{source, times})
			}
			return nil
		}
		t.Minutes = minutes
		if times > 0 {
			t.Content = fmt.Sprintf("%s %d 次", source, times)
			t.Sources = []SourceTimes{{source, times}}
		}
		out = append(out, t)
		return nil
	}, `SELECT m.volunteer_id, v.person_id, v.number, p.name, m.source, sum(m.minutes),
		sum(CASE WHEN m.minutes > 0 THEN 1 WHEN m.minutes < 0 THEN -1 ELSE 0 END)
		FROM volunteer_minutes m JOIN volunteer v ON v.id = m.volunteer_id JOIN person p ON p.id = v.person_id
		WHERE (?1 = 0 OR m.volunteer_id = ?1) AND m.day BETWEEN ?2 AND ?3 GROUP BY m.volunteer_id, m.source, v.id, p.id ORDER BY v.number, m.source`, volunteer, from, to)
	if err != nil {
		return nil, mapErr(err, "服务时长")
	}
	var kept []VolunteerTotal
	for _, t := range out {
		if t.Minutes > 0 {
			kept = append(kept, t)
		}
	}
	return kept, nil
}
