package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// The two certificates of 爱心岗位, both in the shared register: a numbered 社会实践证明 for each
// student who completed, and an 爱心商铺证书 of thanks for each shop.

// IssuePracticeCertificates issues a 社会实践证明 to each completed application of the season that
// has none in force (ids narrows it; empty for all), in one transaction.
func (s *Store) IssuePracticeCertificates(ctx context.Context, season int, ids []int64) ([]Certificate, error) {
	var out []Certificate
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		aps, err := findApplications(ctx, tx, ApplicationFilter{Season: season, State: AppCompleted})
		if err != nil {
			return mapErr(err, "报名")
		}
		want := map[int64]bool{}
		for _, id := range ids {
			want[id] = true
		}
		for _, ap := range aps {
			if len(ids) > 0 && !want[ap.ID] {
				continue
			}
			if held, err := certificateInForce(ctx, tx, ap.CertificateID); err != nil {
				return err
			} else if held {
				continue
			}
			c, err := s.practiceCertificate(ctx, tx, a, ap)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		if len(out) == 0 {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("%d 年没有待出具社会实践证明的已完成学生", season)}
		}
		return s.audit(ctx, tx, a, ActPrint, "证书", 0, fmt.Sprintf("出具%s %d 张（%d 年爱心岗位）", CertPractice, len(out), season))
	})
	return out, err
}

func certificateInForce(ctx context.Context, q querier, id int64) (bool, error) {
	if id == 0 {
		return false, nil
	}
	n, err := queryOne(ctx, q, scanValue[int], "SELECT count(*) FROM certificate WHERE id = ? AND revoked_at IS NULL", id)
	return n > 0, mapErr(err, "证书")
}

func (s *Store) practiceCertificate(ctx context.Context, tx *sql.Tx, a *Actor, ap Application) (Certificate, error) {
	post, err := findPost(ctx, tx, ap.PostID)
	if err != nil {
		return Certificate{}, err
	}
	var first, last string
	if err := queryRow(ctx, tx, "SELECT coalesce(min(t.day), ''), coalesce(max(t.day), '') FROM post_timesheet t WHERE t.application_id = ? AND "+
		liveTimesheet, ap.ID).
		Scan(&first, &last); err != nil {
		return Certificate{}, mapErr(err, "工时")
	}
	if first == "" {
		first, last = post.From, post.To
	}
	c := Certificate{Kind: CertPractice, PersonID: ap.PersonID, Name: ap.Student, From: first, To: last, Minutes: ap.Minutes,
		Content: fmt.Sprintf("%s「%s」（%s），累计 %s；指导人评价：%s，%s", post.Shop, post.Title, post.Kind, hoursText(ap.Minutes), ap.EvalGrade, ap.EvalRemark)}
	if err := s.insertCertificate(ctx, tx, a, first[:4], &c); err != nil {
		return Certificate{}, err
	}
	if _, err := execSQL(ctx, tx, "UPDATE post_application SET certificate_id = ?, updated_at = ? WHERE id = ?", c.ID, s.stamp(), ap.ID); err != nil {
		return Certificate{}, mapErr(err, "报名")
	}
	return c, nil
}

// IssueShopCertificate issues an 爱心商铺证书 of thanks to a shop for its posts of a season; a shop
// holds one in force per season.
func (s *Store) IssueShopCertificate(ctx context.Context, shopID int64, season int) (Certificate, error) {
	var c Certificate
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		shops, err := findShops(ctx, tx, shopID)
		if err != nil {
			return mapErr(err, "爱心商铺")
		}
		if len(shops) == 0 {
			return notFound("这家商铺")
		}
		posts, err := findPosts(ctx, tx, PostFilter{Season: season, ShopID: shopID})
		if err != nil {
			return mapErr(err, "岗位")
		}
		if len(posts) == 0 {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("%s %d 年没有提供岗位", shops[0].Name, season)}
		}
		y := strconv.Itoa(season)
		n, err := queryOne(ctx, tx, scanValue[int], `SELECT count(*) FROM certificate WHERE shop_id = ? AND kind = ? AND revoked_at IS NULL
			AND period_from >= ? AND period_from <= ?`, shopID, CertShop, y+"-01-01", y+"-12-31")
		if err != nil {
			return mapErr(err, "证书")
		}
		if n > 0 {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("%s 已有 %d 年的爱心商铺证书（如需重出，请先注销）", shops[0].Name, season)}
		}
		places, placed := 0, 0
		c = Certificate{Kind: CertShop, ShopID: shopID, Name: shops[0].Name, From: posts[0].From, To: posts[0].To}
		for _, p := range posts {
			places, placed = places+p.Places, placed+p.Placed
			if p.From < c.From {
				c.From = p.From
			}
			if p.To > c.To {
				c.To = p.To
			}
		}
		c.Content = fmt.Sprintf("提供爱心岗位 %d 个、名额 %d 个，接纳学生 %d 名参加暑期社会实践", len(posts), places, placed)
		if err := s.insertCertificate(ctx, tx, a, y, &c); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActPrint, "证书", c.ID, "出具爱心商铺证书 "+c.Number+" "+c.Name)
	})
	return c, err
}
