package data

import (
	"context"
	"testing"
	"time"
)

// TestSignInDoesNotBlockAnotherWriter holds a sign-in in the middle of its password hash and
// writes from another connection meanwhile: the hash runs before the sign-in's transaction, so
// the write goes through at once, and the sign-in then succeeds.
func TestSignInDoesNotBlockAnotherWriter(t *testing.T) {
	s := mustOpen(t)
	admin := mustOffice(t, s)
	other := mustOpenAt(t, s.Path())
	hashing, release := make(chan struct{}), make(chan struct{})
	verifyPassword = func(password, hash string) bool {
		close(hashing)
		<-release
		return VerifyPassword(password, hash)
	}
	t.Cleanup(func() { verifyPassword = VerifyPassword })
	done := make(chan error, 1)
	go func() {
		_, err := s.Login(context.Background(), "staff", testPassword)
		done <- err
	}()
	<-hashing
	ctx, cancel := context.WithTimeout(admin, 2*time.Second) // busy_timeout would wait 5 s
	defer cancel()
	if err := other.SetSetting(ctx, SettingDeliveryMinutes, "45"); err != nil {
		t.Fatalf("a write while a sign-in hashes its password: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("sign-in: %v", err)
	}
}
