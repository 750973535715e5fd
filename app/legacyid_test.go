package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

func TestPersonFormConvertsFifteenDigitID(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	p := openSection[*peopleScreen](t, sh, "居民档案")
	f := openPersonForm(sh, 0, p.reload)
	sh.pending.Wait()
	test.Type(f.idNumber, "610104620927690")
	if err := f.idNumber.Validate(); err != nil {
		t.Fatalf("a 15-digit number refused: %v", err)
	}
	if !f.idHint.Visible() || !strings.Contains(f.idHint.Text, "610104196209276908") {
		t.Fatalf("hint %q (visible %v)", f.idHint.Text, f.idHint.Visible())
	}
	test.Type(f.name, "旧证老人")
	test.Tap(f.save)
	sh.pending.Wait()
	got, err := sh.store.People(sh.ctx, data.PeopleFilter{Query: "旧证老人"})
	if err != nil || len(got) != 1 {
		t.Fatalf("saved %+v %v", got, err)
	}
	n, _, err := sh.store.RevealPerson(sh.ctx, got[0].ID)
	if err != nil || n != "610104196209276908" || got[0].BirthDate != "1962-09-27" {
		t.Fatalf("kept %q %+v %v", n, got[0], err)
	}
}
