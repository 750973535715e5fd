package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

// openEnrol shows 儿童项目 → 报名 for the first programme, as 社工.
func openEnrol(t *testing.T) (*shell, *childrenScreen, *enrolTab) {
	t.Helper()
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*childrenScreen](t, sh, "儿童项目")
	c.tabs.SelectIndex(1)
	sh.pending.Wait()
	if c.current == nil {
		t.Fatal("no programme")
	}
	return sh, c, c.enrol
}

// newChild registers a child of the programme's age with no guardian.
func newChild(t *testing.T, sh *shell, c *childrenScreen, name string) data.Person {
	t.Helper()
	birth := sh.now().AddDate(-c.current.AgeMin, -1, 0).Format("2006-01-02")
	p := data.Person{Name: name, Sex: data.Female, BirthDate: birth, CommunityID: c.current.CommunityID}
	id, err := sh.store.SavePerson(sh.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	p.ID = id
	return p
}

func TestFindChildOffersOnlyTheProgrammesAges(t *testing.T) {
	sh, c, e := openEnrol(t)
	if len(e.picker.matches) == 0 {
		t.Fatal("the picker lists no child for the programme")
	}
	for i, p := range e.picker.matches {
		a := p.Age(sh.now())
		if a < c.current.AgeMin || a > c.current.AgeMax {
			t.Errorf("%s, %d, offered for %d–%d", p.Name, a, c.current.AgeMin, c.current.AgeMax)
		}
		if want := fmt.Sprintf("%d 岁", a); !strings.Contains(e.picker.found.Options[i], want) {
			t.Errorf("%q does not show the age", e.picker.found.Options[i])
		}
	}
	adults, err := sh.store.People(sh.ctx, data.PeopleFilter{Limit: 1, Sort: "birth"}) // the oldest resident
	if err != nil || len(adults) == 0 {
		t.Fatal(err)
	}
	test.Type(e.picker.search, adults[0].Name)
	e.picker.find()
	for _, p := range e.picker.matches {
		if p.ID == adults[0].ID {
			t.Fatalf("%s, %d, is offered for a children's programme", p.Name, p.Age(sh.now()))
		}
	}
}

func TestNoGuardianMessageClearsOnAnotherChild(t *testing.T) {
	sh, c, e := openEnrol(t)
	orphan := newChild(t, sh, c, "测无护")
	e.pickChild(orphan)
	if !strings.Contains(e.result.Text, "还没有登记监护人") || !e.addGuard.Visible() {
		t.Fatalf("no guardian: %q, button shown %v", e.result.Text, e.addGuard.Visible())
	}
	for _, p := range e.picker.matches {
		gs, err := sh.store.Guardians(sh.ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) > 0 {
			e.pickChild(p)
			if e.result.Text != "" || e.addGuard.Visible() {
				t.Fatalf("after choosing %s the stale message stays: %q", p.Name, e.result.Text)
			}
			return
		}
	}
	t.Fatal("no child with a guardian in the picker")
}

func TestGuardianAddedFromTheChildsOwnForm(t *testing.T) {
	sh, c, e := openEnrol(t)
	orphan := newChild(t, sh, c, "测无护")
	e.pickChild(orphan)
	test.Tap(e.addGuard)
	f := e.childForm
	if f == nil || f.guardians == nil {
		t.Fatal("the child's form shows no guardians")
	}
	adults, err := sh.store.People(sh.ctx, data.PeopleFilter{Limit: 1, Sort: "birth", Desc: false})
	if err != nil || len(adults) == 0 {
		t.Fatal(err)
	}
	test.Type(f.guardians.search, adults[0].Name)
	f.guardians.find()
	if len(f.guardians.matches) == 0 {
		t.Fatalf("guardian search for %s found nobody", adults[0].Name)
	}
	for _, o := range f.guardians.found.Options {
		if strings.Contains(o, "，）") || strings.Contains(o, "（）") {
			t.Errorf("stray punctuation in %q", o)
		}
	}
	f.guardians.add()
	if len(f.guardians.links) != 1 {
		t.Fatalf("guardians after adding: %+v", f.guardians.links)
	}
	f.dlg.Hide()
	if len(e.guardians) != 1 || e.guardian.SelectedIndex() != 0 || e.result.Text != "" {
		t.Fatalf("back in 报名: guardians %+v, message %q", e.guardians, e.result.Text)
	}
}

func TestClashIsAskedBeforeEnrolling(t *testing.T) {
	sh, c, e := openEnrol(t)
	cur := *c.current
	es, err := sh.store.Enrollments(sh.ctx, cur.ID)
	if err != nil || len(es) == 0 {
		t.Fatalf("no enrolments in %s: %v", cur.Name, err)
	}
	kid := es[0]
	twin := cur // the same days and hours
	twin.ID, twin.Name = 0, "同一时间的项目"
	id, err := sh.store.SaveProgramme(sh.ctx, twin)
	if err != nil {
		t.Fatal(err)
	}
	twin.ID = id
	c.current = &twin
	child, err := sh.store.Person(sh.ctx, kid.ChildID)
	if err != nil {
		t.Fatal(err)
	}
	e.pickChild(child)
	sh.pending.Wait()
	if e.guardian.SelectedIndex() < 0 {
		t.Fatal("the sample child has no guardian")
	}
	e.consentDay.SetText(sh.now().Format("2006-01-02"))
	e.onEnrol()
	sh.pending.Wait()
	after, err := sh.store.Enrollments(sh.ctx, twin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 0 || e.clashAsk == nil || !strings.Contains(overlayTexts(t, sh), cur.Name) {
		t.Fatalf("enrolled before asking about the clash (%d enrolments):\n%s", len(after), overlayTexts(t, sh))
	}
	tapOverlayButton(t, sh, "仍然报名")
	if after, err = sh.store.Enrollments(sh.ctx, twin.ID); err != nil || len(after) != 1 {
		t.Fatalf("仍然报名 did not enrol: %d, %v", len(after), err)
	}
}
