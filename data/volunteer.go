package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// VolunteerKinds are the kinds of the 骨干资源库; others may be added freely.
var VolunteerKinds = []string{"党员", "居民骨干", "微网格长", "银立方老干部", "美食达人", "巾帼志愿者", "小小志愿者", "学生"}

// Volunteer is a person who serves, with their kinds, skills and the weekdays they are free.
type Volunteer struct {
	ID       int64
	PersonID int64
	Person   Person // name, community and contact, filled by queries
	Number   string // ZY-0001, given automatically
	// UnifiedNumber is the 志愿者统一编号 of the national volunteer information system, where known.
	UnifiedNumber string
	Kinds         []string
	Skills        []string
	Weekdays      uint8 // bit 0 = 星期一 … bit 6 = 星期日
	Active        bool
	Joined        string // YYYY-MM-DD
	Notes         string
	Minutes       int // service minutes recorded so far (from the programmes' hours records)
}

var weekdayNames = []string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}

// WeekdaysString renders a weekday set as staff write it.
func WeekdaysString(w uint8) string {
	switch w & 0x7f {
	case 0:
		return ""
	case 0x7f:
		return "每天"
	case 0x1f:
		return "工作日"
	case 0x60:
		return "周末"
	}
	var parts []string
	for i, n := range weekdayNames {
		if w&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, "、")
}

// ParseWeekdays reads 每天, 工作日, 周末, 周一至周五, 周二、周四, 星期六 and the like.
func ParseWeekdays(raw string) (uint8, error) {
	s := strings.NewReplacer("星期", "周", "礼拜", "周", "天", "日", "，", "、", ",", "、", " ", "、", "/", "、", "～", "至", "~", "至", "-", "至", "到", "至").Replace(Fold(raw))
	switch s {
	case "":
		return 0, nil
	case "每日", "全周", "不限", "均可":
		return 0x7f, nil
	case "工作日", "周一至周五":
		return 0x1f, nil
	case "周末", "双休日":
		return 0x60, nil
	}
	day := func(t string) (int, bool) {
		t = strings.TrimPrefix(t, "周")
		for i, n := range []string{"一", "二", "三", "四", "五", "六", "日"} {
			if t == n || t == fmt.Sprint(i+1) {
				return i, true
			}
		}
		return 0, false
	}
	var w uint8
	for _, part := range strings.Split(s, "、") {
		if part == "" {
			continue
		}
		if a, b, ok := strings.Cut(part, "至"); ok {
			i, ok1 := day(a)
			j, ok2 := day("周" + strings.TrimPrefix(b, "周"))
			if !ok1 || !ok2 || j < i {
				return 0, invalidf("“%s”不是有效的星期范围", part)
			}
			for k := i; k <= j; k++ {
				w |= 1 << k
			}
			continue
		}
		i, ok := day(part)
		if !ok {
			return 0, invalidf("“%s”不是星期几（可写 周一、周二至周五、工作日、周末、每天）", part)
		}
		w |= 1 << i
	}
	return w, nil
}

// VolunteerFilter narrows the volunteer list.
type VolunteerFilter struct {
	Query       string
	Kind        string
	Skill       string
	CommunityID int64
	ActiveOnly  bool
}

// Volunteers lists volunteers with their person, masked unless the caller may reveal.
func (s *Store) Volunteers(ctx context.Context, f VolunteerFilter) ([]Volunteer, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return nil, err
	}
	out, err := findVolunteers(ctx, s.db, f)
	if err != nil {
		return nil, mapErr(err, "志愿者")
	}
	if !a.Role.Can(PermReveal) {
		for i := range out {
			p := &out[i].Person
			p.IDNumber, p.Phone = MaskID(p.IDNumber), MaskPhone(p.Phone)
		}
	}
	return out, nil
}

// findVolunteers lists the volunteers matching f, unmasked, by number.
func findVolunteers(ctx context.Context, q querier, f VolunteerFilter) ([]Volunteer, error) {
	pf := PeopleFilter{Query: f.Query, CommunityID: f.CommunityID}
	where, args := pf.where()
	if f.Kind != "" {
		where += " AND EXISTS (SELECT 1 FROM volunteer_kind k WHERE k.volunteer_id = v.id AND k.kind = ?)"
		args = append(args, f.Kind)
	}
	if f.Skill != "" {
		where += " AND v.skills LIKE ?"
		args = append(args, "%"+f.Skill+"%")
	}
	if f.ActiveOnly {
		where += " AND v.active = 1"
	}
	return queryAll(ctx, q, scanVolunteer, "SELECT "+personCols+`, v.id, v.number, v.unified_number, v.kinds, v.skills, v.weekdays, v.active, v.joined, v.notes,
		coalesce((SELECT sum(minutes) FROM volunteer_minutes m WHERE m.volunteer_id = v.id), 0)`+
		personFrom+" JOIN volunteer v ON v.person_id = p.id"+where+" ORDER BY v.number", args...)
}

func scanVolunteer(sc rowScanner) (Volunteer, error) {
	var v Volunteer
	var tags, kinds, skills string
	var active int
	dest := append(personDest(&v.Person, &tags), &v.ID, &v.Number, &v.UnifiedNumber, &kinds, &skills, &v.Weekdays, &active, &v.Joined, &v.Notes, &v.Minutes)
	if err := sc.Scan(dest...); err != nil {
		return v, err
	}
	v.PersonID, v.Active = v.Person.ID, active == 1
	v.Kinds, v.Skills, v.Person.Tags = splitList(kinds), splitList(skills), splitList(tags)
	return v, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}

// SaveVolunteer creates (ID 0; the number is given automatically) or updates a volunteer.
func (s *Store) SaveVolunteer(ctx context.Context, v Volunteer) (int64, error) {
	v.Normalize()
	if v.Joined == "" {
		v.Joined = s.Today()
	}
	if err := v.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		action := ActUpdate
		if v.ID == 0 {
			action = ActCreate
		}
		if v.ID, err = s.writeVolunteer(ctx, tx, v); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, "志愿者", v.ID, action+"志愿者 "+v.Number)
	})
	return v.ID, err
}

func (s *Store) writeVolunteer(ctx context.Context, tx *sql.Tx, v Volunteer) (int64, error) {
	now := s.stamp()
	if v.ID == 0 {
		if v.Number == "" {
			var err error
			if v.Number, err = nextNumber(ctx, tx, "volunteer", "ZY-", 4); err != nil {
				return 0, mapErr(err, "志愿者")
			}
		}
		res, err := execSQL(ctx, tx, `INSERT INTO volunteer (person_id, number, unified_number, kinds, skills, weekdays, active, joined, notes, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`, v.PersonID, v.Number, v.UnifiedNumber, strings.Join(v.Kinds, "、"), strings.Join(v.Skills, "、"),
			v.Weekdays, v.Joined, v.Notes, now, now)
		if err != nil {
			return 0, mapErr(err, "该居民的志愿者登记")
		}
		if v.ID, err = lastID(res); err != nil {
			return 0, err
		}
	} else {
		res, err := execSQL(ctx, tx, `UPDATE volunteer SET unified_number = ?, kinds = ?, skills = ?, weekdays = ?, active = ?, joined = ?, notes = ?, updated_at = ?
			WHERE id = ?`, v.UnifiedNumber, strings.Join(v.Kinds, "、"), strings.Join(v.Skills, "、"), v.Weekdays, boolInt(v.Active), v.Joined, v.Notes, now, v.ID)
		if err != nil {
			return 0, mapErr(err, "志愿者")
		}
		if n, err := affected(res); err != nil {
			return 0, err
		} else if n == 0 {
			return 0, notFound("志愿者")
		}
		if _, err := execSQL(ctx, tx, "DELETE FROM volunteer_kind WHERE volunteer_id = ?", v.ID); err != nil {
			return 0, mapErr(err, "志愿者")
		}
	}
	for _, k := range v.Kinds {
		if _, err := execSQL(ctx, tx, "INSERT INTO volunteer_kind (volunteer_id, kind) VALUES (?, ?)", v.ID, k); err != nil {
			return 0, mapErr(err, "志愿者类别")
		}
	}
	return v.ID, nil
}
