package data

import (
	"context"
	"fmt"
	"testing"
)

// The household benchmarks: the one-page file of a resident with five years of records among
// 100,000 residents, and the household tag migration of 100,000 residents. The residents go in
// through the store's bulk writer; the programmes' history is written with a few INSERT … SELECT
// statements (the store's one-by-one writes would take many minutes and are not what is measured).

// benchPeople adds n residents of c: families of four at one address (the eldest first), every
// tenth family tagged 低保 on its eldest, every fortieth resident 独居 alone at an address.
func benchPeople(b *testing.B, s *Store, staff context.Context, c Community, n int) []int64 {
	b.Helper()
	people := make([]Person, n)
	for i := range people {
		family := i / 4
		p := Person{Name: fmt.Sprintf("居民%d", i), CommunityID: c.ID, Address: fmt.Sprintf("南苑路%d号%d幢%d室", family/100, family%100/10, family%10+101),
			BirthDate: fmt.Sprintf("%d-03-01", 1940+(i%4)*20)}
		if i%4 == 0 && family%10 == 0 {
			p.Tags = []string{"低保"}
		}
		if i%40 == 39 {
			p.Address, p.Tags = fmt.Sprintf("灯彩巷%d号", i), []string{"独居", "困难家庭"}
		}
		people[i] = p
	}
	ids, err := s.AddPeople(staff, people, nil)
	if err != nil {
		b.Fatal(err)
	}
	// the youngest of each family is the ward of the eldest
	if _, err := s.db.Exec(`INSERT INTO guardian (child_id, guardian_id, relation)
		SELECT p.id, p.id - 3, '祖父母' FROM person p WHERE (p.id - (SELECT min(id) FROM person)) % 4 = 3`); err != nil {
		b.Fatal(err)
	}
	return ids
}

// BenchmarkHouseholdTagMigration100k: 100,000 residents, 2,500 families with a 低保 tag whose
// children are linked to a parent by guardianship, 2,500 living alone with 困难家庭.
func BenchmarkHouseholdTagMigration100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, staff, c := benchOffice(b)
		benchPeople(b, s, staff, c, 100_000)
		b.StartTimer()
		m, err := s.MigrateHouseholdTags(staff)
		if err != nil || m.Moved != 5_000 || m.Households != 5_000 {
			b.Fatal(m.Moved, m.Households, len(m.Unplaced), err)
		}
	}
}

// BenchmarkResidentFile100k: the file of a resident who has five years of everything — monthly
// soup, fortnightly services, weekly volunteering, classes, certificates, a trainee's payouts and
// a household with attributes — among 100,000 residents, 5,000 of them with five years of care.
func BenchmarkResidentFile100k(b *testing.B) {
	s, staff, c := benchOffice(b)
	ids := benchPeople(b, s, staff, c, 100_000)
	who := ids[4000] // the eldest of a 低保 family
	if _, err := s.MigrateHouseholdTags(staff); err != nil {
		b.Fatal(err)
	}
	for _, q := range benchHistory {
		if _, err := s.db.Exec(q, who); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	f, err := s.ResidentFile(staff, who)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, sec := range f.Sections {
		n += len(sec.Lines)
	}
	if n < 400 || f.Household.ID == 0 {
		b.Fatalf("%d lines, household %d", n, f.Household.ID)
	}
	b.ReportMetric(float64(n), "lines")
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.ResidentFile(staff, who); err != nil {
			b.Fatal(err)
		}
	}
}

// benchHistory writes five years of records; ?1 is the resident whose file is read. Days run
// from 2021-12 back, one a month (soup), a fortnight (services) or a week (hours).
var benchHistory = []string{
	`INSERT INTO volunteer (person_id, number, kinds, joined, created_at, updated_at)
		SELECT id, printf('ZY-%05d', id), '党员', '2021-01-01', '', '' FROM person WHERE id % 20 = 0 OR id = ?1`,
	`INSERT INTO care_recipient (person_id, living, soup, start_day, created_at, updated_at)
		SELECT id, '独居', 1, '2021-01-01', '', '' FROM person WHERE id % 20 = 1 OR id = ?1`,
	`INSERT INTO soup_round (month, day, soup, created_at) WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 59)
		SELECT strftime('%Y-%m', '2021-12-01', printf('-%d months', k)), strftime('%Y-%m-%d', '2021-12-05', printf('-%d months', k)), '萝卜排骨汤', '' FROM m`,
	`INSERT INTO delivery (round_id, recipient_id, volunteer_id, outcome, arrived_at)
		SELECT r.id, c.id, (SELECT min(id) FROM volunteer) + c.id % 100, '送达', r.day || 'T11:08:00+08:00' FROM soup_round r, care_recipient c WHERE ?1 > 0`,
	`INSERT INTO service_request (recipient_id, type, channel, requested_at, due_at, volunteer_id, done_at, minutes, satisfaction, recorder, created_at)
		WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < 129)
		SELECT c.id, '配药', '电话', strftime('%Y-%m-%dT09:00:00+08:00', '2021-12-20', printf('-%d days', k * 14)),
		strftime('%Y-%m-%dT09:00:00+08:00', '2021-12-21', printf('-%d days', k * 14)), (SELECT min(id) FROM volunteer),
		strftime('%Y-%m-%dT15:00:00+08:00', '2021-12-20', printf('-%d days', k * 14)), 60, '满意', 'staff', ''
		FROM d, care_recipient c WHERE c.person_id = ?1 OR c.id % 50 = 0`,
	`INSERT INTO volunteer_minutes (volunteer_id, day, minutes, source, source_id, created_at)
		WITH RECURSIVE w(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM w WHERE k < 259)
		SELECT v.id, strftime('%Y-%m-%d', '2021-12-25', printf('-%d days', k * 7)), 30, '一碗汤配送', k, '' FROM w, volunteer v
		WHERE v.person_id = ?1 OR v.id % 10 = 0`,
	`INSERT INTO certificate (number, kind, person_id, period_from, period_to, verify_code, issued_by, issued_at)
		WITH RECURSIVE y(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM y WHERE k < 4)
		SELECT printf('ZF-%d-%06d', 2021 - k, p.id), '志愿服务证明', p.id, printf('%d-01-01', 2021 - k), printf('%d-12-31', 2021 - k), 'X', 'staff',
		printf('%d-12-31T16:00:00+08:00', 2021 - k) FROM y, person p WHERE p.id = ?1 OR p.id % 500 = 0`,
	`INSERT INTO programme (name, kind, community_id, capacity, start_day, end_day, weekdays, created_at)
		SELECT '公益书法班', '课程', community_id, 2000, '2019-01-05', '2021-12-25', 32, '' FROM person WHERE id = ?1`,
	`INSERT INTO session (programme_id, day, start_time, minutes) WITH RECURSIVE w(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM w WHERE k < 149)
		SELECT (SELECT max(id) FROM programme), strftime('%Y-%m-%d', '2021-12-25', printf('-%d days', k * 7)), '14:00', 90 FROM w WHERE ?1 > 0`,
	`INSERT INTO enrollment (programme_id, child_id, guardian_id, status, consent_day, consent_by, enrolled_at, updated_at)
		SELECT (SELECT max(id) FROM programme), g.child_id, g.guardian_id, '在读', '2019-01-01', '祖父母', '2019-01-01T10:00:00+08:00', ''
		FROM guardian g WHERE g.guardian_id = ?1 OR g.child_id % 100 = 3`,
	`INSERT INTO attendance (session_id, child_id, mark) SELECT ss.id, e.child_id, CASE WHEN ss.id % 9 = 0 THEN '请假' ELSE '出勤' END
		FROM session ss JOIN enrollment e ON e.programme_id = ss.programme_id WHERE ?1 > 0`,
	`INSERT INTO trainee (person_id, number, joined, created_at, updated_at) VALUES (?1, 'XY-001', '2017-01-01', '', '')`,
	`INSERT INTO payout (trainee_id, month, day, amount_fen, username, created_at)
		WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 59)
		SELECT (SELECT id FROM trainee WHERE person_id = ?1), strftime('%Y-%m', '2021-12-01', printf('-%d months', k)),
		strftime('%Y-%m-10', '2021-12-01', printf('-%d months', k)), 150000, 'workshop', '' FROM m`,
}
