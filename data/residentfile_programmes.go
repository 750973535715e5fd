package data

import (
	"context"
	"fmt"
)

// The one-page file's lines from the programmes built after it: concerns the resident raised
// (民情议事), their stalls at the 共富集市, and their 爱心岗位 applications. Lines without a
// screen of their own are plain text.

// concernSection lists the concerns the resident raised under their own name.
func (f *ResidentFile) concernSection(ctx context.Context, q querier, _ Role) (FileSection, error) {
	sec := FileSection{Title: "民情议事", omitEmpty: true}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var l FileLine
		var number, state, text string
		if err := sc.Scan(&l.ID, &l.Day, &number, &state, &text); err != nil {
			return err
		}
		l.Text = fmt.Sprintf("%s %s（%s）", number, clip(text, 30), state)
		sec.Lines = append(sec.Lines, l)
		return nil
	}, "SELECT id, raised_on, number, state, text FROM concern WHERE person_id = ? ORDER BY raised_on, id", f.Person.ID)
	sec.Total = fmt.Sprintf("反映 %d 件", len(sec.Lines))
	return sec, err
}

// marketSection is the resident's stall record at the 共富集市: days given a stall and takings.
func (f *ResidentFile) marketSection(ctx context.Context, q querier, _ Role) (FileSection, error) {
	sec := FileSection{Title: "共富集市", omitEmpty: true}
	type vendor struct {
		number, kind, category string
		days, takings          int64
	}
	vs, err := queryAll(ctx, q, func(sc rowScanner) (vendor, error) {
		var v vendor
		err := sc.Scan(&v.number, &v.kind, &v.category, &v.days, &v.takings)
		return v, err
	}, `SELECT v.number, v.kind, v.category,
		(SELECT count(*) FROM market_application a WHERE a.vendor_id = v.id AND a.stall_id IS NOT NULL AND a.attendance = ''),
		(SELECT coalesce(sum(t.takings_fen), 0) FROM market_application a JOIN market_takings t ON t.application_id = a.id WHERE a.vendor_id = v.id)
		FROM market_vendor v WHERE v.person_id = ?`, f.Person.ID)
	for _, v := range vs {
		sec.Lines = append(sec.Lines, FileLine{Text: fmt.Sprintf("摊主 %s（%s，%s）：出摊 %d 次，营业额 %s 元", v.number, v.kind, v.category, v.days, Yuan(v.takings))})
		sec.Total = fmt.Sprintf("出摊 %d 次", v.days)
	}
	return sec, err
}

// postsSection lists the resident's 爱心岗位 applications: season, the post placed in, state and
// the hours worked (reversals counted).
func (f *ResidentFile) postsSection(ctx context.Context, q querier, _ Role) (FileSection, error) {
	sec := FileSection{Title: "爱心岗位", omitEmpty: true}
	var minutes int64
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var l FileLine
		var season int
		var post, state string
		var m int64
		if err := sc.Scan(&l.ID, &season, &post, &state, &m); err != nil {
			return err
		}
		l.Day = fmt.Sprintf("%d", season)
		l.Text = fmt.Sprintf("%d 年暑期 %s（%s），%s", season, post, state, hoursText(int(m)))
		minutes += m
		sec.Lines = append(sec.Lines, l)
		return nil
	}, `SELECT a.id, a.season, coalesce(s.name || ' ' || p.title, '未安排岗位'), a.state,
		(SELECT coalesce(sum(t.minutes), 0) FROM post_timesheet t WHERE t.application_id = a.id)
		FROM post_application a LEFT JOIN post p ON p.id = a.post_id LEFT JOIN shop s ON s.id = p.shop_id
		WHERE a.person_id = ? ORDER BY a.season, a.id`, f.Person.ID)
	sec.Total = fmt.Sprintf("报名 %d 次，%s", len(sec.Lines), hoursText(int(minutes)))
	return sec, err
}

// clip shortens text to n characters with 「…」.
func clip(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return string(r[:n]) + "…"
}
