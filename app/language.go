package app

import (
	"encoding/json"
	"log"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"linli/assets"
	"linli/data"
)

// The interface language is Chinese or English, chosen per account (kept in the database, so it
// follows the account to any desk) and remembered on this computer for the sign-in screen. It
// never depends on the system's locale: the chosen translations are registered for every locale
// Fyne could pick (the system's own, Chinese and English), Fyne's own words included (dialog
// buttons, weekdays), so a Chinese Windows shows English when English was chosen, and the other
// way round. Printed documents stay Chinese whatever the interface language.

// Languages Linli speaks.
const (
	langZh = "zh"
	langEn = "en"
)

// userLanguageKey is the account setting holding the interface language.
const userLanguageKey = "ui.language"

// currentLanguage is the language whose translations are registered now.
var currentLanguage = langZh

// startLanguage is the language to start in: LINLI_LANG, or the last one used on this computer.
func startLanguage(a fyne.App) string {
	l := a.Preferences().StringWithFallback(prefLanguage, langZh)
	if env := os.Getenv("LINLI_LANG"); env != "" {
		l = env
	}
	return l
}

// useLanguage registers a language's translations for every locale Fyne could choose and makes
// it current. It may be called again to switch (screens built afterwards use the new language).
func useLanguage(l string) {
	if l != langEn {
		l = langZh
	}
	b, err := translations(l)
	if err != nil {
		log.Println("translations:", err)
		return
	}
	locales := []fyne.Locale{"en", "zh-Hans", "zh-Hant", "zh"}
	if sys := lang.SystemLocale(); sys != "" {
		locales = append(locales, sys, fyne.Locale(sys.LanguageString()))
	}
	for _, loc := range locales {
		if err := lang.AddTranslationsForLocale(b, loc); err != nil {
			log.Println("translations:", err)
		}
	}
	currentLanguage = l
	knownMu.Lock()
	known = map[string]bool{}
	m := map[string]string{}
	if json.Unmarshal(b, &m) == nil {
		for k, v := range m {
			known[k] = v != ""
		}
	}
	knownMu.Unlock()
}

// known are the keys of the translations in use (tr asks Fyne only for these).
var (
	knownMu sync.Mutex
	known   map[string]bool
)

// tr translates a word that comes from data or a variable (a status, a field's name): the
// translation when the file has one, else the word itself, never Fyne's 「Translation failure」
// (an empty word stays empty).
func tr(s string) string {
	knownMu.Lock()
	ok := known[s]
	knownMu.Unlock()
	if s == "" || !ok {
		return s
	}
	return lang.L(s)
}

// translations is a language's file with Fyne's own words added where the file has none.
func translations(l string) ([]byte, error) {
	b, err := assets.Translations.ReadFile("translations/" + l + ".json")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range fyneWords[l] {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// fyneWords are Fyne's own texts in each language, so that no other locale's words show through.
var fyneWords = map[string]map[string]string{
	langZh: {"Advanced": "高级", "Copy": "复制", "Create Folder": "新建文件夹", "Cut": "剪切", "Enter filename": "输入文件名",
		"Favourites": "收藏", "File": "文件", "Folder": "文件夹", "New Folder": "新文件夹", "Paste": "粘贴", "Redo": "重做",
		"Select all": "全选", "Show Hidden Files": "显示隐藏文件", "Undo": "撤销", "file.name": "文件名", "file.parent": "上一级",
		"monday": "星期一", "tuesday": "星期二", "wednesday": "星期三", "thursday": "星期四", "friday": "星期五", "saturday": "星期六", "sunday": "星期日",
		"monday.short": "周一", "tuesday.short": "周二", "wednesday.short": "周三", "thursday.short": "周四", "friday.short": "周五",
		"saturday.short": "周六", "sunday.short": "周日"},
	langEn: {"Advanced": "Advanced", "Copy": "Copy", "Create Folder": "Create Folder", "Cut": "Cut", "Enter filename": "Enter file name",
		"Favourites": "Favourites", "File": "File", "Folder": "Folder", "New Folder": "New Folder", "Paste": "Paste", "Redo": "Redo",
		"Select all": "Select all", "Show Hidden Files": "Show hidden files", "Undo": "Undo", "file.name": "Name", "file.parent": "Parent",
		"monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday", "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
		"monday.short": "Mon", "tuesday.short": "Tue", "wednesday.short": "Wed", "thursday.short": "Thu", "friday.short": "Fri",
		"saturday.short": "Sat", "sunday.short": "Sun"},
}

// applyUserLanguage switches to the signed-in account's language when it has one and it differs
// from the one in use: the screens are built again in it, at once. It also becomes this
// computer's language for the next sign-in screen.
func (sh *shell) applyUserLanguage(l string) {
	if l != langZh && l != langEn {
		return
	}
	sh.app.Preferences().SetString(prefLanguage, l)
	if l == currentLanguage || sh.actor == nil {
		return
	}
	useLanguage(l)
	sh.signedIn(sh.actor)
}

// loadUserLanguage reads the signed-in account's language and switches to it (LINLI_LANG, when
// set, wins: it is for screenshots and tests).
func (sh *shell) loadUserLanguage() {
	if os.Getenv("LINLI_LANG") != "" {
		return
	}
	async(sh, func() (string, error) { return sh.store.UserSetting(sh.ctx, userLanguageKey, "") }, sh.applyUserLanguage)
}

// setUserLanguage keeps the account's choice and switches to it at once.
func (sh *shell) setUserLanguage(l string) {
	async(sh, func() (struct{}, error) { return struct{}{}, sh.store.SetUserSetting(sh.ctx, userLanguageKey, l) }, func(struct{}) {
		if l != currentLanguage {
			sh.applyUserLanguage(l)
			sh.showSection("设置")
			if st, ok := sh.screens[sh.current].(*settingsScreen); ok {
				for i, it := range st.tabs.Items { // back on 偏好, where the language was chosen
					if it.Text == lang.L("偏好") {
						st.tabs.SelectIndex(i)
					}
				}
			}
		}
	})
}

// joinWords lists data words (statuses, kinds, services …) in the interface language: 「买菜、配药」
// or 「groceries, medicine」.
func joinWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = tr(w)
	}
	if currentLanguage == langEn {
		return strings.Join(out, ", ")
	}
	return strings.Join(out, "、")
}

// weekdaysText is data.WeekdaysString in the interface language (「周六」, 「Sat」).
func weekdaysText(w uint8) string {
	s := data.WeekdaysString(w)
	if s == "" {
		return ""
	}
	return joinWords(strings.Split(s, "、"))
}

// consentMethods are how a guardian's consent is given, as stored.
var consentMethods = []string{"书面签字", "线上确认", "当面口头确认并记录"}

// trWords are data words as a select offers them, in the interface language.
func trWords(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = tr(w)
	}
	return out
}

// chosenWord is the stored word behind a select built from trWords(words) ("" when none is chosen).
func chosenWord(words []string, s *keySelect) string {
	if i := s.SelectedIndex(); i >= 0 && i < len(words) {
		return words[i]
	}
	return ""
}
