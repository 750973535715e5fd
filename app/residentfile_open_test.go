package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

// Each line of the file opens its own record: the first line of each kind is tapped in a
// freshly opened file.
func TestResidentFileLinesOpenTheirRecords(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	who := exampleResident(t, sh).Person.ID
	tap := func(t *testing.T, kind data.FileKind) data.FileLine {
		t.Helper()
		r := openResidentFile(sh, who)
		sh.pending.Wait()
		for i, l := range r.lineOf {
			if l.Kind == kind {
				test.Tap(r.lines[i])
				sh.pending.Wait()
				return l
			}
		}
		t.Fatalf("no %s line in the file", kind)
		return data.FileLine{}
	}
	t.Run("reached from the resident form: no dialog is left on top of the section", func(t *testing.T) {
		openPersonForm(sh, who, nil)
		sh.pending.Wait()
		tap(t, data.FileProgramme)
		if n := len(sh.win.Canvas().Overlays().List()); n != 0 {
			t.Fatalf("%d dialogs still on top of 儿童项目:\n%s", n, overlayTexts(t, sh))
		}
	})
	t.Run("with the resident form changed, it asks first and stays until the change is dropped", func(t *testing.T) {
		if !sh.showSection("首页") {
			t.Fatal("no 首页")
		}
		f := openPersonForm(sh, who, nil)
		sh.pending.Wait()
		test.Type(f.name, "改")
		tap(t, data.FileProgramme)
		if !topHas(t, sh, "放弃未保存的修改？") {
			t.Fatalf("no question:\n%s", overlayTexts(t, sh))
		}
		if _, on := sh.screens[sh.current].(*homeScreen); !on {
			t.Fatal("left 首页 behind the question")
		}
		tapOverlayButton(t, sh, "放弃修改")
		sh.pending.Wait()
		if _, on := sh.screens[sh.current].(*childrenScreen); !on || len(sh.win.Canvas().Overlays().List()) != 0 {
			t.Fatalf("after 放弃修改: %T with %d dialogs", sh.screens[sh.current], len(sh.win.Canvas().Overlays().List()))
		}
		if sh.unsavedForms() != 0 {
			t.Fatal("the closed form still counts as unsaved")
		}
	})
	t.Run("care: the recipient's form", func(t *testing.T) {
		l := tap(t, data.FileRecipient)
		c := sh.screens[sh.current].(*careScreen)
		if c.tabs.SelectedIndex() != 2 || c.recipients.editID != l.ID {
			t.Fatalf("tab %d, form of #%d, want #%d", c.tabs.SelectedIndex(), c.recipients.editID, l.ID)
		}
	})
	t.Run("service: the request, scrolled to and acted on", func(t *testing.T) {
		l := tap(t, data.FileService)
		c := sh.screens[sh.current].(*careScreen)
		if c.tabs.SelectedIndex() != 1 || c.services.focused != l.ID {
			t.Fatalf("tab %d, request #%d, want #%d", c.tabs.SelectedIndex(), c.services.focused, l.ID)
		}
	})
	t.Run("programme: chosen in 儿童项目, on 报名", func(t *testing.T) {
		l := tap(t, data.FileProgramme)
		c := sh.screens[sh.current].(*childrenScreen)
		if c.current == nil || c.current.ID != l.ID || c.tabs.SelectedIndex() != 1 {
			t.Fatalf("programme %+v tab %d, want #%d", c.current, c.tabs.SelectedIndex(), l.ID)
		}
		if p := c.programmes[c.pick.SelectedIndex()]; p.ID != l.ID {
			t.Fatalf("picked %s", p.Name)
		}
	})
	t.Run("trainee: the row selected in 学员", func(t *testing.T) {
		l := tap(t, data.FileTrainee)
		w := sh.screens[sh.current].(*workshopScreen)
		if w.tabs.SelectedIndex() != 1 {
			t.Fatalf("tab %d", w.tabs.SelectedIndex())
		}
		found := false
		for _, x := range w.trainees.rows {
			found = found || x.ID == l.ID
		}
		if !found {
			t.Fatal("the trainee is not listed")
		}
	})
	t.Run("certificate: its register entry", func(t *testing.T) {
		r := openResidentFile(sh, who)
		sh.pending.Wait()
		for i, l := range r.lineOf {
			if l.Kind == data.FileCertificate {
				test.Tap(r.lines[i])
				sh.pending.Wait()
				if r.cert == nil {
					t.Fatal("no register entry shown")
				}
				return
			}
		}
		t.Fatal("no certificate line")
	})
}

// 户籍 lists the households with the registry's search and paging; a row opens the household page.
func TestHouseholdListOpensTheHouseholdFile(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	h := openSection[*householdsScreen](t, sh, "户籍")
	all := h.total
	if all == 0 || len(h.pages[0]) != min(all, householdsPage) {
		t.Fatalf("%d households, first page %d", all, len(h.pages[0]))
	}
	t.Run("an attribute narrows the list to the households holding it today", func(t *testing.T) {
		h.kind.SetSelected("低保户")
		sh.pending.Wait()
		if h.total == 0 || h.total >= all {
			t.Fatalf("低保户: %d of %d", h.total, all)
		}
		for _, x := range h.pages[0] {
			if !strings.Contains(strings.Join(x.Attributes, "、"), "低保户") {
				t.Fatalf("%s is not 低保户 today: %v", x.Number, x.Attributes)
			}
		}
	})
	t.Run("the search finds a household by its head", func(t *testing.T) {
		head := h.pages[0][0].Head
		test.Type(h.search, head)
		sh.pending.Wait()
		if h.total == 0 || h.pages[0][0].Head == "" {
			t.Fatalf("searching %s: %d", head, h.total)
		}
	})
	t.Run("a row opens the household page", func(t *testing.T) {
		want := h.pages[0][0]
		h.table.OnSelected(widget.TableCellID{Row: 0, Col: 0})
		sh.pending.Wait()
		if h.opened == nil || h.opened.file.Household.ID != want.ID {
			t.Fatalf("opened %+v, want %s", h.opened, want.Number)
		}
	})
}
