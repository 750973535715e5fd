-- 一老一小 children's programmes: classes, the 儿童观察团 and its roles, 「社会妈妈」 visits and
-- themed activities; sessions generated from a schedule rule, enrolment with guardian consent,
-- waiting lists and attendance.
CREATE TABLE programme (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('课程', '观察团', '关爱走访', '主题活动')),
    community_id    INTEGER NOT NULL REFERENCES community(id),
    place           TEXT NOT NULL DEFAULT '',
    capacity        INTEGER NOT NULL CHECK (capacity > 0),
    age_min         INTEGER NOT NULL DEFAULT 3 CHECK (age_min >= 0),
    age_max         INTEGER NOT NULL DEFAULT 17 CHECK (age_max < 18 AND age_max >= age_min),
    start_day       TEXT NOT NULL,
    end_day         TEXT NOT NULL,
    weekdays        INTEGER NOT NULL CHECK (weekdays BETWEEN 0 AND 127),   -- bit 0 = 星期一
    start_time      TEXT NOT NULL DEFAULT '14:00',
    minutes         INTEGER NOT NULL DEFAULT 90 CHECK (minutes > 0),
    skip_days       TEXT NOT NULL DEFAULT '',                              -- '、'-joined dates
    threshold_pct   INTEGER NOT NULL DEFAULT 80 CHECK (threshold_pct BETWEEN 1 AND 100),
    organiser       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK (end_day >= start_day)
) STRICT;

CREATE TABLE programme_teacher (
    programme_id  INTEGER NOT NULL REFERENCES programme(id),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id),
    PRIMARY KEY (programme_id, volunteer_id)
) STRICT;

CREATE TABLE session (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programme(id),
    day           TEXT NOT NULL,
    start_time    TEXT NOT NULL,
    minutes       INTEGER NOT NULL,
    topic         TEXT NOT NULL DEFAULT '',
    cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    moved_from    TEXT NOT NULL DEFAULT '',
    UNIQUE (programme_id, day)
) STRICT;

CREATE TABLE enrollment (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programme(id),
    child_id      INTEGER NOT NULL REFERENCES person(id),
    guardian_id   INTEGER REFERENCES person(id),
    status        TEXT NOT NULL CHECK (status IN ('在读', '候补', '退出', '结业')),
    consent_day   TEXT NOT NULL DEFAULT '',       -- PIPL Art. 31: the guardian's consent for a child under 14
    consent_by    TEXT NOT NULL DEFAULT '',
    consent_how   TEXT NOT NULL DEFAULT '',
    enrolled_at   TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (programme_id, child_id)
) STRICT;

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES session(id),
    child_id    INTEGER NOT NULL REFERENCES person(id),
    mark        TEXT NOT NULL CHECK (mark IN ('出勤', '缺勤', '请假')),
    PRIMARY KEY (session_id, child_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE corps_role (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programme(id),
    child_id      INTEGER NOT NULL REFERENCES person(id),
    role          TEXT NOT NULL,
    from_day      TEXT NOT NULL,
    to_day        TEXT NOT NULL,
    CHECK (to_day >= from_day)
) STRICT;

CREATE TABLE care_visit (
    id          INTEGER PRIMARY KEY,
    child_id    INTEGER NOT NULL REFERENCES person(id),
    day         TEXT NOT NULL,
    festival    TEXT NOT NULL DEFAULT '',
    gifts       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    recorder    TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE care_visit_volunteer (
    visit_id      INTEGER NOT NULL REFERENCES care_visit(id),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteer(id),
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    PRIMARY KEY (visit_id, volunteer_id)
) STRICT;
