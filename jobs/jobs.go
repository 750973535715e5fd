// Package jobs assembles documents: it loads what a document needs from the store, records the
// print or export in the audit trail, and hands plain values to a writer in reports. The window
// and the command line both call it, so they print exactly the same thing.
package jobs

import (
	"context"
	"fmt"
	"io"
	"strings"

	"linli/data"
	"linli/reports"
)

// RosterRequest says which residents the 居民名册 lists.
type RosterRequest struct {
	Community string // community name; "" for all
}

// communityID resolves a community by name ("" → 0 for all), with a message listing the names.
func communityID(ctx context.Context, s *data.Store, name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	cs, err := s.Communities(ctx)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, c := range cs {
		if c.Name == name || strings.TrimSuffix(c.Name, "社区") == name {
			return c.ID, nil
		}
		names = append(names, c.Name)
	}
	return 0, &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("没有名为“%s”的社区（现有：%s）", name, strings.Join(names, "、"))}
}

func meta(ctx context.Context, s *data.Store, title string) (reports.Meta, error) {
	o, err := s.Office(ctx)
	if err != nil {
		return reports.Meta{}, err
	}
	head, err := s.AuditHead(ctx)
	if err != nil {
		return reports.Meta{}, err
	}
	return reports.Meta{Office: o.Name, Title: title, PrintedAt: s.Now(), AuditHead: head}, nil
}

// PrintResidents writes the 居民名册 PDF.
func PrintResidents(ctx context.Context, s *data.Store, req RosterRequest, w io.Writer) error {
	cid, err := communityID(ctx, s, req.Community)
	if err != nil {
		return err
	}
	people, err := s.People(ctx, data.PeopleFilter{CommunityID: cid, Sort: "community"})
	if err != nil {
		return err
	}
	scope := req.Community
	if scope == "" {
		scope = "全部社区"
	}
	if err := s.Record(ctx, data.ActPrint, "居民名册", 0, fmt.Sprintf("打印居民名册（%s，%d 人）", scope, len(people))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "居民名册")
	if err != nil {
		return err
	}
	m.Subtitle = "范围：" + scope
	return reports.ResidentRoster(w, m, people)
}

// ExportPeople writes all residents as .xlsx; ID and phone are masked (exports leave the office;
// the full values are revealed one person at a time, in the window, and audited).
func ExportPeople(ctx context.Context, s *data.Store, w io.Writer) error {
	people, err := s.People(ctx, data.PeopleFilter{Sort: "community"})
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "居民", 0, fmt.Sprintf("导出居民 %d 人（证件号、电话已脱敏）", len(people))); err != nil {
		return err
	}
	return reports.PeopleXLSX(w, people, false)
}

// ExportAudit writes the audit trail as .xlsx (管理员 only).
func ExportAudit(ctx context.Context, s *data.Store, f data.AuditFilter, w io.Writer) error {
	entries, err := s.ListAudit(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "审计记录", 0, fmt.Sprintf("导出审计记录 %d 条", len(entries))); err != nil {
		return err
	}
	return reports.AuditXLSX(w, entries)
}

// PrintVolunteers writes the 志愿者名册 PDF.
func PrintVolunteers(ctx context.Context, s *data.Store, f data.VolunteerFilter, w io.Writer) error {
	vs, err := s.Volunteers(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "志愿者名册", 0, fmt.Sprintf("打印志愿者名册（%d 人）", len(vs))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "志愿者名册")
	if err != nil {
		return err
	}
	m.Subtitle = "骨干资源库"
	if f.Kind != "" {
		m.Subtitle = "类别：" + f.Kind
	}
	return reports.VolunteerRoster(w, m, vs)
}

// ExportVolunteers writes volunteers as .xlsx, masked.
func ExportVolunteers(ctx context.Context, s *data.Store, w io.Writer) error {
	vs, err := s.Volunteers(ctx, data.VolunteerFilter{})
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "志愿者", 0, fmt.Sprintf("导出志愿者 %d 人（证件号、电话已脱敏）", len(vs))); err != nil {
		return err
	}
	return reports.VolunteersXLSX(w, vs, false)
}
