-- PostgreSQL twin of ../0019_concern_summary.sql (plain PostgreSQL, no extensions).
-- 民情议事 figures without scanning the year: a monthly summary of the concerns by the month they
-- were raised (and of the 回访 by the month they were made), kept exact by the store in the same
-- transaction as every write to a concern (concerns_tally.go); `check` compares it with a full
-- recount. Finalized minutes carry the digest of their text, which `check` recomputes.
CREATE TABLE concern_month (
    month         TEXT NOT NULL,                        -- YYYY-MM of raised_on
    community_id  BIGINT NOT NULL REFERENCES community(id),
    grid_id       BIGINT NOT NULL DEFAULT 0,            -- 0: not in a grid
    category      TEXT NOT NULL,
    place         TEXT NOT NULL,
    raised        INTEGER NOT NULL CHECK (raised > 0),  -- every state
    counted       INTEGER NOT NULL,                     -- less 重复
    resolved      INTEGER NOT NULL,                     -- now 已办结
    promised      INTEGER NOT NULL,                     -- 已办结 with a promised date
    on_time       INTEGER NOT NULL,                     -- … on or before it
    reopened      INTEGER NOT NULL,                     -- reopenings
    PRIMARY KEY (month, community_id, grid_id, category, place)
);
INSERT INTO concern_month (month, community_id, grid_id, category, place, raised, counted, resolved, promised, on_time, reopened)
SELECT substr(raised_on, 1, 7), community_id, coalesce(grid_id, 0), category, place, count(*),
    sum(CASE WHEN state <> '重复' THEN 1 ELSE 0 END),
    sum(CASE WHEN state = '已办结' THEN 1 ELSE 0 END),
    sum(CASE WHEN state = '已办结' AND promised_on <> '' THEN 1 ELSE 0 END),
    sum(CASE WHEN state = '已办结' AND promised_on <> '' AND resolved_on <= promised_on THEN 1 ELSE 0 END),
    sum(reopened)
FROM concern GROUP BY substr(raised_on, 1, 7), community_id, coalesce(grid_id, 0), category, place;

CREATE TABLE concern_followup_month (
    month      TEXT PRIMARY KEY,                        -- YYYY-MM of the 回访's day
    followups  INTEGER NOT NULL CHECK (followups > 0),
    satisfied  INTEGER NOT NULL                         -- 满意 + 基本满意
);
INSERT INTO concern_followup_month (month, followups, satisfied)
SELECT substr(day, 1, 7), count(*), sum(CASE WHEN satisfaction <> '不满意' THEN 1 ELSE 0 END)
FROM concern_followup GROUP BY substr(day, 1, 7);

-- Open and overdue by 社区 read from the index alone.
CREATE INDEX concern_open ON concern (state, community_id, promised_on);

-- sha256 of the minutes as finalized, in hex ('' while a draft); filled for meetings finalized
-- before this version by the migration's data step.
ALTER TABLE tea_meeting ADD COLUMN minutes_digest TEXT NOT NULL DEFAULT '';
