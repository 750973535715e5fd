package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

// openPosts signs in and shows 爱心岗位.
func openPosts(t *testing.T, user string) (*shell, *postsScreen) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, user, sample.Password)
	p := openSection[*postsScreen](t, sh, "爱心岗位")
	sh.pending.Wait()
	return sh, p
}

func TestPostsScreenShowsTheLatestSeasonToTheViewer(t *testing.T) {
	_, p := openPosts(t, "viewer")
	if p.season.Selected != "2026" || len(p.list.rows) == 0 {
		t.Fatalf("season %q, %d posts", p.season.Selected, len(p.list.rows))
	}
	if !p.match.run.Disabled() {
		t.Fatal("只读 may not run the matching")
	}
}

func TestPostsPreviewThenConfirmMatching(t *testing.T) {
	sh, p := openPosts(t, "staff")
	posts := p.list.rows
	birth := time.Date(2011, 3, 4, 0, 0, 0, 0, time.UTC)
	cs, err := sh.store.Communities(sh.ctx)
	if err != nil || len(cs) == 0 {
		t.Fatalf("communities %v %v", cs, err)
	}
	id, err := sh.store.SavePerson(sh.ctx, data.Person{Name: "林小满", IDNumber: data.MakeID("330481", birth, 991), CommunityID: cs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	next := data.Post{ShopID: posts[0].ShopID, Season: 2027, Title: "明年的岗位", Kind: data.PostPractice, Work: "整理图书", MinAge: 12, Places: 1,
		From: "2027-07-05", To: "2027-07-16", Weekdays: 0x1f, DayMinutes: 180, Start: "09:00", End: "12:00", Supervisor: "许文静"}
	practice, err := sh.store.SavePost(sh.ctx, next) // 2026 is matched already: its late applicants go to the waiting lists
	if err != nil {
		t.Fatal(err)
	}
	p.loadSeasons()
	sh.pending.Wait()
	if p.season.Selected != "2027" {
		t.Fatalf("season %q after adding a 2027 post", p.season.Selected)
	}
	app, err := sh.store.SaveApplication(sh.ctx, data.Application{Season: 2027, PersonID: id, School: "海宁市南苑中学", Grade: "初三",
		Consent: data.Consent{Day: "2026-11-20", By: "母亲", How: "书面签字"}, Choices: []int64{practice}})
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.store.ReviewApplication(sh.ctx, app); err != nil {
		t.Fatal(err)
	}
	p.tabs.SelectIndex(1)
	sh.pending.Wait()
	p.match.seed.SetText("") // typed by hand
	test.Type(p.match.seed, "7")
	test.Tap(p.match.run)
	sh.pending.Wait()
	if p.match.preview == nil || len(p.match.preview.Lines) != 1 || !strings.Contains(p.out.status.Text, "种子 7") {
		t.Fatalf("preview %+v, status %q", p.match.preview, p.out.status.Text)
	}
	if p.match.confirm.Disabled() {
		t.Fatal("confirm stays disabled after a preview")
	}
	test.Tap(p.match.confirm)
	sh.pending.Wait()
	got, err := sh.store.Application(sh.ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != data.AppPlaced && got.State != data.AppUnplaced {
		t.Fatalf("after confirming, the application is %s", got.State)
	}
	if p.match.preview != nil || len(p.match.rows) == 0 {
		t.Fatal("the list did not come back after confirming")
	}
}
