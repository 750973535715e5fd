package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// numberSeries are the tables whose rows get a number (ZY-0001, XY-001, GF-2026-0001, HH-00001,
// ZF-2026-0001); nextNumber refuses any other table name.
var numberSeries = map[string]bool{"volunteer": true, "trainee": true, "work_order": true, "certificate": true, "household": true, "concern": true,
	"market_vendor": true}

// nextNumber issues the next number of a series inside the writing transaction: prefix followed
// by one more than the series' counter row (number_counter, DESIGN.md §7), zero-padded to width
// digits. The row is raised in the same transaction, so two writers never get the same number, and
// a restore carries counters forward (carryCounters), so an older backup brought back never
// re-issues a number. A series without a row yet starts after the highest number already issued
// with that prefix, and so does one whose next number is taken (a 户号 the office typed itself).
func nextNumber(ctx context.Context, q querier, table, prefix string, width int) (string, error) {
	if !numberSeries[table] || strings.ContainsAny(prefix, "*?[") {
		return "", internal(fmt.Errorf("nextNumber: no series %s/%s", table, prefix))
	}
	n, err := queryOne(ctx, q, scanValue[int64], "UPDATE number_counter SET issued = issued + 1 WHERE series = ?1 AND prefix = ?2 RETURNING issued",
		table, prefix)
	if errors.Is(err, sql.ErrNoRows) {
		var m int64
		if m, err = highestNumber(ctx, q, table, prefix); err == nil {
			n, err = m+1, nil
			_, err = execSQL(ctx, q, "INSERT INTO number_counter (series, prefix, issued) VALUES (?1, ?2, ?3)", table, prefix, n)
		}
	}
	if err != nil {
		return "", err
	}
	number := fmt.Sprintf("%s%0*d", prefix, width, n)
	taken, err := queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM "+table+" WHERE number = ?1", number)
	if err != nil || taken == 0 {
		return number, err
	}
	m, err := highestNumber(ctx, q, table, prefix)
	if err != nil {
		return "", err
	}
	n = max(n, m) + 1
	if _, err := execSQL(ctx, q, "UPDATE number_counter SET issued = ?3 WHERE series = ?1 AND prefix = ?2", table, prefix, n); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%0*d", prefix, width, n), nil
}

// highestNumber is the highest number issued in table with prefix (0 when none).
func highestNumber(ctx context.Context, q querier, table, prefix string) (int64, error) {
	return queryOne(ctx, q, scanValue[int64], alt("SELECT coalesce(max(CAST(substr(number, ?1) AS INTEGER)), 0) FROM "+table+
		" WHERE number GLOB ?2",
		"SELECT coalesce(max(CAST(substring(substr(number, ?1) from '^[0-9]+') AS BIGINT)), 0) FROM "+table+
			" WHERE left(number, ?1 - 1) = left(?2, ?1 - 1) AND substr(number, ?1) ~ '^[0-9]'"),
		len(prefix)+1, prefix+"[0-9]*")
}

// numberCounter is one series' counter: the highest number issued with prefix in table.
type numberCounter struct {
	series, prefix string
	issued         int64
}

// readCounters reads a SQLite database's number counters, merged with the highest numbers its
// numbered tables hold (so that a file from before the counters, or one whose counters lag, still
// tells every number it issued).
func readCounters(ctx context.Context, q querier) ([]numberCounter, error) {
	tables, err := queryAll(ctx, q, scanValue[string], "SELECT name FROM sqlite_schema WHERE type = 'table'")
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, t := range tables {
		have[t] = true
	}
	var parts []string
	if have["number_counter"] {
		parts = append(parts, "SELECT series, prefix, issued FROM number_counter")
	}
	const p = "rtrim(number, '0123456789')"
	for t := range numberSeries {
		if have[t] {
			parts = append(parts, "SELECT '"+t+"', "+p+", CAST(substr(number, length("+p+") + 1) AS INTEGER) FROM "+t+
				" WHERE "+p+" LIKE '%-' AND length(number) - length("+p+") BETWEEN 1 AND 12")
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return queryAll(ctx, q, func(sc rowScanner) (numberCounter, error) {
		var c numberCounter
		err := sc.Scan(&c.series, &c.prefix, &c.issued)
		return c, err
	}, "SELECT series, prefix, max(issued) FROM ("+strings.Join(parts, " UNION ALL ")+") GROUP BY series, prefix ORDER BY series, prefix")
}

// carryCounters raises the counters of the database tx writes to at least those given (a
// restore's: the replaced database's), so that no number the replaced database issued is issued
// again.
func carryCounters(ctx context.Context, tx querier, counters []numberCounter) error {
	for _, c := range counters {
		if _, err := execSQL(ctx, tx, `INSERT INTO number_counter (series, prefix, issued) VALUES (?1, ?2, ?3)
			ON CONFLICT (series, prefix) DO UPDATE SET issued = max(issued, excluded.issued)`, c.series, c.prefix, c.issued); err != nil {
			return err
		}
	}
	return nil
}

// countUsers counts the accounts.
func countUsers(ctx context.Context, q querier) (int, error) {
	return queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM app_user")
}

// traineeBalance is what a trainee has earned from splits and been paid out, all time.
func traineeBalance(ctx context.Context, q querier, traineeID int64) (earned, paid int64, err error) {
	err = queryRow(ctx, q, `SELECT coalesce((SELECT sum(amount_fen) FROM split_line WHERE trainee_id = ?1), 0),
		coalesce((SELECT sum(amount_fen) FROM payout WHERE trainee_id = ?1), 0)`, traineeID).Scan(&earned, &paid)
	return earned, paid, err
}
