package data

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
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

// AuditLine is an audit entry as people read it: the time in local time, who by display name,
// and the record by its name (「居民 王秀英」) rather than its number.
type AuditLine struct {
	Entry                    AuditEntry
	At, User, Action, Object string
	Summary                  string
}

// AuditLines names the entries' records and accounts (管理员 only), for the audit view and its
// export.
func (s *Store) AuditLines(ctx context.Context, es []AuditEntry) ([]AuditLine, error) {
	names, err := s.AuditNames(ctx, auditRefs(es))
	if err != nil {
		return nil, err
	}
	users := map[string]string{}
	err = queryEach(ctx, s.db, func(sc rowScanner) error {
		var u, d string
		if err := sc.Scan(&u, &d); err != nil {
			return err
		}
		if strings.TrimSpace(d) != "" {
			users[u] = d
		}
		return nil
	}, "SELECT username, display_name FROM app_user")
	if err != nil {
		return nil, mapErr(err, "账户")
	}
	return auditLines(es, names, users), nil
}

// refInSummary finds 「居民 #79」 and 「项目 #3」 in summaries (written before names were shown).
var refInSummary = regexp.MustCompile(`(居民|项目) ?#(\d+)`)

// auditLines turns entries into lines: the time in local time (2026-11-28 09:42:10), the account
// by its display name (a refused sign-in keeps the name that was tried), and the records named
// where names has them; an unnamed record keeps its number.
func auditLines(es []AuditEntry, names map[AuditRef]string, users map[string]string) []AuditLine {
	lines := make([]AuditLine, len(es))
	for i, e := range es {
		object := e.Entity
		if n, ok := names[AuditRef{Kind: e.Entity, ID: e.EntityID}]; ok {
			object += " " + n
		} else if e.EntityID != 0 {
			object += fmt.Sprintf(" #%d", e.EntityID)
		}
		summary := refInSummary.ReplaceAllStringFunc(e.Summary, func(m string) string {
			if n, ok := names[summaryRef(m)]; ok {
				return strings.TrimSpace(m[:strings.Index(m, "#")]) + " " + n
			}
			return m
		})
		user := e.Username
		if d, ok := users[e.Username]; ok && e.Action != ActLoginFailed {
			user = d
		}
		lines[i] = AuditLine{Entry: e, At: LocalTimeSeconds(e.At), User: user, Action: e.ActionLabel(), Object: object, Summary: summary}
	}
	return lines
}

// summaryRef is the record a 「居民 #79」 in a summary names.
func summaryRef(m string) AuditRef {
	sub := refInSummary.FindStringSubmatch(m)
	id, err := strconv.ParseInt(sub[2], 10, 64)
	if err != nil {
		return AuditRef{}
	}
	kind := "居民"
	if sub[1] == "项目" {
		kind = "儿童项目"
	}
	return AuditRef{Kind: kind, ID: id}
}

// auditRefs are the records the entries name, for AuditNames.
func auditRefs(es []AuditEntry) []AuditRef {
	var refs []AuditRef
	for _, e := range es {
		refs = append(refs, AuditRef{Kind: e.Entity, ID: e.EntityID})
		for _, m := range refInSummary.FindAllString(e.Summary, -1) {
			refs = append(refs, summaryRef(m))
		}
	}
	return refs
}
