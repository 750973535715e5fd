package data

import (
	"context"
	"errors"
	"testing"
)

// resetViewer: the sample, with the viewer's password reset by the administrator.
func resetViewer(t *testing.T) (*Store, int64) {
	t.Helper()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	us, err := s.ListUsers(admin)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, u := range us {
		if u.Username == "viewer" {
			id = u.ID
		}
	}
	if err := s.ResetPassword(admin, id, "temporary1"); err != nil {
		t.Fatal(err)
	}
	return s, id
}

func TestResetPasswordMustBeChangedAtNextSignIn(t *testing.T) {
	t.Run("the sign-in says so and nothing else is allowed", func(t *testing.T) {
		s, _ := resetViewer(t)
		a, err := s.Login(context.Background(), "viewer", "temporary1")
		if err != nil {
			t.Fatal(err)
		}
		if !a.MustChange {
			t.Fatal("a reset account signs in without having to change its password")
		}
		if _, err := s.People(WithActor(context.Background(), a), PeopleFilter{Limit: 1}); !errors.Is(err, ErrForbidden) {
			t.Fatalf("a reset account read the registry: %v", err)
		}
	})
	t.Run("the administrator sees it", func(t *testing.T) {
		s, id := resetViewer(t)
		us, err := s.ListUsers(as(t, s, "admin"))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range us {
			if u.ID == id && !u.MustChange {
				t.Fatal("ListUsers does not show the pending change")
			}
		}
	})
	t.Run("the same password again is refused", func(t *testing.T) {
		s, _ := resetViewer(t)
		a, err := s.Login(context.Background(), "viewer", "temporary1")
		if err != nil {
			t.Fatal(err)
		}
		err = s.ChangePassword(WithActor(context.Background(), a), "temporary1", "temporary1")
		var e *Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "新密码" {
			t.Fatalf("same password: %v", err)
		}
	})
	t.Run("after the change the next sign-in is normal", func(t *testing.T) {
		s, _ := resetViewer(t)
		a, err := s.Login(context.Background(), "viewer", "temporary1")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ChangePassword(WithActor(context.Background(), a), "temporary1", "chosen-by-me"); err != nil {
			t.Fatal(err)
		}
		a, err = s.Login(context.Background(), "viewer", "chosen-by-me")
		if err != nil || a.MustChange {
			t.Fatalf("after the change: %+v, %v", a, err)
		}
	})
}

func TestInitialPasswordMustBeChangedAtFirstSignIn(t *testing.T) {
	s := mustOpen(t)
	admin := mustOffice(t, s)
	if _, err := s.CreateUser(admin, "newcomer", "新同事", RoleStaff, "initial-pw1"); err != nil {
		t.Fatal(err)
	}
	a, err := s.Login(context.Background(), "newcomer", "initial-pw1")
	if err != nil {
		t.Fatal(err)
	}
	if !a.MustChange {
		t.Fatal("an administrator's initial password signs in without having to be changed")
	}
	if _, err := s.People(WithActor(context.Background(), a), PeopleFilter{Limit: 1}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("an account with its initial password read the registry: %v", err)
	}
	if err := s.ChangePassword(WithActor(context.Background(), a), "initial-pw1", "my-own-pw1"); err != nil {
		t.Fatal(err)
	}
	if a, err = s.Login(context.Background(), "newcomer", "my-own-pw1"); err != nil || a.MustChange {
		t.Fatalf("after choosing a password: %+v, %v", a, err)
	}
}
