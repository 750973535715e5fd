package data

import (
	"strconv"
	"strings"
	"time"
)

// The rules of a 「三杯茶」 tea meeting: its agenda, decisions and attendance.

// TeaMeeting is one 「三杯茶」 议事会.
type TeaMeeting struct {
	ID          int64
	Day         string
	Place       string
	Host        string
	Topic       string
	Minutes     string
	FinalizedAt string // '' while a draft
	FinalizedBy string
	Items       []MeetingItem
	Attendees   []Attendee
	Notes       []MeetingNote
}

// DefaultMeetingPlace is where the tea meetings are held unless said otherwise.
const DefaultMeetingPlace = "「三杯」茶室"

// Final reports whether the minutes are locked.
func (m TeaMeeting) Final() bool { return m.FinalizedAt != "" }

// MeetingItem is one concern on the agenda and what the meeting decided about it.
type MeetingItem struct {
	ConcernID   int64
	Number      string // read only
	Text        string // read only
	State       ConcernState
	Decision    string
	OwnerUserID int64
	OwnerUnit   string
	Owner       string // read only
	DueOn       string
}

// Decided reports whether the item has a full decision: what, who and by when.
func (it MeetingItem) Decided() bool {
	return it.Decision != "" && (it.OwnerUserID != 0 || it.OwnerUnit != "") && it.DueOn != ""
}

// Attendee kinds.
const (
	AttendeeResident = "居民"
	AttendeeStaff    = "工作人员"
	AttendeeGuest    = "来宾"
)

// Attendee is one person at a meeting: a resident, an account, or a guest with their unit.
type Attendee struct {
	Kind     string
	PersonID int64
	UserID   int64
	Name     string
	Unit     string
}

// MeetingNote is a correction added after the minutes were finalized.
type MeetingNote struct {
	Text     string
	At       string
	Username string
}

// Normalize trims the meeting's fields and fills the default place.
func (m *TeaMeeting) Normalize() {
	for _, p := range []*string{&m.Day, &m.Place, &m.Host, &m.Topic, &m.Minutes} {
		*p = strings.TrimSpace(*p)
	}
	if t, err := ParseDate(m.Day); m.Day != "" && err == nil {
		m.Day = t.Format(dayLayout)
	}
	if m.Place == "" {
		m.Place = DefaultMeetingPlace
	}
	for i := range m.Items {
		it := &m.Items[i]
		it.Decision, it.OwnerUnit, it.DueOn = strings.TrimSpace(it.Decision), strings.TrimSpace(it.OwnerUnit), strings.TrimSpace(it.DueOn)
		if t, err := ParseDate(it.DueOn); it.DueOn != "" && err == nil {
			it.DueOn = t.Format(dayLayout)
		}
	}
	for i := range m.Attendees {
		a := &m.Attendees[i]
		a.Name, a.Unit = strings.TrimSpace(a.Name), strings.TrimSpace(a.Unit)
	}
}

// Validate checks a meeting; items and attendees are named by their row.
func (m TeaMeeting) Validate() error {
	bad := &Invalid{}
	if _, err := time.Parse(dayLayout, m.Day); err != nil {
		bad.Add("日期", "必填，写作 YYYY-MM-DD")
	}
	if m.Host == "" {
		bad.Add("主持人", "必填")
	}
	if m.Topic == "" {
		bad.Add("议题", "必填")
	}
	seen := map[int64]bool{}
	for i, it := range m.Items {
		row := "议程第 " + strconv.Itoa(i+1) + " 项"
		if seen[it.ConcernID] {
			bad.Add(row, "这条民情已在议程中")
		}
		seen[it.ConcernID] = true
		partial := it.Decision != "" || it.OwnerUserID != 0 || it.OwnerUnit != "" || it.DueOn != ""
		if partial && !it.Decided() {
			bad.Add(row, "议定事项、责任人和完成期限要一起填写")
		}
		if it.OwnerUserID != 0 && it.OwnerUnit != "" {
			bad.Add(row, "责任人选择一个账户或填写一个单位，二者选一")
		}
		if it.DueOn != "" {
			if _, err := time.Parse(dayLayout, it.DueOn); err != nil {
				bad.Add(row, "完成期限“%s”不是有效日期", it.DueOn)
			} else if it.DueOn < m.Day {
				bad.Add(row, "完成期限不能早于会议日期")
			}
		}
	}
	for i, a := range m.Attendees {
		row := "参会人第 " + strconv.Itoa(i+1) + " 位"
		switch {
		case a.Kind == AttendeeResident && a.PersonID == 0, a.Kind == AttendeeStaff && a.UserID == 0:
			bad.Add(row, "请从名单中选择")
		case a.Kind == AttendeeGuest && a.Name == "":
			bad.Add(row, "来宾须填写姓名")
		case a.Kind != AttendeeResident && a.Kind != AttendeeStaff && a.Kind != AttendeeGuest:
			bad.Add(row, "“%s”不是有效的参会人类型", a.Kind)
		}
	}
	return bad.Err()
}
