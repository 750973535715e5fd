package data

import (
	"context"
	"database/sql"
	"fmt"
)

// The waiting list of a post: the students the season's matching left unplaced who wanted it, in
// the matching's order, then the students who applied after the matching (late), in application
// order. A place that comes free (given up, or a post given more places) on or before the post's
// end date goes to the first student on the list who may lawfully take it.

// seasonMatched reports whether a season's matching has been confirmed.
func seasonMatched(ctx context.Context, q querier, season int) (bool, error) {
	n, err := queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM post_match WHERE season = ?", season)
	return n > 0, mapErr(err, "匹配记录")
}

// joinWaitLists puts an application reviewed after the matching on the waiting list of each post
// it chose (未录用, waiting), then fills any place free on those posts, first choice first.
func (s *Store) joinWaitLists(ctx context.Context, tx *sql.Tx, a *Actor, ap Application) error {
	if _, err := execSQL(ctx, tx, "UPDATE post_application SET state = ?, reason = ?, updated_at = ? WHERE id = ?", string(AppUnplaced),
		"匹配后报名，列入候补", s.stamp(), ap.ID); err != nil {
		return mapErr(err, "报名")
	}
	for _, post := range ap.Choices {
		if _, err := execSQL(ctx, tx, "INSERT INTO post_waitlist (post_id, application_id, position, late) VALUES (?, ?, 0, 1)", post, ap.ID); err != nil {
			return mapErr(err, "候补")
		}
	}
	if err := s.audit(ctx, tx, a, ActUpdate, "爱心岗位报名", ap.ID, fmt.Sprintf("%s：匹配后报名，列入 %d 个岗位的候补", ap.Student, len(ap.Choices))); err != nil {
		return err
	}
	for _, post := range ap.Choices {
		if _, err := s.fillFree(ctx, tx, a, post); err != nil {
			return err
		}
	}
	return nil
}

// fillFree places students from a post's waiting list while the post has places free; it returns
// the applications placed, in order. A post past its end date (by the store clock) calls nobody
// in: its waiting list stays as it is.
func (s *Store) fillFree(ctx context.Context, tx *sql.Tx, a *Actor, postID int64) ([]int64, error) {
	var placed []int64
	for {
		post, err := findPost(ctx, tx, postID)
		if err != nil {
			return placed, err
		}
		if post.Placed >= post.Places || (post.To != "" && s.today() > post.To) {
			return placed, nil
		}
		id, err := s.fillFromWaitList(ctx, tx, post)
		if err != nil || id == 0 {
			return placed, err
		}
		placed = append(placed, id)
		ap, err := findApplication(ctx, tx, id)
		if err != nil {
			return placed, err
		}
		if err := s.audit(ctx, tx, a, ActUpdate, "爱心岗位报名", id, fmt.Sprintf("%s：候补递补，录用到%s「%s」（第%d志愿）", ap.Student,
			post.Shop, post.Title, ap.PlacedRank)); err != nil {
			return placed, err
		}
	}
}

// fillFromWaitList places the first lawful student of a post's waiting list still 未录用.
func (s *Store) fillFromWaitList(ctx context.Context, tx *sql.Tx, post Post) (int64, error) {
	ids, err := queryAll(ctx, tx, scanValue[int64], `SELECT w.application_id FROM post_waitlist w JOIN post_application a ON a.id = w.application_id
		WHERE w.post_id = ? AND a.state = ? ORDER BY w.late, w.position, w.application_id`, post.ID, string(AppUnplaced))
	if err != nil {
		return 0, mapErr(err, "候补")
	}
	for _, id := range ids {
		ap, err := findApplication(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		if LawfulPlacement(post, placementCheck(ap, post)) != nil {
			continue
		}
		rank := 0
		for i, c := range ap.Choices {
			if c == post.ID {
				rank = i + 1
			}
		}
		if _, err := execSQL(ctx, tx, "UPDATE post_application SET state = ?, post_id = ?, placed_rank = ?, reason = ?, updated_at = ? WHERE id = ?",
			string(AppPlaced), post.ID, rank, "候补递补", s.stamp(), id); err != nil {
			return 0, mapErr(err, "候补")
		}
		return id, nil
	}
	return 0, nil
}

// WaitList lists a post's waiting students in the order they would be placed.
func (s *Store) WaitList(ctx context.Context, postID int64) ([]Application, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	ids, err := queryAll(ctx, s.db, scanValue[int64], `SELECT w.application_id FROM post_waitlist w JOIN post_application a ON a.id = w.application_id
		WHERE w.post_id = ? AND a.state = ? ORDER BY w.late, w.position, w.application_id`, postID, string(AppUnplaced))
	if err != nil {
		return nil, mapErr(err, "候补")
	}
	out := make([]Application, 0, len(ids))
	for _, id := range ids {
		ap, err := findApplication(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, ap)
	}
	return out, nil
}
