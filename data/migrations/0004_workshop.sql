-- The 共富工坊 lantern workshop: trainees, training, products, orders, production, payments and
-- their frozen income splits, payouts; and the certificate register shared by every programme.
CREATE TABLE trainee (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL UNIQUE REFERENCES person(id),
    number               TEXT NOT NULL UNIQUE,                 -- XY-001: the split's tie-break
    nickname             TEXT NOT NULL DEFAULT '',
    disability_category  TEXT NOT NULL DEFAULT '' CHECK (disability_category IN ('', '视力', '听力', '言语', '肢体', '智力', '精神', '多重')),
    disability_level     TEXT NOT NULL DEFAULT '' CHECK (disability_level IN ('', '一级', '二级', '三级', '四级')),
    skill_level          TEXT NOT NULL DEFAULT '学徒' CHECK (skill_level IN ('学徒', '熟练', '骨干')),
    joined               TEXT NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    notes                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE training_session (
    id       INTEGER PRIMARY KEY,
    day      TEXT NOT NULL,
    topic    TEXT NOT NULL,
    minutes  INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 720),
    teacher  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE training_attendance (
    session_id  INTEGER NOT NULL REFERENCES training_session(id),
    trainee_id  INTEGER NOT NULL REFERENCES trainee(id),
    PRIMARY KEY (session_id, trainee_id)
) STRICT;

CREATE TABLE product (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    spec            TEXT NOT NULL DEFAULT '',
    unit_price_fen  INTEGER NOT NULL CHECK (unit_price_fen > 0),
    material_fen    INTEGER NOT NULL CHECK (material_fen >= 0 AND material_fen <= unit_price_fen),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE work_order (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,                      -- GF-2026-0001
    customer_name   TEXT NOT NULL,
    customer_org    TEXT NOT NULL DEFAULT '',
    customer_phone  TEXT NOT NULL DEFAULT '',
    due             TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('询价', '已接单', '制作中', '已交付', '已结清', '已取消')),
    split_rule      TEXT NOT NULL CHECK (split_rule IN ('按件', '按工时', '平均')),
    retention_bp    INTEGER NOT NULL CHECK (retention_bp BETWEEN 0 AND 10000),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE order_line (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES work_order(id),
    product_id      INTEGER NOT NULL REFERENCES product(id),
    quantity        INTEGER NOT NULL CHECK (quantity > 0 AND quantity <= 100000),
    unit_price_fen  INTEGER NOT NULL CHECK (unit_price_fen > 0),
    material_fen    INTEGER NOT NULL CHECK (material_fen >= 0 AND material_fen <= unit_price_fen)  -- per piece, frozen
) STRICT;
CREATE INDEX order_line_order ON order_line (order_id);

CREATE TABLE production (
    id             INTEGER PRIMARY KEY,
    order_line_id  INTEGER NOT NULL REFERENCES order_line(id),
    trainee_id     INTEGER NOT NULL REFERENCES trainee(id),
    day            TEXT NOT NULL,
    pieces         INTEGER NOT NULL CHECK (pieces >= 0),
    minutes        INTEGER NOT NULL CHECK (minutes >= 0),
    username       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    CHECK (pieces > 0 OR minutes > 0)
) STRICT;
CREATE INDEX production_line ON production (order_line_id);

-- A payment received; a refund or correction is a negative payment that reverses one.
CREATE TABLE payment (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES work_order(id),
    day         TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),
    method      TEXT NOT NULL DEFAULT '',
    reverses    INTEGER UNIQUE REFERENCES payment(id),
    note        TEXT NOT NULL DEFAULT '',
    username    TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX payment_order ON payment (order_id);

-- A split is frozen: its rule, inputs and lines never change (triggers below).
CREATE TABLE split (
    id             INTEGER PRIMARY KEY,
    payment_id     INTEGER NOT NULL UNIQUE REFERENCES payment(id),
    rule           TEXT NOT NULL,
    retention_bp   INTEGER NOT NULL,
    materials_fen  INTEGER NOT NULL,
    retention_fen  INTEGER NOT NULL,
    trainees_fen   INTEGER NOT NULL,
    formula        TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE split_line (
    split_id    INTEGER NOT NULL REFERENCES split(id),
    trainee_id  INTEGER NOT NULL REFERENCES trainee(id),
    weight      INTEGER NOT NULL,
    amount_fen  INTEGER NOT NULL,
    PRIMARY KEY (split_id, trainee_id)
) STRICT;
CREATE INDEX split_line_trainee ON split_line (trainee_id);

CREATE TABLE payout (
    id          INTEGER PRIMARY KEY,
    trainee_id  INTEGER NOT NULL REFERENCES trainee(id),
    month       TEXT NOT NULL,          -- YYYY-MM the payout settles
    day         TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    method      TEXT NOT NULL DEFAULT '',
    username    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX payout_trainee ON payout (trainee_id, month);

CREATE TRIGGER split_frozen_u BEFORE UPDATE ON split BEGIN SELECT RAISE(ABORT, '收入分配不能修改，请冲销后重新分配'); END;
CREATE TRIGGER split_frozen_d BEFORE DELETE ON split BEGIN SELECT RAISE(ABORT, '收入分配不能删除，请冲销后重新分配'); END;
CREATE TRIGGER split_line_frozen_u BEFORE UPDATE ON split_line BEGIN SELECT RAISE(ABORT, '收入分配不能修改，请冲销后重新分配'); END;
CREATE TRIGGER split_line_frozen_d BEFORE DELETE ON split_line BEGIN SELECT RAISE(ABORT, '收入分配不能删除，请冲销后重新分配'); END;
CREATE TRIGGER payment_frozen_u BEFORE UPDATE ON payment BEGIN SELECT RAISE(ABORT, '收款记录不能修改，请冲销'); END;
CREATE TRIGGER payment_frozen_d BEFORE DELETE ON payment BEGIN SELECT RAISE(ABORT, '收款记录不能删除，请冲销'); END;

-- The certificate register shared by 志愿服务证明, 结业证书 and 培训证书. Numbers are never
-- reused; a certificate is revoked with a reason, never deleted.
CREATE TABLE certificate (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,       -- e.g. PX-2026-0001
    kind           TEXT NOT NULL CHECK (kind IN ('志愿服务证明', '结业证书', '培训证书')),
    person_id      INTEGER NOT NULL REFERENCES person(id),
    period_from    TEXT NOT NULL,
    period_to      TEXT NOT NULL,
    minutes        INTEGER NOT NULL DEFAULT 0,
    content        TEXT NOT NULL DEFAULT '',
    verify_code    TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    revoked_at     TEXT,
    revoke_reason  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate BEGIN SELECT RAISE(ABORT, '证书不能删除，只能注销'); END;
