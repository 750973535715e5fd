-- Organisation and people: the office that prints documents, its communities and grids, residents.
CREATE TABLE office (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    address    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    seal_text  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE community (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
    sort  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE grid (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES community(id),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    UNIQUE (community_id, name)
) STRICT;

CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    sex           TEXT NOT NULL DEFAULT '' CHECK (sex IN ('男', '女', '')),
    birth_date    TEXT NOT NULL DEFAULT '' CHECK (birth_date = '' OR birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    id_number     TEXT UNIQUE CHECK (id_number IS NULL OR length(id_number) = 18),
    phone         TEXT NOT NULL DEFAULT '',
    community_id  INTEGER NOT NULL REFERENCES community(id),
    grid_id       INTEGER REFERENCES grid(id),
    address       TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',   -- '、'-joined copy of person_tag, for display
    notes         TEXT NOT NULL DEFAULT '',
    search        TEXT NOT NULL DEFAULT '',   -- name, full pinyin and initials, lower case
    erased_at     TEXT,                       -- PIPL Art. 47 erasure: personal fields removed
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX person_community ON person (community_id, grid_id) WHERE erased_at IS NULL;
-- Every suffix of the name (by character), of the full pinyin (by syllable) and of the initials:
-- any substring the search box is given is a prefix of one of them, found through the index.
-- Derived from person and maintained by the store (no foreign key: checking one per key would
-- double the cost of an import); check verifies that no row points at a missing person.
CREATE TABLE person_search (
    key        TEXT NOT NULL,
    person_id  INTEGER NOT NULL,
    PRIMARY KEY (key, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_digits (
    person_id  INTEGER NOT NULL,
    rev        TEXT NOT NULL,              -- an ID number or phone, digits reversed
    PRIMARY KEY (rev, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_tag (
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (person_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_tag_tag ON person_tag (tag, person_id);
