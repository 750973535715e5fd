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
	find := func(action string) (auditRow, bool) {
		for _, r := range a.rows {
			if r.action == action {
				return r, true
			}
		}
		return auditRow{}, false
	}
	t.Run("local time to the minute", func(t *testing.T) {
		if len(a.rows) == 0 || !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d$`).MatchString(a.rows[0].at) {
			t.Fatalf("time shown as %q", a.rows[0].at)
		}
	})
	t.Run("the record by name, not number", func(t *testing.T) {
		r, ok := find(data.ActReveal)
		if !ok || r.object != "居民 "+ps[0].Name {
			t.Fatalf("reveal row %+v", r)
		}
	})
	t.Run("a failed sign-in is there, with the name tried", func(t *testing.T) {
		r, ok := find(data.ActLoginFailed)
		if !ok || r.user != "staff" || !strings.Contains(r.summary, "电脑") {
			t.Fatalf("failed sign-in row %+v", r)
		}
	})
}

func TestAuditSummariesNameResidents(t *testing.T) {
	rows := auditRows([]data.AuditEntry{{ID: 1, At: "2026-11-28T09:42:10+08:00", Action: data.ActErase, Entity: "居民", EntityID: 79,
		Summary: "删除居民 #79 的个人信息，保留匿名记录"}, {ID: 2, At: "2026-11-28T09:43:00+08:00", Entity: "居民", EntityID: 80, Summary: "删除居民 #80"}},
		map[data.AuditRef]string{{Kind: "居民", ID: 79}: "王秀英"})
	if rows[0].object != "居民 王秀英" || rows[0].summary != "删除居民 王秀英 的个人信息，保留匿名记录" {
		t.Fatalf("named: %+v", rows[0])
	}
	if rows[1].object != "居民 #80" || rows[1].summary != "删除居民 #80" {
		t.Fatalf("unnamed keeps its number: %+v", rows[1])
	}
}
