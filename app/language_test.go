package app

import (
	"encoding/json"
	"testing"

	"fyne.io/fyne/v2/lang"

	"linli/assets"
	"linli/data"
	"linli/data/sample"
)

// chineseDesktop makes the process look like a desktop whose locale is Chinese, and puts Chinese
// back afterwards.
func chineseDesktop(t *testing.T) {
	t.Setenv("LINLI_LANG", "")
	t.Setenv("LANGUAGE", "zh_CN")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Cleanup(func() { useLanguage(langZh) })
}

func TestEnglishWhateverTheSystemLocale(t *testing.T) {
	chineseDesktop(t)
	useLanguage(langEn)
	for zh, en := range map[string]string{"居民档案": "Residents", "Yes": "OK", "No": "Cancel", "saturday": "Saturday", "社工": "social worker"} {
		if got := lang.L(zh); got != en {
			t.Errorf("English on a Chinese desktop: %q reads %q, want %q", zh, got, en)
		}
	}
	useLanguage(langZh)
	for k, zh := range map[string]string{"居民档案": "居民档案", "Yes": "确定", "No": "取消", "saturday": "星期六"} {
		if got := lang.L(k); got != zh {
			t.Errorf("Chinese: %q reads %q, want %q", k, got, zh)
		}
	}
}

func TestLanguageIsKeptPerAccount(t *testing.T) {
	chineseDesktop(t)
	sh := newTestShell(t, true)
	login(t, sh, "viewer", sample.Password)
	viewer := openSection[*settingsScreen](t, sh, "设置")
	viewer.language.SetSelectedIndex(0) // 中文, kept for viewer
	sh.pending.Wait()
	sh.logout()

	login(t, sh, "staff", sample.Password)
	staff := openSection[*settingsScreen](t, sh, "设置")
	staff.language.SetSelectedIndex(1) // English, at once
	sh.pending.Wait()
	if currentLanguage != langEn || lang.L("居民档案") != "Residents" {
		t.Fatalf("English not applied at once: %s, %q", currentLanguage, lang.L("居民档案"))
	}
	if st, ok := sh.screens[sh.current].(*settingsScreen); !ok {
		t.Fatal("after switching, the settings screen should stay on show")
	} else if tab := st.tabs.Selected(); tab == nil || tab.Text != "Preferences" {
		t.Fatalf("after switching, the tab on show is %v, want Preferences", tab)
	}
	sh.logout()

	login(t, sh, "viewer", sample.Password)
	if currentLanguage != langZh {
		t.Fatalf("viewer chose 中文 but the window is in %s", currentLanguage)
	}
	sh.logout()
	login(t, sh, "staff", sample.Password)
	if currentLanguage != langEn {
		t.Fatalf("staff chose English but the window is in %s", currentLanguage)
	}
	if got := sh.app.Preferences().String(prefLanguage); got != langEn {
		t.Fatalf("the next start's sign-in screen should be in staff's language, is %q", got)
	}
}

func TestDataWordsHaveEnglish(t *testing.T) {
	b, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	lists := [][]string{data.LivingSituations, data.ServiceTypes, data.ServiceChannels, data.Satisfactions, data.GuardianRelations,
		data.PaymentMethods, data.KnownTags, data.ProgrammeKinds, data.CorpsRoles, data.Marks, data.DisabilityCategories,
		data.DisabilityLevels, data.SkillLevels, data.VolunteerKinds,
		{string(data.RoleAdmin), string(data.RoleStaff), string(data.RoleWorkshop), string(data.RoleViewer)},
		{data.StatusInquiry, data.StatusAccepted, data.StatusMaking, data.StatusDelivered, data.StatusSettled, data.StatusCancelled},
		{data.EnrolActive, data.EnrolWaiting, data.EnrolLeft, data.EnrolFinished},
		{data.OutcomeDelivered, data.OutcomeNotHome, data.OutcomeRefused, data.OutcomeOther}}
	for _, list := range lists {
		for _, w := range list {
			if m[w] == "" {
				t.Errorf("en.json has no English for %q", w)
			}
		}
	}
	for k, v := range m {
		for _, r := range v {
			if r == '’' || r == '‘' || r == '“' || r == '”' {
				t.Errorf("%q: typographic quotes are drawn full-width by the CJK font: %q", k, v)
				break
			}
		}
	}
}
