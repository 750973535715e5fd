package sample_test

import (
	"context"
	"strings"
	"testing"

	"linli/data"
)

// The one-page file shows the programmes built after it: concerns a resident raised, their stall
// record at the 共富集市 and their 爱心岗位 applications; a resident in none of them has none of
// these sections.
func TestResidentFileShowsConcernsMarketAndPosts(t *testing.T) {
	t.Parallel()
	s := sharedSample(t)
	staff := as(t, s, "staff")
	someone := func(t *testing.T, q string) int64 {
		t.Helper()
		var id int64
		if err := s.DB().QueryRowContext(context.Background(), q).Scan(&id); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	section := func(t *testing.T, person int64, title string) (data.FileSection, bool) {
		t.Helper()
		f, err := s.ResidentFile(staff, person)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range f.Sections {
			if sec.Title == title {
				return sec, true
			}
		}
		return data.FileSection{}, false
	}
	for _, c := range []struct{ title, query, want string }{
		{"民情议事", "SELECT person_id FROM concern WHERE person_id IS NOT NULL ORDER BY id LIMIT 1", "MQ-"},
		{"共富集市", "SELECT person_id FROM market_vendor WHERE person_id IS NOT NULL ORDER BY id LIMIT 1", "摊主 TZ-"},
		{"爱心岗位", "SELECT person_id FROM post_application ORDER BY id LIMIT 1", "年暑期"},
	} {
		t.Run(c.title, func(t *testing.T) {
			sec, ok := section(t, someone(t, c.query), c.title)
			if !ok || len(sec.Lines) == 0 || !strings.Contains(sec.Lines[0].Text, c.want) {
				t.Fatalf("section %q: %+v (present %v)", c.title, sec, ok)
			}
		})
	}
	t.Run("left out for a resident in none of them", func(t *testing.T) {
		id := someone(t, `SELECT id FROM person p WHERE NOT EXISTS (SELECT 1 FROM concern c WHERE c.person_id = p.id)
			AND NOT EXISTS (SELECT 1 FROM market_vendor v WHERE v.person_id = p.id)
			AND NOT EXISTS (SELECT 1 FROM post_application a WHERE a.person_id = p.id) ORDER BY id LIMIT 1`)
		for _, title := range []string{"民情议事", "共富集市", "爱心岗位"} {
			if _, ok := section(t, id, title); ok {
				t.Errorf("%s shown for a resident not in it", title)
			}
		}
	})
}
