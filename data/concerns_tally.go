package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
)

// The monthly summary behind the home screen's 民情 figures (migration 0019): each concern adds
// its tally to the row of the month it was raised (with its community, grid, category and place),
// and each 回访 to the month it was made. Every write that changes a concern moves its tally in
// the same transaction (retally), so the summary always equals a full recount, which `check`
// compares (checkConcernSummary).

// concernTally is one concern's contribution to concern_month.
type concernTally struct {
	month, category, place                              string
	community, grid                                     int64
	raised, counted, resolved, promised, onTime, reopen int
}

func (t concernTally) sameKey(u concernTally) bool {
	return t.month == u.month && t.community == u.community && t.grid == u.grid && t.category == u.category && t.place == u.place
}

// readTally reads a concern's contribution as it stands in the transaction.
func readTally(ctx context.Context, q querier, id int64) (concernTally, error) {
	var t concernTally
	var state, promised, resolved, raisedOn string
	err := queryRow(ctx, q, `SELECT raised_on, community_id, coalesce(grid_id, 0), category, place, state, promised_on, resolved_on, reopened
		FROM concern WHERE id = ?`, id).Scan(&raisedOn, &t.community, &t.grid, &t.category, &t.place, &state, &promised, &resolved, &t.reopen)
	if err != nil {
		return t, mapErr(err, "民情")
	}
	t.month = raisedOn[:min(7, len(raisedOn))]
	t.raised = 1
	if ConcernState(state) != StateDuplicate {
		t.counted = 1
	}
	if ConcernState(state) == StateResolved {
		t.resolved = 1
		if promised != "" {
			t.promised = 1
			if resolved <= promised {
				t.onTime = 1
			}
		}
	}
	return t, nil
}

// addTally adds sign × t to the summary; a row that no longer counts any concern goes.
func addTally(ctx context.Context, q querier, t concernTally, sign int) error {
	if _, err := execSQL(ctx, q, `INSERT INTO concern_month (month, community_id, grid_id, category, place,
		raised, counted, resolved, promised, on_time, reopened) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (month, community_id, grid_id, category, place) DO UPDATE SET
		raised = concern_month.raised + excluded.raised, counted = concern_month.counted + excluded.counted,
		resolved = concern_month.resolved + excluded.resolved, promised = concern_month.promised + excluded.promised,
		on_time = concern_month.on_time + excluded.on_time, reopened = concern_month.reopened + excluded.reopened`,
		t.month, t.community, t.grid, t.category, t.place, sign*t.raised, sign*t.counted, sign*t.resolved,
		sign*t.promised, sign*t.onTime, sign*t.reopen); err != nil && sign > 0 {
		return mapErr(err, "民情统计")
	} else if err != nil {
		// Taking away from a row that is not there: the summary was already wrong.
		return internal(fmt.Errorf("民情统计：%w", err))
	}
	if sign < 0 {
		_, err := execSQL(ctx, q, `DELETE FROM concern_month WHERE month = ? AND community_id = ? AND grid_id = ? AND category = ?
			AND place = ? AND raised = 0`, t.month, t.community, t.grid, t.category, t.place)
		return mapErr(err, "民情统计")
	}
	return nil
}

// retally runs write, which changes concern id, and moves the concern's tally from what it was
// before to what it is after, in the same transaction.
func retally(ctx context.Context, tx *sql.Tx, id int64, write func() error) error {
	before, err := readTally(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	after, err := readTally(ctx, tx, id)
	if err != nil || after == before {
		return err
	}
	if before.sameKey(after) {
		// One row: add the difference (raised stays 1 − 1 + 1).
		d := after
		d.raised, d.counted, d.resolved = 0, after.counted-before.counted, after.resolved-before.resolved
		d.promised, d.onTime, d.reopen = after.promised-before.promised, after.onTime-before.onTime, after.reopen-before.reopen
		_, err := execSQL(ctx, tx, `UPDATE concern_month SET counted = counted + ?, resolved = resolved + ?, promised = promised + ?,
			on_time = on_time + ?, reopened = reopened + ? WHERE month = ? AND community_id = ? AND grid_id = ? AND category = ? AND place = ?`,
			d.counted, d.resolved, d.promised, d.onTime, d.reopen, d.month, d.community, d.grid, d.category, d.place)
		return mapErr(err, "民情统计")
	}
	if err := addTally(ctx, tx, before, -1); err != nil {
		return err
	}
	return addTally(ctx, tx, after, 1)
}

// tallyFollowUp counts a 回访 made on day into its month.
func tallyFollowUp(ctx context.Context, q querier, day, satisfaction string) error {
	satisfied := 0
	if satisfaction != "不满意" {
		satisfied = 1
	}
	_, err := execSQL(ctx, q, `INSERT INTO concern_followup_month (month, followups, satisfied) VALUES (?, 1, ?)
		ON CONFLICT (month) DO UPDATE SET followups = concern_followup_month.followups + 1,
		satisfied = concern_followup_month.satisfied + excluded.satisfied`, day[:7], satisfied)
	return mapErr(err, "民情统计")
}

// concernMonthRecount is the summary as a full recount of the concerns gives it.
const concernMonthRecount = `SELECT substr(raised_on, 1, 7) AS month, community_id, coalesce(grid_id, 0) AS grid_id, category, place,
	count(*) AS raised, sum(CASE WHEN state <> '重复' THEN 1 ELSE 0 END) AS counted,
	sum(CASE WHEN state = '已办结' THEN 1 ELSE 0 END) AS resolved,
	sum(CASE WHEN state = '已办结' AND promised_on <> '' THEN 1 ELSE 0 END) AS promised,
	sum(CASE WHEN state = '已办结' AND promised_on <> '' AND resolved_on <= promised_on THEN 1 ELSE 0 END) AS on_time,
	sum(reopened) AS reopened
	FROM concern GROUP BY substr(raised_on, 1, 7), community_id, coalesce(grid_id, 0), category, place`

const followUpMonthRecount = `SELECT substr(day, 1, 7) AS month, count(*) AS followups,
	sum(CASE WHEN satisfaction <> '不满意' THEN 1 ELSE 0 END) AS satisfied FROM concern_followup GROUP BY substr(day, 1, 7)`

// checkConcernSummary lists the summary rows that differ from a full recount, both ways.
func checkConcernSummary(ctx context.Context, q querier) ([]string, error) {
	var problems []string
	report := func(sc rowScanner) error {
		var month, key string
		if err := sc.Scan(&month, &key); err != nil {
			return err
		}
		problems = append(problems, fmt.Sprintf("民情统计：%s 月%s与逐条重算不符", month, key))
		return nil
	}
	const cols = "month, community_id, grid_id, category, place, raised, counted, resolved, promised, on_time, reopened"
	label := "'（社区 #' || CAST(community_id AS TEXT) || ' ' || category || ' ' || place || '）'"
	for _, pair := range [][2]string{
		{"SELECT " + cols + " FROM concern_month", "SELECT " + cols + " FROM (" + concernMonthRecount + ") r"},
		{"SELECT " + cols + " FROM (" + concernMonthRecount + ") r", "SELECT " + cols + " FROM concern_month"},
	} {
		if err := queryEach(ctx, q, report, "SELECT month, "+label+" FROM ("+pair[0]+" EXCEPT "+pair[1]+") x ORDER BY 1, 2"); err != nil {
			return nil, err
		}
	}
	const fcols = "month, followups, satisfied"
	for _, pair := range [][2]string{
		{"SELECT " + fcols + " FROM concern_followup_month", "SELECT " + fcols + " FROM (" + followUpMonthRecount + ") r"},
		{"SELECT " + fcols + " FROM (" + followUpMonthRecount + ") r", "SELECT " + fcols + " FROM concern_followup_month"},
	} {
		if err := queryEach(ctx, q, report, "SELECT month, '的回访' FROM ("+pair[0]+" EXCEPT "+pair[1]+") x ORDER BY 1"); err != nil {
			return nil, err
		}
	}
	return problems, nil
}

// minutesDigest is the digest finalized minutes keep: sha256 of the text, in hex.
func minutesDigest(minutes string) string {
	sum := sha256.Sum256([]byte(minutes))
	return hex.EncodeToString(sum[:])
}

// digestFinalizedMinutes fills the digest of minutes finalized before migration 0019.
func digestFinalizedMinutes(ctx context.Context, q querier) error {
	type row struct {
		id      int64
		minutes string
	}
	rows, err := queryAll(ctx, q, func(sc rowScanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.minutes)
		return r, err
	}, "SELECT id, minutes FROM tea_meeting WHERE finalized_at <> '' AND minutes_digest = ''")
	if err != nil {
		return mapErr(err, "议事会")
	}
	for _, r := range rows {
		if _, err := execSQL(ctx, q, "UPDATE tea_meeting SET minutes_digest = ? WHERE id = ?", minutesDigest(r.minutes), r.id); err != nil {
			return mapErr(err, "议事会")
		}
	}
	return nil
}
