package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data/sample"
)

// openAccounts signs in as 管理员 and shows 设置 → 账户 with the given user selected.
func openAccounts(t *testing.T, username string) (*shell, *accountsPanel) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	s := openSection[*settingsScreen](t, sh, "设置")
	p := s.accounts
	for i, u := range p.users {
		if u.Username == username {
			p.list.Select(i)
		}
	}
	if p.selected < 0 {
		t.Fatalf("no account %s", username)
	}
	return sh, p
}

func TestResetPasswordTooShortKeepsDialog(t *testing.T) {
	sh, p := openAccounts(t, "staff")
	test.Tap(p.reset)
	test.Type(p.resetPw, "short")
	test.Tap(p.dlg.confirm)
	sh.pending.Wait()
	if !dialogOpen(sh) || !strings.Contains(p.dlg.shownMessages(), "至少 8 个字符") {
		t.Fatalf("open %v, message %q", dialogOpen(sh), p.dlg.shownMessages())
	}
	if p.resetPw.Text != "short" {
		t.Fatalf("typing lost: %q", p.resetPw.Text)
	}
}

func TestResetPasswordMustBeChangedAtSignIn(t *testing.T) {
	sh, p := openAccounts(t, "staff")
	test.Tap(p.reset)
	test.Type(p.resetPw, "temporary1")
	test.Tap(p.dlg.confirm)
	sh.pending.Wait()
	sh.logout()
	login(t, sh, "staff", "temporary1")
	if sh.actor != nil || sh.pwChange == nil {
		t.Fatalf("signed in without choosing a new password: %+v", sh.actor)
	}
	f := sh.pwChange
	test.Type(f.new1, "chosen-by-me")
	test.Type(f.new2, "chosen-by-m")
	test.Tap(f.btn)
	sh.pending.Wait()
	if sh.actor != nil || !strings.Contains(f.msg.Text, "不一致") {
		t.Fatalf("mismatched passwords: actor %+v, %q", sh.actor, f.msg.Text)
	}
	f.new2.SetText("")
	test.Type(f.new2, "chosen-by-me")
	test.Tap(f.btn)
	sh.pending.Wait()
	if sh.actor == nil || sh.actor.MustChange || sh.actor.Username != "staff" {
		t.Fatalf("after choosing a password: %+v, %q", sh.actor, f.msg.Text)
	}
	if _, err := sh.store.Login(sh.ctx, "staff", "chosen-by-me"); err != nil {
		t.Fatalf("the new password does not sign in: %v", err)
	}
}
