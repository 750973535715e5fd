-- 按产值: an order's trainees may share by output value (pieces weighted by the line's price)
-- beside 按件, 按工时 and 平均. SQLite cannot change a CHECK in place, so work_order is rebuilt
-- under its own name (the tables that reference it keep their REFERENCES work_order): its rows
-- wait in a holding table, the foreign keys are checked at commit, when every order is back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE work_order_hold AS SELECT * FROM work_order;
DROP TABLE work_order;
CREATE TABLE work_order (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,                      -- GF-2026-0001
    customer_name   TEXT NOT NULL,
    customer_org    TEXT NOT NULL DEFAULT '',
    customer_phone  TEXT NOT NULL DEFAULT '',
    due             TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('询价', '已接单', '制作中', '已交付', '已结清', '已取消')),
    split_rule      TEXT NOT NULL CHECK (split_rule IN ('按件', '按工时', '平均', '按产值')),
    retention_bp    INTEGER NOT NULL CHECK (retention_bp BETWEEN 0 AND 10000),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
INSERT INTO work_order (id, number, customer_name, customer_org, customer_phone, due, status, split_rule, retention_bp, notes, created_at, updated_at)
    SELECT id, number, customer_name, customer_org, customer_phone, due, status, split_rule, retention_bp, notes, created_at, updated_at
    FROM work_order_hold;
DROP TABLE work_order_hold;
