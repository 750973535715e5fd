package data

import (
	"context"
	"database/sql"
	"fmt"
)

// GuardianRelations are the relations a guardian link may have.
var GuardianRelations = []string{"父亲", "母亲", "祖父母", "其他监护人"}

// GuardianLink ties a child to an adult who is their guardian.
type GuardianLink struct {
	ChildID    int64
	GuardianID int64
	Relation   string
	Name       string // the guardian's name
	Phone      string // the guardian's phone, masked unless the caller may reveal
}

// Guardians lists a child's guardians.
func (s *Store) Guardians(ctx context.Context, childID int64) ([]GuardianLink, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.db, func(sc rowScanner) (GuardianLink, error) {
		var l GuardianLink
		err := sc.Scan(&l.ChildID, &l.GuardianID, &l.Relation, &l.Name, &l.Phone)
		if !a.Role.Can(PermReveal) {
			l.Phone = MaskPhone(l.Phone)
		}
		return l, err
	}, `SELECT g.child_id, g.guardian_id, g.relation, p.name, p.phone FROM guardian g
		JOIN person p ON p.id = g.guardian_id WHERE g.child_id = ? ORDER BY g.relation, p.name`, childID)
	return out, mapErr(err, "监护人")
}

// SetGuardian links a child (under 18) to an adult guardian, or changes the relation.
func (s *Store) SetGuardian(ctx context.Context, childID, guardianID int64, relation string) error {
	if err := (GuardianLink{ChildID: childID, GuardianID: guardianID, Relation: relation}).Validate(); err != nil {
		return err
	}
	v := &Invalid{}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		child, err := findPerson(ctx, tx, childID)
		if err != nil {
			return mapErr(err, "儿童")
		}
		guardian, err := findPerson(ctx, tx, guardianID)
		if err != nil {
			return mapErr(err, "监护人")
		}
		now := s.now()
		if age := child.Age(now); age < 0 || age >= 18 {
			v.Add("儿童", "%s 不是未满 18 周岁的儿童（需要出生日期）", child.Name)
		}
		if age := guardian.Age(now); age >= 0 && age < 18 {
			v.Add("监护人", "%s 未满 18 周岁，不能作监护人", guardian.Name)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := execSQL(ctx, tx, `INSERT INTO guardian (child_id, guardian_id, relation) VALUES (?, ?, ?)
			ON CONFLICT (child_id, guardian_id) DO UPDATE SET relation = excluded.relation`, childID, guardianID, relation); err != nil {
			return mapErr(err, "监护关系")
		}
		return s.audit(ctx, tx, a, ActUpdate, "监护关系", childID, fmt.Sprintf("居民 #%d 的监护人设为 #%d（%s）", childID, guardianID, relation))
	})
}

// RemoveGuardian removes a guardian link.
func (s *Store) RemoveGuardian(ctx context.Context, childID, guardianID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "DELETE FROM guardian WHERE child_id = ? AND guardian_id = ?", childID, guardianID)
		if err != nil {
			return mapErr(err, "监护关系")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("监护关系")
		}
		return s.audit(ctx, tx, a, ActDelete, "监护关系", childID, fmt.Sprintf("移除居民 #%d 的监护人 #%d", childID, guardianID))
	})
}

// DeletePerson deletes a resident nothing refers to. One that history refers to is refused with
// ErrConflict; the caller then offers ErasePerson, which keeps the anonymised row.
func (s *Store) DeletePerson(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		var refs int
		if err := queryRow(ctx, tx, `SELECT (SELECT count(*) FROM guardian WHERE child_id = ?1 OR guardian_id = ?1)
			+ (SELECT count(*) FROM volunteer WHERE person_id = ?1) + (SELECT count(*) FROM import_change WHERE person_id = ?1)`, id).Scan(&refs); err != nil {
			return mapErr(err, "居民")
		}
		inUse := &Error{Code: CodeConflict, Message: "该居民已有关联记录（监护、志愿者或其他历史），不能直接删除；可以改为“删除个人信息”，保留匿名记录"}
		if refs > 0 {
			return inUse
		}
		if err := clearIndexes(ctx, tx, id); err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, "DELETE FROM person WHERE id = ?", id)
		if err != nil {
			return inUse // a later programme's record refers to the person
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("居民")
		}
		return s.audit(ctx, tx, a, ActDelete, "居民", id, fmt.Sprintf("删除居民 #%d", id))
	})
}
