package data

import (
	"context"
	"fmt"
	"strings"
)

// checkConcerns is `check` for the 民情议事 tables: every state is one of the nine, a duplicate
// points at an original (so the links never form a chain or a cycle), each concern's history ends
// in its state, 办结日期 is set exactly when it is 已办结, the reopenings equal the unsatisfied
// 回访, finalized minutes still have the text they were finalized with, and the monthly summary
// equals a full recount.
func checkConcerns(ctx context.Context, q querier) ([]string, error) {
	var problems []string
	states := make([]string, len(ConcernStates))
	for i, st := range ConcernStates {
		states[i] = "'" + string(st) + "'"
	}
	for _, c := range []struct{ query, format string }{
		{"SELECT number, state FROM concern WHERE state NOT IN (" + strings.Join(states, ", ") + ") ORDER BY id",
			"民情 %s：状态“%s”不是有效的状态"},
		{`SELECT c.number, d.number FROM concern c JOIN concern d ON d.id = c.duplicate_of WHERE d.state = '重复' OR d.id = c.id ORDER BY c.id`,
			"民情 %s：重复于 %s，而它本身也是重复项（重复关系不能成链或成环）"},
		{`SELECT number, state FROM concern WHERE (state = '重复') <> (duplicate_of IS NOT NULL) ORDER BY id`,
			"民情 %s：状态“%s”与重复关联不一致"},
		{`SELECT c.number, c.state FROM concern c LEFT JOIN concern_state h
			ON h.id = (SELECT max(x.id) FROM concern_state x WHERE x.concern_id = c.id)
			WHERE h.id IS NULL OR h.to_state <> c.state ORDER BY c.id`,
			"民情 %s：办理经过的最后一步与当前状态“%s”不符"},
		{`SELECT number, state FROM concern WHERE (state = '已办结' AND resolved_on = '') OR (state <> '已办结' AND resolved_on <> '') ORDER BY id`,
			"民情 %s：“%s”与办结日期不一致"},
		{`SELECT c.number, CAST(c.reopened AS TEXT) FROM concern c WHERE c.reopened <> (SELECT count(*) FROM concern_followup f
			WHERE f.concern_id = c.id AND f.satisfaction = '不满意') ORDER BY c.id`,
			"民情 %s：重办次数 %s 与不满意回访的次数不符"},
	} {
		err := queryEach(ctx, q, func(sc rowScanner) error {
			var a, b string
			if err := sc.Scan(&a, &b); err != nil {
				return err
			}
			problems = append(problems, fmt.Sprintf(c.format, a, b))
			return nil
		}, c.query)
		if err != nil {
			return nil, err
		}
	}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var day, minutes, digest string
		if err := sc.Scan(&day, &minutes, &digest); err != nil {
			return err
		}
		if minutesDigest(minutes) != digest {
			problems = append(problems, "议事会 "+day+"：定稿后的会议纪要被改动过（与定稿时的摘要不符）")
		}
		return nil
	}, "SELECT day, minutes, minutes_digest FROM tea_meeting WHERE finalized_at <> '' ORDER BY day, id")
	if err != nil {
		return nil, err
	}
	summary, err := checkConcernSummary(ctx, q)
	return append(problems, summary...), err
}
