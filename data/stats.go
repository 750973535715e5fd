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

// homeTagCounts counts the residents with each of HomeTags in one query, as PeopleFilter{Tag}
// does one tag at a time: the tag, or for a household fact (低保) also a current household with
// the attribute open; erased residents do not count.
func homeTagCounts(ctx context.Context, q querier) ([]CommunityCount, error) {
	parts := []string{"SELECT person_id, tag FROM person_tag WHERE tag IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(HomeTags)), ", ") + ")"}
	var args []any
	for _, t := range HomeTags {
		args = append(args, t)
	}
	for _, t := range HomeTags {
		if kind := HouseholdTags[t]; kind != "" {
			parts = append(parts, `SELECT m.person_id, CAST(? AS TEXT) FROM household_member m JOIN household_attribute a
				ON a.household_id = m.household_id WHERE m.to_day IS NULL AND a.kind = ? AND a.to_day IS NULL`)
			args = append(args, t, kind)
		}
	}
	counts := map[string]int{}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var tag string
		var n int
		if err := sc.Scan(&tag, &n); err != nil {
			return err
		}
		counts[tag] = n
		return nil
	}, `SELECT x.tag, count(*) FROM (`+strings.Join(parts, " UNION ")+`) x JOIN person p ON p.id = x.person_id
		WHERE p.erased_at IS NULL GROUP BY x.tag`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]CommunityCount, len(HomeTags))
	for i, t := range HomeTags {
		out[i] = CommunityCount{Name: t, Count: counts[t]}
	}
	return out, nil
}
