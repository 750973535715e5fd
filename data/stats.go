package data

import (
	"context"
	"strings"
)

// CommunityCount is one bar of the home screen's chart.
type CommunityCount struct {
	Name  string
	Count int
}

// NoData is the Count of a month with nothing to count (shown as 「—」, never as 0%).
const NoData = -1

// HomeStats is what the home screen shows.
type HomeStats struct {
	Office      string
	People      int
	ByCommunity []CommunityCount
	Tags        []CommunityCount // people per tag, for the tags in HomeTags
	Grids       int
	Users       int
}

// HomeTags are the tags the home screen counts.
var HomeTags = []string{"独居", "高龄", "空巢", "残疾", "低保", "困境儿童"}

// HomeStats loads the home screen's figures in a few indexed queries.
func (s *Store) HomeStats(ctx context.Context) (HomeStats, error) {
	var h HomeStats
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return h, err
	}
	o, err := s.Office(ctx)
	if err != nil {
		return h, err
	}
	h.Office = o.Name
	// One pass over the residents per figure kind (on a server every statement is a round trip,
	// and a count per community or per tag was a dozen of them).
	h.ByCommunity, err = queryAll(ctx, s.db, func(sc rowScanner) (CommunityCount, error) {
		var c CommunityCount
		err := sc.Scan(&c.Name, &c.Count)
		return c, err
	}, `SELECT c.name, coalesce(n.people, 0) FROM community c LEFT JOIN (SELECT community_id, count(*) AS people FROM person
		WHERE erased_at IS NULL GROUP BY community_id) n ON n.community_id = c.id ORDER BY c.sort, c.id`)
	if err != nil {
		return h, mapErr(err, "社区")
	}
	for _, c := range h.ByCommunity {
		h.People += c.Count
	}
	if h.Tags, err = homeTagCounts(ctx, s.db); err != nil {
		return h, mapErr(err, "标签")
	}
	if err := queryRow(ctx, s.db, "SELECT (SELECT count(*) FROM grid), (SELECT count(*) FROM app_user)").Scan(&h.Grids, &h.Users); err != nil {
		return h, mapErr(err, "统计")
	}
	return h, nil
}

// homeTagCounts counts the residents with each of HomeTags, as PeopleFilter{Tag} does one tag at
// a time: the tag, or for a household fact (低保) also a current household with the attribute
// open. The tag rows are counted from their index alone: only living residents have any (erasure
// clears them, and check compares them with every resident's tags), so no resident's row is read
// but those of the households' members without the tag.
func homeTagCounts(ctx context.Context, q querier) ([]CommunityCount, error) {
	parts := []string{"SELECT tag, count(*) FROM person_tag WHERE tag IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(HomeTags)), ", ") + ") GROUP BY tag"}
	var args []any
	for _, t := range HomeTags {
		args = append(args, t)
	}
	for _, t := range HomeTags {
		if kind := HouseholdTags[t]; kind != "" {
			parts = append(parts, `SELECT CAST(? AS TEXT), count(DISTINCT m.person_id) FROM household_member m
				JOIN household_attribute a ON a.household_id = m.household_id JOIN person p ON p.id = m.person_id
				WHERE m.to_day IS NULL AND a.kind = ? AND a.to_day IS NULL AND p.erased_at IS NULL
				AND NOT EXISTS (SELECT 1 FROM person_tag t WHERE t.person_id = m.person_id AND t.tag = ?)`)
			args = append(args, t, kind, t)
		}
	}
	counts := map[string]int{}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var tag string
		var n int
		if err := sc.Scan(&tag, &n); err != nil {
			return err
		}
		counts[tag] += n
		return nil
	}, strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return nil, err
	}
	out := make([]CommunityCount, len(HomeTags))
	for i, t := range HomeTags {
		out[i] = CommunityCount{Name: t, Count: counts[t]}
	}
	return out, nil
}
