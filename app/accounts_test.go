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

// The administrator withdraws personal exports from 社工 in 设置 → 账户: the list says so, and at
// the next sign-in the print centre no longer offers the residents roster and says why.
func TestWithdrawnPersonalExportsLeaveThePrintCentre(t *testing.T) {
	sh, p := openAccounts(t, "staff")
	if p.grant.Disabled() || p.grant.Text != "收回导出个人信息" {
		t.Fatalf("grant button %q, disabled %v", p.grant.Text, p.grant.Disabled())
	}
	test.Tap(p.grant)
	sh.pending.Wait()
	for _, u := range p.users {
		if u.Username == "staff" && u.Personal {
			t.Fatal("the list still shows 社工 allowed")
		}
	}
	sh.logout()
	login(t, sh, "staff", sample.Password)
	pc := openSection[*printScreen](t, sh, "打印中心")
	for _, r := range pc.rows {
		if r.doc.Personal {
			t.Errorf("%s offered after the withdrawal", r.doc.Title)
		}
	}
	if !pc.personalNote.Visible() {
		t.Fatal("the print centre does not say why the personal documents are missing")
	}
}

func TestAnAdministratorsPersonalExportsCannotBeWithdrawn(t *testing.T) {
	_, p := openAccounts(t, "admin")
	if !p.grant.Disabled() {
		t.Fatal("the grant button is offered for a 管理员")
	}
}
