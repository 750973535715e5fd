package documents

import (
	"context"
	"fmt"
	"io"

	"linli/data"
	"linli/reports"
)

// Residents is the 居民名册 (of one community, or all).
var Residents = Doc{Verb: Print, Name: "residents", Title: "居民名册", Perm: data.PermView, Personal: true,
	Params: []Param{{Name: "community", Label: "社区", Hint: "社区名称；不填为全部", Choices: communityNames}},
	file: func(v Values) string {
		if v["community"] == "" {
			return "居民名册"
		}
		return "居民名册-" + v["community"]
	},
	render: printResidents}

func printResidents(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	scope, cid := "全部社区", int64(0)
	if name := v["community"]; name != "" {
		c, err := s.CommunityByName(ctx, name)
		if err != nil {
			return err
		}
		scope, cid = c.Name, c.ID
	}
	people, err := s.People(ctx, data.PeopleFilter{CommunityID: cid, Sort: "community"})
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "居民名册", 0, fmt.Sprintf("打印居民名册（%s，%d 人）", scope, len(people))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "居民名册")
	if err != nil {
		return err
	}
	m.Subtitle = "范围：" + scope
	return reports.ResidentRoster(w, m, people)
}

// VolunteerRoster is the 志愿者名册, narrowed as the 志愿者 screen narrows its list.
var VolunteerRoster = Doc{Verb: Print, Name: "volunteers", Title: "志愿者名册", Perm: data.PermView, Personal: true,
	Params: []Param{{Name: "kind", Label: "志愿者类别", Hint: "如 党员；不填为全部"},
		{Name: "community", Label: "社区", Hint: "社区名称；不填为全部", Choices: communityNames},
		{Name: "skill", Label: "技能", Hint: "如 烹饪；不填为全部"},
		{Name: "search", Label: "姓名或编号", Hint: "不填为全部"},
		{Name: "active", Label: "只列在册的志愿者", Kind: Flag}},
	render: printVolunteers}

func printVolunteers(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	f := data.VolunteerFilter{Kind: v["kind"], Skill: v["skill"], Query: v["search"], ActiveOnly: v.On("active")}
	if v["community"] != "" {
		c, err := s.CommunityByName(ctx, v["community"])
		if err != nil {
			return err
		}
		f.CommunityID = c.ID
	}
	vs, err := s.Volunteers(ctx, f)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "志愿者名册", 0, fmt.Sprintf("打印志愿者名册（%d 人）", len(vs))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "志愿者名册")
	if err != nil {
		return err
	}
	m.Subtitle = "骨干资源库"
	if v["kind"] != "" {
		m.Subtitle = "类别：" + v["kind"]
	}
	return reports.VolunteerRoster(w, m, vs)
}

// PeopleXLSX is every resident as Excel; ID and phone are masked (exports leave the office; the
// full values are revealed one person at a time, in the window, and audited).
var PeopleXLSX = Doc{Verb: Export, Name: "people", Title: "居民", Perm: data.PermView, Personal: true, render: exportPeople}

func exportPeople(ctx context.Context, s *data.Store, _ Values, w io.Writer) error {
	people, err := s.People(ctx, data.PeopleFilter{Sort: "community"})
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "居民", 0, fmt.Sprintf("导出居民 %d 人（证件号、电话已脱敏）", len(people))); err != nil {
		return err
	}
	return reports.PeopleXLSX(w, people, false)
}

// VolunteersXLSX is every volunteer as Excel, masked.
var VolunteersXLSX = Doc{Verb: Export, Name: "volunteers", Title: "志愿者", Perm: data.PermView, Personal: true, render: exportVolunteers}

func exportVolunteers(ctx context.Context, s *data.Store, _ Values, w io.Writer) error {
	vs, err := s.Volunteers(ctx, data.VolunteerFilter{})
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "志愿者", 0, fmt.Sprintf("导出志愿者 %d 人（证件号、电话已脱敏）", len(vs))); err != nil {
		return err
	}
	return reports.VolunteersXLSX(w, vs, false)
}

// AuditXLSX is the audit trail as Excel (管理员 only), optionally narrowed.
var AuditXLSX = Doc{Verb: Export, Name: "audit", Title: "审计记录", Perm: data.PermAdmin,
	Params: []Param{{Name: "from", Label: "起始日期", Kind: Date}, {Name: "to", Label: "截止日期", Kind: Date},
		{Name: "username", Label: "用户名"}, {Name: "action", Label: "操作"}, {Name: "entity", Label: "对象"}},
	check:  checkPeriod("from", "to"),
	render: exportAudit}

func exportAudit(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	entries, err := s.ListAudit(ctx, data.AuditFilter{From: v["from"], To: v["to"], Username: v["username"], Action: v["action"], Entity: v["entity"]})
	if err != nil {
		return err
	}
	lines, err := s.AuditLines(ctx, entries)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "审计记录", 0, fmt.Sprintf("导出审计记录 %d 条", len(entries))); err != nil {
		return err
	}
	return reports.AuditXLSX(w, lines)
}

// checkPeriod refuses a period whose start is after its end (both already normalized dates).
func checkPeriod(from, to string) func(Values) error {
	return func(v Values) error {
		if v[from] != "" && v[to] != "" && v[from] > v[to] {
			return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "期间", Message: "起始日期不能晚于截止日期"}}}
		}
		return nil
	}
}
