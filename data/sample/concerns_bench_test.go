//go:build unix

package sample_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
	"linli/documents"
)

var (
	concernsOnce sync.Once
	concernsPath string
	concernsErr  error
)

// concernsStore is, once per benchmark run, the sample with 20,000 more 民情 over its last year,
// signed in as 社工.
func concernsStore(b *testing.B) (*data.Store, context.Context) {
	concernsOnce.Do(func() {
		// LINLI_BENCH_CONCERNS_DB names a database built by an earlier run (kept between runs, so
		// that before and after are measured on the same rows); otherwise it is built afresh.
		if concernsPath = os.Getenv("LINLI_BENCH_CONCERNS_DB"); concernsPath != "" {
			if _, err := os.Stat(concernsPath); err == nil {
				return
			}
		} else {
			dir, err := os.MkdirTemp("", "linli-bench")
			if err != nil {
				concernsErr = err
				return
			}
			concernsPath = filepath.Join(dir, "concerns.db")
		}
		s, err := data.Open(context.Background(), concernsPath)
		if err != nil {
			concernsErr = err
			return
		}
		s.SetClock(func() time.Time { return fixedNow })
		if concernsErr = sample.Load(context.Background(), s); concernsErr == nil {
			concernsErr = sample.AddConcerns(context.Background(), s, 20_000)
		}
		if err := s.Close(); err != nil && concernsErr == nil {
			concernsErr = err
		}
	})
	if concernsErr != nil {
		b.Fatal(concernsErr)
	}
	s, err := data.Open(context.Background(), concernsPath)
	if err != nil {
		b.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Error(err)
		}
	})
	return s, as(b, s, "staff")
}

// BenchmarkConcernsByState20k is the 民情 list opening filtered by state (办理中, as the screen
// asks: newest first, at most 2,000 rows) over 20,000 concerns. Target: under 100 ms.
func BenchmarkConcernsByState20k(b *testing.B) {
	s, ctx := concernsStore(b)
	defer cpuPerOp(b)()
	for b.Loop() {
		cs, err := s.Concerns(ctx, data.ConcernFilter{State: data.StateInHand, Limit: 2000})
		if err != nil || len(cs) < 1000 {
			b.Fatal(len(cs), err)
		}
	}
}

// BenchmarkConcernFigures20k is the home screen's 12-month 民情 figures over 20,000 concerns.
// Target: under 100 ms.
func BenchmarkConcernFigures20k(b *testing.B) {
	s, ctx := concernsStore(b)
	defer cpuPerOp(b)()
	for b.Loop() {
		f, err := s.ConcernFigures(ctx)
		if err != nil || f.Raised < 18_000 {
			b.Fatal(f.Raised, err)
		}
	}
}

// BenchmarkConcernLedgerYear20k is a year's 民情台账 PDF of 20,000 concerns with their history.
// Target: under 2 s.
func BenchmarkConcernLedgerYear20k(b *testing.B) {
	s, ctx := concernsStore(b)
	v := documents.Values{"from": fixedNow.AddDate(-1, 0, 1).Format("2006-01-02"), "to": fixedNow.Format("2006-01-02")}
	defer cpuPerOp(b)()
	for b.Loop() {
		if err := documents.ConcernLedger.Run(ctx, s, v, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuPerOp reports the CPU time (user + system) per operation beside the wall time: on the shared
// machine the wall time mostly measures the other processes. Call as defer cpuPerOp(b)().
func cpuPerOp(b *testing.B) func() {
	start := cpuTime(b)
	return func() { b.ReportMetric(float64((cpuTime(b)-start).Milliseconds())/float64(b.N), "cpu-ms/op") }
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
