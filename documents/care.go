package documents

import (
	"context"
	"fmt"
	"io"
	"strings"

	"linli/data"
	"linli/reports"
)

// SoupRoster is the month's 「老宝贝一碗汤」配送单.
var SoupRoster = Doc{Verb: Print, Name: "roster", Title: "一碗汤配送单", Perm: data.PermView, Personal: true,
	Params: []Param{monthParam}, file: monthFile("一碗汤配送单"), render: printRoster,
	ready: func(ctx context.Context, s *data.Store, v Values) error {
		_, err := s.RoundByMonth(ctx, v["month"])
		return err
	}}

func printRoster(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	r, err := s.RoundByMonth(ctx, v["month"])
	if err != nil {
		return err
	}
	ds, err := s.Deliveries(ctx, r.ID)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "一碗汤配送单", r.ID, fmt.Sprintf("打印 %s 配送单（%d 户）", r.Month, len(ds))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "「老宝贝一碗汤」配送单")
	if err != nil {
		return err
	}
	return reports.SoupRoster(w, m, r, ds, int(s.SoupStandard(ctx).Minutes()))
}

// CareLedger is the month's 助老服务台账.
// It lists elders by name with their 网格 and the outcome of each visit: personal data under the
// catalogue's rule (Personal), so 只读 views it on screen and does not print it in bulk.
var CareLedger = Doc{Verb: Print, Name: "care-ledger", Title: "助老服务台账", Perm: data.PermView, Personal: true,
	Params: []Param{monthParam}, file: monthFile("助老服务台账"), render: printCareLedger}

func printCareLedger(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	rows, err := s.CareLedger(ctx, v["month"])
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "助老服务台账", 0, fmt.Sprintf("打印助老服务台账 %s（%d 行）", v["month"], len(rows))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "助老服务台账")
	if err != nil {
		return err
	}
	m.Subtitle = v["month"]
	return reports.CareLedger(w, m, rows)
}

// VolunteerCerts issues and prints 志愿服务证明 for one volunteer (name or number) or everyone with
// hours in the period. Each page states the service time, the content and the recording
// organisation (《志愿服务记录与证明出具办法（试行）》第十五条).
var VolunteerCerts = Doc{Verb: Print, Name: "volunteer-cert", Title: "志愿服务证明", Perm: data.PermCareWrite,
	Params: []Param{
		{Name: "volunteer", Label: "志愿者", Hint: "姓名或编号"},
		{Name: "all", Label: "全部有时长的志愿者", Kind: Flag},
		{Name: "from", Label: "起始日期", Kind: Date, Required: true},
		{Name: "to", Label: "截止日期", Kind: Date, Required: true},
	},
	check: func(v Values) error {
		if (v["volunteer"] != "") == v.On("all") {
			return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "志愿者", Message: "请填写一位志愿者（姓名或编号），或选择“全部有时长的志愿者”，二者选一"}}}
		}
		return checkPeriod("from", "to")(v)
	},
	file: func(v Values) string {
		if v["volunteer"] != "" {
			return "志愿服务证明-" + v["volunteer"]
		}
		return "志愿服务证明"
	},
	render: printVolunteerCerts}

func printVolunteerCerts(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	var vid int64
	if v["volunteer"] != "" {
		id, err := s.VolunteerIDByKey(ctx, v["volunteer"])
		if err != nil {
			return err
		}
		vid = id
	}
	from, to := v["from"], v["to"]
	totals, err := s.VolunteerTotals(ctx, vid, from, to)
	if err != nil {
		return err
	}
	if len(totals) == 0 {
		return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("%s 至 %s 没有志愿服务时长记录", from, to)}
	}
	progress := progressFrom(ctx)
	if progress != nil && !progress(0, len(totals)) {
		return &data.Error{Code: data.CodeConflict, Message: "已取消"}
	}
	var certs []data.Certificate
	for _, t := range totals {
		certs = append(certs, data.Certificate{Kind: data.CertVolunteer, PersonID: t.PersonID, From: from, To: to, Minutes: t.Minutes, Content: t.Content})
	}
	if certs, err = s.IssueCertificate(ctx, certs); err != nil {
		return err
	}
	m, err := meta(ctx, s, "志愿服务证明")
	if err != nil {
		return err
	}
	office := m.Office
	return reports.Certificates(w, m, certs, func(c data.Certificate) reports.CertText {
		return reports.CertText{Title: "志愿服务证明", Body: fmt.Sprintf("兹证明 %s（身份证号 %s）于 %s 至 %s 参加%s组织的志愿服务，服务内容为：%s，累计志愿服务时间 %s。以上记录由%s记录并出具。",
			c.Name, c.IDNumber, dateCN(c.From), dateCN(c.To), office, strings.ReplaceAll(c.Content, "、", "，"), reports.Hours(c.Minutes), office)}
	}, func(done int) bool { return progress == nil || progress(done, len(certs)) })
}

// DeliveriesXLSX is the month's 一碗汤 deliveries as Excel.
var DeliveriesXLSX = Doc{Verb: Export, Name: "deliveries", Title: "一碗汤配送记录", Perm: data.PermView, Personal: true,
	Params: []Param{monthParam}, file: monthFile("一碗汤配送记录"), render: exportDeliveries}

func exportDeliveries(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	r, err := s.RoundByMonth(ctx, v["month"])
	if err != nil {
		return err
	}
	ds, err := s.Deliveries(ctx, r.ID)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "一碗汤配送", r.ID, fmt.Sprintf("导出配送记录 %s（%d 户）", r.Month, len(ds))); err != nil {
		return err
	}
	return reports.DeliveriesXLSX(w, r, ds, int(s.SoupStandard(ctx).Minutes()))
}

// ServicesXLSX is the home-service requests (of a month, or all) as Excel.
var ServicesXLSX = Doc{Verb: Export, Name: "services", Title: "上门服务", Perm: data.PermView, Personal: true,
	Params: []Param{{Name: "month", Label: "月份", Kind: Month, Hint: "YYYY-MM；不填为全部"}},
	file: func(v Values) string {
		if v["month"] == "" {
			return "上门服务"
		}
		return "上门服务-" + v["month"]
	},
	render: exportServices}

func exportServices(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	var rs []data.ServiceRequest
	var err error
	if v["month"] == "" {
		rs, err = s.Requests(ctx, false)
	} else {
		rs, err = s.RequestsOfMonth(ctx, v["month"])
	}
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "上门服务", 0, fmt.Sprintf("导出上门服务 %d 条", len(rs))); err != nil {
		return err
	}
	return reports.ServicesXLSX(w, rs)
}

// ServiceRecordsXLSX is every standing service-time record of a period in the national data
// items, for entering into the 全国志愿服务信息系统: ID numbers in full, so 管理员 only, audited.
var ServiceRecordsXLSX = Doc{Verb: Export, Name: "service-records", Title: "志愿服务记录（报送）", Perm: data.PermAdmin, Personal: true,
	Params: []Param{{Name: "from", Label: "起始日期", Kind: Date, Required: true}, {Name: "to", Label: "截止日期", Kind: Date, Required: true}},
	check:  checkPeriod("from", "to"),
	file:   func(v Values) string { return "志愿服务记录-" + v["from"] + "至" + v["to"] },
	render: exportServiceRecords}

func exportServiceRecords(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	rs, err := s.ServiceRecords(ctx, v["from"], v["to"])
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("%s 至 %s 没有志愿服务时长记录", v["from"], v["to"])}
	}
	o, err := s.Office(ctx)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "志愿服务记录", 0, fmt.Sprintf("导出志愿服务记录 %d 条（%s 至 %s，证件号未脱敏，供报送全国志愿服务信息系统）",
		len(rs), v["from"], v["to"])); err != nil {
		return err
	}
	return reports.ServiceRecordsXLSX(w, o.Name, rs)
}
