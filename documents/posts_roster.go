package documents

import (
	"context"
	"fmt"
	"io"

	"linli/data"
	"linli/reports"
)

// PostRoster is the season's 在岗学生名单, a page per shop (`print post-roster -season 2026
// [-shop 名称]`): the students placed, on post or done, with their post, dates, supervisor and
// hours. Students' ID numbers and their guardians' phones are masked as on every roster.
var PostRoster = Doc{Verb: Print, Name: "post-roster", Title: "在岗学生名单", Perm: data.PermView, Personal: true,
	Params: []Param{seasonParam, {Name: "shop", Label: "商铺", Kind: Text, Hint: "不填为全部商铺", Choices: shopNames}},
	check:  checkSeason, ready: postRosterReady, render: printPostRoster,
	file: func(v Values) string {
		if v["shop"] != "" {
			return "在岗学生名单-" + v["season"] + "-" + v["shop"]
		}
		return "在岗学生名单-" + v["season"]
	}}

// onPost are the states of a student holding a place.
var onPost = map[data.AppState]bool{data.AppPlaced: true, data.AppWorking: true, data.AppCompleted: true}

// rosterShops reads the season's placed students, grouped by shop (one shop when named).
func rosterShops(ctx context.Context, s *data.Store, v Values) ([]reports.RosterShop, error) {
	posts, apps, err := seasonData(ctx, s, season(v))
	if err != nil {
		return nil, err
	}
	shops, err := s.Shops(ctx)
	if err != nil {
		return nil, err
	}
	var out []reports.RosterShop
	for _, sh := range shops {
		if v["shop"] != "" && sh.Name != v["shop"] {
			continue
		}
		rs := reports.RosterShop{Shop: sh}
		for _, p := range posts {
			for _, a := range apps {
				if p.ShopID == sh.ID && a.PostID == p.ID && onPost[a.State] {
					rs.Lines = append(rs.Lines, reports.RosterLine{Post: p, App: a})
				}
			}
		}
		if len(rs.Lines) > 0 {
			out = append(out, rs)
		}
	}
	return out, nil
}

func postRosterReady(ctx context.Context, s *data.Store, v Values) error {
	shops, err := rosterShops(ctx, s, v)
	if err == nil && len(shops) == 0 {
		where := ""
		if v["shop"] != "" {
			where = "“" + v["shop"] + "”"
		}
		return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("%d 年%s没有已录用或在岗的学生", season(v), where)}
	}
	return err
}

func printPostRoster(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	shops, err := rosterShops(ctx, s, v)
	if err != nil {
		return err
	}
	if len(shops) == 0 {
		return postRosterReady(ctx, s, v)
	}
	n := 0
	for i := range shops {
		for j := range shops[i].Lines {
			l := &shops[i].Lines[j]
			if err := maskRosterLine(ctx, s, l); err != nil {
				return err
			}
			n++
		}
	}
	if err := s.Record(ctx, data.ActPrint, "爱心岗位", 0, fmt.Sprintf("打印 %d 年在岗学生名单（%d 家商铺，%d 人）", season(v), len(shops), n)); err != nil {
		return err
	}
	m, err := meta(ctx, s, fmt.Sprintf("%d 年爱心岗位在岗学生名单", season(v)))
	if err != nil {
		return err
	}
	m.Subtitle = "「商铺提供爱心岗位 + 学生参加社会实践」"
	return reports.PostRoster(w, m, shops)
}

// maskRosterLine fills a line's masked ID number and the guardian with a masked phone.
func maskRosterLine(ctx context.Context, s *data.Store, l *reports.RosterLine) error {
	p, err := s.Person(ctx, l.App.PersonID)
	if err != nil {
		return err
	}
	l.IDNumber = data.MaskID(p.IDNumber)
	if l.App.GuardianID == 0 {
		l.Guardian = "—"
		return nil
	}
	g, err := s.Person(ctx, l.App.GuardianID)
	if err != nil {
		return err
	}
	l.Guardian = g.Name
	if g.Phone != "" {
		l.Guardian += "\n" + data.MaskPhone(g.Phone)
	}
	return nil
}
