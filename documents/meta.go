package documents

import (
	"context"
	"time"

	"linli/data"
	"linli/reports"
)

// meta is what every page shows: the office, the title, the print time and the audit head.
func meta(ctx context.Context, s *data.Store, title string) (reports.Meta, error) {
	o, err := s.Office(ctx)
	if err != nil {
		return reports.Meta{}, err
	}
	head, err := s.AuditHead(ctx)
	if err != nil {
		return reports.Meta{}, err
	}
	office := o.Name
	if office == "" {
		office = "（尚未设置单位名称，请管理员在「设置 → 单位信息」中填写）"
	}
	return reports.Meta{Office: office, Title: title, PrintedAt: s.Now(), AuditHead: head}, nil
}

// dateCN writes 2026-10-01 as 2026年10月1日.
func dateCN(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("2006年1月2日")
}

// communityNames offers the communities' names.
func communityNames(ctx context.Context, s *data.Store) ([]string, error) {
	cs, err := s.Communities(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out, nil
}

// programmeNames offers the programmes' names.
func programmeNames(ctx context.Context, s *data.Store) ([]string, error) {
	ps, err := s.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out, nil
}

// Parameters several documents share.
var (
	monthParam = Param{Name: "month", Label: "月份", Kind: Month, Required: true, Hint: "YYYY-MM"}
	progParam  = Param{Name: "programme", Label: "项目", Kind: Text, Required: true, Hint: "项目名称", Choices: programmeNames}
)

// monthFile names a monthly document: 工坊收入台账-2026-10.
func monthFile(title string) func(Values) string {
	return func(v Values) string { return title + "-" + v["month"] }
}
