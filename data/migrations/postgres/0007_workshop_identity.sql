-- The workshop's identity (共富工坊): its name, host community and the craft it trains, set by the
-- 管理员 in 设置 and printed on the workshop's documents. One row, absent until configured.
CREATE TABLE workshop_identity (
    id            BIGINT PRIMARY KEY CHECK (id = 1),
    name          TEXT COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    community_id  BIGINT REFERENCES community(id),
    craft         TEXT COLLATE "C" NOT NULL DEFAULT ''
);
