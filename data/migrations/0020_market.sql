-- 共富集市 (风和丽苑): the office's market settings and fee rules, versioned stall layouts,
-- vendors, market days, each day's applications with their allocation, attendance, fee waiver and
-- takings, the versioned 公约 with its items and signatures, violations and suspensions.
CREATE TABLE market_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    category_cap   INTEGER NOT NULL DEFAULT 3 CHECK (category_cap >= 0),
    noshow_limit   INTEGER NOT NULL DEFAULT 3 CHECK (noshow_limit >= 1),
    warn_after     INTEGER NOT NULL DEFAULT 2 CHECK (warn_after >= 1),
    suspend_after  INTEGER NOT NULL DEFAULT 3 CHECK (suspend_after >= warn_after),
    suspend_days   INTEGER NOT NULL DEFAULT 4 CHECK (suspend_days >= 1),
    release_time   TEXT NOT NULL DEFAULT '08:30',
    updated_at     TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO market_settings (id) VALUES (1);

-- 帮扶 and 公益 stalls are 免租 whatever anyone types: the store refuses it, and so does the table.
CREATE TABLE market_fee_rule (
    kind     TEXT PRIMARY KEY CHECK (kind IN ('帮扶', '公益', '农产品', '普通')),
    method   TEXT NOT NULL CHECK (method IN ('免租', '按日', '提成')),
    day_fen  INTEGER NOT NULL DEFAULT 0 CHECK (day_fen >= 0),
    rate_bp  INTEGER NOT NULL DEFAULT 0 CHECK (rate_bp BETWEEN 0 AND 10000),
    CHECK (kind NOT IN ('帮扶', '公益') OR (method = '免租' AND day_fen = 0 AND rate_bp = 0))
) STRICT;
INSERT INTO market_fee_rule (kind, method, day_fen, rate_bp) VALUES ('帮扶', '免租', 0, 0), ('公益', '免租', 0, 0),
    ('农产品', '按日', 1000, 0), ('普通', '按日', 1500, 0);

CREATE TABLE market_layout (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL UNIQUE,
    note        TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE market_stall (
    id         INTEGER PRIMARY KEY,
    layout_id  INTEGER NOT NULL REFERENCES market_layout(id),
    number     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('帮扶', '公益', '农产品', '普通')),
    size       TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '',
    UNIQUE (layout_id, number)
) STRICT;

CREATE TABLE market_vendor (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,                      -- TZ-0001
    person_id    INTEGER UNIQUE REFERENCES person(id),      -- a resident, or NULL for an outside trader
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL,
    id_number    TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('帮扶户', '公益', '普通')),
    partner      TEXT NOT NULL DEFAULT '',
    permit_from  TEXT NOT NULL DEFAULT '',
    permit_to    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (kind <> '帮扶户' OR person_id IS NOT NULL)
) STRICT;

CREATE TABLE market_day (
    id                INTEGER PRIMARY KEY,
    day               TEXT NOT NULL UNIQUE,
    layout_id         INTEGER NOT NULL REFERENCES market_layout(id),
    start_time        TEXT NOT NULL,
    end_time          TEXT NOT NULL,
    cancelled_reason  TEXT NOT NULL DEFAULT '',
    allocated_at      TEXT NOT NULL DEFAULT '',
    allocated_by      TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL
) STRICT;

-- One vendor's application for a day: the allocation's outcome (stall or reason, group and
-- position), whether they came, a fee waiver; a 帮扶 stall records the eligible household.
CREATE TABLE market_application (
    id             INTEGER PRIMARY KEY,
    day_id         INTEGER NOT NULL REFERENCES market_day(id),
    vendor_id      INTEGER NOT NULL REFERENCES market_vendor(id),
    on_leave       INTEGER NOT NULL DEFAULT 0 CHECK (on_leave IN (0, 1)),
    stall_id       INTEGER REFERENCES market_stall(id),
    grp            INTEGER NOT NULL DEFAULT 0,
    pos            INTEGER NOT NULL DEFAULT 0,
    reason         TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '',
    household_id   INTEGER REFERENCES household(id),
    attendance     TEXT NOT NULL DEFAULT '' CHECK (attendance IN ('', '请假', '缺席')),
    released       INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),  -- the stall came off the waiting list
    waiver_by      TEXT NOT NULL DEFAULT '',
    waiver_reason  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (day_id, vendor_id),
    CHECK (stall_id IS NULL OR reason = ''),
    CHECK ((waiver_by = '') = (waiver_reason = ''))
) STRICT;
CREATE UNIQUE INDEX market_application_stall ON market_application (day_id, stall_id) WHERE stall_id IS NOT NULL;
CREATE INDEX market_application_vendor ON market_application (vendor_id);

-- A day's takings of one vendor (zero is an entry; no row is missing), the fee charged, and for a
-- 公益 stall that the takings go to the community fund.
CREATE TABLE market_takings (
    application_id  INTEGER PRIMARY KEY REFERENCES market_application(id),
    takings_fen     INTEGER NOT NULL CHECK (takings_fen >= 0),
    fee_fen         INTEGER NOT NULL CHECK (fee_fen >= 0),
    stall_kind      TEXT NOT NULL CHECK (stall_kind IN ('帮扶', '公益', '农产品', '普通')),
    to_fund         INTEGER NOT NULL DEFAULT 0 CHECK (to_fund IN (0, 1)),
    household_id    INTEGER REFERENCES household(id),
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    CHECK (stall_kind NOT IN ('帮扶', '公益') OR fee_fen = 0),
    CHECK ((stall_kind = '公益') = (to_fund = 1))
) STRICT;

CREATE TABLE market_pact (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    in_force    TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE market_pact_item (
    pact_id  INTEGER NOT NULL REFERENCES market_pact(id),
    number   INTEGER NOT NULL CHECK (number >= 1),
    title    TEXT NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (pact_id, number)
) STRICT;

CREATE TABLE market_signature (
    pact_id      INTEGER NOT NULL REFERENCES market_pact(id),
    vendor_id    INTEGER NOT NULL REFERENCES market_vendor(id),
    day          TEXT NOT NULL,
    witness      TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    PRIMARY KEY (pact_id, vendor_id)
) STRICT;
CREATE INDEX market_signature_vendor ON market_signature (vendor_id);

CREATE TABLE market_violation (
    id            INTEGER PRIMARY KEY,
    vendor_id     INTEGER NOT NULL REFERENCES market_vendor(id),
    day           TEXT NOT NULL,
    pact_id       INTEGER NOT NULL,
    item          INTEGER NOT NULL,
    party         TEXT NOT NULL CHECK (party IN ('社区', '业委会', '物业')),
    recorder      TEXT NOT NULL,
    what          TEXT NOT NULL,
    photo         TEXT NOT NULL DEFAULT '',
    outcome       TEXT NOT NULL CHECK (outcome IN ('提醒', '警告', '暂停')),
    suspend_days  INTEGER NOT NULL DEFAULT 0,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    FOREIGN KEY (pact_id, item) REFERENCES market_pact_item(pact_id, number),
    CHECK ((outcome = '暂停') = (suspend_days > 0))
) STRICT;
CREATE INDEX market_violation_vendor ON market_violation (vendor_id, day);

-- A suspension: from the first market day on or after from_day, for market_days held days.
CREATE TABLE market_suspension (
    id           INTEGER PRIMARY KEY,
    vendor_id    INTEGER NOT NULL REFERENCES market_vendor(id),
    from_day     TEXT NOT NULL,
    market_days  INTEGER NOT NULL CHECK (market_days >= 1),
    source       TEXT NOT NULL CHECK (source IN ('缺席', '违约')),
    reason       TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX market_suspension_vendor ON market_suspension (vendor_id);
