package documents

import (
	"context"
	"fmt"
	"io"
	"time"

	"linli/data"
	"linli/reports"
)

// The 民情议事 documents: 民情台账, 议事会签到表, 会议纪要, the month's 公示 and the Excel export.

// ConcernLedger is the 民情台账 of a month or a date range.
var ConcernLedger = Doc{Verb: Print, Name: "concerns", Title: "民情台账", Perm: data.PermView,
	Params: []Param{
		{Name: "month", Label: "月份", Kind: Month, Hint: "YYYY-MM；或填起止日期"},
		{Name: "from", Label: "起始日期", Kind: Date},
		{Name: "to", Label: "截止日期", Kind: Date},
	},
	check: checkMonthOrPeriod,
	file: func(v Values) string {
		from, to := period(v)
		if v["month"] != "" {
			return "民情台账-" + v["month"]
		}
		return "民情台账-" + from + "至" + to
	},
	render: printConcernLedger}

// checkMonthOrPeriod takes a month, or a start and an end date; a month fills both.
func checkMonthOrPeriod(v Values) error {
	hasPeriod := v["from"] != "" || v["to"] != ""
	switch {
	case v["month"] != "" && hasPeriod:
		return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "月份", Message: "填月份，或填起止日期，二者选一"}}}
	case v["month"] == "" && (v["from"] == "" || v["to"] == ""):
		return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "期间", Message: "请填写月份（YYYY-MM），或同时填写起始日期和截止日期"}}}
	}
	return checkPeriod("from", "to")(v)
}

// period is the from and to days the values denote.
func period(v Values) (from, to string) {
	if m := v["month"]; m != "" {
		t, err := time.Parse("2006-01", m)
		if err == nil {
			return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02")
		}
	}
	return v["from"], v["to"]
}

func printConcernLedger(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	from, to := period(v)
	rows, err := s.ConcernLedger(ctx, from, to)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "民情台账", 0, fmt.Sprintf("打印民情台账 %s 至 %s（%d 件）", from, to, len(rows))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "民情台账")
	if err != nil {
		return err
	}
	m.Subtitle = fmt.Sprintf("%s 至 %s · 共 %d 件", dateCN(from), dateCN(to), len(rows))
	return reports.ConcernLedger(w, m, rows, !data.CanReveal(ctx))
}

var meetingDate = Param{Name: "date", Label: "会议日期", Kind: Date, Required: true, Hint: "YYYY-MM-DD"}

// MeetingSignIn is a tea meeting's 签到表.
var MeetingSignIn = Doc{Verb: Print, Name: "meeting-signin", Title: "议事会签到表", Perm: data.PermView,
	Params: []Param{meetingDate}, file: func(v Values) string { return "议事会签到表-" + v["date"] }, render: printMeetingSignIn}

func printMeetingSignIn(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	mt, err := s.MeetingOn(ctx, v["date"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "议事会", mt.ID, "打印签到表 "+mt.Day); err != nil {
		return err
	}
	m, err := meta(ctx, s, "「三杯茶」议事会签到表")
	if err != nil {
		return err
	}
	return reports.MeetingSignIn(w, m, mt)
}

// MeetingMinutes is a tea meeting's 会议纪要 (`print meeting -date`).
var MeetingMinutes = Doc{Verb: Print, Name: "meeting", Title: "会议纪要", Perm: data.PermView,
	Params: []Param{meetingDate}, file: func(v Values) string { return "会议纪要-" + v["date"] }, render: printMeetingMinutes}

func printMeetingMinutes(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	mt, err := s.MeetingOn(ctx, v["date"])
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, "议事会", mt.ID, "打印会议纪要 "+mt.Day); err != nil {
		return err
	}
	m, err := meta(ctx, s, "「三杯茶」议事会会议纪要")
	if err != nil {
		return err
	}
	return reports.MeetingMinutes(w, m, mt)
}

// ConcernNotice is the month's 公示 poster of resolved concerns, reporters masked.
var ConcernNotice = Doc{Verb: Print, Name: "notice", Title: "民情办理公示", Perm: data.PermView,
	Params: []Param{monthParam}, file: monthFile("民情办理公示"), render: printConcernNotice}

func printConcernNotice(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	cs, err := s.Concerns(ctx, data.ConcernFilter{ResolvedIn: v["month"]})
	if err != nil {
		return err
	}
	for i, j := 0, len(cs)-1; i < j; i, j = i+1, j-1 { // oldest first
		cs[i], cs[j] = cs[j], cs[i]
	}
	if err := s.Record(ctx, data.ActPrint, "民情办理公示", 0, fmt.Sprintf("打印民情办理公示 %s（%d 件）", v["month"], len(cs))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "民情办理公示")
	if err != nil {
		return err
	}
	return reports.ConcernNotice(w, m, v["month"], cs)
}

// ConcernsXLSX exports concerns with filters; 只读 gets reporters masked.
var ConcernsXLSX = Doc{Verb: Export, Name: "concerns", Title: "民情", Perm: data.PermView,
	Params: []Param{
		{Name: "from", Label: "起始日期", Kind: Date},
		{Name: "to", Label: "截止日期", Kind: Date},
		{Name: "state", Label: "状态", Kind: Text, Hint: "登记、核实、待议、已议定、办理中、已办结、不予办理、转办、重复", Choices: stateNames},
		{Name: "open", Label: "只导出未办结", Kind: Flag},
	},
	check: func(v Values) error {
		if st := v["state"]; st != "" && !data.ConcernState(st).Valid() {
			return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "状态", Message: "“" + st + "”不是民情的状态"}}}
		}
		if st := v["state"]; st != "" && v.On("open") && !data.ConcernState(st).Open() {
			return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "只导出未办结", Message: "状态“" + st + "”已办结，与“只导出未办结”矛盾"}}}
		}
		return checkPeriod("from", "to")(v)
	},
	file: func(v Values) string {
		name := "民情"
		for _, k := range []string{"from", "to", "state"} {
			if v[k] != "" {
				name += "-" + v[k]
			}
		}
		if v.On("open") && v["state"] == "" {
			name += "-未办结"
		}
		return name
	},
	render: exportConcerns}

func stateNames(context.Context, *data.Store) ([]string, error) {
	out := make([]string, len(data.ConcernStates))
	for i, s := range data.ConcernStates {
		out[i] = string(s)
	}
	return out, nil
}

func exportConcerns(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	cs, err := s.Concerns(ctx, data.ConcernFilter{From: v["from"], To: v["to"], State: data.ConcernState(v["state"]), OpenOnly: v.On("open")})
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActExport, "民情", 0, fmt.Sprintf("导出民情 %d 件", len(cs))); err != nil {
		return err
	}
	return reports.ConcernsXLSX(w, cs, !data.CanReveal(ctx))
}
