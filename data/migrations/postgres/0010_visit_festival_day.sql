-- A 「社会妈妈」 visit belongs to one occurrence of its festival (a 春节 visit in late November is
-- for the coming 春节), recorded as that occurrence's date. Older visits have '' and are placed by
-- the store (data.FestivalOccurrence) when read.
ALTER TABLE care_visit ADD COLUMN festival_day TEXT COLLATE "C" NOT NULL DEFAULT '';
