package app

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/data/sample"
)

func openSection[T screen](t *testing.T, sh *shell, title string) T {
	t.Helper()
	if !sh.showSection(title) {
		t.Fatalf("no section %s", title)
	}
	sh.pending.Wait()
	s, ok := sh.screens[sh.current].(T)
	if !ok {
		t.Fatalf("section %s is %T", title, sh.screens[sh.current])
	}
	return s
}

func TestPeopleSearchNarrowsTable(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	p := openSection[*peopleScreen](t, sh, "居民档案")
	if p.total != 240 || !strings.Contains(p.count.Text, "240") {
		t.Fatalf("table shows %d (%q), want 240", p.total, p.count.Text)
	}
	test.Type(p.search, "wxy")
	sh.pending.Wait()
	if p.total == 0 || p.total >= 240 {
		t.Fatalf("after typing wxy: %d rows", p.total)
	}
	if first, ok := p.at(0); !ok || first.Name != "王秀英" {
		t.Fatalf("first row %+v", first)
	}
	p.search.SetText("")
	sh.pending.Wait()
	p.tag.SetSelected("独居")
	sh.pending.Wait()
	want, err := sh.store.CountPeople(sh.ctx, data.PeopleFilter{Tag: "独居"})
	if err != nil {
		t.Fatal(err)
	}
	if p.total != want {
		t.Fatalf("独居 filter: %d rows, want %d", p.total, want)
	}
	p.sortBy("name")
	sh.pending.Wait()
	a, _ := p.at(0)
	b, _ := p.at(1)
	if data.SearchKey(a.Name) > data.SearchKey(b.Name) {
		t.Errorf("not sorted by name: %s then %s", a.Name, b.Name)
	}
}

func TestPersonFormValidatesAndSaves(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	p := openSection[*peopleScreen](t, sh, "居民档案")
	f := openPersonForm(sh, 0, p.reload)
	sh.pending.Wait()
	test.Type(f.idNumber, "330481194503120027")
	if f.idNumber.Validate() == nil {
		t.Fatal("a bad check digit must show as you type")
	}
	f.idNumber.SetText("")
	test.Type(f.idNumber, "330481194503120026")
	if err := f.idNumber.Validate(); err != nil {
		t.Fatalf("valid ID refused: %v", err)
	}
	test.Type(f.name, "新来的居民")
	test.Type(f.phone, "１３８ ０００１ ２２３３")
	f.tags.SetSelected([]string{"独居"})
	test.Tap(f.save)
	sh.pending.Wait()
	got, err := sh.store.People(sh.ctx, data.PeopleFilter{Query: "新来的居民"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Phone != "13800012233" || got[0].BirthDate != "1945-03-12" || got[0].Sex != data.Female {
		t.Fatalf("saved %+v", got)
	}
	if p.total != 241 {
		t.Errorf("table not reloaded after save: %d", p.total)
	}
}

func TestImportWizardRejectsThenImports(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("姓名,身份证号,社区\n好人,,南苑社区\n坏号码,330481194503120027,南苑社区\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := newImportWizard(sh, data.ImportPeople, bad, nil)
	w.load()
	sh.pending.Wait()
	test.Tap(w.check)
	sh.pending.Wait()
	if len(w.result.Errors) != 1 || !strings.Contains(w.errors.Text, "第 3 行") || !w.run.Disabled() {
		t.Fatalf("errors %q, run enabled %v", w.errors.Text, !w.run.Disabled())
	}
	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte("姓名,身份证号,社区\n好人,,南苑社区\n好号码,330481194503120026,南苑社区\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := sh.store.CountPeople(sh.ctx, data.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	w = newImportWizard(sh, data.ImportPeople, good, nil)
	w.load()
	sh.pending.Wait()
	test.Tap(w.check)
	sh.pending.Wait()
	if w.run.Disabled() {
		t.Fatalf("clean file not importable: %q", w.status.Text)
	}
	test.Tap(w.run)
	sh.pending.Wait()
	if w.result.Added != 2 || w.result.BatchID == 0 {
		t.Fatalf("import result %+v (%q)", w.result, w.status.Text)
	}
	if n, err := sh.store.CountPeople(sh.ctx, data.PeopleFilter{}); err != nil || n != before+2 {
		t.Fatalf("%d people after importing 2 into %d: %v", n, before, err)
	}
}

func TestVolunteersScreenFilters(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "viewer", sample.Password)
	v := openSection[*volunteersScreen](t, sh, "志愿者")
	all, err := sh.store.Volunteers(sh.ctx, data.VolunteerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.rows) != len(all) || len(all) < 60 { // the sample's 60, and students with 爱心岗位 service hours
		t.Fatalf("%d volunteers shown, %d in the store", len(v.rows), len(all))
	}
	v.kind.SetSelected("学生")
	sh.pending.Wait()
	if len(v.rows) == 0 || len(v.rows) >= 60 {
		t.Fatalf("学生 filter: %d", len(v.rows))
	}
	for _, r := range v.rows {
		if !strings.Contains(strings.Join(r.Kinds, ","), "学生") {
			t.Fatalf("%s is not a 学生", r.Person.Name)
		}
		if !strings.Contains(volunteerCell(r, 4), "****") && r.Person.Phone != "" {
			t.Fatalf("phone not masked: %s", volunteerCell(r, 4))
		}
	}
}

// tableOffset is how far a table is scrolled (Fyne keeps it unexported).
func tableOffset(tb *widget.Table) (x, y float64) {
	off := reflect.ValueOf(tb).Elem().FieldByName("offset")
	return off.FieldByName("X").Float(), off.FieldByName("Y").Float()
}

func TestPeopleTableFitsTheWindow(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	p := openSection[*peopleScreen](t, sh, "居民档案")
	sh.win.Canvas().(test.WindowlessCanvas).Capture()
	t.Run("the name column stays in view", func(t *testing.T) {
		if p.table.StickyColumnCount != 1 {
			t.Fatalf("%d columns frozen, want 姓名", p.table.StickyColumnCount)
		}
	})
	t.Run("a new search goes back to the top and the first column", func(t *testing.T) {
		p.table.ScrollToBottom()
		p.table.ScrollToTrailing()
		if x, y := tableOffset(p.table); x == 0 || y == 0 {
			t.Fatalf("the fixture did not scroll: %v, %v", x, y)
		}
		test.Type(p.search, "王")
		sh.pending.Wait()
		if x, y := tableOffset(p.table); x != 0 || y != 0 {
			t.Fatalf("after a new search the table is at %v, %v", x, y)
		}
	})
	t.Run("sortable columns show it, and the current sort", func(t *testing.T) {
		name := widget.NewButton("", nil)
		p.updateHeader(widget.TableCellID{Row: -1, Col: 0}, name)
		if !strings.Contains(name.Text, "⇅") {
			t.Fatalf("unsorted 姓名 header %q", name.Text)
		}
		test.Tap(name)
		sh.pending.Wait()
		p.updateHeader(widget.TableCellID{Row: -1, Col: 0}, name)
		if !strings.Contains(name.Text, "▲") || !strings.Contains(p.count.Text, "按姓名排序 ▲") {
			t.Fatalf("sorted by name: header %q, count %q", name.Text, p.count.Text)
		}
		test.Tap(name)
		sh.pending.Wait()
		p.updateHeader(widget.TableCellID{Row: -1, Col: 0}, name)
		if !strings.Contains(name.Text, "▼") {
			t.Fatalf("reversed: header %q", name.Text)
		}
	})
	t.Run("a truncated cell shows its full text under the pointer", func(t *testing.T) {
		long := "硖石街道赞山路 128 号 3 幢 2 单元 601 室（东侧楼梯）"
		cell := newCellLabel()
		cell.SetText(long)
		sh.notices.Add(container.NewGridWrap(fyne.NewSize(80, 36), cell))
		cell.MouseIn(&desktop.MouseEvent{})
		if !sh.hintBox.Visible() || sh.hint.Text != long {
			t.Fatalf("hint %q (shown %v)", sh.hint.Text, sh.hintBox.Visible())
		}
		cell.MouseOut()
		if sh.hintBox.Visible() {
			t.Fatal("the hint stays after the pointer left")
		}
		short := newCellLabel()
		short.SetText("王")
		sh.notices.Add(container.NewGridWrap(fyne.NewSize(80, 36), short))
		short.MouseIn(&desktop.MouseEvent{})
		if sh.hintBox.Visible() {
			t.Fatal("a hint for text that fits")
		}
	})
}
