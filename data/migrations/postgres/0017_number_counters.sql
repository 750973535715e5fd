-- PostgreSQL twin of ../0017_number_counters.sql.
-- Number counters (DESIGN.md §7): for each series — a numbered table and a prefix, such as
-- work_order / GF-2026- — the highest number issued so far. nextNumber raises it inside the writing
-- transaction, so a number is never issued twice: not by two desks at once, and not after an older
-- backup is restored (a restore carries the replaced database's counters forward). Seeded here from
-- the numbers already issued: prefix is the number without its trailing digits (every Linli prefix
-- ends in '-'); tails longer than 12 digits are no number Linli issued and are left out.
CREATE TABLE number_counter (
    series  TEXT COLLATE "C" NOT NULL,                   -- volunteer, trainee, work_order, certificate, household, concern
    prefix  TEXT COLLATE "C" NOT NULL,                   -- ZY-, XY-, GF-2026-, ZF-2026-, HH-, MQ-2026- …
    issued  BIGINT NOT NULL CHECK (issued >= 0),  -- the highest number issued with that prefix
    PRIMARY KEY (series, prefix)
);
INSERT INTO number_counter (series, prefix, issued)
SELECT 'volunteer', rtrim(number, '0123456789'), max(CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS BIGINT))
  FROM volunteer WHERE rtrim(number, '0123456789') LIKE '%-' AND length(number) - length(rtrim(number, '0123456789')) BETWEEN 1 AND 12
  GROUP BY rtrim(number, '0123456789')
UNION ALL
SELECT 'trainee', rtrim(number, '0123456789'), max(CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS BIGINT))
  FROM trainee WHERE rtrim(number, '0123456789') LIKE '%-' AND length(number) - length(rtrim(number, '0123456789')) BETWEEN 1 AND 12
  GROUP BY rtrim(number, '0123456789')
UNION ALL
SELECT 'work_order', rtrim(number, '0123456789'), max(CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS BIGINT))
  FROM work_order WHERE rtrim(number, '0123456789') LIKE '%-' AND length(number) - length(rtrim(number, '0123456789')) BETWEEN 1 AND 12
  GROUP BY rtrim(number, '0123456789')
UNION ALL
SELECT 'certificate', rtrim(number, '0123456789'), max(CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS BIGINT))
  FROM certificate WHERE rtrim(number, '0123456789') LIKE '%-' AND length(number) - length(rtrim(number, '0123456789')) BETWEEN 1 AND 12
  GROUP BY rtrim(number, '0123456789')
UNION ALL
SELECT 'household', rtrim(number, '0123456789'), max(CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS BIGINT))
  FROM household WHERE rtrim(number, '0123456789') LIKE '%-' AND length(number) - length(rtrim(number, '0123456789')) BETWEEN 1 AND 12
  GROUP BY rtrim(number, '0123456789')
UNION ALL
SELECT 'concern', rtrim(number, '0123456789'), max(CAST(substr(number, length(rtrim(number, '0123456789')) + 1) AS BIGINT))
  FROM concern WHERE rtrim(number, '0123456789') LIKE '%-' AND length(number) - length(rtrim(number, '0123456789')) BETWEEN 1 AND 12
  GROUP BY rtrim(number, '0123456789');
