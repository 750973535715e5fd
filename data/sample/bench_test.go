package sample_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

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
