package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// MoveResult is what move-to copied and verified.
type MoveResult struct {
	Tables    int
	Rows      int64
	People    int64
	AuditHead string
}

// MoveTo copies the whole office — people, programmes, money, the audit chain, certificates,
// accounts — from this SQLite file into an empty database on a PostgreSQL server, then checks
// both sides: the same row count in every table, the same sum in every money column, and an
// intact audit chain with the same head. A target that holds any data is refused. Only a 管理员
// may move; the move itself is audited (the copy holds that entry). The file is not changed
// otherwise and stays usable.
func (s *Store) MoveTo(ctx context.Context, target string) (MoveResult, error) {
	var res MoveResult
	a, err := s.authorize(ctx, s.db, PermAdmin)
	if err != nil {
		return res, err
	}
	if s.IsServer() || !IsServerURL(target) {
		return res, refused("move-to 把数据库文件搬到 PostgreSQL 服务器：目标应是 postgres://… 地址")
	}
	t, err := Open(ctx, target)
	if err != nil {
		return res, err
	}
	defer t.Close()
	tables, err := sqliteTables(ctx, s.db)
	if err != nil {
		return res, internal(err)
	}
	if n, err := rowsIn(ctx, t.db, []copyTable{{name: "office"}, {name: "app_user"}, {name: "audit"}, {name: "person"}}, ""); err != nil {
		return res, internal(err)
	} else if n > 0 {
		return res, refused("目标数据库 %s 里已有数据（%d 行），move-to 只搬到空数据库；未作任何修改", t.Location(), n)
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, a, "迁移", "数据库", 0, "迁移到服务器 "+t.Location())
	}); err != nil {
		return res, err
	}
	src, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return res, mapErr(err, "数据库")
	}
	defer src.Rollback()
	counts, err := copyIntoServer(ctx, src, target, tables)
	if err != nil {
		return res, internal(err)
	}
	// Fresh statistics and visibility map, so that the server plans and serves the first searches well.
	if _, err := execSQL(ctx, t.db, "VACUUM ANALYZE"); err != nil {
		return res, mapErr(err, "数据库")
	}
	if err := compareCopies(ctx, src, t.db, tables); err != nil {
		return res, err
	}
	res.Tables = len(tables)
	for _, n := range counts {
		res.Rows += n
	}
	res.People = counts["person"]
	res.AuditHead, err = t.AuditHead(ctx)
	return res, err
}

// rowsIn counts the rows of every table but except (a database in use has an office, accounts
// and audit entries; the rows migrations seed, such as default categories, do not count).
func rowsIn(ctx context.Context, q querier, tables []copyTable, except string) (int64, error) {
	var total int64
	for _, t := range tables {
		if t.name == except {
			continue
		}
		n, err := queryOne(ctx, q, scanValue[int64], "SELECT count(*) FROM "+t.name)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// compareCopies verifies a copy: row counts and the sums of the money columns (…_fen) table by
// table, and the audit chain, intact on both sides with the same head.
func compareCopies(ctx context.Context, a, b querier, tables []copyTable) error {
	for _, t := range tables {
		exprs := []string{"count(*)"}
		for _, c := range t.cols {
			if strings.HasSuffix(c, "_fen") {
				exprs = append(exprs, "coalesce(sum("+c+"), 0)")
			}
		}
		q := "SELECT " + strings.Join(exprs, ", ") + " FROM " + t.name
		va, err := sums(ctx, a, q, len(exprs))
		if err != nil {
			return internal(err)
		}
		vb, err := sums(ctx, b, q, len(exprs))
		if err != nil {
			return internal(err)
		}
		if fmt.Sprint(va) != fmt.Sprint(vb) {
			return &Error{Code: CodeInternal, Message: fmt.Sprintf("迁移校验未通过：表 %s 两边不一致（行数与金额合计 %v ≠ %v）", t.name, va, vb)}
		}
	}
	for _, q := range []querier{a, b} {
		if broken, err := verifyAudit(ctx, q); err != nil {
			return internal(err)
		} else if broken != "" {
			return &Error{Code: CodeInternal, Message: "迁移校验未通过：" + broken}
		}
	}
	ha, err := queryOne(ctx, a, scanValue[string], "SELECT coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '')")
	if err != nil {
		return internal(err)
	}
	hb, err := queryOne(ctx, b, scanValue[string], "SELECT coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '')")
	if err != nil {
		return internal(err)
	}
	if ha != hb {
		return &Error{Code: CodeInternal, Message: "迁移校验未通过：两边的审计链头不同"}
	}
	return nil
}

func sums(ctx context.Context, q querier, query string, n int) ([]int64, error) {
	out := make([]int64, n)
	ptrs := make([]any, n)
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, queryRow(ctx, q, query).Scan(ptrs...)
}
