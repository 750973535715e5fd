package app

import (
	"context"
	"sync/atomic"

	"linli/data"
)

// session is the window's context for the store: it carries whoever is signed in now. The
// shell's ctx is this one value for the window's whole life, so the workers that read it never
// race the UI thread signing in, out or locking; a sign-in or sign-out swaps what it carries.
type session struct {
	context.Context // Background: a session is never cancelled
	cur             atomic.Pointer[context.Context]
}

// set makes a the signed-in user (nil: nobody).
func (s *session) set(a *data.Actor) {
	ctx := context.Background()
	if a != nil {
		ctx = data.WithActor(ctx, a)
	}
	s.cur.Store(&ctx)
}

// Value answers from the current sign-in.
func (s *session) Value(key any) any { return (*s.cur.Load()).Value(key) }

// snapshot is a context fixed to the current sign-in, for work that must act as the user who
// started it even if they sign out meanwhile (the 退出 record, a restore, a file being written).
func (s *session) snapshot() context.Context { return *s.cur.Load() }
