-- 按产值: an order's trainees may share by output value (pieces weighted by the line's price)
-- beside 按件, 按工时 and 平均.
ALTER TABLE work_order DROP CONSTRAINT IF EXISTS work_order_split_rule_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_split_rule_check
    CHECK (split_rule IN ('按件', '按工时', '平均', '按产值'));
