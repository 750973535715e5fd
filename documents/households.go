package documents

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/data"
	"linli/reports"
)

// ResidentFileDoc is a resident's 一人一档: everything the office does for them, on A4 for their
// folder. It is personal data (PIPL): 社工 and 管理员 print it; ID and phone are masked on paper.
var ResidentFileDoc = Doc{Verb: Print, Name: "resident-file", Title: "居民一人一档", Perm: data.PermView, Personal: true,
	Params: []Param{{Name: "person", Label: "居民", Required: true, Hint: "姓名、身份证号或 #编号"}},
	file:   func(v Values) string { return "一人一档-" + strings.TrimPrefix(v["person"], "#") },
	render: printResidentFile}

func printResidentFile(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	p, err := personFor(ctx, s, v["person"])
	if err != nil {
		return err
	}
	f, err := s.ResidentFile(ctx, p.ID)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "居民", p.ID, fmt.Sprintf("打印居民 #%d 的一人一档（个人信息，证件号、电话已脱敏）", p.ID)); err != nil {
		return err
	}
	m, err := meta(ctx, s, "居民一人一档")
	if err != nil {
		return err
	}
	return reports.ResidentFile(w, m, f)
}

// HouseholdFileDoc is a household's 一户一档: its members with their files in a line and its
// attributes over time. Personal, like the resident's file.
var HouseholdFileDoc = Doc{Verb: Print, Name: "household-file", Title: "一户一档", Perm: data.PermView, Personal: true,
	Params: []Param{{Name: "household", Label: "户号", Required: true, Hint: "如 HH-00001"}},
	file:   func(v Values) string { return "一户一档-" + v["household"] },
	render: printHouseholdFile}

func printHouseholdFile(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	h, err := s.HouseholdByNumber(ctx, v["household"])
	if err != nil {
		return err
	}
	f, err := s.HouseholdFile(ctx, h.ID)
	if err != nil {
		return err
	}
	if err := s.RecordPersonal(ctx, data.ActPrint, "户", h.ID, fmt.Sprintf("打印户 %s 的一户一档（个人信息）", h.Number)); err != nil {
		return err
	}
	m, err := meta(ctx, s, "一户一档")
	if err != nil {
		return err
	}
	return reports.HouseholdFile(w, m, f)
}

// personFor finds the one resident a parameter names: #编号 (the registry's number), a full ID
// number, or a name that only one resident has.
func personFor(ctx context.Context, s *data.Store, text string) (data.Person, error) {
	text = strings.TrimSpace(data.Fold(text))
	if id, err := strconv.ParseInt(strings.TrimPrefix(text, "#"), 10, 64); err == nil && strings.HasPrefix(text, "#") {
		return s.Person(ctx, id)
	}
	ps, err := s.People(ctx, data.PeopleFilter{Query: text, Limit: 50})
	if err != nil {
		return data.Person{}, err
	}
	var hits []data.Person
	for _, p := range ps {
		if p.Name == text || (len(text) == 18 && strings.EqualFold(p.IDNumber, text)) {
			hits = append(hits, p)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return data.Person{}, &data.Error{Code: data.CodeNotFound, Message: "找不到居民“" + text + "”（请写完整的姓名、身份证号或 #编号）"}
	}
	var names []string
	for _, p := range hits {
		names = append(names, fmt.Sprintf("#%d %s（%s，%s）", p.ID, p.Name, p.Community, p.BirthDate))
	}
	return data.Person{}, &data.Error{Code: data.CodeInvalid, Message: "同名居民有 " + strconv.Itoa(len(hits)) + " 位，请用 #编号：" + strings.Join(names, "、")}
}
