package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// SolarTerm is a 节气 and its date.
type SolarTerm struct {
	Name string
	Day  string // YYYY-MM-DD
}

// SolarTerms lists the 节气 falling in a month (usually two), computed by lunar-go.
func SolarTerms(year int, month time.Month) []SolarTerm {
	var out []SolarTerm
	for d := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC); d.Month() == month; d = d.AddDate(0, 0, 1) {
		if name := calendar.NewSolarFromYmd(d.Year(), int(d.Month()), d.Day()).GetLunar().GetJieQi(); name != "" {
			out = append(out, SolarTerm{Name: name, Day: d.Format("2006-01-02")})
		}
	}
	return out
}

// SoupSuggestions is a seasonal soup for each 节气; staff edit the round's soup freely.
var SoupSuggestions = map[string]string{
	"立春": "荠菜豆腐羹", "雨水": "山药排骨汤", "惊蛰": "冰糖雪梨银耳羹", "春分": "腌笃鲜", "清明": "青菜螺蛳汤", "谷雨": "香椿豆腐汤",
	"立夏": "蚕豆咸菜汤", "小满": "苦瓜排骨汤", "芒种": "丝瓜蛋花汤", "夏至": "绿豆百合汤", "小暑": "冬瓜老鸭汤", "大暑": "冬瓜薏米汤",
	"立秋": "莲藕排骨汤", "处暑": "老鸭扁尖汤", "白露": "百合银耳羹", "秋分": "南瓜小米粥", "寒露": "山药红枣汤", "霜降": "萝卜牛腩汤",
	"立冬": "羊肉萝卜汤", "小雪": "土鸡汤", "大雪": "当归生姜羊肉汤", "冬至": "桂花酒酿圆子", "小寒": "黄豆猪脚汤", "大寒": "八宝鸡汤",
}

// Delivery outcomes.
const (
	OutcomeDelivered = "送达"
	OutcomeNotHome   = "不在家"
	OutcomeRefused   = "拒收"
	OutcomeOther     = "其他"
)

// Outcomes lists them in the order the window offers them.
var Outcomes = []string{OutcomeDelivered, OutcomeNotHome, OutcomeRefused, OutcomeOther}

// SoupRound is a month's 「老宝贝一碗汤」 round.
type SoupRound struct {
	ID        int64
	Month     string
	Day       string
	SolarTerm string
	Soup      string
	Menu      string
	CostFen   int64
	Cooks     []int64 // volunteer IDs
	CookNames []string
}

// Delivery is one bowl for one recipient, carried by one volunteer.
type Delivery struct {
	ID          int64
	RoundID     int64
	RecipientID int64
	Recipient   string
	Address     string
	Phone       string // the volunteer needs it: not masked on the roster
	VolunteerID int64
	Volunteer   string
	LeftAt      string // RFC 3339
	ArrivedAt   string
	Outcome     string
	Note        string
}

// WithinStandard reports whether a delivery was 达标: delivered, and arrived no later than the
// standard after leaving (across midnight too: the times are full timestamps).
func WithinStandard(d Delivery, standard time.Duration) bool {
	if d.Outcome != OutcomeDelivered || d.LeftAt == "" || d.ArrivedAt == "" {
		return false
	}
	l, err1 := time.Parse(time.RFC3339, d.LeftAt)
	a, err2 := time.Parse(time.RFC3339, d.ArrivedAt)
	if err1 != nil || err2 != nil {
		return false
	}
	took := a.Sub(l)
	return took >= 0 && took <= standard
}

// SaveRound creates (ID 0) or updates a month's round.
func (s *Store) SaveRound(ctx context.Context, r SoupRound) (int64, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return 0, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		if r.ID == 0 {
			res, err := execSQL(ctx, tx, `INSERT INTO soup_round (month, day, solar_term, soup, menu, cost_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				r.Month, r.Day, r.SolarTerm, r.Soup, r.Menu, r.CostFen, s.stamp())
			if err != nil {
				return mapErr(err, r.Month+" 的一碗汤")
			}
			if r.ID, err = lastID(res); err != nil {
				return err
			}
		} else {
			if _, err := execSQL(ctx, tx, "UPDATE soup_round SET day = ?, month = ?, solar_term = ?, soup = ?, menu = ?, cost_fen = ? WHERE id = ?",
				r.Day, r.Month, r.SolarTerm, r.Soup, r.Menu, r.CostFen, r.ID); err != nil {
				return mapErr(err, r.Month+" 的一碗汤")
			}
			if _, err := execSQL(ctx, tx, "DELETE FROM soup_cook WHERE round_id = ?", r.ID); err != nil {
				return mapErr(err, "厨师")
			}
		}
		for _, c := range r.Cooks {
			if _, err := execSQL(ctx, tx, "INSERT OR IGNORE INTO soup_cook (round_id, volunteer_id) VALUES (?, ?)", r.ID, c); err != nil {
				return mapErr(err, "厨师")
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, "一碗汤", r.ID, "保存 "+r.Month+" 一碗汤："+r.Soup)
	})
	return r.ID, err
}

// Rounds lists rounds, newest first.
func (s *Store) Rounds(ctx context.Context) ([]SoupRound, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findRounds(ctx, s.db, "")
	return out, mapErr(err, "一碗汤")
}

// findRounds lists rounds, newest first, with their cooks' names; month "" for all.
func findRounds(ctx context.Context, q querier, month string) ([]SoupRound, error) {
	var w where
	if month != "" {
		w.add("r.month = ?", month)
	}
	return queryAll(ctx, q, func(sc rowScanner) (SoupRound, error) {
		var r SoupRound
		var cooks string
		err := sc.Scan(&r.ID, &r.Month, &r.Day, &r.SolarTerm, &r.Soup, &r.Menu, &r.CostFen, &cooks)
		r.CookNames = splitList(cooks)
		return r, err
	}, `SELECT r.id, r.month, r.day, r.solar_term, r.soup, r.menu, r.cost_fen,
		coalesce((SELECT group_concat(p.name, '、') FROM soup_cook c JOIN volunteer v ON v.id = c.volunteer_id JOIN person p ON p.id = v.person_id WHERE c.round_id = r.id), '')
		FROM soup_round r`+w.String()+" ORDER BY r.month DESC", w.args...)
}

// GenerateDeliveries adds a delivery for every recipient who takes soup, is served on the round's
// day and has an active pairing (the earliest one carries it). Generating again adds newcomers and
// never changes a delivery that exists. It returns how many were added.
func (s *Store) GenerateDeliveries(ctx context.Context, roundID int64) (int, error) {
	var added int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		if added, err = generateDeliveries(ctx, tx, roundID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, ActCreate, "一碗汤", roundID, fmt.Sprintf("生成配送单，新增 %d 户", added))
	})
	return added, err
}

func generateDeliveries(ctx context.Context, tx *sql.Tx, roundID int64) (int, error) {
	var day string
	if err := queryRow(ctx, tx, "SELECT day FROM soup_round WHERE id = ?", roundID).Scan(&day); err != nil {
		return 0, mapErr(err, "一碗汤")
	}
	res, err := execSQL(ctx, tx, `INSERT OR IGNORE INTO delivery (round_id, recipient_id, volunteer_id)
			SELECT ?1, c.id, (SELECT pr.volunteer_id FROM pairing pr WHERE pr.recipient_id = c.id AND pr.from_day <= ?2
				AND (pr.to_day IS NULL OR pr.to_day >= ?2) ORDER BY pr.from_day, pr.id LIMIT 1)
			FROM care_recipient c WHERE c.soup = 1 AND c.start_day <= ?2 AND (c.end_day IS NULL OR c.end_day >= ?2)
			AND EXISTS (SELECT 1 FROM pairing pr WHERE pr.recipient_id = c.id AND pr.from_day <= ?2 AND (pr.to_day IS NULL OR pr.to_day >= ?2))`,
		roundID, day)
	if err != nil {
		return 0, mapErr(err, "配送单")
	}
	n, err := affected(res)
	return int(n), err
}

// Deliveries lists a round's deliveries, grouped by volunteer.
func (s *Store) Deliveries(ctx context.Context, roundID int64) ([]Delivery, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return nil, err
	}
	out, err := findDeliveries(ctx, s.db, roundID)
	if err != nil {
		return nil, mapErr(err, "配送单")
	}
	if !a.Role.Can(PermReveal) {
		for i := range out {
			out[i].Phone = MaskPhone(out[i].Phone)
		}
	}
	return out, nil
}

// findDeliveries lists a round's deliveries, unmasked, grouped by volunteer.
func findDeliveries(ctx context.Context, q querier, roundID int64) ([]Delivery, error) {
	return queryAll(ctx, q, func(sc rowScanner) (Delivery, error) {
		var d Delivery
		err := sc.Scan(&d.ID, &d.RoundID, &d.RecipientID, &d.Recipient, &d.Address, &d.Phone, &d.VolunteerID, &d.Volunteer,
			&d.LeftAt, &d.ArrivedAt, &d.Outcome, &d.Note)
		return d, err
	}, `SELECT d.id, d.round_id, d.recipient_id, rp.name, rp.address, rp.phone, d.volunteer_id, vp.name,
		d.left_at, d.arrived_at, d.outcome, d.note FROM delivery d
		JOIN care_recipient c ON c.id = d.recipient_id JOIN person rp ON rp.id = c.person_id
		JOIN volunteer v ON v.id = d.volunteer_id JOIN person vp ON vp.id = v.person_id
		WHERE d.round_id = ? ORDER BY vp.name, d.volunteer_id, d.id`, roundID)
}

// refuseFutureTimes refuses a 出发 or 送达 time later than now: a time is recorded after it
// happened, never planned.
func refuseFutureTimes(now, leftAt, arrivedAt time.Time) error {
	bad := &Invalid{}
	if leftAt.After(now) {
		bad.Add("出发时间", "%s 还没到，不能登记", leftAt.Format("2006-01-02 15:04"))
	}
	if arrivedAt.After(now) {
		bad.Add("送达时间", "%s 还没到，不能登记", arrivedAt.Format("2006-01-02 15:04"))
	}
	return bad.Err()
}

// RecordDelivery sets a delivery's 出发 and 送达 times and outcome. When it becomes 送达 the
// volunteer is credited the minutes per delivery (a setting); a correction away from 送达 adds a
// reversing hours record. Nothing about hours is edited in place.
func (s *Store) RecordDelivery(ctx context.Context, id int64, leftAt, arrivedAt time.Time, outcome, note string) error {
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	d := Delivery{ID: id, LeftAt: stamp(leftAt), ArrivedAt: stamp(arrivedAt), Outcome: outcome, Note: note}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return err
	}
	if err := refuseFutureTimes(s.now(), leftAt, arrivedAt); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermCareWrite)
		if err != nil {
			return err
		}
		var before string
		var volunteer int64
		var day string
		if err := queryRow(ctx, tx, `SELECT d.outcome, d.volunteer_id, r.day FROM delivery d JOIN soup_round r ON r.id = d.round_id WHERE d.id = ?`, id).
			Scan(&before, &volunteer, &day); err != nil {
			return mapErr(err, "配送记录")
		}
		if _, err := execSQL(ctx, tx, "UPDATE delivery SET left_at = ?, arrived_at = ?, outcome = ?, note = ?, recorder = ? WHERE id = ?",
			d.LeftAt, d.ArrivedAt, d.Outcome, d.Note, a.Username, id); err != nil {
			return mapErr(err, "配送记录")
		}
		if before != OutcomeDelivered && outcome == OutcomeDelivered {
			minutes := s.SettingInt(ctx, SettingDeliveryMinutes, DefaultDeliveryMinutes)
			if err := addMinutes(ctx, tx, s.stamp(), volunteer, day, minutes, SourceDelivery, id); err != nil {
				return err
			}
		}
		if before == OutcomeDelivered && outcome != OutcomeDelivered {
			if err := reverseMinutes(ctx, tx, s.stamp(), SourceDelivery, id); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, ActUpdate, "配送记录", id, "登记配送："+outcome)
	})
}

// RoundSummary is what a round achieved.
type RoundSummary struct {
	Total, Recorded, Delivered, WithinStd int
	Rate                                  int      // 达标率 in percent of delivered, rounded half up (Percent)
	FollowUp                              []string // not at home: who needs a follow-up
}

// Summarize counts a round's deliveries against the standard.
func Summarize(ds []Delivery, standard time.Duration) RoundSummary {
	var r RoundSummary
	for _, d := range ds {
		r.Total++
		if d.Outcome != "" {
			r.Recorded++
		}
		if d.Outcome == OutcomeDelivered {
			r.Delivered++
			if WithinStandard(d, standard) {
				r.WithinStd++
			}
		}
		if d.Outcome == OutcomeNotHome {
			r.FollowUp = append(r.FollowUp, d.Recipient)
		}
	}
	r.Rate = Percent(r.WithinStd, r.Delivered)
	return r
}

// SoupStandard is the configured 达标 standard.
func (s *Store) SoupStandard(ctx context.Context) time.Duration {
	return time.Duration(s.SettingInt(ctx, SettingSoupStandard, DefaultSoupStandard)) * time.Minute
}

// CareStats is the care part of the home screen.
type CareStats struct {
	Round       *SoupRound       // this month's round, if planned
	Progress    RoundSummary     // of that round
	RateByMonth []CommunityCount // Count is NoData for a month without deliveries
	Open        int
	Overdue     int
}

// CareStats loads this month's round progress, the last twelve months' 达标率 and the requests.
func (s *Store) CareStats(ctx context.Context) (CareStats, error) {
	var c CareStats
	rounds, err := s.Rounds(ctx)
	if err != nil {
		return c, err
	}
	now := s.now()
	standard := s.SoupStandard(ctx)
	byMonth := map[string]SoupRound{}
	for _, r := range rounds {
		byMonth[r.Month] = r
	}
	for i := 11; i >= 0; i-- {
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -i, 0).Format("2006-01")
		cc := CommunityCount{Name: m, Count: NoData}
		if r, ok := byMonth[m]; ok {
			ds, err := s.Deliveries(ctx, r.ID)
			if err != nil {
				return c, err
			}
			sum := Summarize(ds, standard)
			if sum.Delivered > 0 { // a rate of nothing delivered is no rate, not 0%
				cc.Count = sum.Rate
			}
			if i == 0 {
				r := r
				c.Round, c.Progress = &r, sum
			}
		}
		c.RateByMonth = append(c.RateByMonth, cc)
	}
	reqs, err := s.Requests(ctx, true)
	if err != nil {
		return c, err
	}
	for _, r := range reqs {
		c.Open++
		if r.Overdue(now) {
			c.Overdue++
		}
	}
	return c, nil
}
