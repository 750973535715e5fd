package data

import (
	"context"
	"fmt"
	"strings"
)

// Check runs SQLite's integrity and foreign-key checks, verifies the audit chain and the domain
// invariants, and returns the problems found (none means the database is sound).
func (s *Store) Check(ctx context.Context) ([]string, error) {
	problems, err := checkDB(ctx, s.db)
	if err != nil {
		return nil, err
	}
	alone, err := childrenAlone(ctx, s.db, s.now().Format("2006-01-02"))
	if err != nil {
		return nil, mapErr(err, "结对")
	}
	for _, a := range alone {
		problems = append(problems, "结对："+a)
	}
	return problems, nil
}

func checkDB(ctx context.Context, q querier) ([]string, error) {
	problems, err := checkStorage(ctx, q)
	if err != nil {
		return nil, err
	}
	if broken, err := verifyAudit(ctx, q); err != nil {
		return nil, err
	} else if broken != "" {
		problems = append(problems, broken)
	}
	inv, err := checkInvariants(ctx, q)
	if err != nil {
		return nil, err
	}
	ws, err := checkWorkshop(ctx, q)
	if err != nil {
		return nil, err
	}
	cs, err := checkConcerns(ctx, q)
	return append(append(append(problems, inv...), ws...), cs...), err
}

// checkStorage runs SQLite's own integrity and foreign-key checks.
func checkStorage(ctx context.Context, q querier) ([]string, error) {
	var problems []string
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var line string
		if err := sc.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, "完整性检查："+line)
		}
		return nil
	}, alt("PRAGMA integrity_check", "SELECT 'ok'")) // a server checks its own storage
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var table, parent string
		var rowid, fkid any
		if err := sc.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		problems = append(problems, fmt.Sprintf("外键检查：表 %s 第 %v 行引用的 %s 不存在", table, rowid, parent))
		return nil
	}, alt("PRAGMA foreign_key_check", "SELECT '', 0, '', 0 WHERE false")) // a server enforces every key
	return problems, err
}

func checkInvariants(ctx context.Context, q querier) ([]string, error) {
	var problems []string
	err := queryEach(ctx, q, func(sc rowScanner) error {
		var id int64
		var num, birth, sex string
		if err := sc.Scan(&id, &num, &birth, &sex); err != nil {
			return err
		}
		problems = append(problems, idProblems(id, num, birth, sex)...)
		return nil
	}, `SELECT id, id_number, birth_date, sex FROM person WHERE id_number IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	// An erased resident has no index rows either: the search's count reads the index alone.
	orphans, err := queryOne(ctx, q, scanValue[int], `SELECT
		(SELECT count(*) FROM person_search WHERE person_id NOT IN (SELECT id FROM person WHERE erased_at IS NULL))
		+ (SELECT count(*) FROM person_digits WHERE person_id NOT IN (SELECT id FROM person WHERE erased_at IS NULL))`)
	if err != nil {
		return nil, err
	}
	if orphans > 0 {
		problems = append(problems, fmt.Sprintf("搜索索引中有 %d 行指向不存在或已删除个人信息的居民", orphans))
	}
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var id int64
		var tags, joined string
		if err := sc.Scan(&id, &tags, &joined); err != nil {
			return err
		}
		if sortedTags(tags) != joined {
			problems = append(problems, fmt.Sprintf("居民 #%d：标签记录不一致", id))
		}
		return nil
	}, `SELECT p.id, p.tags, coalesce((SELECT group_concat(tag, '、') FROM
		(SELECT tag FROM person_tag t WHERE t.person_id = p.id ORDER BY tag) AS pt), '') FROM person p`)
	if err != nil {
		return nil, err
	}
	market, err := marketProblems(ctx, q)
	if err != nil {
		return nil, err
	}
	return append(problems, market...), nil
}

// idProblems checks a stored ID number against its checksum and the person's birth date and sex.
func idProblems(id int64, num, birth, sex string) []string {
	if len(num) != 18 || !allDigits(num[:17]) || IDCheckChar(num) != num[17] {
		return []string{fmt.Sprintf("居民 #%d：身份证号校验位错误", id)}
	}
	var problems []string
	if b := num[6:10] + "-" + num[10:12] + "-" + num[12:14]; b != birth {
		problems = append(problems, fmt.Sprintf("居民 #%d：出生日期与身份证号不符", id))
	}
	want := Female
	if (num[16]-'0')%2 == 1 {
		want = Male
	}
	if sex != want {
		problems = append(problems, fmt.Sprintf("居民 #%d：性别与身份证号不符", id))
	}
	return problems
}
func sortedTags(s string) string {
	if s == "" {
		return ""
	}
	parts := strings.Split(s, "、")
	for i := 1; i < len(parts); i++ {
		for j := i; j > 0 && parts[j] < parts[j-1]; j-- {
			parts[j], parts[j-1] = parts[j-1], parts[j]
		}
	}
	return strings.Join(parts, "、")
}
