package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"linli/assets"
	"linli/data/importer"
	"linli/documents"
)

// TestTranslationsComplete finds every lang.L("…") literal and section title in the screens and
// checks that both the Chinese and the English file carry it.
func TestTranslationsComplete(t *testing.T) {
	keys := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "L" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Errorf("%s: %v", lit.Value, err)
				}
				keys[s] = true
			}
			return true
		})
	}
	for _, s := range allSections() {
		keys[s.title] = true
	}
	for _, list := range [][]string{auditHeaders, autoLockChoices, peopleHeaders, volunteerHeaders, dupChoices, orderHeaders, deliveryHeaders} {
		for _, h := range list {
			keys[h] = true
		}
	}
	for _, verb := range []documents.Verb{documents.Print, documents.Export} {
		for _, d := range documents.All(verb) {
			keys[d.Title] = true
			for _, p := range d.Params {
				keys[p.Label] = true
				if p.Hint != "" {
					keys[p.Hint] = true
				}
			}
		}
	}
	for _, f := range importer.VolunteerFields {
		keys[string(f)] = true
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys; the scan is broken", len(keys))
	}
	for _, name := range []string{"zh", "en"} {
		b, err := assets.Translations.ReadFile("translations/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k := range keys {
			if m[k] == "" {
				t.Errorf("%s.json lacks %q", name, k)
			}
		}
	}
}
