package sample_test

import (
	"context"
	"testing"

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

// BenchmarkAddPeople100k is `linli demo -people 100000` on a sample database. Target: under 20 s.
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
