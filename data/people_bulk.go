package data

import (
	"context"
	"database/sql"
	"fmt"
)

// MaxBulkPeople is the most residents one AddPeople call takes.
const MaxBulkPeople = 2_000_000

// AddPeople adds many new residents in one transaction, for the sample community and scale tests:
// every person is normalized and validated as SavePerson would (a bad one names its position and
// nothing is written), their community and grid must exist, and the search indexes are written
// sorted at the end, which is several times faster than one SavePerson per resident. It returns
// the new IDs in order. progress, when set, is told every 10,000 residents.
func (s *Store) AddPeople(ctx context.Context, people []Person, progress func(done int)) ([]int64, error) {
	if len(people) == 0 || len(people) > MaxBulkPeople {
		return nil, &Error{Code: CodeInvalid, Message: fmt.Sprintf("人数应在 1 到 %d 之间", MaxBulkPeople)}
	}
	now := s.now()
	for i := range people {
		if people[i].ID != 0 {
			return nil, &Error{Code: CodeInvalid, Message: fmt.Sprintf("第 %d 位：只能添加新居民", i+1)}
		}
		if err := people[i].Normalize(now); err != nil {
			return nil, &Error{Code: CodeInvalid, Message: fmt.Sprintf("第 %d 位（%s）", i+1, people[i].Name), Fields: fieldsOf(err)}
		}
	}
	ids := make([]int64, 0, len(people))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		if err := checkPlaces(ctx, tx, people); err != nil {
			return err
		}
		w, err := newPersonWriter(ctx, tx, s.stamp())
		if err != nil {
			return err
		}
		defer w.close()
		w.bulk = true
		for i, p := range people {
			id, err := w.insert(ctx, p)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			if progress != nil && (i+1)%10000 == 0 {
				progress(i + 1)
			}
		}
		if err := w.flush(ctx, tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "居民", 0, fmt.Sprintf("批量添加 %d 位居民", len(people)))
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// checkPlaces refuses a person whose community does not exist or whose grid is not in it.
func checkPlaces(ctx context.Context, tx *sql.Tx, people []Person) error {
	cs, err := findCommunities(ctx, tx)
	if err != nil {
		return mapErr(err, "社区")
	}
	grids := map[[2]int64]bool{}
	for _, c := range cs {
		grids[[2]int64{c.ID, 0}] = true
		for _, g := range c.Grids {
			grids[[2]int64{c.ID, g.ID}] = true
		}
	}
	for i, p := range people {
		switch {
		case !grids[[2]int64{p.CommunityID, 0}]:
			return &Error{Code: CodeInvalid, Message: fmt.Sprintf("第 %d 位（%s）", i+1, p.Name), Fields: []FieldError{{Field: "社区", Message: "不存在"}}}
		case !grids[[2]int64{p.CommunityID, p.GridID}]:
			return &Error{Code: CodeInvalid, Message: fmt.Sprintf("第 %d 位（%s）", i+1, p.Name), Fields: []FieldError{{Field: "网格", Message: "不属于所选社区"}}}
		}
	}
	return nil
}

// fieldsOf returns an invalid error's field errors (or the error as one field).
func fieldsOf(err error) []FieldError {
	if e, ok := err.(*Error); ok && len(e.Fields) > 0 {
		return e.Fields
	}
	return []FieldError{{Field: "内容", Message: Message(err)}}
}
