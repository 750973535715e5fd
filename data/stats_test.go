package data

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"linli/data/importer"
)

// The home screen's counts, made in one query per kind, are what the registry's filters count
// one at a time: a 低保 household's untagged member counts, a tagged member of it once, an
// erased resident not at all.
func TestHomeStatsCountAsTheFilters(t *testing.T) {
	f := mustHousehold(t)
	admin := as(t, f.s, "admin")
	f.moveIn(t, f.wife, "配偶", "2020-01-01")
	f.moveIn(t, mustPerson(t, f.s, f.staff, f.c, "吴低保", Female, 90, "低保"), "父母", "2020-01-01") // tagged and in the household: once
	if _, err := f.s.AddHouseholdAttribute(f.staff, HouseholdAttribute{HouseholdID: f.hh, Kind: "低保户", From: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	mustPerson(t, f.s, f.staff, f.c, "赵低保", Female, 70, "低保", "独居")
	gone := mustPerson(t, f.s, f.staff, f.c, "钱独居", Female, 82, "独居", "高龄")
	mustPerson(t, f.s, f.staff, f.c, "孙独居", Male, 81, "独居", "高龄")
	if err := f.s.ErasePerson(admin, gone.ID); err != nil {
		t.Fatal(err)
	}
	other := mustCommunity(t, f.s, admin, "北苑社区")
	mustPerson(t, f.s, f.staff, other, "周残疾", Male, 50, "残疾")
	h, err := f.s.HomeStats(f.staff)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range h.Tags {
		want, err := f.s.CountPeople(f.staff, PeopleFilter{Tag: c.Name})
		if err != nil {
			t.Fatal(err)
		}
		if c.Count != want {
			t.Errorf("%s: home counts %d, the filter %d", c.Name, c.Count, want)
		}
	}
	if got := map[string]int{h.Tags[0].Name: h.Tags[0].Count, h.Tags[4].Name: h.Tags[4].Count}; got["独居"] != 2 || got["低保"] != 4 {
		t.Errorf("独居 %d (want 2), 低保 %d (want 4: the household's three and the tagged one)", got["独居"], got["低保"])
	}
	all, err := f.s.CountPeople(f.staff, PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if h.People != all || len(h.ByCommunity) != 2 || h.ByCommunity[1].Count != 1 {
		t.Errorf("people %d of %d, by community %v", h.People, all, h.ByCommunity)
	}
}

// A search's count, read from the index alone, is the number of residents the search lists:
// an erased resident is in neither, by name or by the last digits of the ID number.
func TestSearchCountIsTheListedResidents(t *testing.T) {
	s := mustOpen(t)
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "南苑社区")
	keep := mustPerson(t, s, staff, c, "王秀英", Female, 70)
	gone := mustPerson(t, s, staff, c, "王秀兰", Female, 72)
	mustPerson(t, s, staff, c, "李秀英", Female, 71)
	if err := s.ErasePerson(admin, gone.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"王秀", "wangxiu", "wx", "秀英", keep.IDNumber[14:], gone.IDNumber[14:], "*", "  "} {
		t.Run(q, func(t *testing.T) {
			for _, f := range []PeopleFilter{{Query: q}, {Query: q, CommunityID: c.ID}, {Query: q, Limit: 1}, {Query: q, Limit: 1, Desc: true}} {
				n, err := s.CountPeople(staff, f)
				if err != nil {
					t.Fatal(err)
				}
				ps, err := s.People(staff, f)
				if err != nil {
					t.Fatal(err)
				}
				if f.Limit > 0 {
					all, err := s.People(staff, PeopleFilter{Query: q, CommunityID: c.ID, Desc: f.Desc})
					if err != nil {
						t.Fatal(err)
					}
					if len(all) > 0 && (len(ps) != 1 || ps[0].ID != all[0].ID) {
						t.Errorf("%+v: page %v, want the first of %v", f, ps, all)
					}
				} else if n != len(ps) {
					t.Errorf("%+v: count %d, listed %d", f, n, len(ps))
				}
				for _, p := range ps {
					if p.ID == gone.ID {
						t.Errorf("%+v lists the erased resident", f)
					}
				}
			}
		})
	}
	mustCheck(t, s)
}

// An import writes its new residents a chunk at a time; when a chunk fails (here: another desk
// saved one of the sheet's ID numbers between the check and the write) the error names the row,
// and nothing of the import is written.
func TestImportChunkNamesTheRowThatFails(t *testing.T) {
	s := mustOpen(t)
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "南苑社区")
	var sheet strings.Builder
	sheet.WriteString("姓名,身份证号,社区\n")
	day := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := make([]string, importChunk+200)
	for i := range ids {
		ids[i] = MakeID("330481", day.AddDate(0, 0, i/400), (i%400)*2+1)
		fmt.Fprintf(&sheet, "导入%d,%s,南苑社区\n", i, ids[i])
	}
	tb := csvTable(t, sheet.String())
	o := ImportOptions{Kind: ImportPeople, OnDuplicate: DupStop, Mapping: importer.AutoMap(tb.Header)}
	pl, err := s.planImport(staff, tb, o)
	if err != nil || len(pl.errs) > 0 {
		t.Fatal(pl.errs, err)
	}
	clash := importChunk + 100 // in the second chunk
	if _, err := s.SavePerson(staff, Person{Name: "另一台电脑", IDNumber: ids[clash], CommunityID: c.ID}); err != nil {
		t.Fatal(err)
	}
	_, err = s.commitImport(staff, o, pl.plan, pl.houses, ImportResult{Added: len(ids)})
	if want := fmt.Sprintf("第 %d 行", pl.plan[clash].row.Number); err == nil || !strings.Contains(Message(err), want) {
		t.Fatalf("%v (want the error to name %s)", err, want)
	}
	if n, err := s.CountPeople(staff, PeopleFilter{}); err != nil || n != 1 {
		t.Fatalf("%d residents after the failed import (want the other desk's 1): %v", n, err)
	}
}
