-- 爱心岗位 corrections. A timesheet row is never edited in place: it is corrected by a 冲销 row
-- (the opposite minutes, the reason, pointing at the row it reverses) and, where the day was
-- worked after all, a new row. Overlapping days are refused by the store (a reversed row and its
-- replacement share their day and start, so the old unique key goes). Applicants reviewed after
-- the season's matching join the waiting lists (late), behind the matching's, in application order.
ALTER TABLE post_timesheet ADD COLUMN reverses BIGINT UNIQUE REFERENCES post_timesheet(id);
ALTER TABLE post_timesheet ADD COLUMN reason TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE post_timesheet DROP CONSTRAINT post_timesheet_minutes_check;
ALTER TABLE post_timesheet DROP CONSTRAINT post_timesheet_application_id_day_start_time_key;
ALTER TABLE post_timesheet ADD CONSTRAINT post_timesheet_minutes_check CHECK ((reverses IS NULL) = (minutes > 0));
ALTER TABLE post_timesheet ADD CONSTRAINT post_timesheet_reason_check CHECK (reverses IS NULL OR reason <> '');
CREATE INDEX post_timesheet_application ON post_timesheet (application_id, day);

ALTER TABLE post_waitlist ADD COLUMN late BIGINT NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
