-- 爱心岗位: 爱心商铺 and the seasonal posts they offer, students' applications with up to three
-- ranked choices, the recorded matching runs (with their lottery seed), the waiting lists,
-- timesheets and evaluations; the certificate register learns 社会实践证明 and 爱心商铺证书.
CREATE TABLE shop (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    address            TEXT NOT NULL,
    phone              TEXT NOT NULL DEFAULT '',
    contact_person_id  INTEGER REFERENCES person(id),
    contact_name       TEXT NOT NULL DEFAULT '',
    credit_code        TEXT NOT NULL DEFAULT '',          -- 统一社会信用代码, checked by the store
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (contact_person_id IS NOT NULL OR contact_name <> '')
) STRICT;

-- The register gains two kinds; an 爱心商铺证书 names a shop instead of a person.
CREATE TABLE certificate_next (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('志愿服务证明', '结业证书', '培训证书', '社会实践证明', '爱心商铺证书')),
    person_id      INTEGER REFERENCES person(id),
    period_from    TEXT NOT NULL,
    period_to      TEXT NOT NULL,
    minutes        INTEGER NOT NULL DEFAULT 0,
    content        TEXT NOT NULL DEFAULT '',
    verify_code    TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    revoked_at     TEXT,
    revoke_reason  TEXT NOT NULL DEFAULT '',
    shop_id        INTEGER REFERENCES shop(id),
    CHECK ((person_id IS NULL) <> (shop_id IS NULL))
) STRICT;
INSERT INTO certificate_next (id, number, kind, person_id, period_from, period_to, minutes, content, verify_code, issued_by,
    issued_at, revoked_at, revoke_reason)
    SELECT id, number, kind, person_id, period_from, period_to, minutes, content, verify_code, issued_by, issued_at, revoked_at,
    revoke_reason FROM certificate;
DROP TABLE certificate;
ALTER TABLE certificate_next RENAME TO certificate;
CREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate BEGIN SELECT RAISE(ABORT, '证书不能删除，只能注销'); END;
CREATE INDEX certificate_person ON certificate (person_id);
CREATE INDEX certificate_shop ON certificate (shop_id);

CREATE TABLE post (
    id            INTEGER PRIMARY KEY,
    shop_id       INTEGER NOT NULL REFERENCES shop(id),
    season        INTEGER NOT NULL,                       -- the summer's year
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('有报酬', '社会实践', '志愿')),
    work          TEXT NOT NULL,
    min_age       INTEGER NOT NULL,
    places        INTEGER NOT NULL CHECK (places > 0),
    from_day      TEXT NOT NULL,
    to_day        TEXT NOT NULL,
    weekdays      INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    day_minutes   INTEGER NOT NULL CHECK (day_minutes > 0),
    start_time    TEXT NOT NULL,                          -- HH:MM
    end_time      TEXT NOT NULL,
    supervisor    TEXT NOT NULL,
    pay_per_hour  INTEGER NOT NULL DEFAULT 0 CHECK (pay_per_hour >= 0),  -- 分
    safety        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (kind <> '有报酬' OR min_age >= 16),
    CHECK ((kind = '有报酬') = (pay_per_hour > 0))
) STRICT;
CREATE INDEX post_season ON post (season, shop_id);

CREATE TABLE post_application (
    id                INTEGER PRIMARY KEY,
    season            INTEGER NOT NULL,
    person_id         INTEGER NOT NULL REFERENCES person(id),
    school            TEXT NOT NULL,
    grade             TEXT NOT NULL,
    guardian_id       INTEGER REFERENCES person(id),
    consent_day       TEXT NOT NULL DEFAULT '',
    consent_by        TEXT NOT NULL DEFAULT '',
    consent_how       TEXT NOT NULL DEFAULT '',
    guardian_present  INTEGER NOT NULL DEFAULT 0 CHECK (guardian_present IN (0, 1)),
    state             TEXT NOT NULL CHECK (state IN ('报名', '已审核', '已录用', '在岗', '已完成', '未录用', '中止')),
    reason            TEXT NOT NULL DEFAULT '',           -- 未录用: why; 中止: the reason given
    post_id           INTEGER REFERENCES post(id),        -- the post placed in
    placed_rank       INTEGER NOT NULL DEFAULT 0,         -- which choice it was (0: none)
    hardship          TEXT NOT NULL DEFAULT '',           -- why first at matching: 低保户, 困境儿童 …
    eval_grade        TEXT NOT NULL DEFAULT '',
    eval_remark       TEXT NOT NULL DEFAULT '',
    certificate_id    INTEGER REFERENCES certificate(id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (season, person_id),
    CHECK ((state IN ('已录用', '在岗', '已完成')) = (post_id IS NOT NULL) OR state = '中止')
) STRICT;
CREATE INDEX post_application_post ON post_application (post_id, state);

CREATE TABLE post_choice (
    application_id  INTEGER NOT NULL REFERENCES post_application(id),
    rank            INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),
    post_id         INTEGER NOT NULL REFERENCES post(id),
    PRIMARY KEY (application_id, rank),
    UNIQUE (application_id, post_id)
) STRICT;
CREATE INDEX post_choice_post ON post_choice (post_id);

-- Each confirmed matching run: its day and seed, so that anyone can re-run it.
CREATE TABLE post_match (
    id          INTEGER PRIMARY KEY,
    season      INTEGER NOT NULL,
    day         TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    placed      INTEGER NOT NULL,
    unplaced    INTEGER NOT NULL,
    username    TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;

-- The waiting list of a post, in the order the matching ranked the students.
CREATE TABLE post_waitlist (
    post_id         INTEGER NOT NULL REFERENCES post(id),
    application_id  INTEGER NOT NULL REFERENCES post_application(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (post_id, application_id)
) STRICT;

CREATE TABLE post_timesheet (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES post_application(id),
    day             TEXT NOT NULL,
    start_time      TEXT NOT NULL,
    end_time        TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes > 0),
    signed_by       TEXT NOT NULL,                        -- the supervisor's name
    created_at      TEXT NOT NULL,
    UNIQUE (application_id, day, start_time)
) STRICT;
CREATE INDEX post_timesheet_day ON post_timesheet (day);
