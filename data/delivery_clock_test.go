package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestArrivalBeforeDepartureIsRefusedNotMovedToTheNextDay(t *testing.T) {
	_, _, err := DeliveryClock("2026-12-21", "11:10", "11:05", time.UTC)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "跨过午夜请写作“次日 11:05”") {
		t.Fatalf("送达 before 出发: %v", err)
	}
}

func TestCrossingMidnightIsWrittenOut(t *testing.T) {
	l, a, err := DeliveryClock("2026-12-21", "23:55", "次日 00:04", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if a.Sub(l) != 9*time.Minute || a.Day() != 22 {
		t.Fatalf("left %v arrived %v", l, a)
	}
}

func TestADeliveryTimeInTheFutureIsRefused(t *testing.T) {
	f := newCareFixture(t) // the round is on 2026-12-21; the store's clock says 2026-11-27
	ds := f.deliveries(t)
	l, a, err := DeliveryClock("2026-12-21", "11:00", "11:07", time.Local)
	if err != nil {
		t.Fatal(err)
	}
	err = f.s.RecordDelivery(f.ctx, ds[0].ID, l, a, OutcomeDelivered, "")
	if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "还没到") {
		t.Fatalf("a delivery nine days ahead: %v", err)
	}
}

func TestDeliveryClockAcceptsNextDayInEnglish(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	for _, typed := range []string{"next day 00:10", "Next Day 00:10", "次日 00:10"} {
		l, a, err := DeliveryClock("2026-12-21", "23:55", typed, loc)
		if err != nil {
			t.Fatalf("%q: %v", typed, err)
		}
		if a.Sub(l) != 15*time.Minute {
			t.Fatalf("%q: %v → %v", typed, l, a)
		}
	}
}
