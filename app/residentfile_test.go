package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

// exampleResident is the sample resident who appears in every programme.
func exampleResident(t *testing.T, sh *shell) data.ResidentFile {
	t.Helper()
	ts, err := sh.store.Trainees(sh.ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range ts {
		f, err := sh.store.ResidentFile(sh.ctx, tr.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		full := f.Household.ID != 0
		for _, sec := range f.Sections {
			full = full && len(sec.Lines) > 0
		}
		if full {
			return f
		}
	}
	t.Fatal("no sample resident in every programme")
	return data.ResidentFile{}
}

func TestResidentFileOpensEveryProgrammeAndTheHousehold(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	want := exampleResident(t, sh)
	r := openResidentFile(sh, want.Person.ID)
	sh.pending.Wait()
	t.Run("a card per programme, lines that open records", func(t *testing.T) {
		if len(r.file.Sections) != 6 || len(r.lines) < 6 {
			t.Fatalf("%d sections, %d lines", len(r.file.Sections), len(r.lines))
		}
	})
	t.Run("the household page lists the members with their summaries", func(t *testing.T) {
		if r.household.Text != "打开一户一档" {
			t.Fatalf("household button %q", r.household.Text)
		}
		h := openHouseholdPage(sh, r.file.Household.ID, nil)
		sh.pending.Wait()
		if len(h.members) != h.file.Household.Members || len(h.file.Summaries) != len(h.members) {
			t.Fatalf("%d member buttons for %d members", len(h.members), h.file.Household.Members)
		}
		test.Tap(h.members[0])
		sh.pending.Wait()
	})
	t.Run("a workshop line goes to the workshop", func(t *testing.T) {
		test.Tap(r.lines[len(r.lines)-1])
		if sh.sections[sh.current].title != "灯彩工坊" {
			t.Fatalf("went to %s", sh.sections[sh.current].title)
		}
	})
}

func TestResidentFileFollowsTheRole(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	want := exampleResident(t, sh)
	sh.logout()
	login(t, sh, "viewer", sample.Password)
	r := openResidentFile(sh, want.Person.ID)
	sh.pending.Wait()
	if !r.print.Disabled() {
		t.Error("只读 may print the personal file")
	}
	if id := r.file.Person.IDNumber; id != "" && !strings.Contains(id, "*") {
		t.Errorf("只读 sees the full ID number %s", id)
	}
	h := openHouseholdPage(sh, want.Household.ID, nil)
	sh.pending.Wait()
	if h.write || !h.print.Disabled() {
		t.Error("只读 may change or print the household")
	}
}

func TestNewHouseholdFromTheResidentFile(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	cs, err := sh.store.Communities(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := sh.store.SavePerson(sh.ctx, data.Person{Name: "新居民", CommunityID: cs[0].ID, Address: "赞山路1号2幢301室"})
	if err != nil {
		t.Fatal(err)
	}
	r := openResidentFile(sh, id)
	sh.pending.Wait()
	if r.file.Household.ID != 0 {
		t.Fatalf("a new resident in a household: %+v", r.file.Household)
	}
	test.Tap(r.household)
	sh.pending.Wait()
	if h := r.file.Household; h.ID == 0 || h.Head != "新居民" || h.Building != "2" || r.file.Relation != "户主" {
		t.Fatalf("after 建户: %+v", r.file.Household)
	}
}
