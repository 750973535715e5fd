package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"linli/data/importer"
)

// DupPolicy says what an import does with a row that matches an existing person or an earlier
// row of the same file (same ID number; without one, same name and phone).
type DupPolicy string

// Duplicate policies.
const (
	DupSkip   DupPolicy = "skip"
	DupUpdate DupPolicy = "update"
	DupStop   DupPolicy = "stop"
)

// Import kinds.
const (
	ImportPeople     = "居民"
	ImportVolunteers = "志愿者"
)

// ImportOptions configure one import.
type ImportOptions struct {
	Kind        string // ImportPeople or ImportVolunteers
	FileName    string
	Mapping     map[importer.Field]int // column per field; nil: importer.AutoMap
	OnDuplicate DupPolicy
	DryRun      bool
	Progress    func(done, total int) // called from the importing goroutine
}

// RowError is one problem of one row: row number as Excel shows it, the column, the value.
type RowError struct {
	Row     int
	Column  string
	Value   string
	Message string
}

func (e RowError) String() string {
	return fmt.Sprintf("第 %d 行，%s“%s”：%s", e.Row, e.Column, e.Value, e.Message)
}

// ImportResult counts what an import did (or, with errors or DryRun, would do).
type ImportResult struct {
	Added, Updated, Skipped int
	Errors                  []RowError
	BatchID                 int64
}

type plannedRow struct {
	row      importer.Row
	person   Person
	vol      Volunteer
	existing int64 // person to update, 0 to add
	skip     bool
}

// Import validates every row first; if any row fails nothing is written and the errors are
// returned. Otherwise all rows go in one transaction tagged with an import batch.
func (s *Store) Import(ctx context.Context, t *importer.Table, o ImportOptions) (ImportResult, error) {
	var res ImportResult
	if _, err := s.authorize(ctx, s.db, PermPeopleWrite); err != nil {
		return res, err
	}
	if o.Kind != ImportVolunteers {
		o.Kind = ImportPeople
	}
	if o.OnDuplicate == "" {
		o.OnDuplicate = DupStop
	}
	if o.Mapping == nil {
		o.Mapping = importer.AutoMap(t.Header)
	}
	if _, ok := o.Mapping[importer.Name]; !ok {
		return res, &Error{Code: CodeInvalid, Message: "没有“姓名”列，请在对应关系中指定"}
	}
	plan, errs, err := s.planImport(ctx, t, o)
	if err != nil {
		return res, err
	}
	res.Errors = errs
	for _, p := range plan {
		switch {
		case p.skip:
			res.Skipped++
		case p.existing != 0:
			res.Updated++
		default:
			res.Added++
		}
	}
	if len(errs) > 0 {
		return res, &Error{Code: CodeInvalid, Message: fmt.Sprintf("%d 处错误，未导入任何数据", len(errs))}
	}
	if o.DryRun {
		return res, nil
	}
	res.BatchID, err = s.commitImport(ctx, o, plan, res)
	return res, err
}

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

func (s *Store) planImport(ctx context.Context, t *importer.Table, o ImportOptions) ([]plannedRow, []RowError, error) {
	comms, err := s.communityIndex(ctx)
	if err != nil {
		return nil, nil, err
	}
	existing, err := s.existingKeys(ctx)
	if err != nil {
		return nil, nil, err
	}
	cell := func(r importer.Row, f importer.Field) string {
		if i, ok := o.Mapping[f]; ok && i >= 0 && i < len(r.Cells) {
			return r.Cells[i]
		}
		return ""
	}
	now := s.now()
	var plan []plannedRow
	var errs []RowError
	seen := map[string]int{} // key -> index in plan
	for n, r := range t.Rows {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, &Error{Code: CodeConflict, Message: "已取消导入，未写入任何数据", Err: err}
			}
			if o.Progress != nil {
				o.Progress(n, len(t.Rows))
			}
		}
		bad := func(f importer.Field, format string, args ...any) {
			errs = append(errs, RowError{Row: r.Number, Column: string(f), Value: cell(r, f), Message: fmt.Sprintf(format, args...)})
		}
		p := Person{Name: cell(r, importer.Name), IDNumber: cell(r, importer.IDNumber), Phone: cell(r, importer.Phone),
			Address: cell(r, importer.Address), Sex: cell(r, importer.Sex), Tags: SplitTags(cell(r, importer.Tags)),
			Notes: cell(r, importer.Notes), EmergencyContact: Fold(cell(r, importer.EmergencyContact))}
		before := len(errs)
		if excelDamagedID(p.IDNumber) {
			bad(importer.IDNumber, "这个号码被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入号码")
			p.IDNumber = ""
		}
		if b := cell(r, importer.BirthDate); b != "" {
			if d, err := parseImportDate(b); err != nil {
				bad(importer.BirthDate, "%s", err.Error())
			} else {
				p.BirthDate = d
			}
		}
		if ep, err := NormalizePhone(cell(r, importer.EmergencyPhone)); err != nil {
			bad(importer.EmergencyPhone, "不是有效的电话号码")
		} else {
			p.EmergencyPhone = ep
		}
		cname := Fold(cell(r, importer.Community))
		if c, ok := comms[cname]; ok {
			p.CommunityID = c.id
			if g := Fold(cell(r, importer.Grid)); g != "" {
				if gid, ok := c.grids[g]; ok {
					p.GridID = gid
				} else {
					bad(importer.Grid, "不是%s的网格", cname)
				}
			}
		} else if cname != "" {
			bad(importer.Community, "没有这个社区（请先在“设置”中添加，或检查名称）")
		}
		if err := p.Normalize(now); err != nil {
			if e, ok := err.(*Error); ok {
				for _, fe := range e.Fields {
					bad(importer.Field(fe.Field), "%s", fe.Message) // Normalize's labels are the column names
				}
			}
		}
		var v Volunteer
		if o.Kind == ImportVolunteers {
			v.Kinds = SplitTags(cell(r, importer.VolunteerKinds))
			v.Skills = SplitTags(cell(r, importer.Skills))
			v.Number = Fold(cell(r, importer.VolunteerNumber))
			if w, err := ParseWeekdays(cell(r, importer.Weekdays)); err != nil {
				bad(importer.Weekdays, "%s", err.Error())
			} else {
				v.Weekdays = w
			}
		}
		if len(errs) > before {
			continue
		}
		pr := plannedRow{row: r, person: p, vol: v}
		if key := dupKey(p); key != "" {
			if i, dup := seen[key]; dup {
				switch o.OnDuplicate {
				case DupStop:
					bad(dupColumn(p), "与本表第 %d 行重复", plan[i].row.Number)
					continue
				case DupSkip:
					pr.skip = true
				case DupUpdate:
					plan[i].skip = true // the later row wins
					pr.existing = plan[i].existing
				}
			} else if id, ok := existing[key]; ok {
				switch o.OnDuplicate {
				case DupStop:
					bad(dupColumn(p), "与已有居民重复（可选择跳过或更新）")
					continue
				case DupSkip:
					pr.skip = true
				case DupUpdate:
					pr.existing = id
				}
			}
			if !pr.skip {
				seen[key] = len(plan)
			}
		}
		plan = append(plan, pr)
	}
	return plan, errs, nil
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

func (s *Store) commitImport(ctx context.Context, o ImportOptions, plan []plannedRow, counts ImportResult) (int64, error) {
	var batch int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		res, err := execSQL(ctx, tx, `INSERT INTO import_batch (kind, file_name, at, username, added, updated, skipped)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, o.Kind, o.FileName, s.stamp(), a.Username, counts.Added, counts.Updated, counts.Skipped)
		if err != nil {
			return mapErr(err, "导入批次")
		}
		batch, _ = res.LastInsertId()
		w, err := newPersonWriter(ctx, tx, s.stamp())
		if err != nil {
			return err
		}
		defer w.close()
		w.bulk = true
		change, err := prepare(ctx, tx, "INSERT OR IGNORE INTO import_change (batch_id, person_id, action, before) VALUES (?, ?, ?, ?)")
		if err != nil {
			return mapErr(err, "导入批次")
		}
		defer change.Close()
		for i, p := range plan {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return &Error{Code: CodeConflict, Message: "已取消导入，未写入任何数据", Err: err}
				}
				if o.Progress != nil {
					o.Progress(i, len(plan))
				}
			}
			if p.skip {
				continue
			}
			id := p.existing
			if id == 0 {
				if id, err = w.insert(ctx, p.person); err != nil {
					return rowErr(p.row, err)
				}
				if _, err := change.ExecContext(ctx, batch, id, "add", ""); err != nil {
					return mapErr(err, "导入批次")
				}
			} else {
				old, err := findPerson(ctx, tx, id)
				if err != nil {
					return mapErr(err, "居民")
				}
				snap, _ := json.Marshal(old)
				p.person.ID = id
				if _, err := s.writePerson(ctx, tx, p.person); err != nil {
					return rowErr(p.row, err)
				}
				if _, err := change.ExecContext(ctx, batch, id, "update", string(snap)); err != nil {
					return mapErr(err, "导入批次")
				}
			}
			if o.Kind == ImportVolunteers {
				var vid int64
				err := queryRow(ctx, tx, "SELECT id FROM volunteer WHERE person_id = ?", id).Scan(&vid)
				if err == sql.ErrNoRows {
					v := p.vol
					v.PersonID = id
					v.Normalize()
					if v.Joined == "" {
						v.Joined = s.Today()
					}
					if err := v.Validate(); err != nil {
						return rowErr(p.row, err)
					}
					if _, err := s.writeVolunteer(ctx, tx, v); err != nil {
						return rowErr(p.row, err)
					}
					if _, err := change.ExecContext(ctx, batch, id, "add_volunteer", ""); err != nil {
						return mapErr(err, "导入批次")
					}
				} else if err != nil {
					return mapErr(err, "志愿者")
				}
			}
		}
		if err := w.flush(ctx, tx); err != nil {
			return err
		}
		// The batch's time is when it finished, so that undo can tell later edits from its own.
		if _, err := execSQL(ctx, tx, "UPDATE import_batch SET at = ? WHERE id = ?", s.stamp(), batch); err != nil {
			return mapErr(err, "导入批次")
		}
		return s.audit(ctx, tx, a, ActImport, o.Kind, batch, fmt.Sprintf("导入%s：新增 %d、更新 %d、跳过 %d（批次 %d）",
			o.Kind, counts.Added, counts.Updated, counts.Skipped, batch))
	})
	return batch, err
}

func rowErr(r importer.Row, err error) error {
	return &Error{Code: CodeConflict, Message: fmt.Sprintf("第 %d 行：%s", r.Number, Message(err)), Err: err}
}
