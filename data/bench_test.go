package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli/data/importer"
)

// The benchmarks over the whole sample (100,000 residents, search, home screen, `demo`) live in
// data/sample; these need only a small office.

// benchOffice is an office with the community 南苑社区 and its grid 南苑一网格, as 社工.
func benchOffice(b *testing.B) (*Store, context.Context, Community) {
	b.Helper()
	s := mustOpen(b)
	admin := mustOffice(b, s)
	id, err := s.AddCommunity(admin, "南苑社区")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.AddGrid(admin, id, "南苑一网格"); err != nil {
		b.Fatal(err)
	}
	cs, err := s.Communities(admin)
	if err != nil {
		b.Fatal(err)
	}
	return s, as(b, s, "staff"), cs[0]
}

// importSheet writes an .xlsx of n valid residents.
func importSheet(b *testing.B, n int) string {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"姓名", "身份证号", "联系电话", "社区", "网格", "地址", "标签"}); err != nil {
		b.Fatal(err)
	}
	day := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		id := MakeID("110105", day.AddDate(0, 0, i/400), (i%400)*2+1)
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			b.Fatal(err)
		}
		if err := sw.SetRow(cell, []any{fmt.Sprintf("导入%d", i), id, fmt.Sprintf("139%08d", i), "南苑社区", "南苑一网格", "南苑路 1 号", "独居"}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "import.xlsx")
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImport50k reads, validates and imports a 50,000-row .xlsx; BenchmarkInsert50k inserts
// the same rows with one prepared statement in one transaction, for the ratio.
func BenchmarkImport50k(b *testing.B) {
	path := importSheet(b, 50_000)
	for b.Loop() {
		b.StopTimer()
		s, staff, _ := benchOffice(b)
		b.StartTimer()
		t, err := importer.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.Import(staff, t, ImportOptions{})
		if err != nil || res.Added != 50_000 {
			b.Fatal(res.Errors[:min(3, len(res.Errors))], err)
		}
	}
}

func BenchmarkInsert50k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, _, c := benchOffice(b)
		b.StartTimer()
		tx, err := s.db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		st, err := tx.Prepare(`INSERT INTO person (name, id_number, phone, community_id, grid_id, address, tags, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, '南苑路 1 号', '独居', '', '')`)
		if err != nil {
			b.Fatal(err)
		}
		day := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 50_000; i++ {
			if _, err := st.Exec(fmt.Sprintf("导入%d", i), MakeID("110105", day.AddDate(0, 0, i/400), (i%400)*2+1), fmt.Sprintf("139%08d", i),
				c.ID, c.Grids[0].ID); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateRound5000: a round's delivery list for 5,000 paired recipients who take soup.
func BenchmarkGenerateRound5000(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, staff, c := benchOffice(b)
		people := make([]Person, 5060)
		for i := range people {
			people[i] = Person{Name: fmt.Sprintf("居民%d", i), CommunityID: c.ID}
		}
		ids, err := s.AddPeople(staff, people, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, id := range ids[:60] {
			if _, err := s.SaveVolunteer(staff, Volunteer{PersonID: id, Kinds: []string{"党员"}}); err != nil {
				b.Fatal(err)
			}
		}
		// Five thousand care profiles and pairings in two statements: the store's one-by-one
		// writes would take minutes here, and this benchmark measures the generation only.
		for _, q := range []string{`INSERT INTO care_recipient (person_id, living, soup, start_day, created_at, updated_at)
			SELECT id, '独居', 1, '2020-01-01', '', '' FROM person WHERE id NOT IN (SELECT person_id FROM volunteer)`,
			`INSERT INTO pairing (volunteer_id, recipient_id, from_day, created_at)
			SELECT (SELECT min(id) FROM volunteer) + c.id % 60, c.id, '2020-01-01', '' FROM care_recipient c`} {
			if _, err := s.db.Exec(q); err != nil {
				b.Fatal(err)
			}
		}
		id, err := s.SaveRound(staff, SoupRound{Day: "2027-01-05", SolarTerm: "小寒", Soup: "黄豆猪脚汤"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := s.GenerateDeliveries(staff, id)
		if err != nil || n < 5000 {
			b.Fatal(n, err)
		}
	}
}
