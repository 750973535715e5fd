package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"linli/data"
)

// asksToDiscard types into a form's field, presses Escape and checks the question comes, then
// drops the edits.
func asksToDiscard(t *testing.T, sh *shell, field *keyEntry, text string) {
	t.Helper()
	c := sh.win.Canvas()
	test.Type(field, text)
	c.Focus(field)
	pressKey(c, fyne.KeyEscape)
	if !topHas(t, sh, "放弃未保存的修改？") {
		t.Fatalf("Escape with edits did not ask:\n%s", overlayTexts(t, sh))
	}
	tapOverlayButton(t, sh, "放弃修改")
}

// fieldShows is the message under the form item labelled label.
func fieldShows(fd *formDialog, label string) string {
	i := fd.itemFor(label)
	if i < 0 || !fd.fieldMsgs[i].Visible() {
		return ""
	}
	return fd.fieldMsgs[i].Text
}

func TestPostsShopForm(t *testing.T) {
	sh, p := openPosts(t, "staff")
	p.tabs.SelectIndex(2)
	sh.pending.Wait()
	before := len(p.shops.rows)
	t.Run("the credit code is checked as it is typed", func(t *testing.T) {
		test.Tap(p.shops.add)
		f := p.shops.form
		test.Type(f.name, "赞山面馆")
		test.Type(f.address, "慈善街 30 号")
		test.Type(f.contact, "王师傅")
		test.Type(f.credit, "91350100M000100Y4")
		if msg := fieldShows(f.dlg, "统一社会信用代码"); !strings.Contains(msg, "18 位") {
			t.Fatalf("17 characters: %q", msg)
		}
		test.Type(f.credit, "4")
		if msg := fieldShows(f.dlg, "统一社会信用代码"); !strings.Contains(msg, "校验码不符") {
			t.Fatalf("a wrong check character: %q", msg)
		}
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if !dialogOpen(sh) || fieldShows(f.dlg, "统一社会信用代码") == "" {
			t.Fatal("a wrong code must be refused under its field, the form open")
		}
		f.credit.SetText("91350100M000100Y43")
		if msg := fieldShows(f.dlg, "统一社会信用代码"); msg != "" {
			t.Fatalf("a right code still shows %q", msg)
		}
		f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Return saves
		sh.pending.Wait()
		if msg := f.dlg.shownMessages(); msg != "" {
			t.Fatalf("refused: %s", msg)
		}
		if len(p.shops.rows) != before+1 {
			t.Fatalf("%d shops, want %d", len(p.shops.rows), before+1)
		}
	})
	t.Run("Escape after typing asks before the edits go", func(t *testing.T) {
		test.Tap(p.shops.add)
		asksToDiscard(t, sh, p.shops.form.name, "没保存的商铺")
		if dialogOpen(sh) || len(p.shops.rows) != before+1 {
			t.Fatal("the form did not close, or something was saved")
		}
	})
}

func TestPostsPostForm(t *testing.T) {
	sh, p := openPosts(t, "staff")
	before := len(p.list.rows)
	test.Tap(p.list.add)
	sh.pending.Wait()
	f := p.list.form
	if f == nil {
		t.Fatal("no post form")
	}
	f.shop.SetSelectedIndex(0)
	test.Type(f.title, "收银助理")
	test.Type(f.work, "协助收银、整理小票")
	test.Type(f.supervisor, "陈立")
	t.Run("a paid post open to 15 is refused with the law's rule", func(t *testing.T) {
		f.kind.SetSelectedIndex(0) // 有报酬
		f.pay.SetText("18.50")
		f.minAge.SetText("15")
		if !strings.Contains(f.dlg.shownMessages(), "劳动法第十五条") {
			t.Fatalf("while typing: %q", f.dlg.shownMessages())
		}
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if !dialogOpen(sh) || !strings.Contains(f.dlg.shownMessages(), "劳动法第十五条") {
			t.Fatalf("after saving: %q", f.dlg.shownMessages())
		}
	})
	t.Run("pay that is not an amount is named under 时薪", func(t *testing.T) {
		f.pay.SetText("十八元")
		if fieldShows(f.dlg, "时薪") == "" {
			t.Fatal("no message under 时薪")
		}
	})
	t.Run("a lawful post is saved, its pay in 分", func(t *testing.T) {
		f.pay.SetText("18.50")
		f.minAge.SetText("16")
		f.start.SetText("13:30")
		f.end.SetText("17:30")
		f.minutes.SetText("240")
		test.Tap(f.dlg.confirm)
		sh.pending.Wait()
		if msg := f.dlg.shownMessages(); msg != "" {
			t.Fatalf("refused: %s", msg)
		}
		if len(p.list.rows) != before+1 {
			t.Fatalf("%d posts, want %d", len(p.list.rows), before+1)
		}
		for _, x := range p.list.rows {
			if x.Title == "收银助理" && x.PayPerHour != 1850 {
				t.Fatalf("pay %d 分", x.PayPerHour)
			}
		}
	})
	t.Run("a post shows who waits for it, in order; Escape after typing asks", func(t *testing.T) {
		var waited data.Post
		for _, x := range p.list.rows {
			if x.WaitListLen > 0 {
				waited = x
			}
		}
		p.list.openPostForm(waited)
		sh.pending.Wait()
		if f := p.list.form; f.wait == nil || !strings.HasPrefix(f.wait.Text, "1. ") {
			t.Fatalf("waiting list of %s (%d waiting): %+v", waited.Title, waited.WaitListLen, f.wait)
		}
		asksToDiscard(t, sh, p.list.form.title, "改")
	})
}

// workingStudent is a 2027 post with one student matched and 在岗, shown in the 报名与匹配 tab.
func workingStudent(t *testing.T, sh *shell, p *postsScreen) data.Application {
	t.Helper()
	return placedStudent(t, sh, p, true)
}

// placedStudent is a 2027 post with one student matched (已录用, or 在岗 when started), shown in
// the 报名与匹配 tab.
func placedStudent(t *testing.T, sh *shell, p *postsScreen, started bool) data.Application {
	t.Helper()
	shops, err := sh.store.Shops(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	post, err := sh.store.SavePost(sh.ctx, data.Post{ShopID: shops[0].ID, Season: 2027, Title: "图书整理员", Kind: data.PostPractice, Work: "图书上架",
		MinAge: 12, Places: 2, From: "2027-07-05", To: "2027-07-16", Weekdays: 0x1f, DayMinutes: 180, Start: "09:00", End: "12:00", Supervisor: "许文静"})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := sh.store.Communities(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	kid, err := sh.store.SavePerson(sh.ctx, data.Person{Name: "林小满", IDNumber: data.MakeID("330481", time.Date(2011, 3, 4, 0, 0, 0, 0, time.UTC), 991),
		CommunityID: cs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	app, err := sh.store.SaveApplication(sh.ctx, data.Application{Season: 2027, PersonID: kid, School: "海宁市南苑中学", Grade: "初三",
		Consent: data.Consent{Day: "2026-11-20", By: "母亲", How: "书面签字"}, Choices: []int64{post}})
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.store.ReviewApplication(sh.ctx, app); err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.ConfirmMatching(sh.ctx, 2027, "2026-11-27", 1); err != nil {
		t.Fatal(err)
	}
	if started {
		if err := sh.store.StartPlacement(sh.ctx, app); err != nil {
			t.Fatal(err)
		}
	}
	p.loadSeasons()
	sh.pending.Wait()
	p.tabs.SelectIndex(1)
	sh.pending.Wait()
	for _, a := range p.match.rows {
		if a.ID == app {
			return a
		}
	}
	t.Fatalf("application %d not listed in %s", app, p.season.Selected)
	return data.Application{}
}
