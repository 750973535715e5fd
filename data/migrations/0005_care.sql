-- 助老服务: care recipients, 结对 pairings, the monthly 一碗汤 rounds and their deliveries, and
-- home-service requests (点单 → 派单 → 完成 → 回访).
CREATE TABLE care_recipient (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL UNIQUE REFERENCES person(id),
    living             TEXT NOT NULL CHECK (living IN ('独居', '空巢', '高龄', '其他')),
    services           TEXT NOT NULL DEFAULT '',     -- '、'-joined service types wanted
    soup               INTEGER NOT NULL DEFAULT 1 CHECK (soup IN (0, 1)),
    health_notes       TEXT NOT NULL DEFAULT '',     -- restricted: only roles that may reveal see it
    start_day          TEXT NOT NULL,
    end_day            TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE pairing (
    id            INTEGER PRIMARY KEY,
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id),
    recipient_id  INTEGER NOT NULL REFERENCES care_recipient(id),
    from_day      TEXT NOT NULL,
    to_day        TEXT,                                -- NULL while active; history is kept
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    CHECK (to_day IS NULL OR to_day >= from_day)
) STRICT;
CREATE INDEX pairing_recipient ON pairing (recipient_id);
CREATE INDEX pairing_volunteer ON pairing (volunteer_id);

CREATE TABLE soup_round (
    id           INTEGER PRIMARY KEY,
    month        TEXT NOT NULL UNIQUE,                 -- YYYY-MM: one round a month
    day          TEXT NOT NULL,
    solar_term   TEXT NOT NULL DEFAULT '',
    soup         TEXT NOT NULL,
    menu         TEXT NOT NULL DEFAULT '',
    cost_fen     INTEGER NOT NULL DEFAULT 0 CHECK (cost_fen >= 0),
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE soup_cook (
    round_id      INTEGER NOT NULL REFERENCES soup_round(id),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id),
    PRIMARY KEY (round_id, volunteer_id)
) STRICT;

CREATE TABLE delivery (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES soup_round(id),
    recipient_id  INTEGER NOT NULL REFERENCES care_recipient(id),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id),
    left_at       TEXT NOT NULL DEFAULT '',            -- 出发, RFC 3339
    arrived_at    TEXT NOT NULL DEFAULT '',            -- 送达 or the visit's end
    outcome       TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', '送达', '不在家', '拒收', '其他')),
    note          TEXT NOT NULL DEFAULT '',
    recorder      TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, recipient_id)
) STRICT;

CREATE TABLE service_request (
    id             INTEGER PRIMARY KEY,
    recipient_id   INTEGER NOT NULL REFERENCES care_recipient(id),
    type           TEXT NOT NULL CHECK (type IN ('买菜', '配药', '做饭', '陪聊', '就医陪护', '其他')),
    channel        TEXT NOT NULL CHECK (channel IN ('电话', '上门', '网格员', '茶室议事')),
    detail         TEXT NOT NULL DEFAULT '',
    requested_at   TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    volunteer_id   INTEGER REFERENCES volunteer(id),
    dispatched_at  TEXT NOT NULL DEFAULT '',
    done_at        TEXT NOT NULL DEFAULT '',
    minutes        INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    result         TEXT NOT NULL DEFAULT '',
    followup_at    TEXT NOT NULL DEFAULT '',
    satisfaction   TEXT NOT NULL DEFAULT '' CHECK (satisfaction IN ('', '满意', '基本满意', '不满意')),
    followup_note  TEXT NOT NULL DEFAULT '',
    recorder       TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX service_request_due ON service_request (done_at, due_at);
