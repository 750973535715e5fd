package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
	"linli/documents"
)

// fixedNow is the day the window's tests run on: the store's clock, so the sample is loaded on
// that day and every screen takes its "today" from it.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// newTestShell opens a real database file and a test window around the shell.
func newTestShell(t *testing.T, withSample bool) *shell {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	file := filepath.Join(t.TempDir(), "linli.db")
	if withSample {
		copySample(t, file)
	}
	s, err := data.Open(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedNow })
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1180, 760))
	sh := newShell(a, w, s)
	sh.inline = true
	w.SetContent(sh.root)
	t.Cleanup(func() {
		sh.stop()
		w.Close()
		if n := sh.panics.Load(); n > 0 {
			t.Errorf("%d panics were recovered in callbacks (see the log)", n)
		}
	})
	sh.begin()
	sh.pending.Wait()
	return sh
}

func login(t *testing.T, sh *shell, user, pw string) {
	t.Helper()
	f := sh.loginForm
	if f == nil {
		t.Fatal("no login form on show")
	}
	test.Type(f.user, user)
	test.Type(f.pass, pw)
	test.Tap(f.btn)
	sh.pending.Wait()
}

func TestSetupLoginAutoLockKeepsForm(t *testing.T) {
	sh := newTestShell(t, false)
	if sh.setup == nil {
		t.Fatal("an empty database must start with the setup screen")
	}
	st := sh.setup
	test.Type(st.office, "测试街道办事处")
	test.Type(st.display, "张主任")
	test.Type(st.pass, "password1")
	test.Type(st.pass2, "password1")
	test.Tap(st.create)
	sh.pending.Wait()
	if sh.actor == nil || sh.actor.Role != data.RoleAdmin {
		t.Fatalf("setup did not sign in the new 管理员: %+v", sh.actor)
	}
	if !sh.showSection("设置") {
		t.Fatal("no 设置 section")
	}
	sh.pending.Wait()
	settings := sh.screens[sh.current].(*settingsScreen)
	test.Type(settings.oldPw, "写了一半")

	// Ten idle minutes later the window locks; what was typed stays.
	later := sh.now().Add(11 * time.Minute)
	sh.now = func() time.Time { return later }
	sh.checkIdle()
	if !sh.lock.Visible() {
		t.Fatal("window did not lock after 10 idle minutes")
	}
	f := sh.loginForm
	if f.user.Text != "admin" || !f.user.Disabled() {
		t.Fatalf("lock screen must ask the same user: %q", f.user.Text)
	}
	test.Type(f.pass, "wrong-password")
	test.Tap(f.btn)
	sh.pending.Wait()
	if !sh.lock.Visible() || !strings.Contains(f.msg.Text, "不正确") {
		t.Fatalf("wrong password: lock %v, message %q", sh.lock.Visible(), f.msg.Text)
	}
	f.pass.SetText("")
	test.Type(f.pass, "password1")
	test.Tap(f.btn)
	sh.pending.Wait()
	if sh.lock.Visible() {
		t.Fatal("right password did not unlock")
	}
	if settings.oldPw.Text != "写了一半" {
		t.Fatalf("unsaved input lost: %q", settings.oldPw.Text)
	}
}

func TestEverySectionOnSampleData(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	if sh.actor == nil {
		t.Fatal("admin could not sign in")
	}
	home, ok := sh.screens[sh.current].(*homeScreen)
	if !ok || !home.loaded {
		t.Fatal("home screen not shown after login")
	}
	want, err := sh.store.HomeStats(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if home.stats.People != want.People || len(home.chart.items) != len(want.ByCommunity) {
		t.Fatalf("home shows %d people in %d bars, database has %d in %d", home.stats.People, len(home.chart.items), want.People, len(want.ByCommunity))
	}
	for i, c := range want.ByCommunity {
		if home.chart.items[i] != c {
			t.Errorf("bar %d = %+v, want %+v", i, home.chart.items[i], c)
		}
	}
	first := home.counts.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	if first.Text != "240" {
		t.Errorf("居民 tile shows %q", first.Text)
	}
	for pos := range sh.visible {
		sh.nav.Select(pos)
		sh.pending.Wait()
		if sh.content.Objects[0] == nil {
			t.Fatalf("section %s shows nothing", sh.sections[sh.visible[pos]].title)
		}
	}
	if len(sh.visible) != len(sh.sections) {
		t.Errorf("管理员 sees %d of %d sections", len(sh.visible), len(sh.sections))
	}
	audit := sh.screens[indexOf(sh, "审计记录")].(*auditScreen)
	if len(audit.entries) == 0 || audit.table.Length == nil {
		t.Fatal("audit screen is empty")
	}
}

func indexOf(sh *shell, title string) int {
	for i, s := range sh.sections {
		if s.title == title {
			return i
		}
	}
	return -1
}

func TestViewerSeesNoAdminScreens(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "viewer", sample.Password)
	for _, i := range sh.visible {
		if sh.sections[i].title == "审计记录" {
			t.Fatal("只读 sees the audit trail")
		}
	}
	sh.showSection("设置")
	sh.pending.Wait()
	st := sh.screens[sh.current].(*settingsScreen)
	for _, tab := range st.tabs.Items {
		if tab.Text == "账户" || tab.Text == "单位信息" || tab.Text == "备份与恢复" {
			t.Errorf("只读 sees the %s tab", tab.Text)
		}
	}
}

func TestLoginRefusesWrongPassword(t *testing.T) {
	sh := newTestShell(t, true)
	if !strings.Contains(loginHint(sh), sample.Password) {
		t.Error("a sample database's login screen should tell the sample password")
	}
	login(t, sh, "admin", "nope-nope")
	if sh.actor != nil || !strings.Contains(sh.loginForm.msg.Text, "不正确") {
		t.Fatalf("wrong password signed in or said nothing: %q", sh.loginForm.msg.Text)
	}
}

func loginHint(sh *shell) string {
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *widget.Card:
			walk(v.Content)
		}
	}
	walk(sh.page)
	return strings.Join(texts, "\n")
}

func TestPrintCenterWritesRoster(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password) // 只读 may not print the residents (personal data)
	sh.showSection("打印中心")
	sh.pending.Wait()
	p := sh.screens[sh.current].(*printScreen)
	var row *docRow
	for _, r := range p.rows {
		if r.doc == &documents.Residents {
			row = r
		}
	}
	if row == nil {
		t.Fatal("the print centre offers no 居民名册")
	}
	community := row.selects["community"]
	if len(community.Options) != 7 {
		t.Fatalf("community choices: %v", community.Options)
	}
	community.SetSelected("南苑社区")
	if got := row.doc.FileName(row.values()); got != "居民名册-南苑社区.pdf" {
		t.Errorf("file name = %q", got)
	}
	out := filepath.Join(t.TempDir(), "名册.pdf")
	p.write(out, p.render(row.doc, row.values()), false)
	sh.pending.Wait()
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no PDF written: %v", err)
	}
	if !strings.Contains(p.status.Text, "已保存") {
		t.Errorf("status = %q", p.status.Text)
	}
}

func TestHomeShowsCareAndWorkshop(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	home := sh.screens[sh.current].(*homeScreen)
	if len(home.rates.items) != 12 || home.careStats.Open == 0 || !strings.Contains(home.care.Text, "上门服务") {
		t.Fatalf("care on home: %+v %q", home.careStats, home.care.Text)
	}
	if !home.ws.Visible() || len(home.income.items) != 12 {
		t.Fatal("the workshop part is missing for 管理员")
	}
}

func TestRealOfficeAddsCommunityThenResident(t *testing.T) {
	sh := newTestShell(t, false)
	st := sh.setup
	test.Type(st.office, "测试街道办事处")
	test.Type(st.pass, "password1")
	test.Type(st.pass2, "password1")
	test.Tap(st.create)
	home := sh.screens[sh.current].(*homeScreen)
	if !home.empty.Visible() || !strings.Contains(home.empty.Text, "社区与网格") {
		t.Fatalf("an empty office must say where to start: %q", home.empty.Text)
	}
	set := openSection[*settingsScreen](t, sh, "设置")
	c := set.communities
	test.Type(c.name, "新社区")
	test.Tap(c.addComm)
	c.community.SetSelectedIndex(0)
	test.Type(c.grid, "一网格")
	test.Tap(c.addGrid)
	if !strings.Contains(c.list.Text, "新社区：一网格") {
		t.Fatalf("communities: %q", c.list.Text)
	}
	p := openSection[*peopleScreen](t, sh, "居民档案")
	f := openPersonForm(sh, 0, p.reload)
	test.Type(f.name, "第一位居民")
	test.Tap(f.save)
	if p.total != 1 {
		t.Fatalf("%d residents after the first save", p.total)
	}
}

func TestPrintCenterHidesPersonalListsFrom只读(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "viewer", sample.Password)
	sh.showSection("打印中心")
	sh.pending.Wait()
	p := sh.screens[sh.current].(*printScreen)
	for _, r := range p.rows {
		if r.doc.Personal {
			t.Errorf("只读 is offered %s", r.doc.Title)
		}
	}
	if len(p.rows) == 0 {
		t.Fatal("the print centre offers 只读 nothing")
	}
}
