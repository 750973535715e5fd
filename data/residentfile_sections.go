package data

import (
	"context"
	"fmt"
)

// The one-page file's programme sections: care, children, certificates, workshop.

func (f *ResidentFile) careSection(ctx context.Context, q querier, role Role) (FileSection, error) {
	sec := FileSection{Title: "助老服务"}
	var rid int64
	var living, start, end, health string
	err := queryRow(ctx, q, "SELECT id, living, start_day, coalesce(end_day, ''), health_notes FROM care_recipient WHERE person_id = ?",
		f.Person.ID).Scan(&rid, &living, &start, &end, &health)
	if err != nil && !isNoRows(err) {
		return sec, err
	}
	pairs, deliveries, services := 0, 0, 0
	if rid != 0 {
		text := "服务对象（" + living + "）"
		if end != "" {
			text += "，至 " + end
		}
		if health != "" && role.Can(PermReveal) {
			text += "；健康情况：" + health
		}
		sec.Lines = append(sec.Lines, FileLine{Day: start, Text: text, Kind: FileRecipient, ID: rid})
	}
	add := func(kind FileKind, count *int, query string, args ...any) error {
		return queryEach(ctx, q, func(sc rowScanner) error {
			var l FileLine
			if err := sc.Scan(&l.Day, &l.Text, &l.ID); err != nil {
				return err
			}
			l.Kind = kind
			sec.Lines = append(sec.Lines, l)
			*count++
			return nil
		}, query, args...)
	}
	steps := []struct {
		kind  FileKind
		count *int
		query string
		arg   int64
	}{
		{FileRecipient, &pairs, `SELECT pr.from_day, '结对志愿者 ' || vp.name || CASE WHEN pr.to_day IS NULL THEN '（结对中）' ELSE '（至 ' || pr.to_day || '）' END,
			pr.recipient_id FROM pairing pr JOIN volunteer v ON v.id = pr.volunteer_id JOIN person vp ON vp.id = v.person_id
			WHERE pr.recipient_id = ? ORDER BY pr.from_day`, rid},
		{FileRecipient, &deliveries, `SELECT r.day, '一碗汤 ' || r.soup || ' ' || CASE d.outcome WHEN '' THEN '待送' ELSE d.outcome END || '（' || vp.name || '）',
			d.recipient_id FROM delivery d JOIN soup_round r ON r.id = d.round_id JOIN volunteer v ON v.id = d.volunteer_id
			JOIN person vp ON vp.id = v.person_id WHERE d.recipient_id = ? ORDER BY r.day`, rid},
		{FileService, &services, `SELECT substr(sr.requested_at, 1, 10), '上门服务 ' || sr.type || ' ' || CASE WHEN sr.done_at <> '' THEN '已完成 '
			|| sr.minutes || ' 分钟' ELSE '办理中' END || coalesce('（' || (SELECT p.name FROM volunteer v JOIN person p ON p.id = v.person_id
			WHERE v.id = sr.volunteer_id) || '）', '') || CASE WHEN sr.satisfaction <> '' THEN '，回访' || sr.satisfaction ELSE '' END,
			sr.id FROM service_request sr WHERE sr.recipient_id = ? ORDER BY sr.requested_at`, rid},
		{FileService, &services, `SELECT substr(sr.requested_at, 1, 10), '为 ' || rp.name || ' 上门服务 ' || sr.type || CASE WHEN sr.done_at <> ''
			THEN ' ' || sr.minutes || ' 分钟' ELSE '（办理中）' END, sr.id FROM service_request sr JOIN care_recipient cr ON cr.id = sr.recipient_id
			JOIN person rp ON rp.id = cr.person_id JOIN volunteer v ON v.id = sr.volunteer_id WHERE v.person_id = ? ORDER BY sr.requested_at`, f.Person.ID},
		{FileRecipient, &pairs, `SELECT pr.from_day, '结对服务 ' || rp.name || CASE WHEN pr.to_day IS NULL THEN '（结对中）' ELSE '（至 ' || pr.to_day || '）' END,
			pr.recipient_id FROM pairing pr JOIN care_recipient cr ON cr.id = pr.recipient_id JOIN person rp ON rp.id = cr.person_id
			JOIN volunteer v ON v.id = pr.volunteer_id WHERE v.person_id = ? ORDER BY pr.from_day`, f.Person.ID},
	}
	for _, st := range steps {
		if err := add(st.kind, st.count, st.query, st.arg); err != nil {
			return sec, err
		}
	}
	sec.Total = fmt.Sprintf("结对 %d 次，一碗汤 %d 次，上门服务 %d 次", pairs, deliveries, services)
	return sec, nil
}

func (f *ResidentFile) childrenSection(ctx context.Context, q querier, _ Role) (FileSection, error) {
	sec := FileSection{Title: "儿童项目"}
	n := 0
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var l FileLine
		var child int64
		var name, programme, status, consentDay, consentBy string
		var present, marked int
		if err := sc.Scan(&l.Day, &child, &name, &l.ID, &programme, &status, &consentDay, &consentBy, &present, &marked); err != nil {
			return err
		}
		l.Kind = FileProgramme
		l.Text = fmt.Sprintf("%s（%s）出勤 %d/%d", programme, status, present, marked)
		if child != f.Person.ID {
			l.Text = "监护：" + name + " " + l.Text
		}
		if consentDay != "" {
			l.Text += fmt.Sprintf("；监护人同意 %s %s", consentDay, consentBy)
		}
		sec.Lines = append(sec.Lines, l)
		n++
		return nil
	}, `SELECT substr(e.enrolled_at, 1, 10), e.child_id, c.name, e.programme_id, pg.name, e.status, e.consent_day, e.consent_by,
		(SELECT count(*) FROM attendance a JOIN session ss ON ss.id = a.session_id WHERE a.child_id = e.child_id AND ss.programme_id = e.programme_id AND a.mark = '出勤'),
		(SELECT count(*) FROM attendance a JOIN session ss ON ss.id = a.session_id WHERE a.child_id = e.child_id AND ss.programme_id = e.programme_id)
		FROM enrollment e JOIN programme pg ON pg.id = e.programme_id JOIN person c ON c.id = e.child_id
		WHERE e.child_id = ?1 OR e.guardian_id = ?1 ORDER BY e.enrolled_at, e.id`, f.Person.ID)
	if err != nil {
		return sec, err
	}
	visits := 0
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var l FileLine
		if err := sc.Scan(&l.Day, &l.Text); err != nil {
			return err
		}
		sec.Lines = append(sec.Lines, l)
		visits++
		return nil
	}, `SELECT day, '关爱走访' || CASE WHEN festival <> '' THEN '（' || festival || '）' ELSE '' END || CASE WHEN gifts <> '' THEN ' ' || gifts ELSE '' END
		FROM care_visit WHERE child_id = ? ORDER BY day`, f.Person.ID)
	sec.Total = fmt.Sprintf("报名 %d 项，关爱走访 %d 次", n, visits)
	return sec, err
}

func (f *ResidentFile) certificateSection(ctx context.Context, q querier, _ Role) (FileSection, error) {
	sec := FileSection{Title: "证书"}
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var l FileLine
		var number, kind, from, to, reason string
		var revoked bool
		if err := sc.Scan(&l.ID, &l.Day, &number, &kind, &from, &to, &revoked, &reason); err != nil {
			return err
		}
		l.Kind, l.Text = FileCertificate, fmt.Sprintf("%s %s（%s 至 %s）", kind, number, from, to)
		if revoked {
			l.Text += "，已注销：" + reason
		}
		sec.Lines = append(sec.Lines, l)
		return nil
	}, `SELECT id, substr(issued_at, 1, 10), number, kind, period_from, period_to, revoked_at IS NOT NULL, revoke_reason
		FROM certificate WHERE person_id = ? ORDER BY issued_at, id`, f.Person.ID)
	sec.Total = fmt.Sprintf("%d 份", len(sec.Lines))
	return sec, err
}

func (f *ResidentFile) workshopSection(ctx context.Context, q querier, role Role) (FileSection, error) {
	sec := FileSection{Title: "灯彩工坊"}
	var t Trainee
	err := queryRow(ctx, q, "SELECT id, number, nickname, disability_category, disability_level, joined, active FROM trainee WHERE person_id = ?",
		f.Person.ID).Scan(&t.ID, &t.Number, &t.Nickname, &t.DisabilityCategory, &t.DisabilityLevel, &t.Joined, &t.Active)
	if isNoRows(err) {
		return sec, nil
	}
	if err != nil {
		return sec, err
	}
	text := "学员 " + t.Number
	if role.Can(PermRestricted) && t.DisabilityCategory != "" {
		text += "（" + t.DisabilityCategory + t.DisabilityLevel + "）"
	}
	sec.Lines = append(sec.Lines, FileLine{Day: t.Joined, Text: text, Kind: FileTrainee, ID: t.ID})
	earned, paid, err := traineeBalance(ctx, q, t.ID)
	if err != nil {
		return sec, err
	}
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var l FileLine
		var month string
		var fen int64
		if err := sc.Scan(&l.Day, &month, &fen); err != nil {
			return err
		}
		l.Kind, l.ID, l.Text = FileTrainee, t.ID, fmt.Sprintf("发放 %s 月收入 %s 元", month, Yuan(fen))
		if fen < 0 {
			l.Text = fmt.Sprintf("冲销发放 %s 元", Yuan(-fen))
		}
		sec.Lines = append(sec.Lines, l)
		return nil
	}, "SELECT day, month, amount_fen FROM payout WHERE trainee_id = ? ORDER BY day, id", t.ID)
	sec.Total = fmt.Sprintf("%s，应得 %s 元，已发 %s 元", t.Number, Yuan(earned), Yuan(paid))
	return sec, err
}
