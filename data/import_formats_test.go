package data

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestImportFormatsGiveSameRows imports each fixture sheet as .xlsx, as LibreOffice's .xls and as
// its .ods, and finds the same result: the same people, or the same row errors.
func TestImportFormatsGiveSameRows(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, kind string
		errors     int
	}{{"people", ImportPeople, 1}, {"volunteers", ImportVolunteers, 0}, {"wps-title", ImportPeople, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var want string
			for _, ext := range []string{".xlsx", ".xls", ".ods"} {
				s, ctx := importFixture(t)
				tb, err := ReadImportFile(filepath.Join("importer", "testdata", tc.name+ext))
				if err != nil {
					t.Fatal(err)
				}
				res, err := s.Import(ctx, tb, ImportOptions{Kind: tc.kind, FileName: tc.name + ext})
				if len(res.Errors) != tc.errors || (tc.errors == 0) != (err == nil) {
					t.Fatalf("%s: %+v %v", ext, res, err)
				}
				got := fmt.Sprint(res.Added, res.Errors)
				ps, err := s.People(ctx, PeopleFilter{})
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					if p.Name == "王秀英" { // the fixture's own resident
						continue
					}
					id, phone, err := s.RevealPerson(ctx, p.ID)
					if err != nil {
						t.Fatal(err)
					}
					got += fmt.Sprintf("\n%s %s %s %s %s %s %s %s %v", p.Name, id, p.Sex, p.BirthDate, phone, p.Community, p.Grid, p.Address, p.Tags)
				}
				if ext == ".xlsx" {
					want = got
					continue
				}
				if got != want {
					t.Fatalf("%s imports\n%s\nwant (.xlsx)\n%s", ext, got, want)
				}
			}
		})
	}
}
