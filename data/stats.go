package data

import "context"

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
	h.ByCommunity, err = queryAll(ctx, s.db, func(sc rowScanner) (CommunityCount, error) {
		var c CommunityCount
		err := sc.Scan(&c.Name, &c.Count)
		return c, err
	}, `SELECT c.name, (SELECT count(*) FROM person p WHERE p.community_id = c.id AND p.erased_at IS NULL)
		FROM community c ORDER BY c.sort, c.id`)
	if err != nil {
		return h, mapErr(err, "社区")
	}
	for _, c := range h.ByCommunity {
		h.People += c.Count
	}
	for _, t := range HomeTags {
		c := CommunityCount{Name: t}
		where, args := PeopleFilter{Tag: t}.where() // 低保 counts 低保户 members too
		if err := queryRow(ctx, s.db, "SELECT count(*) FROM person p"+where, args...).Scan(&c.Count); err != nil {
			return h, mapErr(err, "标签")
		}
		h.Tags = append(h.Tags, c)
	}
	if err := queryRow(ctx, s.db, "SELECT (SELECT count(*) FROM grid), (SELECT count(*) FROM app_user)").Scan(&h.Grids, &h.Users); err != nil {
		return h, mapErr(err, "统计")
	}
	return h, nil
}
