package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

// pressKey delivers a key as the window does: to the focused widget, else to the canvas.
func pressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func TestLockedWindowAcceptsNoInput(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	openSection[*peopleScreen](t, sh, "居民档案")
	f := openPersonForm(sh, 0, nil)
	sh.pending.Wait()
	test.Type(f.name, "锁屏时写了一半")
	c := sh.win.Canvas()
	c.Focus(f.name)
	savePos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.save).Add(fyne.NewPos(5, 5))
	saved := func() int {
		t.Helper()
		got, err := sh.store.People(sh.ctx, data.PeopleFilter{Query: "锁屏时写了一半"})
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}

	sh.lockNow()
	t.Run("the dialog is hidden under the lock", func(t *testing.T) {
		if top := c.Overlays().Top(); top != nil {
			t.Fatalf("a dialog is still on the canvas above the lock: %T", top)
		}
		if sh.page.Visible() {
			t.Fatal("the page is reachable under the lock")
		}
	})
	t.Run("neither a click where 保存 was nor Return saves", func(t *testing.T) {
		test.TapCanvas(c, savePos)
		c.Unfocus()
		pressKey(c, fyne.KeyReturn)
		sh.pending.Wait()
		if n := saved(); n != 0 {
			t.Fatalf("%d residents saved while the window was locked", n)
		}
	})
	t.Run("a message arriving while locked waits under the lock", func(t *testing.T) {
		sh.showMessage("后台消息", "导出完成")
		sh.checkIdle()
		if c.Overlays().Top() != nil {
			t.Fatal("a dialog opened above the lock")
		}
	})
	t.Run("unlocking brings the dialog back with what was typed", func(t *testing.T) {
		test.Type(sh.loginForm.pass, sample.Password)
		test.Tap(sh.loginForm.btn)
		sh.pending.Wait()
		if sh.lock.Visible() || !sh.page.Visible() {
			t.Fatal("the right password did not unlock")
		}
		if len(c.Overlays().List()) != 2 {
			t.Fatalf("the form and the message should be back: %d overlays", len(c.Overlays().List()))
		}
		tapOverlayButton(t, sh, "确定")
		if f.name.Text != "锁屏时写了一半" || c.Focused() != f.name {
			t.Fatalf("input or focus lost: %q, focus %T", f.name.Text, c.Focused())
		}
		test.Tap(f.save)
		sh.pending.Wait()
		if n := saved(); n != 1 {
			t.Fatalf("saved %d after unlocking, want 1", n)
		}
	})
}

func TestTypingCountsAsActivity(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	openSection[*peopleScreen](t, sh, "居民档案")
	f := openPersonForm(sh, 0, nil)
	sh.pending.Wait()
	start := sh.now()
	at := func(m int) { sh.now = func() time.Time { return start.Add(time.Duration(m) * time.Minute) } }
	at(0)
	sh.touch()
	sh.checkIdle()
	sh.win.Canvas().Focus(f.name)
	for _, m := range []int{4, 8, 12, 16} { // typing the whole time, the mouse never moving
		at(m)
		test.Type(f.name, "字")
		sh.checkIdle()
	}
	at(21)
	sh.checkIdle()
	if sh.lock.Visible() {
		t.Fatal("the window locked during continuous typing")
	}
	at(27)
	sh.checkIdle()
	if !sh.lock.Visible() {
		t.Fatal("ten minutes after the last key the window did not lock")
	}
}

func TestFailedSignInStartsTheRetryClean(t *testing.T) {
	sh := newTestShell(t, true)
	f := sh.loginForm
	c := sh.win.Canvas()
	t.Run("empty fields are named", func(t *testing.T) {
		test.Tap(f.btn)
		if f.msg.Text != "请输入用户名" {
			t.Fatalf("empty username: %q", f.msg.Text)
		}
		test.Type(f.user, "admin")
		test.Tap(f.btn)
		if f.msg.Text != "请输入密码" || c.Focused() != f.pass {
			t.Fatalf("empty password: %q, focus %T", f.msg.Text, c.Focused())
		}
	})
	t.Run("Return in the username moves to the password", func(t *testing.T) {
		c.Focus(f.user)
		pressKey(c, fyne.KeyReturn)
		if c.Focused() != f.pass {
			t.Fatalf("focus after Return: %T", c.Focused())
		}
	})
	t.Run("a wrong password is cleared and the field focused", func(t *testing.T) {
		test.Type(f.pass, "wrong-one")
		test.Tap(f.btn)
		sh.pending.Wait()
		if f.pass.Text != "" || c.Focused() != f.pass || f.msg.Text == "" {
			t.Fatalf("after a failure: field %q, focus %T, message %q", f.pass.Text, c.Focused(), f.msg.Text)
		}
		test.Type(f.pass, sample.Password)
		test.Tap(f.btn)
		sh.pending.Wait()
		if sh.actor == nil {
			t.Fatal("retyping the right password did not sign in")
		}
	})
}

func TestNewAccountChangesItsInitialPasswordInTheWindow(t *testing.T) {
	sh := newTestShell(t, true)
	admin, err := sh.store.Login(sh.ctx, "admin", sample.Password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.CreateUser(data.WithActor(sh.ctx, admin), "newcomer", "新同事", data.RoleStaff, "initial-pw1"); err != nil {
		t.Fatal(err)
	}
	login(t, sh, "newcomer", "initial-pw1")
	if sh.pwChange == nil || sh.actor != nil {
		t.Fatalf("a new account signed in with the administrator's initial password (actor %+v)", sh.actor)
	}
	test.Type(sh.pwChange.new1, "my-own-pw1")
	test.Type(sh.pwChange.new2, "my-own-pw1")
	test.Tap(sh.pwChange.btn)
	sh.pending.Wait()
	if sh.actor == nil || sh.actor.Username != "newcomer" {
		t.Fatal("after choosing a password the window did not open")
	}
}
