package data

import (
	"errors"
	"testing"
	"time"
)

// TestServiceRecordsStandAndTrace: a delivery's record lists with its times and source, a
// corrected one does not (nor its reversal), and only 管理员 may list them.
func TestServiceRecordsStandAndTrace(t *testing.T) {
	t.Parallel()
	f := newCareFixture(t)
	s, ctx := f.s, f.ctx
	ds := f.deliveries(t)
	left := time.Date(2026, 12, 21, 11, 0, 0, 0, time.Local)
	s.SetClock(func() time.Time { return left.Add(8 * time.Hour) })
	for _, d := range ds[:2] {
		if err := s.RecordDelivery(ctx, d.ID, left, left.Add(12*time.Minute), OutcomeDelivered, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordDelivery(ctx, ds[1].ID, left, time.Time{}, OutcomeNotHome, ""); err != nil { // corrected
		t.Fatal(err)
	}
	if _, err := s.ServiceRecords(ctx, "2026-12-01", "2026-12-31"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("社工 listed unmasked records: %v", err)
	}
	rs, err := s.ServiceRecords(as(t, s, "admin"), "2026-12-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("records %+v", rs)
	}
	r := rs[0]
	if r.Source != SourceDelivery || r.SourceID != ds[0].ID || r.Minutes != DefaultDeliveryMinutes || r.Project != "老宝贝一碗汤" ||
		r.Start != "2026-12-21 11:00" || r.End != "2026-12-21 11:12" || r.Place != "竦秀社区" || len(r.IDNumber) != 18 ||
		r.IDType != "居民身份证" || r.Content != "为老人送汤：桂花酒酿圆子" || r.RecordedAt != "2026-12-21" {
		t.Fatalf("record %+v", r)
	}
}
