package data

import (
	"context"
	"database/sql"
	"fmt"
)

// The 爱心岗位 store: shops and their posts. Applications and their states are in posts_apply.go,
// the matching in posts_match.go and posts_matcher.go, timesheets, evaluations and certificates
// in posts_time.go and posts_certs.go.

const shopColumns = `s.id, s.name, s.address, s.phone, coalesce(s.contact_person_id, 0),
	CASE WHEN s.contact_person_id IS NULL THEN s.contact_name ELSE coalesce(p.name, '') END, s.credit_code,
	(SELECT count(*) FROM post x WHERE x.shop_id = s.id)
	FROM shop s LEFT JOIN person p ON p.id = s.contact_person_id`

func scanShop(sc rowScanner) (Shop, error) {
	var s Shop
	err := sc.Scan(&s.ID, &s.Name, &s.Address, &s.Phone, &s.ContactPersonID, &s.ContactName, &s.CreditCode, &s.Posts)
	return s, err
}

// findShops lists shops by name; id 0 for all.
func findShops(ctx context.Context, q querier, id int64) ([]Shop, error) {
	var w where
	if id != 0 {
		w.add("s.id = ?", id)
	}
	return queryAll(ctx, q, scanShop, "SELECT "+shopColumns+w.String()+" ORDER BY s.name, s.id", w.args...)
}

// Shops lists the 爱心商铺 by name.
func (s *Store) Shops(ctx context.Context) ([]Shop, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findShops(ctx, s.db, 0)
	return out, mapErr(err, "爱心商铺")
}

// Shop reads one shop.
func (s *Store) Shop(ctx context.Context, id int64) (Shop, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Shop{}, err
	}
	out, err := findShops(ctx, s.db, id)
	if err != nil {
		return Shop{}, mapErr(err, "爱心商铺")
	}
	if len(out) == 0 {
		return Shop{}, notFound("这家商铺")
	}
	return out[0], nil
}

// SaveShop adds a shop (ID 0) or changes one.
func (s *Store) SaveShop(ctx context.Context, sh Shop) (int64, error) {
	sh.Normalize()
	if err := sh.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		var contact any
		if sh.ContactPersonID != 0 {
			contact = sh.ContactPersonID
			if err := queryRow(ctx, tx, "SELECT name FROM person WHERE id = ?", sh.ContactPersonID).Scan(&sh.ContactName); err != nil {
				if err == sql.ErrNoRows {
					return notFound("联系人")
				}
				return mapErr(err, "联系人")
			}
		}
		if sh.ID == 0 {
			res, err := execSQL(ctx, tx, `INSERT INTO shop (name, address, phone, contact_person_id, contact_name, credit_code, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sh.Name, sh.Address, sh.Phone, contact, sh.ContactName, sh.CreditCode, s.stamp(), s.stamp())
			if err != nil {
				return mapErr(err, "商铺“"+sh.Name+"”")
			}
			if sh.ID, err = lastID(res); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, ActCreate, "爱心商铺", sh.ID, "登记爱心商铺 "+sh.Name)
		}
		res, err := execSQL(ctx, tx, `UPDATE shop SET name = ?, address = ?, phone = ?, contact_person_id = ?, contact_name = ?, credit_code = ?,
			updated_at = ? WHERE id = ?`, sh.Name, sh.Address, sh.Phone, contact, sh.ContactName, sh.CreditCode, s.stamp(), sh.ID)
		if err != nil {
			return mapErr(err, "商铺“"+sh.Name+"”")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return notFound("这家商铺")
		}
		return s.audit(ctx, tx, a, ActUpdate, "爱心商铺", sh.ID, "修改爱心商铺 "+sh.Name)
	})
	return sh.ID, err
}

// PostFilter narrows a list of posts; zero values match everything.
type PostFilter struct {
	Season int
	ShopID int64
	ID     int64
}

const postColumns = `x.id, x.shop_id, s.name, x.season, x.title, x.kind, x.work, x.min_age, x.places, x.from_day, x.to_day,
	x.weekdays, x.day_minutes, x.start_time, x.end_time, x.supervisor, x.pay_per_hour, x.safety,
	(SELECT count(*) FROM post_application a WHERE a.post_id = x.id AND a.state IN ('已录用', '在岗', '已完成')),
	(SELECT count(*) FROM post_waitlist w JOIN post_application a ON a.id = w.application_id WHERE w.post_id = x.id AND a.state = '未录用')
	FROM post x JOIN shop s ON s.id = x.shop_id`

func scanPost(sc rowScanner) (Post, error) {
	var p Post
	err := sc.Scan(&p.ID, &p.ShopID, &p.Shop, &p.Season, &p.Title, &p.Kind, &p.Work, &p.MinAge, &p.Places, &p.From, &p.To,
		&p.Weekdays, &p.DayMinutes, &p.Start, &p.End, &p.Supervisor, &p.PayPerHour, &p.Safety, &p.Placed, &p.WaitListLen)
	return p, err
}

// findPosts lists posts by shop and start.
func findPosts(ctx context.Context, q querier, f PostFilter) ([]Post, error) {
	var w where
	if f.Season != 0 {
		w.add("x.season = ?", f.Season)
	}
	if f.ShopID != 0 {
		w.add("x.shop_id = ?", f.ShopID)
	}
	if f.ID != 0 {
		w.add("x.id = ?", f.ID)
	}
	return queryAll(ctx, q, scanPost, "SELECT "+postColumns+w.String()+" ORDER BY s.name, x.from_day, x.id", w.args...)
}

// findPost reads one post.
func findPost(ctx context.Context, q querier, id int64) (Post, error) {
	out, err := findPosts(ctx, q, PostFilter{ID: id})
	if err != nil {
		return Post{}, mapErr(err, "岗位")
	}
	if len(out) == 0 {
		return Post{}, notFound("这个岗位")
	}
	return out[0], nil
}

// Posts lists posts by shop and start.
func (s *Store) Posts(ctx context.Context, f PostFilter) ([]Post, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findPosts(ctx, s.db, f)
	return out, mapErr(err, "岗位")
}

// Post reads one post.
func (s *Store) Post(ctx context.Context, id int64) (Post, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Post{}, err
	}
	return findPost(ctx, s.db, id)
}

// SavePost adds a post (ID 0) or changes one. The post must be lawful for the youngest student
// it admits (LawfulPost); a changed post keeps at least the places already filled, and every
// placed student must still be lawfully placed in it.
func (s *Store) SavePost(ctx context.Context, p Post) (int64, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPostsWrite)
		if err != nil {
			return err
		}
		if p.ID == 0 {
			res, err := execSQL(ctx, tx, `INSERT INTO post (shop_id, season, title, kind, work, min_age, places, from_day, to_day, weekdays,
				day_minutes, start_time, end_time, supervisor, pay_per_hour, safety, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ShopID, p.Season, p.Title, string(p.Kind), p.Work, p.MinAge,
				p.Places, p.From, p.To, p.Weekdays, p.DayMinutes, p.Start, p.End, p.Supervisor, p.PayPerHour, p.Safety, s.stamp(), s.stamp())
			if err != nil {
				return mapErr(err, "岗位“"+p.Title+"”")
			}
			if p.ID, err = lastID(res); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, ActCreate, "爱心岗位", p.ID, fmt.Sprintf("新增岗位 %s（%d 年，%s，%d 个名额）", p.Title, p.Season, p.Kind, p.Places))
		}
		old, err := findPost(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if p.Places < old.Placed {
			return &Error{Code: CodeConflict, Message: fmt.Sprintf("岗位已录用 %d 人，名额不能少于 %d", old.Placed, old.Placed)}
		}
		if _, err := execSQL(ctx, tx, `UPDATE post SET shop_id = ?, season = ?, title = ?, kind = ?, work = ?, min_age = ?, places = ?, from_day = ?,
			to_day = ?, weekdays = ?, day_minutes = ?, start_time = ?, end_time = ?, supervisor = ?, pay_per_hour = ?, safety = ?, updated_at = ?
			WHERE id = ?`, p.ShopID, p.Season, p.Title, string(p.Kind), p.Work, p.MinAge, p.Places, p.From, p.To, p.Weekdays, p.DayMinutes,
			p.Start, p.End, p.Supervisor, p.PayPerHour, p.Safety, s.stamp(), p.ID); err != nil {
			return mapErr(err, "岗位“"+p.Title+"”")
		}
		if err := recheckPlaced(ctx, tx, p); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, ActUpdate, "爱心岗位", p.ID, "修改岗位 "+p.Title); err != nil {
			return err
		}
		if matched, err := seasonMatched(ctx, tx, p.Season); err != nil || !matched {
			return err
		}
		_, err = s.fillFree(ctx, tx, a, p.ID) // more places: the waiting list moves up
		return err
	})
	return p.ID, err
}
