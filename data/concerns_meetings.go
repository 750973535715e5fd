package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The 「三杯茶」 tea meetings: agenda of 待议 concerns, attendance, a decision per item, minutes
// that are a draft until finalized and locked after.

// SaveMeeting creates a meeting (ID 0) or saves a draft one: its fields, agenda, decisions and
// attendance, in one transaction. Each agenda item with a full decision (what, who, by when)
// whose concern is still 待议 moves it to 已议定 with that owner and date. A finalized meeting
// refuses every change: a correction is a note (AddMeetingNote).
func (s *Store) SaveMeeting(ctx context.Context, m TeaMeeting) (int64, error) {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return 0, err
	}
	id := m.ID
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		if id == 0 {
			id, err = queryOne(ctx, tx, scanValue[int64], `INSERT INTO tea_meeting (day, place, host, topic, minutes, created_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, m.Day, m.Place, m.Host, m.Topic, m.Minutes, s.stamp())
			if err != nil {
				return mapErr(err, "议事会")
			}
		} else if err := updateDraftMeeting(ctx, tx, m); err != nil {
			return err
		}
		decided, err := s.saveAgenda(ctx, tx, a, id, m)
		if err != nil {
			return err
		}
		if err := saveAttendees(ctx, tx, id, m.Attendees); err != nil {
			return err
		}
		action := ActUpdate
		if m.ID == 0 {
			action = ActCreate
		}
		return s.audit(ctx, tx, a, action, "议事会", id, fmt.Sprintf("%s 议事会「%s」：议程 %d 项，议定 %d 项，参会 %d 人",
			m.Day, m.Topic, len(m.Items), decided, len(m.Attendees)))
	})
	return id, err
}

// meetingLocked refuses a change to finalized minutes.
func meetingLocked(ctx context.Context, q querier, id int64) error {
	fin, err := queryOne(ctx, q, scanValue[string], "SELECT finalized_at FROM tea_meeting WHERE id = ?", id)
	if err == sql.ErrNoRows {
		return notFound("这次议事会")
	}
	if err != nil {
		return mapErr(err, "议事会")
	}
	if fin != "" {
		return conflict("会议纪要已于 "+fin[:10]+" 定稿，不能再修改；如需更正，请添加更正说明", nil)
	}
	return nil
}

func updateDraftMeeting(ctx context.Context, tx *sql.Tx, m TeaMeeting) error {
	if err := meetingLocked(ctx, tx, m.ID); err != nil {
		return err
	}
	_, err := execSQL(ctx, tx, "UPDATE tea_meeting SET day = ?, place = ?, host = ?, topic = ?, minutes = ? WHERE id = ?",
		m.Day, m.Place, m.Host, m.Topic, m.Minutes, m.ID)
	return mapErr(err, "议事会")
}

// saveAgenda replaces the meeting's agenda and moves each newly decided concern to 已议定. An
// item may be a concern that is 待议, or one this meeting already decided.
func (s *Store) saveAgenda(ctx context.Context, tx *sql.Tx, a *Actor, id int64, m TeaMeeting) (int, error) {
	before, err := queryAll(ctx, tx, scanValue[int64], "SELECT concern_id FROM tea_meeting_item WHERE meeting_id = ?", id)
	if err != nil {
		return 0, mapErr(err, "议程")
	}
	was := map[int64]bool{}
	for _, c := range before {
		was[c] = true
	}
	if _, err := execSQL(ctx, tx, "DELETE FROM tea_meeting_item WHERE meeting_id = ?", id); err != nil {
		return 0, mapErr(err, "议程")
	}
	decided := 0
	for i, it := range m.Items {
		c, err := findConcern(ctx, tx, it.ConcernID)
		if err != nil {
			return 0, err
		}
		if c.State != StateAgenda && !was[it.ConcernID] {
			return 0, &Error{Code: CodeInvalid, Fields: []FieldError{{Field: fmt.Sprintf("议程第 %d 项", i+1),
				Message: c.Number + " 是“" + string(c.State) + "”，只有“待议”的民情可以列入议程"}}}
		}
		bad := &Invalid{}
		if err := checkOwnerAccount(ctx, tx, bad, fmt.Sprintf("议程第 %d 项的责任人", i+1), it.OwnerUserID); err != nil {
			return 0, err
		} else if err := bad.Err(); err != nil {
			return 0, err
		}
		if _, err := execSQL(ctx, tx, `INSERT INTO tea_meeting_item (meeting_id, concern_id, position, decision, owner_user_id, owner_unit, due_on)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, it.ConcernID, i+1, it.Decision, nullID(it.OwnerUserID), it.OwnerUnit, it.DueOn); err != nil {
			return 0, mapErr(err, "议程")
		}
		if it.Decided() {
			decided++
			if c.State == StateAgenda {
				mv := Move{To: StateDecided, Note: m.Day + " 议事会议定：" + it.Decision, OwnerUserID: it.OwnerUserID,
					OwnerUnit: it.OwnerUnit, PromisedOn: it.DueOn}
				if err := s.moveConcern(ctx, tx, a, it.ConcernID, mv); err != nil {
					return 0, err
				}
			}
		}
	}
	return decided, nil
}

func saveAttendees(ctx context.Context, tx *sql.Tx, id int64, as []Attendee) error {
	if _, err := execSQL(ctx, tx, "DELETE FROM tea_meeting_attendee WHERE meeting_id = ?", id); err != nil {
		return mapErr(err, "参会人")
	}
	for i, at := range as {
		name := at.Name
		var err error
		switch at.Kind {
		case AttendeeResident:
			name, err = queryOne(ctx, tx, scanValue[string], "SELECT name FROM person WHERE id = ? AND erased_at IS NULL", at.PersonID)
		case AttendeeStaff:
			name, err = queryOne(ctx, tx, scanValue[string], "SELECT coalesce(nullif(display_name, ''), username) FROM app_user WHERE id = ?", at.UserID)
		}
		if err == sql.ErrNoRows {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: fmt.Sprintf("参会人第 %d 位", i+1), Message: "不在名单中"}}}
		} else if err != nil {
			return mapErr(err, "参会人")
		}
		if _, err := execSQL(ctx, tx, "INSERT INTO tea_meeting_attendee (meeting_id, kind, person_id, user_id, name, unit) VALUES (?, ?, ?, ?, ?, ?)",
			id, at.Kind, nullID(at.PersonID), nullID(at.UserID), name, at.Unit); err != nil {
			return mapErr(err, "参会人")
		}
	}
	return nil
}

// FinalizeMeeting locks the minutes (the host signs them off). Minutes must have been written.
func (s *Store) FinalizeMeeting(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		if err := meetingLocked(ctx, tx, id); err != nil {
			return err
		}
		m, err := findMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Minutes == "" {
			return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "会议纪要", Message: "还没有写，不能定稿"}}}
		}
		if _, err := execSQL(ctx, tx, "UPDATE tea_meeting SET finalized_at = ?, finalized_by = ?, minutes_digest = ? WHERE id = ?",
			s.stamp(), a.Username, minutesDigest(m.Minutes), id); err != nil {
			return mapErr(err, "议事会")
		}
		return s.audit(ctx, tx, a, ActUpdate, "议事会", id, m.Day+" 议事会纪要定稿")
	})
}

// AddMeetingNote adds a correction to finalized minutes: a new, linked note, never an edit.
func (s *Store) AddMeetingNote(ctx context.Context, id int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "更正说明", Message: "必填"}}}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermConcernsWrite)
		if err != nil {
			return err
		}
		m, err := findMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if !m.Final() {
			return conflict("会议纪要还是草稿，请直接修改纪要", nil)
		}
		if _, err := execSQL(ctx, tx, "INSERT INTO tea_meeting_note (meeting_id, text, at, username) VALUES (?, ?, ?, ?)",
			id, text, s.stamp(), a.Username); err != nil {
			return mapErr(err, "更正说明")
		}
		return s.audit(ctx, tx, a, ActCreate, "议事会", id, m.Day+" 议事会纪要更正说明")
	})
}

const meetingColumns = "id, day, place, host, topic, minutes, finalized_at, finalized_by FROM tea_meeting"

func scanMeeting(sc rowScanner) (TeaMeeting, error) {
	var m TeaMeeting
	err := sc.Scan(&m.ID, &m.Day, &m.Place, &m.Host, &m.Topic, &m.Minutes, &m.FinalizedAt, &m.FinalizedBy)
	return m, err
}

// findMeeting reads a meeting with its agenda, attendance and notes.
func findMeeting(ctx context.Context, q querier, id int64) (TeaMeeting, error) {
	m, err := queryOne(ctx, q, scanMeeting, "SELECT "+meetingColumns+" WHERE id = ?", id)
	if err == sql.ErrNoRows {
		return m, notFound("这次议事会")
	}
	if err != nil {
		return m, mapErr(err, "议事会")
	}
	m.Items, err = queryAll(ctx, q, func(sc rowScanner) (MeetingItem, error) {
		var it MeetingItem
		err := sc.Scan(&it.ConcernID, &it.Number, &it.Text, &it.State, &it.Decision, &it.OwnerUserID, &it.OwnerUnit, &it.Owner, &it.DueOn)
		return it, err
	}, `SELECT i.concern_id, c.number, c.text, c.state, i.decision, coalesce(i.owner_user_id, 0), i.owner_unit,
		CASE WHEN i.owner_user_id IS NULL THEN i.owner_unit ELSE coalesce(nullif(u.display_name, ''), u.username, '') END, i.due_on
		FROM tea_meeting_item i JOIN concern c ON c.id = i.concern_id LEFT JOIN app_user u ON u.id = i.owner_user_id
		WHERE i.meeting_id = ? ORDER BY i.position`, id)
	if err != nil {
		return m, mapErr(err, "议程")
	}
	m.Attendees, err = queryAll(ctx, q, func(sc rowScanner) (Attendee, error) {
		var a Attendee
		err := sc.Scan(&a.Kind, &a.PersonID, &a.UserID, &a.Name, &a.Unit)
		return a, err
	}, "SELECT kind, coalesce(person_id, 0), coalesce(user_id, 0), name, unit FROM tea_meeting_attendee WHERE meeting_id = ? ORDER BY id", id)
	if err != nil {
		return m, mapErr(err, "参会人")
	}
	m.Notes, err = queryAll(ctx, q, func(sc rowScanner) (MeetingNote, error) {
		var n MeetingNote
		err := sc.Scan(&n.Text, &n.At, &n.Username)
		return n, err
	}, "SELECT text, at, username FROM tea_meeting_note WHERE meeting_id = ? ORDER BY id", id)
	return m, mapErr(err, "更正说明")
}

// Meeting reads one meeting in full.
func (s *Store) Meeting(ctx context.Context, id int64) (TeaMeeting, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return TeaMeeting{}, err
	}
	return findMeeting(ctx, s.db, id)
}

// MeetingOn reads the (first) meeting held on a day.
func (s *Store) MeetingOn(ctx context.Context, day string) (TeaMeeting, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return TeaMeeting{}, err
	}
	id, err := queryOne(ctx, s.db, scanValue[int64], "SELECT id FROM tea_meeting WHERE day = ? ORDER BY id LIMIT 1", day)
	if err == sql.ErrNoRows {
		return TeaMeeting{}, &Error{Code: CodeNotFound, Message: day + " 没有议事会"}
	}
	if err != nil {
		return TeaMeeting{}, mapErr(err, "议事会")
	}
	return findMeeting(ctx, s.db, id)
}

// Meetings lists the meetings (without their items), newest first.
func (s *Store) Meetings(ctx context.Context) ([]TeaMeeting, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, scanMeeting, "SELECT "+meetingColumns+" ORDER BY day DESC, id DESC")
	return out, mapErr(err, "议事会")
}
