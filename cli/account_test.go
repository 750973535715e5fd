package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"linli/data"
)

// An account an administrator has just created signs in on the command line only after its
// user has set a password of their own, like an account whose password was reset.
func TestInitialPasswordIsRefusedUntilChanged(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "linli.db")
	mustDemo(t, db)
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.Login(context.Background(), "admin", "demo1234")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(data.WithActor(context.Background(), admin), "newcomer", "新同事", data.RoleStaff, "initial-pw1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := run(t, "initial-pw1", "-db", db, "-user", "newcomer", "print", "care-ledger", "-month", "2026-11", "-o", filepath.Join(t.TempDir(), "a.pdf"))
	if r.code != 1 || !strings.Contains(r.stderr, "初始密码") {
		t.Fatalf("a new account with its initial password ran a command: %+v", r)
	}
}
