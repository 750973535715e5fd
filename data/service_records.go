package data

import (
	"context"
	"fmt"
	"time"
)

// ServiceRecord is one volunteer service-time record as an office reports it upward to the
// 全国志愿服务信息系统, "按照统一的信息数据标准" (《志愿服务记录与证明出具办法（试行）》, 2020).
//
// The items follow what is known of 民政部's MZ/T 061《志愿服务信息系统基本规范》 and of the national
// system's bulk-import sheet for service time: 志愿者姓名, 证件类型, 证件号码, 志愿者编号 (the
// system's 统一编号 where the office knows it; the office's own number beside it), 服务项目名称,
// 服务内容, 服务地点, 服务开始时间, 服务结束时间, 服务时长（小时）, 记录人, 记录单位, 记录日期.
// They were written without the published text at hand: check the names, order and formats
// against the standard before relying on them (the README says so too).
type ServiceRecord struct {
	ID            int64 // the volunteer_minutes record
	VolunteerID   int64
	Name          string
	IDType        string // 居民身份证 when an ID number is on file
	IDNumber      string // in full: the export is for the authority (管理员 only, audited)
	Number        string // the office's ZY- number
	UnifiedNumber string // the national system's 志愿者统一编号, where known
	Project       string // 服务项目名称
	Content       string // 服务内容
	Place         string // 服务地点: the community served
	Day           string
	Start, End    string // YYYY-MM-DD HH:MM where the source knows the times, else the day
	Minutes       int
	Source        string // SourceDelivery, SourceService, SourceSession or SourceVisit
	SourceID      int64  // the delivery, service request, session or visit
	Recorder      string // the account that recorded the work (display name)
	RecordedAt    string // YYYY-MM-DD the minutes were credited
	Note          string
}

// ServiceRecords lists every service-time record between two days (inclusive) that stands:
// records later corrected by a reversal (冲销) are left out together with their reversal, so a
// volunteer's records add up to the minutes of their 志愿服务证明 for the same period. The ID
// numbers are in full, so only 管理员 may list them.
func (s *Store) ServiceRecords(ctx context.Context, from, to string) ([]ServiceRecord, error) {
	if _, err := s.authorize(ctx, s.db, PermAdmin); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, scanServiceRecord, serviceRecordsSQL, from, to)
	if err != nil {
		return nil, mapErr(err, "服务时长")
	}
	for i := range out {
		r := &out[i]
		if r.IDNumber != "" {
			r.IDType = "居民身份证"
		}
		r.Start, r.End = serviceTimes(*r, r.Start, r.End)
		r.RecordedAt = stampDay(r.RecordedAt)
		if r.Source == SourceDelivery {
			r.Note = fmt.Sprintf("服务时长按每次配送 %d 分钟计（本单位设置）；起止时间为出发、送达时间", r.Minutes)
		}
	}
	return out, nil
}

func scanServiceRecord(sc rowScanner) (ServiceRecord, error) {
	var r ServiceRecord
	err := sc.Scan(&r.ID, &r.VolunteerID, &r.Name, &r.IDNumber, &r.Number, &r.UnifiedNumber, &r.Day, &r.Minutes, &r.Source, &r.SourceID,
		&r.RecordedAt, &r.Project, &r.Content, &r.Place, &r.Start, &r.End, &r.Recorder)
	return r, err
}

// serviceTimes turns the source's start and end (RFC 3339 times, or a day and HH:MM) into
// YYYY-MM-DD HH:MM; a source that knows only one end gets the other from the minutes, and one
// that knows neither (a visit) gives the day.
func serviceTimes(r ServiceRecord, start, end string) (string, string) {
	const out = "2006-01-02 15:04"
	parse := func(s string) (time.Time, bool) {
		for _, layout := range []string{time.RFC3339, "2006-01-02 15:04", "2006-01-02T15:04"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	st, okS := parse(start)
	en, okE := parse(end)
	d := time.Duration(r.Minutes) * time.Minute
	switch {
	case okS && okE:
	case okS:
		en = st.Add(d)
	case okE:
		st = en.Add(-d)
	default:
		return r.Day, r.Day
	}
	return st.Format(out), en.Format(out)
}

// stampDay is the day of a stored RFC 3339 stamp.
func stampDay(stamp string) string {
	if len(stamp) >= 10 {
		return stamp[:10]
	}
	return stamp
}

// serviceRecordsSQL joins each standing minutes record to its source. The source's columns are
// read through LEFT JOINs, one per source kind, so a record whose source row is gone still lists.
const serviceRecordsSQL = `SELECT m.id, m.volunteer_id, p.name, coalesce(p.id_number, ''), v.number, v.unified_number, m.day, m.minutes, m.source, m.source_id,
	m.created_at,
	CASE m.source WHEN '` + SourceDelivery + `' THEN '老宝贝一碗汤' WHEN '` + SourceService + `' THEN '助老上门服务'
		WHEN '` + SourceSession + `' THEN coalesce(g.name, '儿童课程') WHEN '` + SourceVisit + `' THEN '社会妈妈关爱走访' ELSE m.source END,
	CASE m.source WHEN '` + SourceDelivery + `' THEN '为老人送汤：' || coalesce(r.soup, '')
		WHEN '` + SourceService + `' THEN '上门服务：' || coalesce(q.type, '')
		WHEN '` + SourceSession + `' THEN '儿童课程授课' || coalesce('：' || nullif(x.topic, ''), '')
		WHEN '` + SourceVisit + `' THEN '关爱走访' || coalesce('：' || nullif(cv.festival, ''), '') ELSE m.source END,
	coalesce((SELECT c.name FROM community c WHERE c.id = coalesce(dp.community_id, qp.community_id, g.community_id, vp.community_id)), ''),
	CASE m.source WHEN '` + SourceDelivery + `' THEN coalesce(d.left_at, '') WHEN '` + SourceSession + `' THEN coalesce(x.day || ' ' || x.start_time, '') ELSE '' END,
	CASE m.source WHEN '` + SourceDelivery + `' THEN coalesce(d.arrived_at, '') WHEN '` + SourceService + `' THEN coalesce(q.done_at, '') ELSE '' END,
	coalesce((SELECT coalesce(nullif(u.display_name, ''), u.username) FROM app_user u
		WHERE u.username = CASE m.source WHEN '` + SourceDelivery + `' THEN d.recorder WHEN '` + SourceService + `' THEN q.recorder
			WHEN '` + SourceVisit + `' THEN cv.recorder END), '')
	FROM volunteer_minutes m JOIN volunteer v ON v.id = m.volunteer_id JOIN person p ON p.id = v.person_id
	LEFT JOIN delivery d ON m.source = '` + SourceDelivery + `' AND d.id = m.source_id
	LEFT JOIN soup_round r ON r.id = d.round_id
	LEFT JOIN care_recipient dc ON dc.id = d.recipient_id LEFT JOIN person dp ON dp.id = dc.person_id
	LEFT JOIN service_request q ON m.source = '` + SourceService + `' AND q.id = m.source_id
	LEFT JOIN care_recipient qc ON qc.id = q.recipient_id LEFT JOIN person qp ON qp.id = qc.person_id
	LEFT JOIN session x ON m.source = '` + SourceSession + `' AND x.id = m.source_id
	LEFT JOIN programme g ON g.id = x.programme_id
	LEFT JOIN care_visit cv ON m.source = '` + SourceVisit + `' AND cv.id = m.source_id
	LEFT JOIN person vp ON vp.id = cv.child_id
	WHERE m.day BETWEEN ? AND ? AND m.minutes > 0 AND m.reverses IS NULL
		AND NOT EXISTS (SELECT 1 FROM volunteer_minutes x2 WHERE x2.reverses = m.id)
	ORDER BY v.number, m.day, m.id`
