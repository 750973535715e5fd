package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// PairingCheck is what the store says about a pairing before it is saved: Refused lists what no
// office may do (the pairing is refused with these), Warnings what the user should confirm.
type PairingCheck struct {
	Refused  []string
	Warnings []string
}

// pairVolunteer is what the pairing rules need to know of a volunteer.
type pairVolunteer struct {
	personID int64
	name     string
	birth    string
	kinds    string
}

// child reports whether the volunteer counts as a child on a day (under 18, or a 小小志愿者), and
// the rule that makes them one.
func (v pairVolunteer) child(day string) (bool, string) {
	if d, err := time.Parse("2006-01-02", day); err == nil && v.birth != "" {
		if age := (Person{BirthDate: v.birth}).Age(d); age >= 0 && age < 18 {
			return true, fmt.Sprintf("未满 18 周岁（%d 岁）", age)
		}
	}
	if slices.Contains(splitList(v.kinds), "小小志愿者") {
		return true, "登记为小小志愿者"
	}
	return false, ""
}

func findPairVolunteer(ctx context.Context, q querier, volunteerID int64) (pairVolunteer, error) {
	var v pairVolunteer
	err := queryRow(ctx, q, `SELECT v.person_id, p.name, p.birth_date, v.kinds FROM volunteer v JOIN person p ON p.id = v.person_id
		WHERE v.id = ?`, volunteerID).Scan(&v.personID, &v.name, &v.birth, &v.kinds)
	return v, err
}

// CheckPairing says, before saving, whether a pairing may be made and what to confirm: a
// volunteer is never paired with themselves; a child volunteer (under 18 or 小小志愿者) joins only
// a recipient who already has an adult volunteer; more recipients than the configured limit is a
// warning.
func (s *Store) CheckPairing(ctx context.Context, volunteerID, recipientID int64, from string) (PairingCheck, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return PairingCheck{}, err
	}
	limit := s.SettingInt(ctx, SettingMaxRecipients, DefaultMaxRecipients)
	c, err := checkPairing(ctx, s.db, volunteerID, recipientID, from, limit)
	return c, mapErr(err, "结对")
}

func checkPairing(ctx context.Context, q querier, volunteerID, recipientID int64, from string, limit int) (PairingCheck, error) {
	var c PairingCheck
	v, err := findPairVolunteer(ctx, q, volunteerID)
	if err != nil {
		return c, err
	}
	var rp int64
	if err := queryRow(ctx, q, "SELECT person_id FROM care_recipient WHERE id = ?", recipientID).Scan(&rp); err != nil {
		return c, err
	}
	if v.personID == rp {
		c.Refused = append(c.Refused, fmt.Sprintf("%s 不能与本人结对", v.name))
	}
	if child, why := v.child(from); child {
		adult, err := hasAdultPairing(ctx, q, recipientID, from)
		if err != nil {
			return c, err
		}
		if !adult {
			c.Refused = append(c.Refused, fmt.Sprintf("%s %s，只能在老人已有成年志愿者结对时一同加入，不能单独结对", v.name, why))
		}
	}
	var n int
	if err := queryRow(ctx, q, "SELECT count(*) FROM pairing WHERE volunteer_id = ? AND to_day IS NULL", volunteerID).Scan(&n); err != nil {
		return c, err
	}
	if n+1 > limit {
		c.Warnings = append(c.Warnings, fmt.Sprintf("%s 将结对 %d 位老人，超过 %d 位", v.name, n+1, limit))
	}
	return c, nil
}

// hasAdultPairing reports whether a recipient has an active pairing with an adult volunteer.
func hasAdultPairing(ctx context.Context, q querier, recipientID int64, day string) (bool, error) {
	ids, err := queryAll(ctx, q, scanValue[int64], "SELECT volunteer_id FROM pairing WHERE recipient_id = ? AND to_day IS NULL", recipientID)
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		v, err := findPairVolunteer(ctx, q, id)
		if err != nil {
			return false, err
		}
		if child, _ := v.child(day); !child {
			return true, nil
		}
	}
	return false, nil
}

// checkPairable refuses a pairing no office may make (CheckPairing's Refused).
func checkPairable(ctx context.Context, q querier, volunteerID, recipientID int64, from string) error {
	c, err := checkPairing(ctx, q, volunteerID, recipientID, from, 1<<30)
	if err != nil {
		return mapErr(err, "志愿者")
	}
	bad := &Invalid{}
	for _, r := range c.Refused {
		bad.Add("志愿者", "%s", r)
	}
	return bad.Err()
}

// childrenAlone lists the elders whose only active volunteers are children on day: a child joins
// an adult's pairing and is never the one volunteer left with an elder.
func childrenAlone(ctx context.Context, q querier, day string) ([]string, error) {
	ids, err := queryAll(ctx, q, scanValue[int64], "SELECT DISTINCT recipient_id FROM pairing WHERE to_day IS NULL ORDER BY recipient_id")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		msg, err := childAlone(ctx, q, id, day)
		if err != nil {
			return nil, err
		}
		if msg != "" {
			out = append(out, msg)
		}
	}
	return out, nil
}

// childAlone says which child volunteers an elder is left with when no adult is paired ("" when
// an adult is, or nobody).
func childAlone(ctx context.Context, q querier, recipientID int64, day string) (string, error) {
	adult, err := hasAdultPairing(ctx, q, recipientID, day)
	if err != nil || adult {
		return "", err
	}
	vids, err := queryAll(ctx, q, scanValue[int64], "SELECT volunteer_id FROM pairing WHERE recipient_id = ? AND to_day IS NULL ORDER BY id", recipientID)
	if err != nil || len(vids) == 0 {
		return "", err
	}
	var kids []string
	for _, id := range vids {
		v, err := findPairVolunteer(ctx, q, id)
		if err != nil {
			return "", err
		}
		kids = append(kids, v.name)
	}
	elder, err := queryOne(ctx, q, scanValue[string], "SELECT p.name FROM care_recipient c JOIN person p ON p.id = c.person_id WHERE c.id = ?", recipientID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("老人 %s 只剩小小志愿者 %s 结对，没有成年志愿者（未满 18 周岁的志愿者只能与成年志愿者一同结对）", elder, strings.Join(kids, "、")), nil
}
