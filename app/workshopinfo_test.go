package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A real office (正式使用, not the sample) names its workshop in 设置 → 工坊信息; the workshop
// screen's heading follows, and until then it says the name is not set.
func TestAdministratorNamesTheWorkshop(t *testing.T) {
	sh := newTestShell(t, false)
	st := sh.setup
	test.Type(st.office, "城东街道办事处")
	test.Type(st.pass, "password1")
	test.Type(st.pass2, "password1")
	test.Tap(st.create)
	sh.pending.Wait()
	set := openSection[*settingsScreen](t, sh, "设置")
	test.Type(set.communities.name, "城东社区")
	test.Tap(set.communities.addComm)
	sh.pending.Wait()

	w := openSection[*workshopScreen](t, sh, "灯彩工坊")
	if !strings.Contains(w.title.Text, "尚未设置工坊名称") {
		t.Fatalf("heading before the workshop is named: %q", w.title.Text)
	}

	set = openSection[*settingsScreen](t, sh, "设置")
	p := set.workshop
	if len(p.community.Options) != 2 {
		t.Fatalf("host community choices: %v", p.community.Options)
	}
	test.Type(p.name, "城东共富工坊")
	p.community.SetSelected("城东社区")
	test.Type(p.craft, "灯彩制作技艺")
	test.Tap(p.save)
	sh.pending.Wait()
	id, err := sh.store.WorkshopIdentity(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if id.Name != "城东共富工坊" || id.Community != "城东社区" || id.Craft != "灯彩制作技艺" {
		t.Fatalf("saved %+v", id)
	}
	w = openSection[*workshopScreen](t, sh, "灯彩工坊")
	if w.title.Text != "灯彩工坊 · 城东共富工坊" {
		t.Fatalf("heading %q", w.title.Text)
	}
}
