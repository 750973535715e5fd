package data

import (
	"context"
	"database/sql"
)

// Community is a 社区 with its grids.
type Community struct {
	ID    int64
	Name  string
	Grids []Grid
}

// Grid is a 网格 inside a community.
type Grid struct {
	ID   int64
	Name string
}

// Communities lists communities with their grids, in office order.
func (s *Store) Communities(ctx context.Context) ([]Community, error) {
	out, err := findCommunities(ctx, s.db)
	return out, mapErr(err, "社区")
}

// findCommunities lists communities with their grids, in office order.
func findCommunities(ctx context.Context, q querier) ([]Community, error) {
	var out []Community
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var c Community
		var g Grid
		if err := sc.Scan(&c.ID, &c.Name, &g.ID, &g.Name); err != nil {
			return err
		}
		if len(out) == 0 || out[len(out)-1].ID != c.ID {
			out = append(out, c)
		}
		if g.ID != 0 {
			last := &out[len(out)-1]
			last.Grids = append(last.Grids, g)
		}
		return nil
	}, `SELECT c.id, c.name, coalesce(g.id, 0), coalesce(g.name, '')
		FROM community c LEFT JOIN grid g ON g.community_id = c.id ORDER BY c.sort, c.id, g.id`)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AddCommunity adds a 社区 (管理员 only); grids are added with AddGrid.
func (s *Store) AddCommunity(ctx context.Context, name string) (int64, error) {
	c := Community{Name: name}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return 0, err
	}
	name = c.Name
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "INSERT INTO community (name, sort) VALUES (?, (SELECT coalesce(max(sort), 0) + 1 FROM community))", name)
		if err != nil {
			return mapErr(err, "社区“"+name+"”")
		}
		if id, err = lastID(res); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "社区", id, "新增社区 "+name)
	})
	return id, err
}

// AddGrid adds a 网格 to a community (管理员 only).
func (s *Store) AddGrid(ctx context.Context, communityID int64, name string) (int64, error) {
	g := Grid{Name: name}
	g.Normalize()
	if err := g.Validate(); err != nil {
		return 0, err
	}
	name = g.Name
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermAdmin)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "INSERT INTO grid (community_id, name) VALUES (?, ?)", communityID, name)
		if err != nil {
			return mapErr(err, "网格“"+name+"”")
		}
		if id, err = lastID(res); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "网格", id, "新增网格 "+name)
	})
	return id, err
}
