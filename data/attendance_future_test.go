package data

import (
	"errors"
	"strings"
	"testing"
)

func TestAttendanceForAFutureSessionIsRefused(t *testing.T) {
	t.Parallel()
	f := newChildrenFixture(t) // December's Saturdays; the store's today is 2026-11-27
	s, ctx, p := f.s, f.ctx, f.p
	if _, err := s.GenerateSessions(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	ss, err := s.Sessions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	err = s.SaveAttendance(ctx, map[[2]int64]string{{ss[0].ID, f.over14[0].ID}: "出勤"})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), ss[0].Day) || !strings.Contains(err.Error(), "还没有开始") {
		t.Fatalf("a mark for %s saved on 2026-11-27: %v", ss[0].Day, err)
	}
	g, err := s.AttendanceGrid(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Marks) != 0 {
		t.Fatalf("refused marks were written: %v", g.Marks)
	}
}
