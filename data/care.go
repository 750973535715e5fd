package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Care options.
var (
	LivingSituations = []string{"独居", "空巢", "高龄", "其他"}
	ServiceTypes     = []string{"买菜", "配药", "做饭", "陪聊", "就医陪护", "其他"}
	ServiceChannels  = []string{"电话", "上门", "网格员", "茶室议事"}
	Satisfactions    = []string{"满意", "基本满意", "不满意"}
)

// Care settings and their defaults.
const (
	SettingSoupStandard    = "soup_standard_minutes"        // 10: delivered within this of leaving is 达标
	SettingDeliveryMinutes = "delivery_minutes"             // 30: volunteer minutes per delivery
	SettingMaxRecipients   = "max_recipients_per_volunteer" // 3: more pairings raise a warning
	DefaultSoupStandard    = 10
	DefaultDeliveryMinutes = 30
	DefaultMaxRecipients   = 3
)

// CareRecipient is a person's care profile.
type CareRecipient struct {
	ID          int64
	PersonID    int64
	Person      Person
	Living      string
	Services    []string
	Soup        bool
	HealthNotes string // restricted
	Start, End  string
	Volunteers  []string // names of active pairings, filled by lists
}

// Active reports whether the recipient is served on day.
func (c CareRecipient) Active(day string) bool {
	return c.Start <= day && (c.End == "" || c.End >= day)
}

// CareRecipients lists care profiles with their people and active volunteers.
func (s *Store) CareRecipients(ctx context.Context) ([]CareRecipient, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return nil, err
	}
	out, err := findCareRecipients(ctx, s.db)
	if err != nil {
		return nil, mapErr(err, "服务对象")
	}
	if !a.Role.Can(PermReveal) {
		for i := range out {
			c := &out[i]
			c.Person.IDNumber, c.Person.Phone, c.HealthNotes = MaskID(c.Person.IDNumber), MaskPhone(c.Person.Phone), ""
		}
	}
	return out, nil
}

// findCareRecipients lists care profiles, unmasked, current ones first.
func findCareRecipients(ctx context.Context, q querier) ([]CareRecipient, error) {
	return queryAll(ctx, q, scanCareRecipient, "SELECT "+personCols+`, cr.id, cr.living, cr.services, cr.soup, cr.health_notes, cr.start_day,
		coalesce(cr.end_day, ''), coalesce((SELECT group_concat(vp.name, '、') FROM pairing pr JOIN volunteer v ON v.id = pr.volunteer_id
		JOIN person vp ON vp.id = v.person_id WHERE pr.recipient_id = cr.id AND pr.to_day IS NULL), '')`+
		personFrom+" JOIN care_recipient cr ON cr.person_id = p.id ORDER BY cr.end_day IS NOT NULL, cr.id")
}

func scanCareRecipient(sc rowScanner) (CareRecipient, error) {
	var c CareRecipient
	var tags, services, vols string
	dest := append(personDest(&c.Person, &tags), &c.ID, &c.Living, &services, &c.Soup, &c.HealthNotes, &c.Start, &c.End, &vols)
	if err := sc.Scan(dest...); err != nil {
		return c, err
	}
	c.PersonID, c.Person.Tags, c.Services, c.Volunteers = c.Person.ID, splitList(tags), splitList(services), splitList(vols)
	return c, nil
}

// SaveCareRecipient creates (ID 0) or updates a care profile.
func (s *Store) SaveCareRecipient(ctx context.Context, c CareRecipient) (int64, error) {
	c.Normalize()
	if c.Start == "" {
		c.Start = s.Today()
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		now := s.stamp()
		if c.ID == 0 {
			res, err := execSQL(ctx, tx, `INSERT INTO care_recipient (person_id, living, services, soup, health_notes, start_day, end_day, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?)`, c.PersonID, c.Living, strings.Join(c.Services, "、"), boolInt(c.Soup),
				c.HealthNotes, c.Start, c.End, now, now)
			if err != nil {
				return mapErr(err, "该居民的服务档案")
			}
			if c.ID, err = lastID(res); err != nil {
				return err
			}
		} else if _, err := execSQL(ctx, tx, `UPDATE care_recipient SET living = ?, services = ?, soup = ?, health_notes = ?, start_day = ?,
			end_day = nullif(?, ''), updated_at = ? WHERE id = ?`, c.Living, strings.Join(c.Services, "、"), boolInt(c.Soup), c.HealthNotes,
			c.Start, c.End, now, c.ID); err != nil {
			return mapErr(err, "服务档案")
		}
		return s.audit(ctx, tx, a, ActUpdate, "服务对象", c.ID, "保存助老服务档案")
	})
	return c.ID, err
}

// Pairing is a 结对: a volunteer and a recipient, from a day until (while active) no end.
type Pairing struct {
	ID                       int64
	VolunteerID, RecipientID int64
	Volunteer, Recipient     string
	From, To                 string
	Note                     string
}

// Pairings lists pairings, active first; history is kept.
func (s *Store) Pairings(ctx context.Context) ([]Pairing, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findPairings(ctx, s.db)
	return out, mapErr(err, "结对")
}

// findPairings lists pairings, active first.
func findPairings(ctx context.Context, q querier) ([]Pairing, error) {
	return queryAll(ctx, q, func(sc rowScanner) (Pairing, error) {
		var p Pairing
		err := sc.Scan(&p.ID, &p.VolunteerID, &p.RecipientID, &p.Volunteer, &p.Recipient, &p.From, &p.To, &p.Note)
		return p, err
	}, `SELECT pr.id, pr.volunteer_id, pr.recipient_id, vp.name, rp.name, pr.from_day, coalesce(pr.to_day, ''), pr.note
		FROM pairing pr JOIN volunteer v ON v.id = pr.volunteer_id JOIN person vp ON vp.id = v.person_id
		JOIN care_recipient c ON c.id = pr.recipient_id JOIN person rp ON rp.id = c.person_id
		ORDER BY pr.to_day IS NOT NULL, pr.id`)
}

// Pair starts a pairing; it refuses a second active pairing of the same two people.
func (s *Store) Pair(ctx context.Context, volunteerID, recipientID int64, from, note string) (int64, error) {
	p := Pairing{VolunteerID: volunteerID, RecipientID: recipientID, From: from, Note: note}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		var n int
		if err := queryRow(ctx, tx, "SELECT count(*) FROM pairing WHERE volunteer_id = ? AND recipient_id = ? AND to_day IS NULL",
			volunteerID, recipientID).Scan(&n); err != nil {
			return mapErr(err, "结对")
		}
		if n > 0 {
			return conflict("这两位已经结对", nil)
		}
		if err := checkPairable(ctx, tx, p.VolunteerID, p.RecipientID, p.From); err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "INSERT INTO pairing (volunteer_id, recipient_id, from_day, note, created_at) VALUES (?, ?, ?, ?, ?)",
			p.VolunteerID, p.RecipientID, p.From, p.Note, s.stamp())
		if err != nil {
			return mapErr(err, "结对")
		}
		if id, err = lastID(res); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "结对", id, fmt.Sprintf("志愿者 #%d 与服务对象 #%d 结对", volunteerID, recipientID))
	})
	return id, err
}

// EndPairing closes a pairing on a day; the row stays as history.
func (s *Store) EndPairing(ctx context.Context, id int64, to string) error {
	day, err := dateParam("结束日期", to)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "UPDATE pairing SET to_day = ? WHERE id = ? AND to_day IS NULL AND from_day <= ?", day, id, day)
		if err != nil {
			return mapErr(err, "结对")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return &Error{Code: CodeConflict, Message: "结对不存在、已结束，或结束日期早于开始日期"}
		}
		rid, err := queryOne(ctx, tx, scanValue[int64], "SELECT recipient_id FROM pairing WHERE id = ?", id)
		if err != nil {
			return mapErr(err, "结对")
		}
		if alone, err := childAlone(ctx, tx, rid, day); err != nil {
			return mapErr(err, "结对")
		} else if alone != "" {
			return refused("不能结束这个结对：结束后%s。请先结束小小志愿者的结对，或先为老人另配一位成年志愿者", strings.TrimPrefix(alone, "老人 "))
		}
		return s.audit(ctx, tx, a, ActUpdate, "结对", id, "结束结对")
	})
}

// PairingWarnings lists recipients without an active pairing and volunteers paired with more
// recipients than the setting allows.
func (s *Store) PairingWarnings(ctx context.Context) ([]string, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	limit := s.SettingInt(ctx, SettingMaxRecipients, DefaultMaxRecipients)
	today := s.now().Format("2006-01-02")
	unpaired, err := queryAll(ctx, s.db, func(sc rowScanner) (string, error) {
		name, err := scanValue[string](sc)
		return name + "：没有结对志愿者", err
	}, `SELECT p.name FROM care_recipient c JOIN person p ON p.id = c.person_id
		WHERE c.start_day <= ?1 AND (c.end_day IS NULL OR c.end_day >= ?1)
		AND NOT EXISTS (SELECT 1 FROM pairing pr WHERE pr.recipient_id = c.id AND pr.to_day IS NULL) ORDER BY c.id`, today)
	if err != nil {
		return nil, mapErr(err, "结对")
	}
	overloaded, err := queryAll(ctx, s.db, func(sc rowScanner) (string, error) {
		var name string
		var n int
		err := sc.Scan(&name, &n)
		return fmt.Sprintf("%s：结对 %d 位老人，超过 %d 位", name, n, limit), err
	}, `SELECT p.name, count(*) FROM pairing pr JOIN volunteer v ON v.id = pr.volunteer_id
		JOIN person p ON p.id = v.person_id WHERE pr.to_day IS NULL GROUP BY pr.volunteer_id, p.id HAVING count(*) > ? ORDER BY 2 DESC`, limit)
	if err != nil {
		return nil, mapErr(err, "结对")
	}
	return append(unpaired, overloaded...), nil
}
