package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// A focused entry keeps its cursor blinking, and every blink repaints the window: a field that
// is no longer on show must not keep the keyboard.
func TestNoFieldOffScreenKeepsTheKeyboard(t *testing.T) {
	t.Run("after sign-in the password field lets go", func(t *testing.T) {
		sh := newTestShell(t, true)
		login(t, sh, "staff", "demo1234")
		if f := sh.win.Canvas().Focused(); f != nil {
			t.Fatalf("after sign-in %T still has the keyboard", f)
		}
	})
	t.Run("leaving a section lets go of its search box", func(t *testing.T) {
		sh := newTestShell(t, true)
		login(t, sh, "staff", "demo1234")
		if !sh.showSection("居民档案") {
			t.Fatal("no 居民档案 section")
		}
		sh.pending.Wait()
		p, ok := sh.screens[sh.current].(*peopleScreen)
		if !ok {
			t.Fatalf("居民档案 is a %T", sh.screens[sh.current])
		}
		test.Type(p.search, "w")
		sh.win.Canvas().Focus(p.search)
		if sh.win.Canvas().Focused() != p.search {
			t.Fatal("the search box did not take the keyboard")
		}
		if !sh.showSection("首页") {
			t.Fatal("no 首页 section")
		}
		sh.pending.Wait()
		if f := sh.win.Canvas().Focused(); f != nil {
			t.Fatalf("on 首页 %T still has the keyboard", f)
		}
		if p.search.Text != "w" {
			t.Fatalf("the search text was lost: %q", p.search.Text)
		}
	})
}

// Fyne grows a window to its content's minimum size: a section or tab asking for more than a
// 1366×768 laptop screen pushes the window (and its 退出登录 button) off the screen, in either
// language (English words are longer).
func TestEverySectionFitsASmallScreen(t *testing.T) {
	for _, c := range []struct{ user, language string }{{"admin", "中文"}, {"viewer", "中文"}, {"admin", "English"}, {"viewer", "English"}} {
		language := c.language
		t.Run(c.user+" "+language, func(t *testing.T) {
			chineseDesktop(t)
			sh := newTestShell(t, true)
			login(t, sh, c.user, "demo1234")
			if language == "English" {
				s := openSection[*settingsScreen](t, sh, "设置")
				s.language.SetSelectedIndex(1)
				sh.pending.Wait()
			}
			for pos := range sh.visible {
				sh.nav.Select(pos)
				sh.pending.Wait()
				title := sh.sections[sh.visible[pos]].title
				eachTab(sh, func(tab string) {
					if m := sh.win.Content().MinSize(); m.Width > 1366 || m.Height > 700 {
						t.Errorf("%s: with %s %s on show the window needs at least %.0f×%.0f", c.user, title, tab, m.Width, m.Height)
					}
				})
			}
		})
	}
}
