package data

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"linli/data/importer"
)

type communityIndex map[string]struct {
	id    int64
	grids map[string]int64
}

func (s *Store) communityIndex(ctx context.Context) (communityIndex, error) {
	cs, err := s.Communities(ctx)
	if err != nil {
		return nil, err
	}
	idx := communityIndex{}
	for _, c := range cs {
		e := struct {
			id    int64
			grids map[string]int64
		}{c.ID, map[string]int64{}}
		for _, g := range c.Grids {
			e.grids[g.Name] = g.ID
		}
		idx[c.Name] = e
		idx[strings.TrimSuffix(c.Name, "社区")] = e
	}
	return idx, nil
}

func dupKey(p Person) string {
	if p.IDNumber != "" {
		return "id:" + p.IDNumber
	}
	if p.Phone != "" {
		return "np:" + p.Name + "|" + p.Phone
	}
	return ""
}

func (s *Store) existingKeys(ctx context.Context) (map[string]int64, error) {
	keys := map[string]int64{}
	err := queryEach(ctx, s.db, func(sc rowScanner) error {
		var p Person
		if err := sc.Scan(&p.ID, &p.Name, &p.IDNumber, &p.Phone); err != nil {
			return err
		}
		if p.IDNumber != "" {
			keys["id:"+p.IDNumber] = p.ID
		}
		if p.Phone != "" {
			keys["np:"+p.Name+"|"+p.Phone] = p.ID
		}
		return nil
	}, "SELECT id, name, coalesce(id_number, ''), phone FROM person WHERE erased_at IS NULL")
	if err != nil {
		return nil, mapErr(err, "居民")
	}
	return keys, nil
}

// importPlanner turns a sheet's rows into planned writes and row errors, without writing.
type importPlanner struct {
	o        ImportOptions
	comms    communityIndex
	existing map[string]int64 // duplicate key → person already in the database
	now      time.Time
	plan     []plannedRow
	errs     []RowError
	notes    []RowError     // what was changed on the way in, such as a 15-digit ID converted
	seen     map[string]int // duplicate key → index in plan
	houses   []houseGroup   // the file's households (户号 / 户主 / 与户主关系)
}

func (s *Store) planImport(ctx context.Context, t *importer.Table, o ImportOptions) (*importPlanner, error) {
	comms, err := s.communityIndex(ctx)
	if err != nil {
		return nil, err
	}
	existing, err := s.existingKeys(ctx)
	if err != nil {
		return nil, err
	}
	pl := &importPlanner{o: o, comms: comms, existing: existing, now: s.now(), seen: map[string]int{}}
	for n, r := range t.Rows {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, &Error{Code: CodeConflict, Message: "已取消导入，未写入任何数据", Err: err}
			}
			if o.Progress != nil {
				o.Progress(n, len(t.Rows))
			}
		}
		pl.add(r)
	}
	houses, err := pl.households(ctx, s.db)
	if err != nil {
		return nil, err
	}
	pl.houses = houses
	return pl, nil
}

func (pl *importPlanner) cell(r importer.Row, f importer.Field) string {
	if i, ok := pl.o.Mapping[f]; ok && i >= 0 && i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

func (pl *importPlanner) bad(r importer.Row, f importer.Field, format string, args ...any) {
	pl.errs = append(pl.errs, RowError{Row: r.Number, Column: string(f), Value: pl.cell(r, f), Message: fmt.Sprintf(format, args...)})
}

// add plans one row, or records its errors.
func (pl *importPlanner) add(r importer.Row) {
	before := len(pl.errs)
	p := pl.person(r)
	var v Volunteer
	if pl.o.Kind == ImportVolunteers {
		v = pl.volunteer(r)
	}
	house := pl.houseCells(r, p)
	if len(pl.errs) > before {
		return
	}
	pl.dedupe(plannedRow{row: r, person: p, vol: v, house: house})
}

// person reads a row's resident and checks it as SavePerson would.
func (pl *importPlanner) person(r importer.Row) Person {
	cell := pl.cell
	p := Person{Name: cell(r, importer.Name), IDNumber: cell(r, importer.IDNumber), Phone: cell(r, importer.Phone),
		Address: cell(r, importer.Address), Sex: cell(r, importer.Sex), Tags: SplitTags(cell(r, importer.Tags)),
		Notes: cell(r, importer.Notes), EmergencyContact: Fold(cell(r, importer.EmergencyContact))}
	if excelDamagedID(p.IDNumber) {
		pl.bad(r, importer.IDNumber, "这个号码被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入号码")
		p.IDNumber = ""
	}
	if b := cell(r, importer.BirthDate); b != "" {
		if d, err := parseImportDate(b); err != nil {
			pl.bad(r, importer.BirthDate, "%s", err.Error())
		} else {
			p.BirthDate = d
		}
	}
	if ep, err := NormalizePhone(cell(r, importer.EmergencyPhone)); err != nil {
		pl.bad(r, importer.EmergencyPhone, "不是有效的电话号码")
	} else {
		p.EmergencyPhone = ep
	}
	cname := Fold(cell(r, importer.Community))
	if c, ok := pl.comms[cname]; ok {
		p.CommunityID = c.id
		if g := Fold(cell(r, importer.Grid)); g != "" {
			if gid, ok := c.grids[g]; ok {
				p.GridID = gid
			} else {
				pl.bad(r, importer.Grid, "不是%s的网格", cname)
			}
		}
	} else if cname != "" {
		pl.bad(r, importer.Community, "没有这个社区（请先在“设置”中添加，或检查名称）")
	}
	var e *Error
	err := p.Normalize(pl.now)
	if errors.As(err, &e) {
		for _, fe := range e.Fields {
			pl.bad(r, importer.Field(fe.Field), "%s", fe.Message) // Normalize's labels are the column names
		}
	}
	if raw := cell(r, importer.IDNumber); len(p.IDNumber) == 18 && !e.hasField("身份证号") {
		if _, ok := ConvertLegacyID(strings.ToUpper(strings.Join(strings.Fields(Fold(raw)), ""))); ok {
			pl.notes = append(pl.notes, RowError{Row: r.Number, Column: string(importer.IDNumber), Value: raw,
				Message: "15 位旧号码已按 GB 11643 转换为 18 位：" + p.IDNumber})
		}
	}
	return p
}

// volunteer reads a row's volunteer columns.
func (pl *importPlanner) volunteer(r importer.Row) Volunteer {
	v := Volunteer{Kinds: SplitTags(pl.cell(r, importer.VolunteerKinds)), Skills: SplitTags(pl.cell(r, importer.Skills)),
		Number: Fold(pl.cell(r, importer.VolunteerNumber)), UnifiedNumber: pl.cell(r, importer.UnifiedNumber)}
	v.Normalize()
	if msg := unifiedNumberProblem(v.UnifiedNumber); msg != "" {
		pl.bad(r, importer.UnifiedNumber, "%s", msg)
	}
	if w, err := ParseWeekdays(pl.cell(r, importer.Weekdays)); err != nil {
		pl.bad(r, importer.Weekdays, "%s", err.Error())
	} else {
		v.Weekdays = w
	}
	return v
}

// dedupe applies the duplicate policy to a row that matches an earlier row or an existing person.
func (pl *importPlanner) dedupe(pr plannedRow) {
	key := dupKey(pr.person)
	if key == "" {
		pl.plan = append(pl.plan, pr)
		return
	}
	if i, dup := pl.seen[key]; dup {
		switch pl.o.OnDuplicate {
		case DupStop:
			pl.bad(pr.row, dupColumn(pr.person), "与本表第 %d 行重复", pl.plan[i].row.Number)
			return
		case DupSkip:
			pr.skip = true
		case DupUpdate:
			pl.plan[i].skip = true // the later row wins
			pr.existing = pl.plan[i].existing
		}
	} else if id, ok := pl.existing[key]; ok {
		switch pl.o.OnDuplicate {
		case DupStop:
			pl.bad(pr.row, dupColumn(pr.person), "与已有居民重复（可选择跳过或更新）")
			return
		case DupSkip:
			pr.skip, pr.known = true, id
		case DupUpdate:
			pr.existing = id
		}
	}
	if !pr.skip {
		pl.seen[key] = len(pl.plan)
	}
	pl.plan = append(pl.plan, pr)
}

// excelDamagedID recognises an ID number Excel stored as a number: shown in scientific notation,
// or (as other spreadsheet programs write it) 18 digits ending in 000 that fail the checksum,
// because a number keeps only 15 significant digits.
func excelDamagedID(s string) bool {
	s = Fold(s)
	if strings.ContainsAny(s, "Ee.") && !strings.ContainsAny(s, "Xx") {
		return true
	}
	return len(s) == 18 && allDigits(s) && strings.HasSuffix(s, "000") && IDCheckChar(s) != s[17]
}

func dupColumn(p Person) importer.Field {
	if p.IDNumber != "" {
		return importer.IDNumber
	}
	return importer.Name
}

// parseImportDate accepts what ParseDate does and Excel serial day numbers.
func parseImportDate(s string) (string, error) {
	f := Fold(s)
	if n, err := strconv.ParseFloat(f, 64); err == nil && len(f) <= 7 && n >= 1 && n < 2958466 {
		d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		return d.Format("2006-01-02"), nil
	}
	d, err := ParseDate(f)
	if err != nil {
		return "", err
	}
	return d.Format("2006-01-02"), nil
}

// hasField tells whether a validation error names the field; a nil error names none.
func (e *Error) hasField(name string) bool {
	if e == nil {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == name {
			return true
		}
	}
	return false
}
