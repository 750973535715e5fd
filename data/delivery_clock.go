package data

import (
	"strings"
	"time"
)

// NextDayPrefix marks a typed 送达 time as the day after the round: crossing midnight is written,
// never guessed.
const NextDayPrefix = "次日"

// NextDayPrefixEn is the same mark as typed in the English window: 「next day 00:10」.
const NextDayPrefixEn = "next day"

// DeliveryClock turns the typed 出发 and 送达 clock times (「11:05」; 送达 may be 「次日 00:10」)
// into times on the round's day in loc. An empty time stays zero. A 送达 earlier than 出发 on the
// same day is refused with a message that says how to write a crossing of midnight.
func DeliveryClock(day, left, arrived string, loc *time.Location) (time.Time, time.Time, error) {
	d, err := time.ParseInLocation("2006-01-02", day, loc)
	if err != nil {
		bad := &Invalid{}
		bad.Add("日期", "“%s”不是日期", day)
		return time.Time{}, time.Time{}, bad.Err()
	}
	bad := &Invalid{}
	l, _ := clockOn(bad, "出发时间", d, left, false)
	a, next := clockOn(bad, "送达时间", d, arrived, true)
	if !l.IsZero() && !a.IsZero() && a.Before(l) {
		if next {
			bad.Add("送达时间", "早于出发时间")
		} else {
			bad.Add("送达时间", "%s 早于出发时间 %s；跨过午夜请写作“%s %s”", a.Format("15:04"), l.Format("15:04"), NextDayPrefix, a.Format("15:04"))
		}
	}
	if err := bad.Err(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	return l, a, nil
}

// clockOn reads one typed clock time on day d; with nextOK, a 「次日」 prefix moves it a day on.
func clockOn(bad *Invalid, field string, d time.Time, raw string, nextOK bool) (time.Time, bool) {
	s := strings.TrimSpace(Fold(raw))
	if s == "" {
		return time.Time{}, false
	}
	next := false
	rest, ok := strings.CutPrefix(s, NextDayPrefix)
	if !ok { // the English window's words
		if len(s) >= len(NextDayPrefixEn) && strings.EqualFold(s[:len(NextDayPrefixEn)], NextDayPrefixEn) {
			rest, ok = s[len(NextDayPrefixEn):], true
		}
	}
	if ok {
		if !nextOK {
			bad.Add(field, "不能写“%s”", NextDayPrefix)
			return time.Time{}, false
		}
		s, next = strings.TrimSpace(rest), true
	}
	c, err := time.Parse("15:04", s)
	if err != nil {
		bad.Add(field, "“%s”不是时间（写作 11:05）", strings.TrimSpace(raw))
		return time.Time{}, false
	}
	v := d.Add(time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute)
	if next {
		v = v.AddDate(0, 0, 1)
	}
	return v, next
}
