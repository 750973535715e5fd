package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// Festival is a day the 「社会妈妈」 visit children.
type Festival struct {
	Name string
	Day  string
}

// Festivals lists a year's festivals with their dates: the lunar ones computed by lunar-go.
func Festivals(year int) []Festival {
	lunar := func(m, d int) string {
		return calendar.NewLunarFromYmd(year, m, d).GetSolar().ToYmd()
	}
	fs := []Festival{
		{"春节", lunar(1, 1)}, {"元宵", lunar(1, 15)}, {"六一儿童节", fmt.Sprintf("%d-06-01", year)},
		{"端午", lunar(5, 5)}, {"中秋", lunar(8, 15)}, {"重阳", lunar(9, 9)},
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].Day < fs[j].Day })
	return fs
}

// FestivalGraceDays is how long after a festival a visit still belongs to it (a 春节 visit on
// 初三); any later, the visit is for the festival's next occurrence.
const FestivalGraceDays = 15

// FestivalOccurrence is the occurrence of a named festival a visit on day belongs to: the first
// one on or after the day less FestivalGraceDays. A 春节 visit on 2026-11-25 is for 2027-02-06.
func FestivalOccurrence(name, day string) (Festival, bool) {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return Festival{}, false
	}
	from := d.AddDate(0, 0, -FestivalGraceDays).Format("2006-01-02")
	for y := d.Year() - 1; y <= d.Year()+1; y++ {
		for _, f := range Festivals(y) {
			if f.Name == name && f.Day >= from {
				return f, true
			}
		}
	}
	return Festival{}, false
}

// festivalOn finds the named festival's occurrence in a calendar year.
func festivalOn(name string, year int) (Festival, bool) {
	for _, f := range Festivals(year) {
		if f.Name == name {
			return f, true
		}
	}
	return Festival{}, false
}

// resolveFestival sets a visit's FestivalDay: the one the user picked, which must be a date of
// that festival, or else the occurrence the visit's day belongs to.
func (v *Visit) resolveFestival() error {
	if v.Festival == "" {
		v.FestivalDay = ""
		return nil
	}
	if v.FestivalDay == "" {
		f, ok := FestivalOccurrence(v.Festival, v.Day)
		if !ok {
			return &Error{Code: CodeInvalid, Message: fmt.Sprintf("节日“%s”不在走访节日之列", v.Festival)}
		}
		v.FestivalDay = f.Day
		return nil
	}
	y, err := time.Parse("2006-01-02", v.FestivalDay)
	if f, ok := festivalOn(v.Festival, y.Year()); err != nil || !ok || f.Day != v.FestivalDay {
		return &Error{Code: CodeInvalid, Message: fmt.Sprintf("%s 不是%s", v.FestivalDay, v.Festival)}
	}
	return nil
}

// AssignRole gives a corps member a role for a term.
func (s *Store) AssignRole(ctx context.Context, programmeID, childID int64, role, from, to string) error {
	r := CorpsRole{ProgrammeID: programmeID, ChildID: childID, Role: role, From: from, To: to}
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		var n int
		if err := queryRow(ctx, tx, "SELECT count(*) FROM enrollment WHERE programme_id = ? AND child_id = ? AND status IN ('在读', '结业')", programmeID, childID).Scan(&n); err != nil {
			return mapErr(err, "报名")
		}
		if n == 0 {
			return &Error{Code: CodeInvalid, Message: "只能给本观察团在读的成员分配角色"}
		}
		res, err := execSQL(ctx, tx, "INSERT INTO corps_role (programme_id, child_id, role, from_day, to_day) VALUES (?, ?, ?, ?, ?)",
			r.ProgrammeID, r.ChildID, r.Role, r.From, r.To)
		if err != nil {
			return mapErr(err, "角色")
		}
		id, err := lastID(res)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "观察团角色", id, "分配角色 "+role)
	})
}

// RoleHolder is who holds a corps role, and what they took part in.
type RoleHolder struct {
	Role, Child, From, To string
	Current               bool
	Activities            int // sessions attended during the term
}

// RoleHolders lists a corps' roles, current holders first.
func (s *Store) RoleHolders(ctx context.Context, programmeID int64) ([]RoleHolder, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	today := s.Today()
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (RoleHolder, error) {
		var h RoleHolder
		err := sc.Scan(&h.Role, &h.Child, &h.From, &h.To, &h.Current, &h.Activities)
		return h, err
	}, `SELECT r.role, p.name, r.from_day, r.to_day, r.from_day <= ?2 AND r.to_day >= ?2,
		(SELECT count(*) FROM attendance a JOIN session x ON x.id = a.session_id WHERE a.child_id = r.child_id AND a.mark = '出勤'
			AND x.day BETWEEN r.from_day AND r.to_day)
		FROM corps_role r JOIN person p ON p.id = r.child_id WHERE r.programme_id = ?1 ORDER BY 5 DESC, r.role, r.from_day DESC`, programmeID, today)
	return out, mapErr(err, "观察团角色")
}

// Visit is a 「社会妈妈」 visit to a child.
type Visit struct {
	ID          int64
	ChildID     int64
	Child       string
	Day         string
	Festival    string
	FestivalDay string // the occurrence of Festival the visit is for (picked, or FestivalOccurrence)
	Gifts       string
	Notes       string
	Volunteers  []int64
	Names       string
	Minutes     int // per volunteer
}

// RecordVisit saves a visit by one or more volunteers and credits each with the minutes.
func (s *Store) RecordVisit(ctx context.Context, v Visit) (int64, error) {
	v.Normalize()
	if err := v.Validate(); err != nil {
		return 0, err
	}
	if err := v.resolveFestival(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermChildrenWrite)
		if err != nil {
			return err
		}
		var tags string
		if err := queryRow(ctx, tx, "SELECT tags FROM person WHERE id = ?", v.ChildID).Scan(&tags); err != nil {
			return mapErr(err, "儿童")
		}
		if !strings.Contains(tags, "困境儿童") && !strings.Contains(tags, "特殊家庭") {
			return &Error{Code: CodeInvalid, Message: "「社会妈妈」走访的对象应为标注“困境儿童”或“特殊家庭”的儿童"}
		}
		if err := refuseChildVisitors(ctx, tx, v); err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "INSERT INTO care_visit (child_id, day, festival, festival_day, gifts, notes, recorder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			v.ChildID, v.Day, v.Festival, v.FestivalDay, v.Gifts, v.Notes, a.Username, s.stamp())
		if err != nil {
			return mapErr(err, "走访")
		}
		if v.ID, err = lastID(res); err != nil {
			return err
		}
		for _, vol := range v.Volunteers {
			if _, err := execSQL(ctx, tx, "INSERT INTO care_visit_volunteer (visit_id, volunteer_id, minutes) VALUES (?, ?, ?)", v.ID, vol, v.Minutes); err != nil {
				return mapErr(err, "走访志愿者")
			}
			if err := addMinutes(ctx, tx, s.stamp(), vol, v.Day, v.Minutes, SourceVisit, v.ID); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, ActCreate, "走访", v.ID, "社会妈妈走访 "+strings.TrimSpace(v.Festival+" "+v.FestivalDay))
	})
	return v.ID, err
}

// refuseChildVisitors refuses a visit with a volunteer who is a child on its day (under 18 or a
// 小小志愿者): 「社会妈妈」 visit children at home, and only adults do.
func refuseChildVisitors(ctx context.Context, tx *sql.Tx, v Visit) error {
	bad := &Invalid{}
	for _, id := range v.Volunteers {
		pv, err := findPairVolunteer(ctx, tx, id)
		if err != nil {
			return mapErr(err, "志愿者")
		}
		if child, why := pv.child(v.Day); child {
			bad.Add("志愿者", "%s %s，「社会妈妈」走访只能由成年志愿者进行", pv.name, why)
		}
	}
	return bad.Err()
}

// Visits lists visits of a year, newest first.
func (s *Store) Visits(ctx context.Context, year int) ([]Visit, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (Visit, error) {
		var v Visit
		err := sc.Scan(&v.ID, &v.ChildID, &v.Child, &v.Day, &v.Festival, &v.FestivalDay, &v.Gifts, &v.Notes, &v.Names)
		return v, err
	}, `SELECT v.id, v.child_id, p.name, v.day, v.festival, v.festival_day, v.gifts, v.notes,
		coalesce((SELECT group_concat(vp.name, '、') FROM care_visit_volunteer cv JOIN volunteer vo ON vo.id = cv.volunteer_id
			JOIN person vp ON vp.id = vo.person_id WHERE cv.visit_id = v.id), '')
		FROM care_visit v JOIN person p ON p.id = v.child_id WHERE substr(v.day, 1, 4) = ? ORDER BY v.day DESC, v.id DESC`, fmt.Sprint(year))
	return out, mapErr(err, "走访")
}

// NotYetVisited lists the children tagged 困境儿童 or 特殊家庭 who have no visit for the occurrence
// of a festival in a calendar year (春节 2027 is 2027-02-06; a visit made for it in November 2026
// counts).
func (s *Store) NotYetVisited(ctx context.Context, year int, festival string) ([]Person, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	occ, ok := festivalOn(festival, year)
	if !ok {
		return nil, &Error{Code: CodeInvalid, Message: fmt.Sprintf("节日“%s”不在走访节日之列", festival)}
	}
	visited, err := visitedFor(ctx, s.db, occ)
	if err != nil {
		return nil, mapErr(err, "走访")
	}
	all, err := queryAll(ctx, s.db, scanPerson, "SELECT "+personCols+personFrom+` WHERE p.erased_at IS NULL AND p.id IN (SELECT person_id FROM person_tag WHERE tag IN ('困境儿童', '特殊家庭'))
		ORDER BY c.sort, p.id`)
	if err != nil {
		return nil, mapErr(err, "走访")
	}
	var out []Person
	for _, p := range all {
		if !visited[p.ID] {
			p.IDNumber, p.Phone = MaskID(p.IDNumber), MaskPhone(p.Phone)
			out = append(out, p)
		}
	}
	return out, nil
}

// visitedFor is the set of children visited for one occurrence of a festival; visits recorded
// before occurrences were kept are placed by FestivalOccurrence.
func visitedFor(ctx context.Context, q querier, occ Festival) (map[int64]bool, error) {
	out := map[int64]bool{}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var child int64
		var day, fday string
		if err := sc.Scan(&child, &day, &fday); err != nil {
			return err
		}
		if fday == "" {
			f, _ := FestivalOccurrence(occ.Name, day)
			fday = f.Day
		}
		if fday == occ.Day {
			out[child] = true
		}
		return nil
	}, "SELECT child_id, day, festival_day FROM care_visit WHERE festival = ?", occ.Name)
	return out, err
}

// ChildrenLedgerRow is one line of the 儿童活动台账.
type ChildrenLedgerRow struct {
	Day, Programme, Activity, Place string
	Present                         int
	Volunteers                      string
	Minutes                         int
	Organiser, Recorder             string
}

// ChildrenLedger lists a month's held sessions and visits.
func (s *Store) ChildrenLedger(ctx context.Context, month string) ([]ChildrenLedgerRow, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (ChildrenLedgerRow, error) {
		var r ChildrenLedgerRow
		err := sc.Scan(&r.Day, &r.Programme, &r.Activity, &r.Place, &r.Present, &r.Volunteers, &r.Minutes, &r.Organiser, &r.Recorder)
		return r, err
	}, `SELECT x.day, p.name, CASE WHEN x.topic <> '' THEN x.topic ELSE p.kind || '活动' END, p.place,
		(SELECT count(*) FROM attendance a WHERE a.session_id = x.id AND a.mark = '出勤'),
		coalesce((SELECT group_concat(vp.name, '、') FROM programme_teacher t JOIN volunteer v ON v.id = t.volunteer_id JOIN person vp ON vp.id = v.person_id
			WHERE t.programme_id = p.id), ''), x.minutes, p.organiser,
		coalesce((SELECT coalesce(nullif(u.display_name, ''), a.username) FROM audit a LEFT JOIN app_user u ON u.username = a.username
			WHERE a.at >= ?3 AND a.entity = '考勤' AND a.entity_id = x.id ORDER BY a.id DESC LIMIT 1), '')
		FROM session x JOIN programme p ON p.id = x.programme_id
		WHERE x.cancelled = 0 AND substr(x.day, 1, 7) = ?1 AND x.day <= ?2
		UNION ALL
		SELECT v.day, '「社会妈妈」走访', v.festival || '走访 ' || c.name, '儿童家中', 1,
			coalesce((SELECT group_concat(vp.name, '、') FROM care_visit_volunteer cv JOIN volunteer vo ON vo.id = cv.volunteer_id JOIN person vp ON vp.id = vo.person_id
			WHERE cv.visit_id = v.id), ''), coalesce((SELECT max(minutes) FROM care_visit_volunteer WHERE visit_id = v.id), 0), '',
			coalesce((SELECT nullif(u.display_name, '') FROM app_user u WHERE u.username = v.recorder), v.recorder)
		FROM care_visit v JOIN person c ON c.id = v.child_id WHERE substr(v.day, 1, 7) = ?1
		ORDER BY 1`, month, s.Today(), month+"-01")
	return out, mapErr(err, "台账")
}
