package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli/data/importer"
)

var (
	bigOnce sync.Once
	bigPath string
)

// bigDB builds, once per benchmark run, a sample database with 100,000 more residents.
func bigDB(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "linli-bench")
		if err != nil {
			b.Fatal(err)
		}
		bigPath = filepath.Join(dir, "big.db")
		s, err := Open(context.Background(), bigPath)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.LoadSample(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := s.AddSyntheticPeople(context.Background(), 100_000, nil); err != nil {
			b.Fatal(err)
		}
		s.Close()
	})
	return bigPath
}

// BenchmarkOpenAndHome100k: open a database of 100,200 residents and load the home screen's data.
func BenchmarkOpenAndHome100k(b *testing.B) {
	path := bigDB(b)
	for b.Loop() {
		s, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		a, err := s.Login(context.Background(), "viewer", SamplePassword)
		_ = a
		if err != nil {
			b.Fatal(err)
		}
		h, err := s.HomeStats(WithActor(context.Background(), a))
		if err != nil || h.People < 100_000 {
			b.Fatal(h.People, err)
		}
		s.Close()
	}
}

// BenchmarkOpenAndHome100kNoLogin is the same without the deliberate cost of argon2id.
func BenchmarkOpenAndHome100kNoLogin(b *testing.B) {
	path := bigDB(b)
	viewer := WithActor(context.Background(), &Actor{Username: "viewer", Role: RoleViewer})
	for b.Loop() {
		s, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		h, err := s.HomeStats(viewer)
		if err != nil || h.People < 100_000 {
			b.Fatal(h.People, err)
		}
		s.Close()
	}
}

// BenchmarkDemoPeople100k is `linli demo -people 100000` on an empty database.
func BenchmarkDemoPeople100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, err := Open(context.Background(), filepath.Join(b.TempDir(), "d.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.LoadSample(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := s.AddSyntheticPeople(context.Background(), 100_000, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkSearch100k: one search-box query over 100,200 residents, first page of 50.
func BenchmarkSearch100k(b *testing.B) {
	s, err := Open(context.Background(), bigDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := WithActor(context.Background(), &Actor{Username: "staff", Role: RoleStaff})
	for _, q := range []string{"秀英", "wxy", "1234"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.People(ctx, PeopleFilter{Query: q, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// importSheet writes an .xlsx of n valid residents.
func importSheet(b *testing.B, n int) string {
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"姓名", "身份证号", "联系电话", "社区", "网格", "地址", "标签"})
	day := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		id := MakeID("110105", day.AddDate(0, 0, i/400), (i%400)*2+1)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("导入%d", i), id, fmt.Sprintf("139%08d", i), "南苑社区", "南苑一网格", "南苑路 1 号", "独居"})
	}
	sw.Flush()
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
	staff := WithActor(context.Background(), &Actor{Username: "staff", Role: RoleStaff})
	for b.Loop() {
		b.StopTimer()
		s, _ := Open(context.Background(), filepath.Join(b.TempDir(), "i.db"))
		s.LoadSample(context.Background())
		b.StartTimer()
		t, err := importer.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.Import(staff, t, ImportOptions{})
		if err != nil || res.Added != 50_000 {
			b.Fatal(res.Errors[:min(3, len(res.Errors))], err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkInsert50k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, _ := Open(context.Background(), filepath.Join(b.TempDir(), "r.db"))
		s.LoadSample(context.Background())
		b.StartTimer()
		tx, _ := s.db.Begin()
		st, _ := tx.Prepare(`INSERT INTO person (name, id_number, phone, community_id, grid_id, address, tags, created_at, updated_at)
			VALUES (?, ?, ?, 3, 7, '南苑路 1 号', '独居', '', '')`)
		day := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 50_000; i++ {
			if _, err := st.Exec(fmt.Sprintf("导入%d", i), MakeID("110105", day.AddDate(0, 0, i/400), (i%400)*2+1), fmt.Sprintf("139%08d", i)); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
		tx.Commit()
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkSearchP95 runs 300 searches of each kind over 100,200 residents and reports the 95th
// percentile latency (the search box's own query: a count and the first page).
func BenchmarkSearchP95(b *testing.B) {
	s, err := Open(context.Background(), bigDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := WithActor(context.Background(), &Actor{Username: "staff", Role: RoleStaff})
	queries := map[string][]string{
		"name":     {"秀英", "建国", "王", "阿福", "海峰", "丽", "子涵", "静"},
		"initials": {"wxy", "ljg", "zqs", "hf", "cyf", "lz"},
		"idtail":   {"1234", "0026", "5678", "12X", "9876", "4321"},
	}
	for kind, qs := range queries {
		b.Run(kind, func(b *testing.B) {
			for b.Loop() {
				var ds []time.Duration
				for i := 0; i < 300; i++ {
					f := PeopleFilter{Query: qs[i%len(qs)], Limit: 100}
					start := time.Now()
					if _, err := s.CountPeople(ctx, f); err != nil {
						b.Fatal(err)
					}
					if _, err := s.People(ctx, f); err != nil {
						b.Fatal(err)
					}
					ds = append(ds, time.Since(start))
				}
				sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
				b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
			}
		})
	}
}

// BenchmarkGenerateRound5000: a round's delivery list for 5,000 paired recipients who take soup.
func BenchmarkGenerateRound5000(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, _ := Open(context.Background(), filepath.Join(b.TempDir(), "g.db"))
		s.LoadSample(context.Background())
		s.AddSyntheticPeople(context.Background(), 5000, nil)
		staff := WithActor(context.Background(), &Actor{Username: "staff", Role: RoleStaff})
		tx, _ := s.db.Begin()
		tx.Exec(`INSERT INTO care_recipient (person_id, living, soup, start_day, created_at, updated_at)
			SELECT id, '独居', 1, '2020-01-01', '', '' FROM person WHERE id NOT IN (SELECT person_id FROM care_recipient) ORDER BY id DESC LIMIT 5000`)
		tx.Exec(`INSERT INTO pairing (volunteer_id, recipient_id, from_day, created_at)
			SELECT (SELECT min(id) FROM volunteer) + c.id % 60, c.id, '2020-01-01', '' FROM care_recipient c
			WHERE NOT EXISTS (SELECT 1 FROM pairing p WHERE p.recipient_id = c.id)`)
		tx.Commit()
		id, err := s.SaveRound(staff, SoupRound{Day: "2027-01-05", SolarTerm: "小寒", Soup: "黄豆猪脚汤"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := s.GenerateDeliveries(staff, id)
		if err != nil || n < 5000 {
			b.Fatal(n, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
