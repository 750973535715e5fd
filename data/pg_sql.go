package data

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The PostgreSQL side of the dialect seam. The store writes SQLite SQL once; every statement a
// server connection is given (through the row helpers, rebind, or the few files that talk to
// database/sql directly) passes through pgSQL on its way into the driver (pg_driver.go), which
// rewrites what differs:
//
//   - placeholders: ? and ?N become $N (a bare ? after ?N is N+1, as in SQLite);
//   - INSERT OR IGNORE becomes INSERT … ON CONFLICT DO NOTHING;
//   - an INSERT into a table with an id column gets RETURNING id, which the driver hands back as
//     LastInsertId (PostgreSQL has no last-insert id);
//   - group_concat(x[, sep]) becomes string_agg(CAST(x AS TEXT), sep);
//   - json_each(?) becomes json_array_elements(CAST(? AS json)) AS je(value);
//   - x GLOB ? (a prefix pattern ending in *, the only kind the store uses) becomes a range on x,
//     which the column's btree index serves;
//   - a subquery in FROM without a name gets one (PostgreSQL 15 requires it);
//   - LIKE becomes ILIKE (SQLite's LIKE ignores ASCII case), CAST(… AS INTEGER) casts to BIGINT.
//
// A statement that cannot be written once for both carries its server text in a trailing comment
// made by alt; pgSQL then uses that text (placeholders still rewritten).

const pgMark = "/*linli:pg "

// pgRaw starts a statement that is server SQL already (the server migrations): it is not translated.
const pgRaw = "/*linli:raw*/"

// alt is a statement with a different text for PostgreSQL: SQLite runs the first and ignores the
// comment; the server runs the second.
func alt(sqlite, pg string) string { return sqlite + " " + pgMark + pg + " */" }

type pgStatement struct {
	sql         string
	returningID bool // the statement is an INSERT … RETURNING id added by pgSQL
}

var pgCache sync.Map // SQLite text → pgStatement

// pgSQL translates one statement (cached).
func pgSQL(query string) pgStatement {
	if v, ok := pgCache.Load(query); ok {
		return v.(pgStatement)
	}
	st := translatePG(query)
	pgCache.Store(query, st)
	return st
}

var (
	reInsertIgnore = regexp.MustCompile(`(?i)\bINSERT\s+OR\s+IGNORE\s+INTO\b`)
	reInsertInto   = regexp.MustCompile(`(?is)^\s*INSERT\s+INTO\s+([a-z_]+)\b`)
	reReturning    = regexp.MustCompile(`(?i)\bRETURNING\b`)
	reLike         = regexp.MustCompile(`\bLIKE\b`)
	reCastInteger  = regexp.MustCompile(`(?i)\bAS\s+INTEGER\)`)
	reGlob         = regexp.MustCompile(`([A-Za-z_][A-Za-z_0-9.]*)\s+GLOB\s+\?`)
	reJSONEach     = regexp.MustCompile(`json_each\(\?\)`)
	reTrailing     = regexp.MustCompile(`[\s;]*$`)
)

func translatePG(q string) pgStatement {
	if strings.HasPrefix(q, pgRaw) {
		return pgStatement{sql: q}
	}
	if i := strings.Index(q, pgMark); i >= 0 {
		q = strings.TrimSuffix(strings.TrimSpace(q[i+len(pgMark):]), "*/")
	}
	ignore := reInsertIgnore.MatchString(q)
	if ignore {
		q = reInsertIgnore.ReplaceAllString(q, "INSERT INTO")
	}
	q = rewriteCalls(q, "group_concat(", func(args []string) string {
		sep := "','"
		if len(args) > 1 {
			sep = args[1]
		}
		return "string_agg(CAST(" + args[0] + " AS TEXT), " + sep + ")"
	})
	q = aliasSubqueries(q)
	q = reJSONEach.ReplaceAllString(q, "json_array_elements(CAST(? AS json)) AS je(value)")
	if strings.Contains(q, "je(value)") && !strings.Contains(q, "value->>") {
		q = strings.ReplaceAll(q, "json_array_elements(", "json_array_elements_text(")
	}
	q = reLike.ReplaceAllString(q, "ILIKE")
	q = reCastInteger.ReplaceAllString(q, "AS BIGINT)")
	q = reGlob.ReplaceAllString(q, "$1 >= rtrim(?, '*') AND $1 < rtrim(?=, '*') || chr(1114111)")
	st := pgStatement{}
	if m := reInsertInto.FindStringSubmatch(q); m != nil && pgIDTables[m[1]] && !reReturning.MatchString(q) {
		st.returningID = true
	}
	q = reTrailing.ReplaceAllString(q, "")
	if ignore {
		q += " ON CONFLICT DO NOTHING"
	}
	if st.returningID {
		q += " RETURNING id"
	}
	st.sql = pgPlaceholders(q)
	return st
}

// pgPlaceholders numbers the placeholders outside string literals: ?N is $N, a bare ? is one
// more than the highest so far, and ?= (made for GLOB) repeats the previous one.
func pgPlaceholders(q string) string {
	var b strings.Builder
	highest, last := 0, 0
	inStr := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inStr = !inStr
			b.WriteByte(c)
		case c == '?' && !inStr:
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			var n int
			switch {
			case j > i+1:
				n, _ = strconv.Atoi(q[i+1 : j])
			case j < len(q) && q[j] == '=':
				n = last // ?= (made for GLOB) repeats the previous argument
				j++
			default:
				n = highest + 1
			}
			if n > highest {
				highest = n
			}
			last = n
			b.WriteString("$" + strconv.Itoa(n))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var reAliasNext = regexp.MustCompile(`(?i)^\s*(AS\b|[a-z_][a-z_0-9]*\s*(,|\)|$|\bWHERE\b|\bJOIN\b|\bON\b|\bGROUP\b|\bORDER\b|\bLIMIT\b|\bLEFT\b|\bINNER\b|\bCROSS\b|\bUNION\b))`)

// aliasSubqueries names every FROM (SELECT …) that has no alias.
func aliasSubqueries(q string) string {
	var b strings.Builder
	n := 0
	for {
		i := strings.Index(strings.ToUpper(q), "FROM (SELECT")
		if i < 0 {
			b.WriteString(q)
			return b.String()
		}
		open := i + len("FROM ")
		depth, inStr, end := 0, false, -1
		for j := open; j < len(q) && end < 0; j++ {
			switch c := q[j]; {
			case c == '\'':
				inStr = !inStr
			case inStr:
			case c == '(':
				depth++
			case c == ')':
				if depth--; depth == 0 {
					end = j
				}
			}
		}
		if end < 0 {
			b.WriteString(q)
			return b.String()
		}
		b.WriteString(q[:end+1])
		rest := q[end+1:]
		if !reAliasNext.MatchString(rest) || isKeywordStart(rest) {
			n++
			b.WriteString(" AS sub" + strconv.Itoa(n))
		}
		q = rest
	}
}

// isKeywordStart reports whether s starts with a keyword rather than an alias.
func isKeywordStart(s string) bool {
	w := strings.ToUpper(strings.TrimSpace(s))
	for _, k := range []string{"WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "INNER", "CROSS", "UNION", "ON", "HAVING"} {
		if strings.HasPrefix(w, k) && (len(w) == len(k) || !isIdentChar(w[len(k)])) {
			return true
		}
	}
	return false
}

func isIdentChar(c byte) bool { return c == '_' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

// rewriteCalls replaces every call name(args…) by what fn makes of its top-level arguments.
func rewriteCalls(q, name string, fn func(args []string) string) string {
	for {
		i := strings.Index(q, name)
		if i < 0 {
			return q
		}
		start := i + len(name)
		depth, inStr, end := 1, false, -1
		var args []string
		argStart := start
		for j := start; j < len(q) && end < 0; j++ {
			switch c := q[j]; {
			case c == '\'':
				inStr = !inStr
			case inStr:
			case c == '(':
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					args = append(args, strings.TrimSpace(q[argStart:j]))
					end = j
				}
			case c == ',' && depth == 1:
				args = append(args, strings.TrimSpace(q[argStart:j]))
				argStart = j + 1
			}
		}
		if end < 0 {
			return q
		}
		q = q[:i] + fn(args) + q[end+1:]
	}
}

// pgIDTables are the tables with an id column, read from the server migrations' CREATE TABLEs.
var pgIDTables = func() map[string]bool {
	out := map[string]bool{}
	re := regexp.MustCompile(`(?i)CREATE TABLE ([a-z_]+) \(\s*id\s`)
	entries, err := migrationFS.ReadDir("migrations/postgres")
	if err != nil {
		return out
	}
	for _, e := range entries {
		b, err := migrationFS.ReadFile("migrations/postgres/" + e.Name())
		if err != nil {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = true
		}
	}
	return out
}()
