package data

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
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
