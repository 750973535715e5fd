package cli

import (
	"context"
	"os"
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

// An administrator's withdrawal of personal exports holds on the command line too: 社工 is
// refused the residents export, with the reason, and no file is written.
func TestWithdrawnPersonalExportsAreRefusedOnTheCommandLine(t *testing.T) {
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
	ctx := data.WithActor(context.Background(), admin)
	us, err := s.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Username == "staff" {
			if err := s.SetPersonalExports(ctx, u.ID, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()
	out := filepath.Join(t.TempDir(), "people.xlsx")
	r := run(t, "demo1234", "-db", db, "-user", "staff", "export", "people", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, "收回") {
		t.Fatalf("withdrawn 社工 exported the residents: %+v", r)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a file was written: %v", err)
	}
}
