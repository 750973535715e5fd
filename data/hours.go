package data

import (
	"context"
	"database/sql"
)

// Sources of volunteer minutes.
const (
	SourceDelivery = "一碗汤配送"
	SourceService  = "上门服务"
	SourceSession  = "儿童课程"
	SourceVisit    = "社会妈妈走访"
)

func addMinutes(ctx context.Context, tx *sql.Tx, now string, volunteer int64, day string, minutes int, source string, sourceID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO volunteer_minutes (volunteer_id, day, minutes, source, source_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, volunteer, day, minutes, source, sourceID, now)
	return mapErr(err, "服务时长")
}

// reverseMinutes adds, for each unreversed record of a source, a record with the opposite
// minutes that points at it.
func reverseMinutes(ctx context.Context, tx *sql.Tx, now, source string, sourceID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO volunteer_minutes (volunteer_id, day, minutes, source, source_id, reverses, created_at)
		SELECT m.volunteer_id, m.day, -m.minutes, m.source, m.source_id, m.id, ? FROM volunteer_minutes m
		WHERE m.source = ? AND m.source_id = ? AND m.reverses IS NULL AND m.minutes > 0
		AND NOT EXISTS (SELECT 1 FROM volunteer_minutes r WHERE r.reverses = m.id)`, now, source, sourceID)
	return mapErr(err, "服务时长")
}

// HoursEntry is one record of a volunteer's minutes, traced to its source.
type HoursEntry struct {
	ID, VolunteerID int64
	Volunteer       string
	Day             string
	Minutes         int
	Source          string
	SourceID        int64
	Reverses        int64
}

// VolunteerHours lists minute records between two days (inclusive); volunteer 0 for everyone.
func (s *Store) VolunteerHours(ctx context.Context, volunteer int64, from, to string) ([]HoursEntry, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.id, m.volunteer_id, p.name, m.day, m.minutes, m.source, m.source_id, coalesce(m.reverses, 0)
		FROM volunteer_minutes m JOIN volunteer v ON v.id = m.volunteer_id JOIN person p ON p.id = v.person_id
		WHERE (?1 = 0 OR m.volunteer_id = ?1) AND m.day BETWEEN ?2 AND ?3 ORDER BY m.day, m.id`, volunteer, from, to)
	if err != nil {
		return nil, mapErr(err, "服务时长")
	}
	defer rows.Close()
	var out []HoursEntry
	for rows.Next() {
		var e HoursEntry
		if err := rows.Scan(&e.ID, &e.VolunteerID, &e.Volunteer, &e.Day, &e.Minutes, &e.Source, &e.SourceID, &e.Reverses); err != nil {
			return nil, mapErr(err, "服务时长")
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err(), "服务时长")
}
