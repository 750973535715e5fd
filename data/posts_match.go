package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// The season's matching in the store: the preview (nothing written) and the confirmation (the
// same run, written in one transaction with its seed). posts_matcher.go has the algorithm.

// PostHardshipKinds are the household attributes that put a student in the first group.
var PostHardshipKinds = []string{"低保户", "低边户", "困难家庭"}

// PostHardshipTag is the registry tag that puts a student in the first group.
const PostHardshipTag = "困境儿童"

// MatchLine is one student's line of a matching result.
type MatchLine struct {
	ApplicationID int64
	Student       string
	School, Grade string
	Hardship      string // why first: 低保户, 困境儿童 …; "" for the others
	Order         int
	PostID        int64
	Post, Shop    string
	Rank          int
	Why           string // why not placed
}

// MatchResult is a matching run for a season on a day with a seed.
type MatchResult struct {
	Season   int
	Day      string
	Seed     int64
	Lines    []MatchLine // in processing order
	Placed   int
	Unplaced int
	WaitList map[int64][]int64
}

// matchInput reads what a run needs: the season's reviewed applications (by ID), the posts'
// places still free, and each student's hardship and eligibility for each choice.
func matchInput(ctx context.Context, q querier, season int, day string) ([]MatchStudent, map[int64]int, []Application, map[int64]Post, map[int64]string, error) {
	posts, err := findPosts(ctx, q, PostFilter{Season: season})
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	byID, places := map[int64]Post{}, map[int64]int{}
	for _, p := range posts {
		byID[p.ID], places[p.ID] = p, p.Places-p.Placed
	}
	aps, err := findApplications(ctx, q, ApplicationFilter{Season: season, State: AppReviewed})
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	sort.Slice(aps, func(i, j int) bool { return aps[i].ID < aps[j].ID })
	kinds, err := peopleWithHouseholdAttribute(ctx, q, PostHardshipKinds, day)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	tagged, err := queryAll(ctx, q, scanValue[int64], "SELECT person_id FROM person_tag WHERE tag = ?", PostHardshipTag)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	hardship := map[int64]string{}
	for _, id := range tagged {
		hardship[id] = PostHardshipTag
	}
	for id, ks := range kinds {
		hardship[id] = strings.Join(append(ks, strings.Fields(hardship[id])...), " ")
	}
	students := make([]MatchStudent, len(aps))
	for i, ap := range aps {
		st := MatchStudent{ID: ap.ID, Hardship: hardship[ap.PersonID] != ""}
		for _, c := range ap.Choices {
			mc := MatchChoice{PostID: c}
			if p, ok := byID[c]; ok {
				if err := LawfulPlacement(p, placementCheck(ap, p)); err != nil {
					mc.Barred = Message(err)
				}
			} else {
				mc.Barred = "岗位不存在"
			}
			st.Choices = append(st.Choices, mc)
		}
		students[i] = st
	}
	return students, places, aps, byID, hardship, nil
}

// runMatching runs the matching on q and describes it.
func runMatching(ctx context.Context, q querier, season int, day string, seed int64) (MatchResult, error) {
	students, places, aps, posts, hardship, err := matchInput(ctx, q, season, day)
	if err != nil {
		return MatchResult{}, mapErr(err, "匹配")
	}
	run := Match(students, places, seed)
	byID := map[int64]Application{}
	for _, ap := range aps {
		byID[ap.ID] = ap
	}
	res := MatchResult{Season: season, Day: day, Seed: seed, WaitList: run.WaitList}
	for _, o := range run.Outcomes {
		ap := byID[o.ID]
		l := MatchLine{ApplicationID: o.ID, Student: ap.Student, School: ap.School, Grade: ap.Grade, Hardship: hardship[ap.PersonID],
			Order: o.Order, PostID: o.PostID, Rank: o.Rank, Why: o.Why}
		if o.PostID != 0 {
			l.Post, l.Shop = posts[o.PostID].Title, posts[o.PostID].Shop
			res.Placed++
		} else {
			res.Unplaced++
		}
		res.Lines = append(res.Lines, l)
	}
	return res, nil
}

func matchParams(season int, day string) (string, error) {
	if season < 2000 || season > 2100 {
		return "", &Error{Code: CodeInvalid, Fields: []FieldError{{Field: "年度", Message: "应写作年份，如 2026"}}}
	}
	return dateParam("匹配日期", day)
}

// PreviewMatching runs the season's matching on day with seed and writes nothing: who would be
// placed where, and why each unplaced student would not be.
func (s *Store) PreviewMatching(ctx context.Context, season int, day string, seed int64) (MatchResult, error) {
	day, err := matchParams(season, day)
	if err != nil {
		return MatchResult{}, err
	}
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return MatchResult{}, err
	}
	return runMatching(ctx, s.db, season, day, seed)
}

// ConfirmMatching runs the same matching and writes it in one transaction: placed students become
// 已录用, the others 未录用 with why, each post gets its waiting list, and the run (day and seed)
// is recorded so that anyone can re-run it.
func (s *Store) ConfirmMatching(ctx context.Context, season int, day string, seed int64) (MatchResult, error) {
	day, err := matchParams(season, day)
	if err != nil {
		return MatchResult{}, err
	}
	var res MatchResult
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		if res, err = runMatching(ctx, tx, season, day, seed); err != nil {
			return err
		}
		if len(res.Lines) == 0 {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("%d 年没有已审核、待匹配的报名", season)}
		}
		if err := writeMatching(ctx, tx, res, s.stamp()); err != nil {
			return mapErr(err, "匹配结果")
		}
		if _, err := execSQL(ctx, tx, `INSERT INTO post_match (season, day, seed, placed, unplaced, username, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			season, day, seed, res.Placed, res.Unplaced, a.Username, s.stamp()); err != nil {
			return mapErr(err, "匹配记录")
		}
		return s.audit(ctx, tx, a, ActUpdate, "爱心岗位匹配", int64(season), fmt.Sprintf("%d 年匹配（%s，种子 %d）：录用 %d 人，未录用 %d 人",
			season, day, seed, res.Placed, res.Unplaced))
	})
	return res, err
}

// writeMatching writes each line's state and the waiting lists.
func writeMatching(ctx context.Context, tx *sql.Tx, res MatchResult, now string) error {
	for _, l := range res.Lines {
		var err error
		if l.PostID != 0 {
			_, err = execSQL(ctx, tx, `UPDATE post_application SET state = ?, post_id = ?, placed_rank = ?, hardship = ?, reason = '', updated_at = ?
				WHERE id = ?`, string(AppPlaced), l.PostID, l.Rank, l.Hardship, now, l.ApplicationID)
		} else {
			_, err = execSQL(ctx, tx, `UPDATE post_application SET state = ?, reason = ?, hardship = ?, updated_at = ? WHERE id = ?`,
				string(AppUnplaced), l.Why, l.Hardship, now, l.ApplicationID)
		}
		if err != nil {
			return err
		}
	}
	for post, ids := range res.WaitList {
		start, err := queryOne(ctx, tx, scanValue[int], "SELECT coalesce(max(position), 0) FROM post_waitlist WHERE post_id = ?", post)
		if err != nil {
			return err
		}
		for i, id := range ids {
			if _, err := execSQL(ctx, tx, "INSERT INTO post_waitlist (post_id, application_id, position) VALUES (?, ?, ?)", post, id, start+i+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// MatchRecord is a confirmed run.
type MatchRecord struct {
	Season           int
	Day              string
	Seed             int64
	Placed, Unplaced int
	Username, At     string
}

// MatchRecords lists a season's confirmed runs, oldest first.
func (s *Store) MatchRecords(ctx context.Context, season int) ([]MatchRecord, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (MatchRecord, error) {
		var r MatchRecord
		err := sc.Scan(&r.Season, &r.Day, &r.Seed, &r.Placed, &r.Unplaced, &r.Username, &r.At)
		return r, err
	}, "SELECT season, day, seed, placed, unplaced, username, at FROM post_match WHERE season = ? ORDER BY id", season)
	return out, mapErr(err, "匹配记录")
}
