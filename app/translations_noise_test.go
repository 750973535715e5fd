package app

import (
	"bytes"
	"encoding/json"
	"log"
	"os"
	"strings"
	"testing"

	"linli/assets"
	"linli/data"
)

// TestTranslationFilesMatchAndHaveNoEmptyText: both files carry the same keys, none empty.
func TestTranslationFilesMatchAndHaveNoEmptyText(t *testing.T) {
	files := map[string]map[string]string{}
	for _, name := range []string{"zh", "en"} {
		b, err := assets.Translations.ReadFile("translations/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		files[name] = m
	}
	for a, b := range map[string]string{"zh": "en", "en": "zh"} {
		for k, v := range files[a] {
			if k == "" || strings.TrimSpace(v) == "" {
				t.Errorf("%s.json: key %q has an empty text", a, k)
			}
			if _, ok := files[b][k]; !ok {
				t.Errorf("%q is in %s.json but not in %s.json", k, a, b)
			}
		}
	}
}

// TestDataWordsNeverLogTranslationFailures: words from data and field names go through tr, which
// never asks Fyne for a key the files do not have (nor for "").
func TestDataWordsNeverLogTranslationFailures(t *testing.T) {
	var buf bytes.Buffer
	log.SetOutput(&buf)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	for _, l := range []string{langEn, langZh} {
		useLanguage(l)
		for _, w := range append([]string{"", "用时", "冲销原因", "不在文件里的词"}, data.SplitRules...) {
			tr(w)
		}
		fd := &formDialog{}
		fd.itemFor("")
	}
	if strings.Contains(buf.String(), "Translation failure") {
		t.Fatalf("Fyne logged:\n%s", buf.String())
	}
}
