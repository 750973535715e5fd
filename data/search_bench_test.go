package data_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
)

var (
	bigOnce sync.Once
	bigPath string
)

// bigDB builds, once per benchmark run, the sample database with 100,000 more residents. With
// LINLI_BENCH_BIG=FILE it is built into FILE once and reused by later runs (a few minutes saved
// each time).
func bigDB(b *testing.B) string {
	bigOnce.Do(func() {
		if keep := os.Getenv("LINLI_BENCH_BIG"); keep != "" {
			bigPath = keep
			if _, err := os.Stat(keep); err == nil {
				return
			}
		} else {
			dir, err := os.MkdirTemp("", "linli-bench")
			if err != nil {
				b.Fatal(err)
			}
			bigPath = filepath.Join(dir, "big.db")
		}
		s, err := data.Open(context.Background(), bigPath)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		s.SetClock(func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)) })
		if err := sample.Load(context.Background(), s); err != nil {
			b.Fatal(err)
		}
		ctx := data.WithActor(context.Background(), &data.Actor{Username: "admin", Role: data.RoleAdmin})
		if err := sample.AddPeople(ctx, s, 100_000, nil); err != nil {
			b.Fatal(err)
		}
	})
	return bigPath
}

// BenchmarkSearchP95: the search box over 100,200 residents — count plus the first page of 100 —
// at the 95th percentile of 300 queries of each kind. Target: under 10 ms.
func BenchmarkSearchP95(b *testing.B) {
	s, err := data.Open(context.Background(), bigDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := data.WithActor(context.Background(), &data.Actor{Username: "staff", Role: data.RoleStaff})
	queries := map[string][]string{
		"name":        {"秀英", "建国", "王", "阿福", "海峰", "丽", "子涵", "静"},
		"initials":    {"wxy", "ljg", "zqs", "hf", "cyf", "lz", "zj", "cx"},
		"pinyin":      {"wangxiu", "zhangjian", "chen", "liming", "zengx", "shan"},
		"last-digits": {"1234", "0026", "5678", "12X", "9876", "4321"},
	}
	for kind, qs := range queries {
		b.Run(kind, func(b *testing.B) {
			for b.Loop() {
				var ds []time.Duration
				for i := 0; i < 300; i++ {
					f := data.PeopleFilter{Query: qs[i%len(qs)], Limit: 100}
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

// BenchmarkReindexOnOpen100k: opening a database of 100,200 residents whose search index an
// older Linli wrote — the one-time cost of the upgrade.
func BenchmarkReindexOnOpen100k(b *testing.B) {
	file := bigDB(b)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := data.Open(ctx, file)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.DB().ExecContext(ctx, "DELETE FROM setting WHERE key = 'search_index_version'"); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if s, err = data.Open(ctx, file); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
