package reports

import (
	"fmt"
	"io"
	"strconv"

	"linli/data"
)

// ServiceRecordColumns are the items of the service-time export, in the order of the national
// volunteer information system's import sheet as far as it is known (see data.ServiceRecord:
// to be checked against MZ/T 061 as published), followed by the columns that trace each row
// to the office's own record.
var ServiceRecordColumns = []XCol{
	{Header: "序号", Width: 6}, {Header: "志愿者姓名", Width: 10}, {Header: "证件类型", Width: 10},
	{Header: "证件号码", Width: 21, Text: true}, {Header: "志愿者统一编号", Width: 18, Text: true},
	{Header: "志愿者编号（本单位）", Width: 12, Text: true}, {Header: "服务项目名称", Width: 16},
	{Header: "服务内容", Width: 24}, {Header: "服务地点", Width: 12}, {Header: "服务开始时间", Width: 17, Text: true},
	{Header: "服务结束时间", Width: 17, Text: true}, {Header: "服务时长（小时）", Width: 10},
	{Header: "服务时长（分钟）", Width: 10}, {Header: "记录人", Width: 10}, {Header: "记录单位", Width: 18},
	{Header: "记录日期", Width: 11, Text: true}, {Header: "记录来源", Width: 12}, {Header: "来源编号", Width: 9},
	{Header: "时长记录编号", Width: 10}, {Header: "备注", Width: 40},
}

// HoursExact renders minutes as hours to two decimals, rounded half up in integers (7 → "0.12").
func HoursExact(minutes int) string {
	h := (minutes*100 + 30) / 60
	return fmt.Sprintf("%d.%02d", h/100, h%100)
}

// ServiceRecordsXLSX writes one row per service record: unmasked, for the authority.
func ServiceRecordsXLSX(w io.Writer, office string, rs []data.ServiceRecord) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		hours, err := strconv.ParseFloat(HoursExact(r.Minutes), 64)
		if err != nil {
			return err
		}
		rows[i] = []any{i + 1, r.Name, r.IDType, r.IDNumber, r.UnifiedNumber, r.Number, r.Project, r.Content, r.Place,
			r.Start, r.End, hours, r.Minutes, r.Recorder, office, r.RecordedAt, r.Source, r.SourceID, r.ID, r.Note}
	}
	return WriteXLSX(w, "志愿服务记录", ServiceRecordColumns, rows)
}
