-- A volunteer's 志愿者统一编号: the number the national volunteer information system (全国志愿服务信息系统)
-- gives a registered volunteer, where the office knows it ('' when not); reported with the service
-- records. Unique when known.
ALTER TABLE volunteer ADD COLUMN unified_number TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX volunteer_unified_number ON volunteer (unified_number) WHERE unified_number <> '';
