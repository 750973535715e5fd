-- 民情议事: residents' concerns (民情) from the tea table to resolution, their state history,
-- the 「三杯茶」 tea meetings (agenda, attendance, decisions, minutes) and the 回访 follow-ups.
CREATE TABLE concern_category (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
) STRICT;
INSERT INTO concern_category (name, sort, created_at) VALUES
    ('环境卫生', 1, ''), ('噪音', 2, ''), ('设施维修', 3, ''), ('交通停车', 4, ''),
    ('邻里纠纷', 5, ''), ('安全隐患', 6, ''), ('服务需求', 7, ''), ('其他', 8, '');

CREATE TABLE concern (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,                 -- MQ-2026-0001
    text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    community_id   INTEGER NOT NULL REFERENCES community(id),
    grid_id        INTEGER REFERENCES grid(id),
    place          TEXT NOT NULL DEFAULT '',             -- place or building
    category       TEXT NOT NULL REFERENCES concern_category(name),
    reporter_kind  TEXT NOT NULL CHECK (reporter_kind IN ('居民', '署名', '匿名')),
    person_id      INTEGER REFERENCES person(id),
    reporter_name  TEXT NOT NULL DEFAULT '',             -- free-text name (shop owner, passer-by)
    channel        TEXT NOT NULL CHECK (channel IN ('茶室', '电话', '上门', '网格员走访')),
    raised_on      TEXT NOT NULL,                        -- YYYY-MM-DD
    recorder       TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('登记', '核实', '待议', '已议定', '办理中', '已办结', '不予办理', '转办', '重复')),
    reason         TEXT NOT NULL DEFAULT '',             -- 不予办理
    referred_to    TEXT NOT NULL DEFAULT '',             -- 转办: department
    referral_ref   TEXT NOT NULL DEFAULT '',             -- 转办: its reference
    duplicate_of   INTEGER REFERENCES concern(id),       -- 重复
    owner_user_id  INTEGER REFERENCES app_user(id),
    owner_unit     TEXT NOT NULL DEFAULT '',             -- 物业, 城管 …
    promised_on    TEXT NOT NULL DEFAULT '',             -- YYYY-MM-DD or ''
    resolved_on    TEXT NOT NULL DEFAULT '',             -- when it became 已办结
    resolution     TEXT NOT NULL DEFAULT '',             -- what was done
    link_kind      TEXT NOT NULL DEFAULT '',             -- 儿童项目, 上门服务, 其他
    link_id        INTEGER NOT NULL DEFAULT 0,
    link_label     TEXT NOT NULL DEFAULT '',
    reopened       INTEGER NOT NULL DEFAULT 0 CHECK (reopened >= 0),
    followed_up    INTEGER NOT NULL DEFAULT 0 CHECK (followed_up IN (0, 1)),  -- 回访 done since 已办结
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((reporter_kind = '居民') = (person_id IS NOT NULL)),
    CHECK ((state = '重复') = (duplicate_of IS NOT NULL)),
    CHECK (duplicate_of IS NULL OR duplicate_of <> id)
) STRICT;
CREATE INDEX concern_by_state ON concern (state, raised_on);
CREATE INDEX concern_raised ON concern (raised_on);
CREATE INDEX concern_community ON concern (community_id, state);
CREATE INDEX concern_duplicate ON concern (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Every change of state, who and when: the ledger prints it.
CREATE TABLE concern_state (
    id          INTEGER PRIMARY KEY,
    concern_id  INTEGER NOT NULL REFERENCES concern(id),
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    at          TEXT NOT NULL,
    username    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX concern_state_concern ON concern_state (concern_id, id);

CREATE TABLE tea_meeting (
    id            INTEGER PRIMARY KEY,
    day           TEXT NOT NULL,
    place         TEXT NOT NULL,
    host          TEXT NOT NULL,
    topic         TEXT NOT NULL,
    minutes       TEXT NOT NULL DEFAULT '',
    finalized_at  TEXT NOT NULL DEFAULT '',              -- '' while a draft; then locked
    finalized_by  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX tea_meeting_day ON tea_meeting (day);

CREATE TABLE tea_meeting_item (
    meeting_id     INTEGER NOT NULL REFERENCES tea_meeting(id),
    concern_id     INTEGER NOT NULL REFERENCES concern(id),
    position       INTEGER NOT NULL,
    decision       TEXT NOT NULL DEFAULT '',
    owner_user_id  INTEGER REFERENCES app_user(id),
    owner_unit     TEXT NOT NULL DEFAULT '',
    due_on         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, concern_id)
) STRICT;
CREATE INDEX tea_meeting_item_concern ON tea_meeting_item (concern_id);

CREATE TABLE tea_meeting_attendee (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES tea_meeting(id),
    kind        TEXT NOT NULL CHECK (kind IN ('居民', '工作人员', '来宾')),
    person_id   INTEGER REFERENCES person(id),
    user_id     INTEGER REFERENCES app_user(id),
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX tea_meeting_attendee_meeting ON tea_meeting_attendee (meeting_id);

-- A correction to finalized minutes: a new note, never an edit.
CREATE TABLE tea_meeting_note (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES tea_meeting(id),
    text        TEXT NOT NULL,
    at          TEXT NOT NULL,
    username    TEXT NOT NULL
) STRICT;

CREATE TABLE concern_followup (
    id            INTEGER PRIMARY KEY,
    concern_id    INTEGER NOT NULL REFERENCES concern(id),
    day           TEXT NOT NULL,
    satisfaction  TEXT NOT NULL CHECK (satisfaction IN ('满意', '基本满意', '不满意')),
    remark        TEXT NOT NULL DEFAULT '',
    username      TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;
CREATE INDEX concern_followup_concern ON concern_followup (concern_id);
