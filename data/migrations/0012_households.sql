-- Households (户, 一户一档): an address down to the room, members with their relation to the head
-- (户主), moves in and out kept as history, and the household's own attributes (低保户, 低边户,
-- 困难家庭, 特困供养, 残疾人家庭) from a day and until an optional day.
CREATE TABLE household (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 30),  -- 户号: the office's, or HH-00001
    community_id  INTEGER NOT NULL REFERENCES community(id),
    grid_id       INTEGER REFERENCES grid(id),
    address       TEXT NOT NULL DEFAULT '',     -- 小区、街路和门牌
    building      TEXT NOT NULL DEFAULT '',     -- 幢
    unit          TEXT NOT NULL DEFAULT '',     -- 单元
    room          TEXT NOT NULL DEFAULT '',     -- 室
    notes         TEXT NOT NULL DEFAULT '',
    batch_id      INTEGER REFERENCES import_batch(id),   -- the import that made it (undo removes it)
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX household_community ON household (community_id, grid_id);

-- A membership: from the day someone moved in until the day they moved out (to_day: the first day
-- they no longer live there; NULL while they do). History is kept, never overwritten.
CREATE TABLE household_member (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES household(id),
    person_id     INTEGER NOT NULL REFERENCES person(id),
    relation      TEXT NOT NULL CHECK (relation IN ('户主', '配偶', '子女', '父母', '孙子女', '其他')),
    from_day      TEXT NOT NULL CHECK (from_day GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    to_day        TEXT CHECK (to_day IS NULL OR to_day > from_day),
    batch_id      INTEGER REFERENCES import_batch(id),
    created_at    TEXT NOT NULL
) STRICT;
-- A person is in at most one household at a time, and a household has at most one current head.
CREATE UNIQUE INDEX household_member_current ON household_member (person_id) WHERE to_day IS NULL;
CREATE UNIQUE INDEX household_member_head ON household_member (household_id) WHERE to_day IS NULL AND relation = '户主';
CREATE INDEX household_member_household ON household_member (household_id, from_day);
CREATE INDEX household_member_person ON household_member (person_id, from_day);

-- A household attribute holds from from_day to to_day, both inclusive (NULL: still holds).
CREATE TABLE household_attribute (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES household(id),
    kind          TEXT NOT NULL CHECK (kind IN ('低保户', '低边户', '困难家庭', '特困供养', '残疾人家庭')),
    from_day      TEXT NOT NULL CHECK (from_day GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    to_day        TEXT CHECK (to_day IS NULL OR to_day >= from_day),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX household_attribute_household ON household_attribute (household_id, kind, from_day);

-- The one-page file reads every programme by person: these make it one index look-up each.
CREATE INDEX delivery_recipient ON delivery (recipient_id);
CREATE INDEX service_request_recipient ON service_request (recipient_id, requested_at);
CREATE INDEX certificate_person ON certificate (person_id);
CREATE INDEX enrollment_child ON enrollment (child_id);
CREATE INDEX enrollment_guardian ON enrollment (guardian_id);
CREATE INDEX attendance_child ON attendance (child_id);
CREATE INDEX care_visit_child ON care_visit (child_id, day);
CREATE INDEX service_request_volunteer ON service_request (volunteer_id);
