-- 爱心岗位 corrections. A timesheet row is never edited in place: it is corrected by a 冲销 row
-- (the opposite minutes, the reason, pointing at the row it reverses) and, where the day was
-- worked after all, a new row. Overlapping days are refused by the store (a reversed row and its
-- replacement share their day and start, so the old unique key goes). Applicants reviewed after
-- the season's matching join the waiting lists (late), behind the matching's, in application order.
CREATE TABLE post_timesheet_next (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES post_application(id),
    day             TEXT NOT NULL,
    start_time      TEXT NOT NULL,
    end_time        TEXT NOT NULL,
    minutes         INTEGER NOT NULL,
    signed_by       TEXT NOT NULL,                        -- the supervisor's name
    created_at      TEXT NOT NULL,
    reverses        INTEGER UNIQUE REFERENCES post_timesheet_next(id),
    reason          TEXT NOT NULL DEFAULT '',             -- why a 冲销 was made
    CHECK ((reverses IS NULL) = (minutes > 0)),
    CHECK (reverses IS NULL OR reason <> '')
) STRICT;
INSERT INTO post_timesheet_next (id, application_id, day, start_time, end_time, minutes, signed_by, created_at)
    SELECT id, application_id, day, start_time, end_time, minutes, signed_by, created_at FROM post_timesheet;
DROP TABLE post_timesheet;
ALTER TABLE post_timesheet_next RENAME TO post_timesheet;
CREATE INDEX post_timesheet_day ON post_timesheet (day);
CREATE INDEX post_timesheet_application ON post_timesheet (application_id, day);

ALTER TABLE post_waitlist ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
