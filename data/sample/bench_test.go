package sample_test

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

// BenchmarkLoad is `linli demo`: the whole sample, written through the store's methods, with the
// real password-hashing parameters. Target: under 3 s.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := mustOpen(b)
		b.StartTimer()
		if err := sample.Load(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddPeople100k is `linli demo -people 100000` on a sample database: 100,000 residents
// with their search index, validated, in one transaction. Target: under 20 s.
func BenchmarkAddPeople100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := mustSample(b)
		b.StartTimer()
		if err := sample.AddPeople(context.Background(), s, 100_000, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDemoPeople100k is `linli demo -people 100000` on an empty database: the sample, then
// 100,000 residents. Target: under 20 s.
func BenchmarkDemoPeople100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := mustOpen(b)
		b.StartTimer()
		if err := sample.Load(context.Background(), s); err != nil {
			b.Fatal(err)
		}
		if err := sample.AddPeople(context.Background(), s, 100_000, nil); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigDB builds, once per benchmark run, a sample database with 100,000 more residents.
func bigDB(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "linli-bench")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		s, err := data.Open(context.Background(), bigPath)
		if err != nil {
			bigErr = err
			return
		}
		defer func() {
			if err := s.Close(); err != nil && bigErr == nil {
				bigErr = err
			}
		}()
		if bigErr = sample.Load(context.Background(), s); bigErr == nil {
			bigErr = sample.AddPeople(context.Background(), s, 100_000, nil)
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// BenchmarkOpenAndHome100k: open a database of 100,200 residents, sign in and load the home
// screen's data.
func BenchmarkOpenAndHome100k(b *testing.B) {
	path := bigDB(b)
	for b.Loop() {
		s, err := data.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		a, err := s.Login(context.Background(), "viewer", sample.Password)
		if err != nil {
			b.Fatal(err)
		}
		h, err := s.HomeStats(data.WithActor(context.Background(), a))
		if err != nil || h.People < 100_000 {
			b.Fatal(h.People, err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenAndHome100kNoLogin is the same without the deliberate cost of argon2id.
func BenchmarkOpenAndHome100kNoLogin(b *testing.B) {
	path := bigDB(b)
	viewer := data.WithActor(context.Background(), &data.Actor{Username: "viewer", Role: data.RoleViewer})
	for b.Loop() {
		s, err := data.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		h, err := s.HomeStats(viewer)
		if err != nil || h.People < 100_000 {
			b.Fatal(h.People, err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func bigStore(b *testing.B) (*data.Store, context.Context) {
	s, err := data.Open(context.Background(), bigDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Error(err)
		}
	})
	return s, data.WithActor(context.Background(), &data.Actor{Username: "staff", Role: data.RoleStaff})
}

// BenchmarkSearch100k: one search-box query over 100,200 residents, first page of 50.
func BenchmarkSearch100k(b *testing.B) {
	s, ctx := bigStore(b)
	for _, q := range []string{"秀英", "wxy", "1234"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.People(ctx, data.PeopleFilter{Query: q, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchP95 runs 300 searches of each kind over 100,200 residents and reports the 95th
// percentile latency (the search box's own query: a count and the first page).
func BenchmarkSearchP95(b *testing.B) {
	s, ctx := bigStore(b)
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
