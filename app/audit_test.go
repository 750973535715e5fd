package app

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func TestAuditViewShowsLocalTimeNamesAndFailedSignIns(t *testing.T) {
	sh := newTestShell(t, true)
	test.Type(sh.loginForm.user, "staff")
	test.Type(sh.loginForm.pass, "wrong-password")
	test.Tap(sh.loginForm.btn)
	sh.pending.Wait()
	sh.loginForm.user.SetText("")
	sh.loginForm.pass.SetText("")
	login(t, sh, "admin", sample.Password)
	ps, err := sh.store.People(sh.ctx, data.PeopleFilter{Limit: 1})
	if err != nil || len(ps) == 0 {
		t.Fatalf("people: %v", err)
	}
	if _, _, err := sh.store.RevealPerson(sh.ctx, ps[0].ID); err != nil {
		t.Fatal(err)
	}
	a := openSection[*auditScreen](t, sh, "审计记录")
	find := func(action string) (data.AuditLine, bool) {
		for _, r := range a.rows {
			if r.Action == action {
				return r, true
			}
		}
		return data.AuditLine{}, false
	}
	t.Run("local time to the second", func(t *testing.T) {
		if len(a.rows) == 0 || !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`).MatchString(a.rows[0].At) {
			t.Fatalf("time shown as %q", a.rows[0].At)
		}
	})
	t.Run("the account by its display name", func(t *testing.T) {
		r, ok := find(data.ActReveal)
		if !ok || r.User == "admin" || r.User == "" {
			t.Fatalf("reveal row by %q", r.User)
		}
	})
	t.Run("the record by name, not number", func(t *testing.T) {
		r, ok := find(data.ActReveal)
		if !ok || r.Object != "居民 "+ps[0].Name {
			t.Fatalf("reveal row %+v", r)
		}
	})
	t.Run("a failed sign-in is there, with the name tried", func(t *testing.T) {
		r, ok := find(data.ActLoginFailed)
		if !ok || r.User != "staff" || !strings.Contains(r.Summary, "电脑") {
			t.Fatalf("failed sign-in row %+v", r)
		}
	})
}
