package app

import (
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"linli/data"
	"linli/data/sample"
)

// dataWords are the Chinese words the store keeps as data (states, kinds, categories, tags) that
// English mode must show in English.
func dataWords() []string {
	lists := [][]string{data.LivingSituations, data.ServiceTypes, data.ServiceChannels, data.Satisfactions, data.GuardianRelations,
		data.PaymentMethods, data.KnownTags, data.ProgrammeKinds, data.CorpsRoles, data.Marks, data.DisabilityCategories,
		data.DisabilityLevels, data.SkillLevels, data.VolunteerKinds, data.HouseholdRelations, data.Outcomes, data.OrderStatuses, consentMethods,
		{data.EnrolActive, data.EnrolWaiting, data.EnrolLeft, data.EnrolFinished},
		{string(data.RoleAdmin), string(data.RoleStaff), string(data.RoleWorkshop), string(data.RoleViewer)}}
	var out []string
	for _, l := range lists {
		for _, w := range l {
			if len([]rune(w)) >= 2 {
				out = append(out, w)
			}
		}
	}
	return out
}

// shownTexts is every text drawn in the window's content now (labels, table cells, buttons …).
func shownTexts(t *testing.T, o fyne.CanvasObject, out map[string]bool) {
	switch v := o.(type) {
	case nil:
		return
	case *canvas.Text:
		if v.Visible() && strings.TrimSpace(v.Text) != "" {
			out[v.Text] = true
		}
	case *fyne.Container:
		if !v.Visible() {
			return
		}
		for _, c := range v.Objects {
			shownTexts(t, c, out)
		}
	case fyne.Widget:
		if !v.Visible() {
			return
		}
		for _, c := range test.TempWidgetRenderer(t, v).Objects() {
			shownTexts(t, c, out)
		}
	}
}

// untranslated lists the shown texts that carry a Chinese data word.
func untranslated(t *testing.T, sh *shell) []string {
	texts := map[string]bool{}
	shownTexts(t, sh.win.Canvas().Content(), texts)
	var bad []string
	for txt := range texts {
		txt = strings.ReplaceAll(txt, sh.actor.Display, "") // a name: 「社工 周晓燕」
		for _, w := range dataWords() {
			if strings.Contains(txt, w) {
				bad = append(bad, w+" in "+txt)
				break
			}
		}
	}
	sort.Strings(bad)
	return bad
}

// eachTab calls f with every tab of the screen's tab containers selected in turn.
func eachTab(sh *shell, f func(tab string)) {
	var tabs []*container.AppTabs
	walkObjects(sh.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if a, ok := o.(*container.AppTabs); ok {
			tabs = append(tabs, a)
		}
	})
	if len(tabs) == 0 {
		f("")
		return
	}
	for _, a := range tabs {
		for i := range a.Items {
			a.SelectIndex(i)
			sh.pending.Wait()
			f(a.Items[i].Text)
		}
	}
}

func TestEnglishScreensShowNoChineseDataWords(t *testing.T) {
	chineseDesktop(t)
	sh := newTestShell(t, true)
	sh.win.Resize(fyne.NewSize(1400, 900))
	login(t, sh, "staff", sample.Password)
	s := openSection[*settingsScreen](t, sh, "设置")
	s.language.SetSelectedIndex(1)
	sh.pending.Wait()
	for _, section := range []string{"首页", "居民档案", "户籍", "志愿者", "助老服务", "儿童项目"} {
		if !sh.showSection(section) {
			t.Fatalf("no section %s", section)
		}
		sh.pending.Wait()
		eachTab(sh, func(tab string) {
			if bad := untranslated(t, sh); len(bad) > 0 {
				t.Errorf("%s %s shows Chinese data words in English:\n  %s", section, tab, strings.Join(bad, "\n  "))
			}
		})
	}
}
