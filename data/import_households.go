package data

import (
	"context"
	"fmt"

	"linli/data/importer"
)

// The people import's households: rows with a 户号 (or, without one, the same 户主 in the same
// community) are one household; the row whose 与户主关系 is 户主/本人 (or whose name is the 户主
// column's) is its head. Everything is checked before anything is written, and the households are
// written in the import's transaction, so a failing row leaves no half-made household. An import
// never moves someone out of another household (that is a move, done in the window); undoing the
// batch removes the households and memberships it made.

// houseCells are a row's household columns.
type houseCells struct {
	key      string // which household of the file: 户号, or 户主 within a community
	number   string
	head     string // the 户主 column: the head's name
	relation string
}

// houseGroup is one household of the file: its rows (plan indices), its head row, and the
// household already in the database with that number.
type houseGroup struct {
	houseCells
	rows     []int
	headRow  int   // -1: none in the file
	existing int64 // household with that 户号 already in the database
	joined   map[int]bool
}

// houseCells reads and checks a row's household columns.
func (pl *importPlanner) houseCells(r importer.Row, p Person) houseCells {
	h := Household{Number: pl.cell(r, importer.HouseholdNumber)}
	h.Normalize()
	c := houseCells{number: h.Number, head: Fold(pl.cell(r, importer.HouseholdHead))}
	relText := pl.cell(r, importer.HouseholdRel)
	switch {
	case c.number != "":
		c.key = "no:" + c.number
	case c.head != "":
		c.key = fmt.Sprintf("head:%d:%s", p.CommunityID, c.head)
	case relText != "":
		pl.bad(r, importer.HouseholdRel, "需要同一行的户号或户主，才知道是哪一户")
		return c
	default:
		return c
	}
	if len([]rune(c.number)) > 30 {
		pl.bad(r, importer.HouseholdNumber, "不能超过 30 个字符")
	}
	switch {
	case relText != "":
		rel, err := ParseRelation(relText)
		if err != nil {
			pl.bad(r, importer.HouseholdRel, "%s", err.(*Error).Fields[0].Message)
		}
		c.relation = rel
	case c.head != "" && c.head == p.Name:
		c.relation = "户主"
	case pl.mapped(importer.HouseholdRel):
		pl.bad(r, importer.HouseholdRel, "不能为空（户主填“户主”或“本人”）")
	default:
		c.relation = "其他"
	}
	if c.relation == "户主" && c.head != "" && c.head != p.Name {
		pl.bad(r, importer.HouseholdHead, "该行是户主，但姓名是“%s”", p.Name)
	}
	return c
}

func (pl *importPlanner) mapped(f importer.Field) bool {
	_, ok := pl.o.Mapping[f]
	return ok
}

// households groups the planned rows into households and checks each against the database.
func (pl *importPlanner) households(ctx context.Context, q querier) ([]houseGroup, error) {
	var groups []houseGroup
	index := map[string]int{}
	for i, pr := range pl.plan {
		if pr.house.key == "" || (pr.skip && pr.known == 0) {
			continue // no household, or a row the file repeats
		}
		g, ok := index[pr.house.key]
		if !ok {
			g = len(groups)
			index[pr.house.key] = g
			groups = append(groups, houseGroup{houseCells: pr.house, headRow: -1, joined: map[int]bool{}})
		}
		groups[g].rows = append(groups[g].rows, i)
	}
	for gi := range groups {
		if err := pl.checkGroup(ctx, q, &groups[gi]); err != nil {
			return nil, err
		}
	}
	return groups, nil
}

// checkGroup finds a group's head and checks it and its members against the database.
func (pl *importPlanner) checkGroup(ctx context.Context, q querier, g *houseGroup) error {
	first := pl.plan[g.rows[0]].row
	var headID int64
	var headName string
	if g.number != "" {
		err := queryRow(ctx, q, `SELECT h.id, coalesce(m.person_id, 0), coalesce(p.name, '') FROM household h LEFT JOIN household_member m
			ON m.household_id = h.id AND m.to_day IS NULL AND m.relation = '户主' LEFT JOIN person p ON p.id = m.person_id
			WHERE h.number = ?`, g.number).Scan(&g.existing, &headID, &headName)
		if err != nil && !isNoRows(err) {
			return mapErr(err, "户")
		}
	}
	for _, i := range g.rows {
		pr := pl.plan[i]
		if pr.house.head != g.head {
			pl.bad(pr.row, importer.HouseholdHead, "与本户第 %d 行的户主“%s”不一致", first.Number, g.head)
		}
		if pr.house.relation != "户主" {
			continue
		}
		switch id := personOf(pr); {
		case g.headRow >= 0:
			pl.bad(pr.row, importer.HouseholdRel, "本户已有户主（第 %d 行）", pl.plan[g.headRow].row.Number)
		case headID != 0 && id != headID:
			pl.bad(pr.row, importer.HouseholdRel, "户号 %s 已有户主 %s", g.number, headName)
		default:
			g.headRow = i
		}
	}
	if g.headRow < 0 && g.existing == 0 {
		pl.bad(first, importer.HouseholdRel, "户号“%s”（户主“%s”）在表中没有户主所在的行（与户主关系填“户主”或“本人”）", g.number, g.head)
	} else if g.existing == 0 && pl.plan[g.headRow].person.Address == "" {
		pl.bad(pl.plan[g.headRow].row, importer.Address, "建户需要户主的住址")
	}
	return pl.checkMembers(ctx, q, g)
}

// personOf is the database person a planned row stands for (0: a new person).
func personOf(pr plannedRow) int64 {
	if pr.existing != 0 {
		return pr.existing
	}
	return pr.known
}

// checkMembers refuses people already living in another household and notes those already in
// this one.
func (pl *importPlanner) checkMembers(ctx context.Context, q querier, g *houseGroup) error {
	for _, i := range g.rows {
		id := personOf(pl.plan[i])
		if id == 0 {
			continue
		}
		var hh int64
		var number string
		err := queryRow(ctx, q, `SELECT h.id, h.number FROM household_member m JOIN household h ON h.id = m.household_id
			WHERE m.person_id = ? AND m.to_day IS NULL`, id).Scan(&hh, &number)
		switch {
		case isNoRows(err):
		case err != nil:
			return mapErr(err, "户成员")
		case hh == g.existing:
			g.joined[i] = true
		default:
			pl.bad(pl.plan[i].row, importer.HouseholdNumber, "%s 现住户 %s，请先在窗口中办理迁出", pl.plan[i].person.Name, number)
		}
	}
	return nil
}

// households writes the file's households inside the import's transaction: a new household for
// each group without one (its head moves in as 户主), then every member not yet in it.
func (iw *importWriter) households(ctx context.Context, groups []houseGroup, plan []plannedRow, ids []int64) error {
	today := iw.s.Today()
	for _, g := range groups {
		hid := g.existing
		if hid == 0 {
			head := plan[g.headRow]
			h := Household{Number: g.number, CommunityID: head.person.CommunityID, GridID: head.person.GridID, HeadID: ids[g.headRow], Since: today}
			h.Address, h.Building, h.Unit, h.Room = SplitAddress(head.person.Address)
			h.Normalize()
			if err := h.Validate(); err != nil {
				return rowErr(head.row, err)
			}
			var err error
			if hid, err = iw.s.writeHousehold(ctx, iw.tx, h); err != nil {
				return rowErr(head.row, err)
			}
			if _, err := execSQL(ctx, iw.tx, "UPDATE household SET batch_id = ? WHERE id = ?", iw.batch, hid); err != nil {
				return mapErr(err, "户")
			}
			if _, err := execSQL(ctx, iw.tx, "UPDATE household_member SET batch_id = ? WHERE household_id = ?", iw.batch, hid); err != nil {
				return mapErr(err, "户成员")
			}
			g.joined[g.headRow] = true
		}
		for _, i := range g.rows {
			if g.joined[i] {
				continue
			}
			m := HouseholdMember{HouseholdID: hid, PersonID: ids[i], Relation: plan[i].house.relation, From: today}
			mid, err := iw.s.moveIn(ctx, iw.tx, m)
			if err != nil {
				return rowErr(plan[i].row, err)
			}
			if _, err := execSQL(ctx, iw.tx, "UPDATE household_member SET batch_id = ? WHERE id = ?", iw.batch, mid); err != nil {
				return mapErr(err, "户成员")
			}
		}
	}
	return nil
}

// undoHouseholds removes what an import batch made: its memberships, then its households.
func undoHouseholds(ctx context.Context, q querier, batch int64) error {
	if _, err := execSQL(ctx, q, "DELETE FROM household_member WHERE batch_id = ?", batch); err != nil {
		return mapErr(err, "户成员")
	}
	if _, err := execSQL(ctx, q, "DELETE FROM household WHERE batch_id = ?", batch); err != nil {
		return conflict("该批次建立的户已有后续记录（如新成员、户属性），不能撤销", err)
	}
	return nil
}
