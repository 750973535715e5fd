package data

import (
	"context"
	"strings"
)

// AuditRef is a record an audit entry is about: its kind as the entry names it (居民, 儿童项目 …)
// and its id.
type AuditRef struct {
	Kind string
	ID   int64
}

// auditNameQueries give, for each kind of record, the id and a name to show.
var auditNameQueries = map[string]string{
	"居民":   "SELECT id, name FROM person WHERE id IN (%s)",
	"账户":   "SELECT id, display_name FROM app_user WHERE id IN (%s)",
	"社区":   "SELECT id, name FROM community WHERE id IN (%s)",
	"儿童项目": "SELECT id, name FROM programme WHERE id IN (%s)",
	"产品":   "SELECT id, name FROM product WHERE id IN (%s)",
	"订单":   "SELECT id, number || ' ' || customer_name FROM work_order WHERE id IN (%s)",
	"证书":   "SELECT id, number FROM certificate WHERE id IN (%s)",
	"学员":   "SELECT t.id, p.name FROM trainee t JOIN person p ON p.id = t.person_id WHERE t.id IN (%s)",
	"服务对象": "SELECT r.id, p.name FROM care_recipient r JOIN person p ON p.id = r.person_id WHERE r.id IN (%s)",
	"报名":   "SELECT e.id, p.name FROM enrollment e JOIN person p ON p.id = e.child_id WHERE e.id IN (%s)",
}

// AuditNames names the records audit entries are about, for the audit view (管理员 only): a
// resident's name rather than 「居民 #79」. Records that no longer exist, and kinds without a
// name, are left out.
func (s *Store) AuditNames(ctx context.Context, refs []AuditRef) (map[AuditRef]string, error) {
	if _, err := s.authorize(ctx, s.db, PermAdmin); err != nil {
		return nil, err
	}
	byKind := map[string][]any{}
	seen := map[AuditRef]bool{}
	for _, r := range refs {
		if _, ok := auditNameQueries[r.Kind]; ok && r.ID > 0 && !seen[r] {
			seen[r] = true
			byKind[r.Kind] = append(byKind[r.Kind], r.ID)
		}
	}
	out := map[AuditRef]string{}
	for kind, ids := range byKind {
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			q := strings.Replace(auditNameQueries[kind], "%s", strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ","), 1)
			if err := s.readAuditNames(ctx, kind, q, chunk, out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (s *Store) readAuditNames(ctx context.Context, kind, q string, ids []any, out map[AuditRef]string) error {
	err := queryEach(ctx, s.db, func(sc rowScanner) error {
		var id int64
		var name string
		if err := sc.Scan(&id, &name); err != nil {
			return err
		}
		out[AuditRef{kind, id}] = name
		return nil
	}, q, ids...)
	return mapErr(err, "审计记录")
}
