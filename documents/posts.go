package documents

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"linli/data"
	"linli/reports"
)

// The 爱心岗位 documents: 岗位一览, 匹配结果, 社会实践证明, 爱心商铺证书, 爱心岗位台账 and the export.

var seasonParam = Param{Name: "season", Label: "年度", Kind: Text, Required: true, Hint: "年份，如 2026"}

// checkSeason checks the season is a year.
func checkSeason(v Values) error {
	if n, err := strconv.Atoi(v["season"]); err != nil || n < 2000 || n > 2100 {
		return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "年度", Message: "应写作年份，如 2026"}}}
	}
	return nil
}

func season(v Values) int { n, _ := strconv.Atoi(v["season"]); return n }

func seasonFile(title string) func(Values) string {
	return func(v Values) string { return title + "-" + v["season"] }
}

// PostsList is the 岗位一览 of a season (`print posts -season 2026`).
var PostsList = Doc{Verb: Print, Name: "posts", Title: "爱心岗位一览", Perm: data.PermView, Params: []Param{seasonParam},
	check: checkSeason, file: seasonFile("爱心岗位一览"), render: printPostsList}

func printPostsList(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	posts, err := s.Posts(ctx, data.PostFilter{Season: season(v)})
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "爱心岗位", 0, fmt.Sprintf("打印 %d 年岗位一览（%d 个）", season(v), len(posts))); err != nil {
		return err
	}
	m, err := meta(ctx, s, fmt.Sprintf("%d 年暑期爱心岗位一览", season(v)))
	if err != nil {
		return err
	}
	m.Subtitle = "「商铺提供爱心岗位 + 学生参加社会实践」"
	return reports.PostsList(w, m, posts)
}

// Placements is a season's matching result with its lottery seed (`print placements -season`).
var Placements = Doc{Verb: Print, Name: "placements", Title: "爱心岗位匹配结果", Perm: data.PermView, Params: []Param{seasonParam},
	check: checkSeason, file: seasonFile("爱心岗位匹配结果"), render: printPlacements}

func printPlacements(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	runs, err := s.MatchRecords(ctx, season(v))
	if err != nil {
		return err
	}
	apps, err := s.Applications(ctx, data.ApplicationFilter{Season: season(v)})
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "爱心岗位匹配", int64(season(v)), fmt.Sprintf("打印 %d 年匹配结果（%d 人）", season(v), len(apps))); err != nil {
		return err
	}
	m, err := meta(ctx, s, fmt.Sprintf("%d 年爱心岗位匹配结果", season(v)))
	if err != nil {
		return err
	}
	return reports.Placements(w, m, runs, apps)
}

// PracticeCerts issues and prints 社会实践证明 (`print practice-cert -season 2026 (-student 姓名|-all)`).
var PracticeCerts = Doc{Verb: Print, Name: "practice-cert", Title: "社会实践证明", Perm: data.PermPostsWrite,
	Params: []Param{seasonParam, {Name: "student", Label: "学生", Kind: Text, Hint: "姓名"}, {Name: "all", Label: "全部已完成的学生", Kind: Flag}},
	check: func(v Values) error {
		if err := checkSeason(v); err != nil {
			return err
		}
		if (v["student"] == "") == !v.On("all") {
			return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "学生", Message: "填写学生姓名，或选择全部，二者选一"}}}
		}
		return nil
	},
	file: func(v Values) string {
		if v["student"] != "" {
			return "社会实践证明-" + v["season"] + "-" + v["student"]
		}
		return "社会实践证明-" + v["season"]
	},
	render: printPracticeCerts}

func printPracticeCerts(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	var ids []int64
	if name := v["student"]; name != "" {
		apps, err := s.Applications(ctx, data.ApplicationFilter{Season: season(v)})
		if err != nil {
			return err
		}
		for _, a := range apps {
			if a.Student == name {
				ids = append(ids, a.ID)
			}
		}
		if len(ids) == 0 {
			return &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("%d 年没有学生“%s”的报名", season(v), name)}
		}
	}
	certs, err := s.IssuePracticeCertificates(ctx, season(v), ids)
	if errors.Is(err, data.ErrConflict) { // none waiting: print again the ones in force
		certs, err = practiceCertsInForce(ctx, s, season(v), ids)
	}
	if err != nil {
		return err
	}
	m, err := meta(ctx, s, "社会实践证明")
	if err != nil {
		return err
	}
	office := m.Office
	return reports.Certificates(w, m, certs, func(c data.Certificate) reports.CertText {
		return reports.CertText{Title: "社会实践证明", Body: fmt.Sprintf("兹证明 %s 同学于 %s 至 %s 在%s组织的暑期爱心岗位中参加社会实践：%s。特此证明。",
			c.Name, dateCN(c.From), dateCN(c.To), office, c.Content)}
	}, nil)
}

// practiceCertsInForce are the season's 社会实践证明 in force (of the given applications, or all).
func practiceCertsInForce(ctx context.Context, s *data.Store, season int, ids []int64) ([]data.Certificate, error) {
	apps, err := s.Applications(ctx, data.ApplicationFilter{Season: season, State: data.AppCompleted})
	if err != nil {
		return nil, err
	}
	want, held := map[int64]bool{}, map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for _, a := range apps {
		if a.CertificateID != 0 && (len(ids) == 0 || want[a.ID]) {
			held[a.CertificateID] = true
		}
	}
	all, err := s.Certificates(ctx, data.CertPractice)
	if err != nil {
		return nil, err
	}
	var out []data.Certificate
	for i := len(all) - 1; i >= 0; i-- {
		if c := all[i]; held[c.ID] && !c.Revoked {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, &data.Error{Code: data.CodeNotFound, Message: fmt.Sprintf("%d 年没有已完成的学生可出具社会实践证明", season)}
	}
	return out, s.Record(ctx, data.ActPrint, "证书", 0, fmt.Sprintf("重印%s %d 张（%d 年爱心岗位）", data.CertPractice, len(out), season))
}

// ShopCert issues and prints a shop's 爱心商铺证书 (`print shop-cert -shop 名称 -season 2026`).
var ShopCert = Doc{Verb: Print, Name: "shop-cert", Title: "爱心商铺证书", Perm: data.PermPostsWrite,
	Params: []Param{{Name: "shop", Label: "商铺", Kind: Text, Required: true, Hint: "商铺名称", Choices: shopNames}, seasonParam},
	check:  checkSeason, file: func(v Values) string { return "爱心商铺证书-" + v["season"] + "-" + v["shop"] }, render: printShopCert}

func shopNames(ctx context.Context, s *data.Store) ([]string, error) {
	shops, err := s.Shops(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(shops))
	for i, sh := range shops {
		out[i] = sh.Name
	}
	return out, nil
}

func printShopCert(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	shops, err := s.Shops(ctx)
	if err != nil {
		return err
	}
	var id int64
	for _, sh := range shops {
		if sh.Name == v["shop"] {
			id = sh.ID
		}
	}
	if id == 0 {
		return &data.Error{Code: data.CodeNotFound, Message: "没有名为“" + v["shop"] + "”的爱心商铺"}
	}
	c, err := s.IssueShopCertificate(ctx, id, season(v))
	if errors.Is(err, data.ErrConflict) { // issued already: print the one in force again
		c, err = shopCertInForce(ctx, s, id, season(v), err)
	}
	if err != nil {
		return err
	}
	m, err := meta(ctx, s, "爱心商铺证书")
	if err != nil {
		return err
	}
	office := m.Office
	return reports.Certificates(w, m, []data.Certificate{c}, func(c data.Certificate) reports.CertText {
		return reports.CertText{Title: "爱心商铺", Body: fmt.Sprintf("%s：%s，热心公益，于 %s 至 %s %s。特授予“爱心商铺”称号，谨致谢忱。",
			c.Name, office, dateCN(c.From), dateCN(c.To), c.Content)}
	}, nil)
}

func shopCertInForce(ctx context.Context, s *data.Store, shop int64, season int, refusal error) (data.Certificate, error) {
	all, err := s.Certificates(ctx, data.CertShop)
	if err != nil {
		return data.Certificate{}, err
	}
	for _, c := range all {
		if c.ShopID == shop && !c.Revoked && strings.HasPrefix(c.From, strconv.Itoa(season)) {
			return c, s.Record(ctx, data.ActPrint, "证书", c.ID, "重印爱心商铺证书 "+c.Number)
		}
	}
	return data.Certificate{}, refusal
}

// PostsLedger is the season's 爱心岗位台账 (`print posts-ledger -season 2026`).
var PostsLedger = Doc{Verb: Print, Name: "posts-ledger", Title: "爱心岗位台账", Perm: data.PermView, Params: []Param{seasonParam},
	check: checkSeason, file: seasonFile("爱心岗位台账"), render: printPostsLedger}

func printPostsLedger(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	posts, apps, err := seasonData(ctx, s, season(v))
	if err != nil {
		return err
	}
	certs, err := s.Certificates(ctx, data.CertPractice)
	if err != nil {
		return err
	}
	numbers := map[int64]string{}
	for _, c := range certs {
		if !c.Revoked {
			numbers[c.ID] = c.Number
		}
	}
	var lines []reports.LedgerLine
	for _, p := range posts {
		n := 0
		for _, a := range apps {
			if a.PostID == p.ID {
				lines, n = append(lines, reports.LedgerLine{Post: p, App: a, Certificate: numbers[a.CertificateID]}), n+1
			}
		}
		if n == 0 {
			lines = append(lines, reports.LedgerLine{Post: p})
		}
	}
	if err := s.Record(ctx, data.ActPrint, "爱心岗位台账", int64(season(v)), fmt.Sprintf("打印 %d 年爱心岗位台账", season(v))); err != nil {
		return err
	}
	m, err := meta(ctx, s, fmt.Sprintf("%d 年爱心岗位台账", season(v)))
	if err != nil {
		return err
	}
	m.Subtitle = fmt.Sprintf("岗位 %d 个 · 报名 %d 人", len(posts), len(apps))
	return reports.PostsLedger(w, m, lines)
}

func seasonData(ctx context.Context, s *data.Store, season int) ([]data.Post, []data.Application, error) {
	posts, err := s.Posts(ctx, data.PostFilter{Season: season})
	if err != nil {
		return nil, nil, err
	}
	apps, err := s.Applications(ctx, data.ApplicationFilter{Season: season})
	return posts, apps, err
}

// PostsXLSX exports a season's applications (`export posts -season 2026`).
var PostsXLSX = Doc{Verb: Export, Name: "posts", Title: "爱心岗位报名", Perm: data.PermView, Personal: true, Params: []Param{seasonParam},
	check: checkSeason, file: seasonFile("爱心岗位报名"), render: exportPosts}

func exportPosts(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	posts, apps, err := seasonData(ctx, s, season(v))
	if err != nil {
		return err
	}
	byID := map[int64]data.Post{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	if err := s.RecordPersonal(ctx, data.ActExport, "爱心岗位", 0, fmt.Sprintf("导出 %d 年爱心岗位报名 %d 人", season(v), len(apps))); err != nil {
		return err
	}
	return reports.PostsXLSX(w, apps, byID)
}
