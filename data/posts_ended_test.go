package data

import (
	"testing"
	"time"
)

// endedPost matches two students onto a one-place post running to the day `to`: one holds the
// place, the other waits. It returns the fixture, the post, the holder and the waiting student.
func endedPost(t *testing.T, to string) (postsFixture, Post, int64, int64) {
	t.Helper()
	f := mustPosts(t)
	p := lawfulPost(PostPractice, 12)
	p.ShopID, p.Places, p.From, p.To = f.shop, 1, dayOf(fixedNow.AddDate(0, 0, -30)), to
	id, err := f.s.SavePost(f.staff, p)
	if err != nil {
		t.Fatal(err)
	}
	p.ID = id
	a := f.apply(t, f.student(t, "甲学生", "2011-03-01"), p.ID)
	b := f.apply(t, f.student(t, "乙学生", "2011-04-01"), p.ID)
	res, err := f.s.ConfirmMatching(f.staff, 2026, dayOf(fixedNow.AddDate(0, 0, -31)), 1)
	if err != nil {
		t.Fatal(err)
	}
	if res.Placed != 1 || res.Unplaced != 1 {
		t.Fatalf("matching %+v", res)
	}
	holder, waiting := a, b
	if res.Lines[0].ApplicationID == b {
		holder, waiting = b, a
	}
	return f, p, holder, waiting
}

// stillWaits checks the waiting student is still 未录用 and first on the post's waiting list.
func stillWaits(t *testing.T, f postsFixture, post, waiting int64) {
	t.Helper()
	ap, err := f.s.Application(f.staff, waiting)
	if err != nil {
		t.Fatal(err)
	}
	wl, err := f.s.WaitList(f.staff, post)
	if err != nil {
		t.Fatal(err)
	}
	if ap.State != AppUnplaced || len(wl) != 1 || wl[0].ID != waiting {
		t.Fatalf("waiting student %s; waiting list %+v", ap.State, wl)
	}
}

func TestPostPlaceFreedAfterTheEndCallsNobodyIn(t *testing.T) {
	t.Parallel()
	today, yesterday := dayOf(fixedNow), dayOf(fixedNow.AddDate(0, 0, -1))
	t.Run("given up on the end date: the first waiting student is placed", func(t *testing.T) {
		f, _, holder, waiting := endedPost(t, today)
		filled, err := f.s.StopApplication(f.staff, holder, "家中有事")
		if err != nil || filled != waiting {
			t.Fatalf("filled by %d (want %d), %v", filled, waiting, err)
		}
	})
	t.Run("given up the day after the end: nobody is called in", func(t *testing.T) {
		f, p, holder, waiting := endedPost(t, yesterday)
		filled, err := f.s.StopApplication(f.staff, holder, "家中有事")
		if err != nil || filled != 0 {
			t.Fatalf("filled by %d after the end, %v", filled, err)
		}
		stillWaits(t, f, p.ID, waiting)
	})
	t.Run("places raised on the end date: the first waiting student is placed", func(t *testing.T) {
		f, p, _, waiting := endedPost(t, today)
		p.Places = 2
		if _, err := f.s.SavePost(f.staff, p); err != nil {
			t.Fatal(err)
		}
		ap, err := f.s.Application(f.staff, waiting)
		if err != nil || ap.State != AppPlaced || ap.PostID != p.ID {
			t.Fatalf("waiting student after more places: %s on %d, %v", ap.State, ap.PostID, err)
		}
	})
	t.Run("places raised the day after the end: nobody is called in", func(t *testing.T) {
		f, p, _, waiting := endedPost(t, yesterday)
		p.Places = 2
		if _, err := f.s.SavePost(f.staff, p); err != nil {
			t.Fatal(err)
		}
		stillWaits(t, f, p.ID, waiting)
	})
}

// duringTheRun sets the store clock to a day while lawfulPost's posts run (6 July – 14 August
// 2026): only then does a place freed call a waiting student in.
func duringTheRun(s *Store) {
	s.SetClock(func() time.Time { return time.Date(2026, 7, 20, 10, 0, 0, 0, fixedNow.Location()) })
}
