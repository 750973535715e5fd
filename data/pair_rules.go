package data

import (
	"context"
	"database/sql"
	"time"
)

// checkPairable refuses a pairing no office may make: a volunteer paired with themselves, and a
// volunteer under 18 (a 小小志愿者) paired on their own with an elder; a child serves beside an
// adult volunteer, never alone.
func checkPairable(ctx context.Context, tx *sql.Tx, volunteerID, recipientID int64, from string) error {
	var vp, rp int64
	var birth, name string
	err := queryRow(ctx, tx, `SELECT v.person_id, (SELECT person_id FROM care_recipient WHERE id = ?), p.birth_date, p.name
		FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.id = ?`, recipientID, volunteerID).Scan(&vp, &rp, &birth, &name)
	if err != nil {
		return mapErr(err, "志愿者")
	}
	bad := &Invalid{}
	if vp == rp {
		bad.Add("志愿者", "%s 不能与本人结对", name)
	}
	if day, err := time.Parse("2006-01-02", from); err == nil && birth != "" {
		if age := (Person{BirthDate: birth}).Age(day); age >= 0 && age < 18 {
			bad.Add("志愿者", "%s 未满 18 周岁，不能单独与老人结对（小小志愿者须由成年志愿者带领）", name)
		}
	}
	return bad.Err()
}
