package data

import (
	"context"
	"fmt"
	"strings"
)

// numberSeries are the tables whose rows get a number (ZY-0001, XY-001, GF-2026-0001, HH-00001,
// ZF-2026-0001); nextNumber refuses any other table name.
var numberSeries = map[string]bool{"volunteer": true, "trainee": true, "work_order": true, "certificate": true, "household": true, "concern": true,
	"market_vendor": true}

// nextNumber issues the next number of a series inside the writing transaction: prefix followed
// by one more than the highest number issued with that prefix, zero-padded to width digits.
// Numbers are never reused. This is the one place numbers are issued, so that a server engine can
// take them from a locked counter row instead (DESIGN.md §7).
func nextNumber(ctx context.Context, q querier, table, prefix string, width int) (string, error) {
	if !numberSeries[table] || strings.ContainsAny(prefix, "*?[") {
		return "", internal(fmt.Errorf("nextNumber: no series %s/%s", table, prefix))
	}
	n, err := queryOne(ctx, q, scanValue[int], alt("SELECT coalesce(max(CAST(substr(number, ?1) AS INTEGER)), 0) FROM "+table+
		" WHERE number GLOB ?2",
		"SELECT coalesce(max(CAST(substring(substr(number, ?1) from '^[0-9]+') AS BIGINT)), 0) FROM "+table+
			" WHERE left(number, ?1 - 1) = left(?2, ?1 - 1) AND substr(number, ?1) ~ '^[0-9]'"),
		len(prefix)+1, prefix+"[0-9]*")
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%0*d", prefix, width, n+1), nil
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
