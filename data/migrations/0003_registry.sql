-- The people registry: emergency contacts, guardians, volunteers, and import batches that can be undone.
CREATE TABLE import_batch (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('居民', '志愿者')),
    file_name  TEXT NOT NULL,
    at         TEXT NOT NULL,
    username   TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT
) STRICT;

-- What each batch did to each row, so that it can be undone: 'add', or 'update' with the row before.
CREATE TABLE import_change (
    batch_id   INTEGER NOT NULL REFERENCES import_batch(id),
    person_id  INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('add', 'update', 'add_volunteer')),
    before     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, person_id, action)
) STRICT;

ALTER TABLE person ADD COLUMN emergency_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN emergency_phone TEXT NOT NULL DEFAULT '';

CREATE TABLE guardian (
    child_id     INTEGER NOT NULL REFERENCES person(id),
    guardian_id  INTEGER NOT NULL REFERENCES person(id),
    relation     TEXT NOT NULL CHECK (relation IN ('父亲', '母亲', '祖父母', '其他监护人')),
    PRIMARY KEY (child_id, guardian_id),
    CHECK (child_id <> guardian_id)
) STRICT;
CREATE INDEX guardian_guardian ON guardian (guardian_id);

CREATE TABLE volunteer (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL UNIQUE REFERENCES person(id),
    number      TEXT NOT NULL UNIQUE,           -- ZY-0001
    kinds       TEXT NOT NULL DEFAULT '',       -- '、'-joined copy of volunteer_kind
    skills      TEXT NOT NULL DEFAULT '',
    weekdays    INTEGER NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127), -- bit 0 = 星期一 … bit 6 = 星期日
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    joined      TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE volunteer_kind (
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    PRIMARY KEY (volunteer_id, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX volunteer_kind_kind ON volunteer_kind (kind, volunteer_id);

-- Volunteer service minutes, each traced to its source record (a delivery, a service, a session, a
-- visit). Later programmes write here; a correction is a reversing row, never an edit.
CREATE TABLE volunteer_minutes (
    id            INTEGER PRIMARY KEY,
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id),
    day           TEXT NOT NULL,
    minutes       INTEGER NOT NULL,
    source        TEXT NOT NULL,        -- e.g. 一碗汤配送, 上门服务, 儿童课程, 社会妈妈走访
    source_id     INTEGER NOT NULL,
    reverses      INTEGER REFERENCES volunteer_minutes(id),
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX volunteer_minutes_volunteer ON volunteer_minutes (volunteer_id, day);
CREATE INDEX volunteer_minutes_source ON volunteer_minutes (source, source_id);
