package data

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestFailedSignInsAreAudited(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	desk, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	failed := func(t *testing.T, username string) []AuditEntry {
		t.Helper()
		es, err := s.ListAudit(admin, AuditFilter{Action: ActLoginFailed, Username: username})
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	t.Run("a wrong password: the user, the time and the desk", func(t *testing.T) {
		if _, err := s.Login(context.Background(), "staff", "wrong-password"); err == nil {
			t.Fatal("a wrong password signed in")
		}
		es := failed(t, "staff")
		if len(es) != 1 || !strings.Contains(es[0].Summary, "密码不正确") || !strings.Contains(es[0].Summary, desk) || es[0].At == "" {
			t.Fatalf("entries %+v", es)
		}
	})
	t.Run("an unknown user name is recorded as tried", func(t *testing.T) {
		if _, err := s.Login(context.Background(), "zhangsan", "whatever1"); err == nil {
			t.Fatal("an unknown user signed in")
		}
		if es := failed(t, "zhangsan"); len(es) != 1 || !strings.Contains(es[0].Summary, "无此用户") {
			t.Fatalf("entries %+v", es)
		}
	})
	t.Run("a successful sign-in is not a failure", func(t *testing.T) {
		if _, err := s.Login(context.Background(), "viewer", testPassword); err != nil {
			t.Fatal(err)
		}
		if es := failed(t, "viewer"); len(es) != 0 {
			t.Fatalf("entries %+v", es)
		}
	})
}

func TestAuditNamesTheRecords(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "赞山社区")
	p := mustPerson(t, s, admin, c, "王秀英", Female, 82)
	names, err := s.AuditNames(admin, []AuditRef{{"居民", p.ID}, {"社区", c.ID}, {"居民", 999999}, {"考勤", 1}})
	if err != nil {
		t.Fatal(err)
	}
	if names[AuditRef{"居民", p.ID}] != "王秀英" || names[AuditRef{"社区", c.ID}] != "赞山社区" || len(names) != 2 {
		t.Fatalf("names %v", names)
	}
	t.Run("only 管理员 reads them", func(t *testing.T) {
		if _, err := s.AuditNames(as(t, s, "staff"), []AuditRef{{"居民", p.ID}}); !errors.Is(err, ErrForbidden) {
			t.Fatalf("staff: %v", err)
		}
	})
}
