package data_test

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"linli/data"
)

// The server benchmarks run against LINLI_TEST_PG (make test-pg's kind of throwaway cluster):
//
//	LINLI_TEST_PG=postgres://… go test ./data -run '^$' -bench Server -benchtime 1x
//
// LINLI_BENCH_BIG=FILE keeps the 100,200-resident file between runs; LINLI_BENCH_SERVER=URL
// measures an earlier run's server copy again instead of moving it (BenchmarkServerMoveTo100k
// then reports nothing).

var (
	bigServerOnce sync.Once
	bigServerURL  string
	moveTook      time.Duration
)

// bigServer moves the 100,200-resident benchmark database onto a new server database, once.
func bigServer(b *testing.B) string {
	base := os.Getenv("LINLI_TEST_PG")
	if base == "" {
		b.Skip("set LINLI_TEST_PG to a PostgreSQL server")
	}
	if u := os.Getenv("LINLI_BENCH_SERVER"); u != "" {
		return u // a database an earlier run moved (its URL), to measure again without moving
	}
	file := bigDB(b)
	bigServerOnce.Do(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		name := "linli_bench_" + time.Now().Format("150405")
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			b.Fatal(err)
		}
		u, err := url.Parse(base)
		if err != nil {
			b.Fatal(err)
		}
		u.Path = "/" + name
		bigServerURL = u.String()
		s, err := data.Open(context.Background(), file)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		ctx := data.WithActor(context.Background(), &data.Actor{Username: "admin", Role: data.RoleAdmin})
		start := time.Now()
		if _, err := s.MoveTo(ctx, bigServerURL); err != nil {
			b.Fatalf("%v (%v)", err, errors.Unwrap(err))
		}
		moveTook = time.Since(start)
	})
	return bigServerURL
}

// BenchmarkServerMoveTo100k reports how long move-to of the 100,200-resident database took.
func BenchmarkServerMoveTo100k(b *testing.B) {
	bigServer(b)
	for b.Loop() {
	}
	b.ReportMetric(moveTook.Seconds(), "move-s")
}

// BenchmarkServerOpenAndHome100k: open the server database and load the home screen's data.
func BenchmarkServerOpenAndHome100k(b *testing.B) {
	u := bigServer(b)
	viewer := data.WithActor(context.Background(), &data.Actor{Username: "viewer", Role: data.RoleViewer})
	for b.Loop() {
		s, err := data.Open(context.Background(), u)
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

// BenchmarkServerSearchP95: BenchmarkSearchP95's queries against the server.
func BenchmarkServerSearchP95(b *testing.B) {
	s, err := data.Open(context.Background(), bigServer(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := data.WithActor(context.Background(), &data.Actor{Username: "staff", Role: data.RoleStaff})
	queries := map[string][]string{
		"name":        {"秀英", "建国", "王", "阿福", "海峰", "丽", "子涵", "静"},
		"initials":    {"wxy", "ljg", "zqs", "hf", "cyf", "lz", "zj", "cx"},
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
