package app

import (
	"sync"
	"testing"

	"linli/data"
)

// TestLogoutWhileWorkersReadTheSession signs in and out on the UI thread while a worker keeps
// reading the shell's context, as queued store calls do; under -race any unguarded write shows.
// Work that started as a user keeps acting as that user (snapshot) after the sign-out.
func TestLogoutWhileWorkersReadTheSession(t *testing.T) {
	sh := newTestShell(t, false)
	a := &data.Actor{UserID: 1, Username: "admin", Role: data.RoleAdmin}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if got := data.ActorFrom(sh.ctx); got != nil && got != a {
				t.Errorf("the session carries %+v", got)
				return
			}
		}
	}()
	var kept []*data.Actor
	for i := 0; i < 50; i++ {
		sh.sess.set(a)
		sh.actor = a
		started := sh.sess.snapshot()
		sh.logout()
		if data.ActorFrom(sh.ctx) != nil {
			t.Fatal("still signed in after logout")
		}
		kept = append(kept, data.ActorFrom(started))
	}
	close(stop)
	wg.Wait()
	for _, k := range kept {
		if k != a {
			t.Fatalf("work started before the sign-out lost its user: %+v", k)
		}
	}
}
