package data

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// mustResidents opens a database without accounts (the system actor writes) holding one
// community and the named residents; it returns the store and the residents' ids by name.
func mustResidents(t *testing.T, file string, names ...string) (*Store, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cid, err := s.AddCommunity(ctx, "南苑社区")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, n := range names {
		id, err := s.SavePerson(ctx, Person{Name: n, CommunityID: cid})
		if err != nil {
			t.Fatal(err)
		}
		ids[n] = id
	}
	return s, ids
}

func searchIDs(t *testing.T, s *Store, q string) []int64 {
	t.Helper()
	ps, err := s.People(context.Background(), PeopleFilter{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestSearchFindsEveryReadingOfAPolyphonicName(t *testing.T) {
	queries := map[string][]string{
		"李长址": {"lcz", "lzz", "lichangzhi", "lizhangzhi", "changzhi", "cz"},
		"曾小华": {"zxh", "cxh", "zengxiaohua", "cengxiaohua"},
		"单田芳": {"stf", "dtf", "shantianfang", "dantianfang"},
		"解晓东": {"xxd", "jxd", "xiexiaodong", "jiexiaodong"},
		"朴树":  {"ps", "piaoshu", "pushu"},
		"区志强": {"ozq", "qzq", "ouzhiqiang", "quzhiqiang"},
	}
	var names []string
	for n := range queries {
		names = append(names, n)
	}
	s, ids := mustResidents(t, filepath.Join(t.TempDir(), "linli.db"), names...)
	for name, qs := range queries {
		for _, q := range qs {
			t.Run(name+"/"+q, func(t *testing.T) {
				if got := searchIDs(t, s, q); !slices.Contains(got, ids[name]) {
					t.Errorf("search %q found %v, not %s (#%d)", q, got, name, ids[name])
				}
			})
		}
	}
}

func TestNameReadingsAreBoundedAndCommonFirst(t *testing.T) {
	t.Run("common reading is the sort key", func(t *testing.T) {
		if got := SearchKey("曾小华"); got != "cengxiaohua 曾小华" {
			t.Errorf("SearchKey = %q", got)
		}
	})
	t.Run("one changed character before two", func(t *testing.T) {
		rs := readings([][]string{{"a", "b"}, {"c", "d"}, {"e"}})
		want := [][]string{{"a", "c", "e"}, {"a", "d", "e"}, {"b", "c", "e"}, {"b", "d", "e"}}
		if !slices.EqualFunc(rs, want, slices.Equal) {
			t.Errorf("readings = %v, want %v", rs, want)
		}
	})
	t.Run("at most maxReadings", func(t *testing.T) {
		long := "和朴单解曾长区和朴单解曾长区和朴单解曾长区" // every character has several readings
		alts := [][]string{}
		for range []rune(long) {
			alts = append(alts, []string{"x", "y", "z"})
		}
		if n := len(readings(alts)); n != maxReadings {
			t.Errorf("%d readings, want %d", n, maxReadings)
		}
		if n := len(SearchSuffixes(long)); n > 3*maxReadings*len([]rune(long)) {
			t.Errorf("%d index keys for one name", n)
		}
	})
	t.Run("a name without characters", func(t *testing.T) {
		if rs := readings(nil); len(rs) != 1 || len(rs[0]) != 0 {
			t.Errorf("readings(nil) = %v", rs)
		}
	})
}

func TestOpenRebuildsAnIndexWrittenByAnOlderLinli(t *testing.T) {
	file := filepath.Join(t.TempDir(), "linli.db")
	s, ids := mustResidents(t, file, "李长址")
	ctx := context.Background()
	// What version 1 wrote: only the common reading, and no version setting.
	for _, q := range []string{"DELETE FROM person_search WHERE key GLOB 'c*' OR key GLOB 'lc*' OR key GLOB 'lichang*'",
		"DELETE FROM setting WHERE key = 'search_index_version'"} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := searchIDs(t, s, "lcz"); len(got) != 0 {
		t.Fatalf("the old index already finds lcz: %v", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{"lcz", "lzz", "lichangzhi", "长址"} {
		if got := searchIDs(t, s, q); !slices.Equal(got, []int64{ids["李长址"]}) {
			t.Errorf("after reopening, %q found %v", q, got)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

func TestErasingAResidentLeavesNothingInTheSearchIndex(t *testing.T) {
	s, _ := mustResidents(t, filepath.Join(t.TempDir(), "linli.db"))
	ctx := context.Background()
	cs, err := s.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.SavePerson(ctx, Person{Name: "李长址", IDNumber: "330481194503120026", Phone: "13800005678", CommunityID: cs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ErasePerson(ctx, id); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM person_search WHERE person_id = ?)
		+ (SELECT count(*) FROM person_digits WHERE person_id = ?)`, id, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d index rows of the erased resident remain (name, ID or phone digits)", n)
	}
}
