-- A restore carries over the audit entries the replaced database wrote after the backup: each
-- keeps where it stood in that database (its id, previous hash and hash there), so its original
-- hash stays verifiable. 0 / '' for an entry written here.
ALTER TABLE audit ADD COLUMN orig_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN orig_prev_hash TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN orig_hash TEXT COLLATE "C" NOT NULL DEFAULT '';
