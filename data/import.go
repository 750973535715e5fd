package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

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
	Notices                 []RowError // rows taken with a change the user should know of (a 15-digit ID converted)
	BatchID                 int64
}

type plannedRow struct {
	row      importer.Row
	person   Person
	vol      Volunteer
	existing int64 // person to update, 0 to add
	skip     bool
	known    int64 // a skipped row's person already in the database
	house    houseCells
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
	pl, err := s.planImport(ctx, t, o)
	if err != nil {
		return res, err
	}
	plan, errs := pl.plan, pl.errs
	res.Errors, res.Notices = errs, pl.notes
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
	res.BatchID, err = s.commitImport(ctx, o, plan, pl.houses, res)
	return res, err
}

func (s *Store) commitImport(ctx context.Context, o ImportOptions, plan []plannedRow, houses []houseGroup, counts ImportResult) (int64, error) {
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
		if batch, err = lastID(res); err != nil {
			return err
		}
		iw, err := s.newImportWriter(ctx, tx, o.Kind, batch)
		if err != nil {
			return err
		}
		defer iw.close()
		ids, err := iw.writeAll(ctx, plan, o.Progress)
		if err != nil {
			return err
		}
		if err := iw.w.flush(ctx, tx); err != nil {
			return err
		}
		if err := iw.households(ctx, houses, plan, ids); err != nil {
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

// writeAll writes the plan's rows in order and returns each row's person id: runs of new
// residents a chunk at a time (addChunk), updates and volunteers row by row.
func (iw *importWriter) writeAll(ctx context.Context, plan []plannedRow, progress func(done, total int)) ([]int64, error) {
	ids := make([]int64, len(plan))
	reported := -1000
	for i := 0; i < len(plan); {
		if i-reported >= 1000 {
			if err := ctx.Err(); err != nil {
				return nil, &Error{Code: CodeConflict, Message: "已取消导入，未写入任何数据", Err: err}
			}
			if progress != nil {
				progress(i, len(plan))
			}
			reported = i
		}
		end := i
		for end < len(plan) && end-i < importChunk && !plan[end].skip && plan[end].existing == 0 {
			end++
		}
		if end > i {
			added, err := iw.addChunk(ctx, plan[i:end])
			if err != nil {
				return nil, err
			}
			copy(ids[i:end], added)
		} else {
			end = i + 1
		}
		for j := i; j < end; j++ {
			p := plan[j]
			var err error
			switch {
			case p.skip:
				ids[j] = p.known
			case p.existing != 0:
				ids[j], err = iw.write(ctx, p)
			case iw.kind == ImportVolunteers:
				err = iw.writeVolunteer(ctx, p, ids[j])
			}
			if err != nil {
				return nil, err
			}
		}
		i = end
	}
	return ids, nil
}

// importWriter writes an import's planned rows inside its transaction, recording each change
// against the batch so that the import can be undone.
type importWriter struct {
	s      *Store
	tx     *sql.Tx
	kind   string
	batch  int64
	w      *personWriter
	change *sql.Stmt

	chunkPerson, chunkTag, chunkChange *sql.Stmt // addChunk's statements, prepared on first use
}

func (s *Store) newImportWriter(ctx context.Context, tx *sql.Tx, kind string, batch int64) (*importWriter, error) {
	w, err := newPersonWriter(ctx, tx, s.stamp())
	if err != nil {
		return nil, err
	}
	w.bulk = true
	change, err := prepare(ctx, tx, "INSERT OR IGNORE INTO import_change (batch_id, person_id, action, before) VALUES (?, ?, ?, ?)")
	if err != nil {
		w.close()
		return nil, mapErr(err, "导入批次")
	}
	return &importWriter{s: s, tx: tx, kind: kind, batch: batch, w: w, change: change}, nil
}

func (iw *importWriter) close() {
	iw.w.close()
	closeStmts(iw.change, iw.chunkPerson, iw.chunkTag, iw.chunkChange)
}

func (iw *importWriter) record(ctx context.Context, id int64, action, before string) error {
	_, err := iw.change.ExecContext(ctx, iw.batch, id, action, before)
	return mapErr(err, "导入批次")
}

// write adds or updates one row's person and, for a volunteer import, registers them; it
// returns the person's id.
func (iw *importWriter) write(ctx context.Context, p plannedRow) (int64, error) {
	id, err := iw.writePerson(ctx, p)
	if err != nil || iw.kind != ImportVolunteers {
		return id, err
	}
	return id, iw.writeVolunteer(ctx, p, id)
}

func (iw *importWriter) writePerson(ctx context.Context, p plannedRow) (int64, error) {
	id := p.existing
	if id == 0 {
		var err error
		if id, err = iw.w.insert(ctx, p.person); err != nil {
			return 0, rowErr(p.row, err)
		}
		return id, iw.record(ctx, id, "add", "")
	}
	old, err := findPerson(ctx, iw.tx, id)
	if err != nil {
		return 0, mapErr(err, "居民")
	}
	snap, err := json.Marshal(old)
	if err != nil {
		return 0, internal(err)
	}
	p.person.ID = id
	if _, err := iw.s.writePerson(ctx, iw.tx, p.person); err != nil {
		return 0, rowErr(p.row, err)
	}
	return id, iw.record(ctx, id, "update", string(snap))
}

func (iw *importWriter) writeVolunteer(ctx context.Context, p plannedRow, id int64) error {
	n, err := queryOne(ctx, iw.tx, scanValue[int], "SELECT count(*) FROM volunteer WHERE person_id = ?", id)
	if err != nil || n > 0 {
		return mapErr(err, "志愿者")
	}
	v := p.vol
	v.PersonID = id
	v.Normalize()
	if v.Joined == "" {
		v.Joined = iw.s.Today()
	}
	if err := v.Validate(); err != nil {
		return rowErr(p.row, err)
	}
	if _, err := iw.s.writeVolunteer(ctx, iw.tx, v); err != nil {
		return rowErr(p.row, err)
	}
	return iw.record(ctx, id, "add_volunteer", "")
}

func rowErr(r importer.Row, err error) error {
	return &Error{Code: CodeConflict, Message: fmt.Sprintf("第 %d 行：%s", r.Number, Message(err)), Err: err}
}
