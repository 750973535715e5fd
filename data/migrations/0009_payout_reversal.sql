-- Money that can be corrected. A payout is reversed by a negative payout that names it (a bounced
-- transfer, a mistaken payout), never edited or deleted. When a reversal (or a later split)
-- takes back money a trainee was already paid, what they now owe back (应退) is recorded; it is
-- netted against their later earnings.
ALTER TABLE payout RENAME TO payout_old;
CREATE TABLE payout (
    id          INTEGER PRIMARY KEY,
    trainee_id  INTEGER NOT NULL REFERENCES trainee(id),
    month       TEXT NOT NULL,          -- YYYY-MM the payout settles (a reversal: the month it was made)
    day         TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),
    method      TEXT NOT NULL DEFAULT '',
    reverses    INTEGER UNIQUE REFERENCES payout(id),
    username    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    CHECK ((reverses IS NULL) = (amount_fen > 0))
) STRICT;
INSERT INTO payout (id, trainee_id, month, day, amount_fen, method, username, note, created_at)
    SELECT id, trainee_id, month, day, amount_fen, method, username, note, created_at FROM payout_old;
DROP TABLE payout_old;
CREATE INDEX payout_trainee ON payout (trainee_id, month);
CREATE TRIGGER payout_frozen_u BEFORE UPDATE ON payout BEGIN SELECT RAISE(ABORT, '发放记录不能修改，请冲销'); END;
CREATE TRIGGER payout_frozen_d BEFORE DELETE ON payout BEGIN SELECT RAISE(ABORT, '发放记录不能删除，请冲销'); END;

-- 应退: what a trainee owed back when a payment's split took back money already paid out to them.
CREATE TABLE clawback (
    id          INTEGER PRIMARY KEY,
    trainee_id  INTEGER NOT NULL REFERENCES trainee(id),
    payment_id  INTEGER NOT NULL REFERENCES payment(id),  -- the reversal (or split) that took it back
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    created_at  TEXT NOT NULL,
    UNIQUE (payment_id, trainee_id)
) STRICT;
CREATE INDEX clawback_trainee ON clawback (trainee_id);
CREATE TRIGGER clawback_frozen_u BEFORE UPDATE ON clawback BEGIN SELECT RAISE(ABORT, '应退记录不能修改'); END;
CREATE TRIGGER clawback_frozen_d BEFORE DELETE ON clawback BEGIN SELECT RAISE(ABORT, '应退记录不能删除'); END;
