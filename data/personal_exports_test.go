package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// userID is the id of one of mustOffice's accounts.
func userID(t *testing.T, s *Store, admin context.Context, username string) int64 {
	t.Helper()
	us, err := s.ListUsers(admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Username == username {
			return u.ID
		}
	}
	t.Fatalf("no account %s", username)
	return 0
}

func recordPersonal(ctx context.Context, s *Store) error {
	return s.RecordPersonal(ctx, ActExport, "居民", 0, "导出居民 3 人")
}

func TestPersonalExportsFollowTheRoleUntilAnAdministratorDecides(t *testing.T) {
	t.Run("社工 may and 只读 may not by default", func(t *testing.T) {
		s := mustOpen(t)
		mustOffice(t, s)
		if err := recordPersonal(as(t, s, "staff"), s); err != nil {
			t.Fatalf("社工: %v", err)
		}
		err := recordPersonal(as(t, s, "viewer"), s)
		if !errors.Is(err, ErrForbidden) || !strings.Contains(Message(err), "设置 → 账户") {
			t.Fatalf("只读: %v", err)
		}
	})
	t.Run("a withdrawal holds at once for a signed-in account, and nothing is audited", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		staff := as(t, s, "staff") // signed in before the withdrawal
		if err := s.SetPersonalExports(admin, userID(t, s, admin, "staff"), false); err != nil {
			t.Fatal(err)
		}
		before, err := s.ListAudit(admin, AuditFilter{Action: ActExport})
		if err != nil {
			t.Fatal(err)
		}
		if err := recordPersonal(staff, s); !errors.Is(err, ErrForbidden) || !strings.Contains(Message(err), "收回") {
			t.Fatalf("withdrawn 社工 exported: %v", err)
		}
		if err := s.PersonalRefusal(staff); !errors.Is(err, ErrForbidden) {
			t.Fatalf("PersonalRefusal: %v", err)
		}
		after, err := s.ListAudit(admin, AuditFilter{Action: ActExport})
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) {
			t.Fatalf("a refused export was audited: %d → %d", len(before), len(after))
		}
	})
	t.Run("a grant lets 只读 export, and signs in with it", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		if err := s.SetPersonalExports(admin, userID(t, s, admin, "viewer"), true); err != nil {
			t.Fatal(err)
		}
		viewer := as(t, s, "viewer")
		if !ActorFrom(viewer).Personal {
			t.Fatal("the grant is not on the signed-in account")
		}
		if err := recordPersonal(viewer, s); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("granting what the role gives removes the exception", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		id := userID(t, s, admin, "workshop")
		for _, allow := range []bool{true, false} {
			if err := s.SetPersonalExports(admin, id, allow); err != nil {
				t.Fatal(err)
			}
		}
		grants, err := personalGrants(context.Background(), s.db)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := grants[id]; ok {
			t.Fatalf("the role's own default is kept as an exception: %v", grants)
		}
	})
}

func TestPersonalExportsAreDecidedOnlyByAnAdministrator(t *testing.T) {
	t.Run("a 社工 cannot grant", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		if err := s.SetPersonalExports(as(t, s, "staff"), userID(t, s, admin, "viewer"), true); !errors.Is(err, ErrForbidden) {
			t.Fatalf("社工 granted: %v", err)
		}
	})
	t.Run("an own setting cannot pose as the grant", func(t *testing.T) {
		s := mustOpen(t)
		mustOffice(t, s)
		viewer := as(t, s, "viewer")
		if err := s.SetUserSetting(viewer, "../grant.personal", "1"); err != nil {
			t.Fatal(err)
		}
		if err := recordPersonal(as(t, s, "viewer"), s); !errors.Is(err, ErrForbidden) {
			t.Fatalf("只读 granted itself: %v", err)
		}
	})
	t.Run("a 管理员 keeps it", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		if err := s.SetPersonalExports(admin, userID(t, s, admin, "admin"), false); !errors.Is(err, ErrInvalid) {
			t.Fatalf("withdrawn from 管理员: %v", err)
		}
	})
	t.Run("each decision is audited with the account", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		id := userID(t, s, admin, "viewer")
		if err := s.SetPersonalExports(admin, id, true); err != nil {
			t.Fatal(err)
		}
		es, err := s.ListAudit(admin, AuditFilter{Action: ActUpdate, Entity: "账户", Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].EntityID != id || !strings.Contains(es[0].Summary, "授权账户 viewer") {
			t.Fatalf("audit: %+v", es)
		}
	})
	t.Run("the list shows what each account may", func(t *testing.T) {
		s := mustOpen(t)
		admin := mustOffice(t, s)
		if err := s.SetPersonalExports(admin, userID(t, s, admin, "staff"), false); err != nil {
			t.Fatal(err)
		}
		us, err := s.ListUsers(admin)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{"admin": true, "staff": false, "workshop": false, "viewer": false}
		for _, u := range us {
			if u.Personal != want[u.Username] {
				t.Errorf("%s: Personal %v", u.Username, u.Personal)
			}
		}
	})
}
