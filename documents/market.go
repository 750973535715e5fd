package documents

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"linli/data"
	"linli/reports"
)

// The 共富集市 documents: 摊位安排表, 公约与签署表, 集市台账, 帮扶增收台账, and the Excel exports of
// a day's allocation, takings and violations.

var marketDate = Param{Name: "date", Label: "集市日期", Kind: Date, Required: true, Hint: "YYYY-MM-DD"}

// marketDayOn reads the market day on a date.
func marketDayOn(ctx context.Context, s *data.Store, date string) (data.MarketDay, error) {
	ds, err := s.MarketDays(ctx, data.MarketDayFilter{Day: date})
	if err != nil {
		return data.MarketDay{}, err
	}
	if len(ds) == 0 {
		return data.MarketDay{}, &data.Error{Code: data.CodeNotFound, Message: date + " 不是集市日"}
	}
	return ds[0], nil
}

// MarketDayDoc is a day's 摊位安排表; -public masks names for posting on site (只读 always gets it
// masked).
var MarketDayDoc = Doc{Verb: Print, Name: "market-day", Title: "摊位安排表", Perm: data.PermView,
	Params: []Param{marketDate, {Name: "public", Label: "公示版（姓名打码，不含电话）", Kind: Flag}},
	file: func(v Values) string {
		if v.On("public") {
			return "摊位安排表-" + v["date"] + "-公示"
		}
		return "摊位安排表-" + v["date"]
	},
	ready: func(ctx context.Context, s *data.Store, v Values) error {
		_, err := marketDayOn(ctx, s, v["date"])
		return err
	},
	render: printMarketDay}

func printMarketDay(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	d, err := marketDayOn(ctx, s, v["date"])
	if err != nil {
		return err
	}
	_, lines, err := s.MarketDaySheet(ctx, d.ID)
	if err != nil {
		return err
	}
	if !d.Allocated && d.Cancelled == "" { // not confirmed yet: the preview, marked as such
		res, err := s.PreviewAllocation(ctx, d.ID)
		if err != nil {
			return err
		}
		lines = lines[:0]
		for _, l := range res.Lines {
			lines = append(lines, data.DayLine{AllocationLine: l})
		}
	}
	stalls, err := layoutStalls(ctx, s, d.LayoutID)
	if err != nil {
		return err
	}
	public := v.On("public") || !data.CanReveal(ctx)
	if err := s.Record(ctx, data.ActPrint, data.MarketEntity, d.ID, "打印摊位安排表 "+d.Day); err != nil {
		return err
	}
	m, err := meta(ctx, s, "共富集市摊位安排表")
	if err != nil {
		return err
	}
	return reports.MarketDaySheet(w, m, d, stalls, lines, public)
}

func layoutStalls(ctx context.Context, s *data.Store, layoutID int64) ([]data.Stall, error) {
	ls, err := s.StallLayouts(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		if l.ID == layoutID {
			return l.Stalls, nil
		}
	}
	return nil, &data.Error{Code: data.CodeNotFound, Message: "摊位布局不存在"}
}

// MarketPactDoc is the 公约 with every vendor's signature line (`print market-pact [-version N]`).
var MarketPactDoc = Doc{Verb: Print, Name: "market-pact", Title: "共富集市公约", Perm: data.PermView,
	Params: []Param{{Name: "version", Label: "版本", Kind: Text, Hint: "版本号，不填为最新版"}},
	check: func(v Values) error {
		if x := v["version"]; x != "" {
			if n, err := strconv.Atoi(x); err != nil || n < 1 {
				return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "版本", Message: "应为正整数，如 2"}}}
			}
		}
		return nil
	},
	file: func(v Values) string {
		if v["version"] != "" {
			return "共富集市公约-第" + v["version"] + "版"
		}
		return "共富集市公约"
	},
	render: printMarketPact}

func printMarketPact(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	ps, err := s.Pacts(ctx)
	if err != nil {
		return err
	}
	var p *data.Pact
	for i := range ps {
		if v["version"] == "" || strconv.Itoa(ps[i].Version) == v["version"] {
			p = &ps[i]
			break
		}
	}
	if p == nil {
		return &data.Error{Code: data.CodeNotFound, Message: "没有这一版公约（请先由管理员录入公约）"}
	}
	vendors, err := s.Vendors(ctx, data.VendorFilter{})
	if err != nil {
		return err
	}
	sigs, err := s.PactSignatures(ctx, p.ID)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, data.MarketEntity, p.ID, fmt.Sprintf("打印共富集市公约第 %d 版及签署表", p.Version)); err != nil {
		return err
	}
	m, err := meta(ctx, s, p.Title)
	if err != nil {
		return err
	}
	return reports.MarketPact(w, m, *p, vendors, sigs)
}

// periodParams take a month or a year.
var (
	marketMonth = Param{Name: "month", Label: "月份", Kind: Month, Hint: "YYYY-MM；或填年度"}
	marketYear  = Param{Name: "year", Label: "年度", Kind: Text, Hint: "YYYY"}
)

// checkMonthOrYear takes a month or a year (one of the two).
func checkMonthOrYear(v Values) error {
	bad := func(msg string) error {
		return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "期间", Message: msg}}}
	}
	switch {
	case (v["month"] == "") == (v["year"] == ""):
		return bad("请填写月份（YYYY-MM）或年度（YYYY），二者选一")
	case v["year"] != "":
		if y, err := strconv.Atoi(v["year"]); err != nil || y < 2000 || y > 2100 || len(v["year"]) != 4 {
			return bad("年度应写作 2026")
		}
	}
	return nil
}

func marketPeriod(v Values) string {
	if v["month"] != "" {
		return v["month"]
	}
	return v["year"]
}

// marketLines reads each held day's lines of a period.
func marketLines(ctx context.Context, s *data.Store, l data.MarketLedger) ([]reports.LedgerLines, error) {
	var out []reports.LedgerLines
	ds, err := s.MarketDays(ctx, data.MarketDayFilter{From: l.From, To: l.To})
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		if d.Cancelled != "" || !d.Allocated {
			continue
		}
		_, lines, err := s.MarketDaySheet(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, reports.LedgerLines{Day: d.Day, Lines: lines})
	}
	return out, nil
}

// MarketLedgerDoc is the 集市台账 of a month or a year.
var MarketLedgerDoc = Doc{Verb: Print, Name: "market-ledger", Title: "集市台账", Perm: data.PermView,
	Params: []Param{marketMonth, marketYear}, check: checkMonthOrYear,
	file: func(v Values) string { return "集市台账-" + marketPeriod(v) }, render: printMarketLedger}

func printMarketLedger(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	l, err := s.MarketLedger(ctx, marketPeriod(v))
	if err != nil {
		return err
	}
	days, err := marketLines(ctx, s, l)
	if err != nil {
		return err
	}
	fams, err := s.HelpedIncome(ctx, dayYear(l.From))
	if err != nil {
		return err
	}
	fams = familiesIn(fams, l.From, l.To)
	if err := s.Record(ctx, data.ActPrint, data.MarketEntity, 0, "打印集市台账 "+marketPeriod(v)); err != nil {
		return err
	}
	m, err := meta(ctx, s, "共富集市台账")
	if err != nil {
		return err
	}
	return reports.MarketLedger(w, m, l, fams, days)
}

func dayYear(day string) int {
	y, _ := strconv.Atoi(day[:4])
	return y
}

// familiesIn keeps each family's days within from..to, with the totals of those days.
func familiesIn(fams []data.HelpedFamily, from, to string) []data.HelpedFamily {
	var out []data.HelpedFamily
	for _, f := range fams {
		g := f
		g.Days, g.Months, g.TotalFen = nil, [12]int64{}, 0
		for _, d := range f.Days {
			if d.Day >= from && d.Day <= to {
				g.Days = append(g.Days, d)
				mo, _ := strconv.Atoi(d.Day[5:7])
				g.Months[mo-1] += d.TakingsFen
				g.TotalFen += d.TakingsFen
			}
		}
		if len(g.Days) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// HelpedIncomeDoc is the year's 帮扶增收台账 of every 帮扶 household.
var HelpedIncomeDoc = Doc{Verb: Print, Name: "helped-income", Title: "帮扶增收台账", Perm: data.PermView,
	Params: []Param{{Name: "year", Label: "年度", Kind: Text, Required: true, Hint: "YYYY"}},
	check:  checkMonthOrYear,
	file:   func(v Values) string { return "帮扶增收台账-" + v["year"] }, render: printHelpedIncome}

func printHelpedIncome(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	year, _ := strconv.Atoi(v["year"])
	fams, err := s.HelpedIncome(ctx, year)
	if err != nil {
		return err
	}
	if err := s.Record(ctx, data.ActPrint, data.MarketEntity, 0, fmt.Sprintf("打印帮扶增收台账 %d 年（%d 户）", year, len(fams))); err != nil {
		return err
	}
	m, err := meta(ctx, s, "共富集市帮扶增收台账（助人自助）")
	if err != nil {
		return err
	}
	return reports.HelpedIncome(w, m, year, fams)
}

// MarketAllocationXLSX exports a day's allocation (`export market-allocation -date`).
var MarketAllocationXLSX = Doc{Verb: Export, Name: "market-allocation", Title: "摊位分配", Perm: data.PermView,
	Params: []Param{marketDate}, file: func(v Values) string { return "摊位分配-" + v["date"] },
	ready: func(ctx context.Context, s *data.Store, v Values) error {
		_, err := marketDayOn(ctx, s, v["date"])
		return err
	},
	render: func(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
		d, err := marketDayOn(ctx, s, v["date"])
		if err != nil {
			return err
		}
		_, lines, err := s.MarketDaySheet(ctx, d.ID)
		if err != nil {
			return err
		}
		if err := s.Record(ctx, data.ActExport, data.MarketEntity, d.ID, fmt.Sprintf("导出摊位分配 %s（%d 人）", d.Day, len(lines))); err != nil {
			return err
		}
		return reports.MarketAllocationXLSX(w, d, lines, !data.CanReveal(ctx))
	}}

// MarketTakingsXLSX exports the takings of a month or a year (`export market-takings -month`).
var MarketTakingsXLSX = Doc{Verb: Export, Name: "market-takings", Title: "集市营业额", Perm: data.PermView,
	Params: []Param{marketMonth, marketYear}, check: checkMonthOrYear,
	file: func(v Values) string { return "集市营业额-" + marketPeriod(v) },
	render: func(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
		l, err := s.MarketLedger(ctx, marketPeriod(v))
		if err != nil {
			return err
		}
		days, err := marketLines(ctx, s, l)
		if err != nil {
			return err
		}
		if err := s.Record(ctx, data.ActExport, data.MarketEntity, 0, "导出集市营业额 "+marketPeriod(v)); err != nil {
			return err
		}
		return reports.MarketTakingsXLSX(w, days)
	}}

// MarketViolationsXLSX exports the violations of a month or a year (`export market-violations`).
var MarketViolationsXLSX = Doc{Verb: Export, Name: "market-violations", Title: "集市违约记录", Perm: data.PermView,
	Params: []Param{marketMonth, marketYear}, check: checkMonthOrYear,
	file: func(v Values) string { return "集市违约记录-" + marketPeriod(v) },
	render: func(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
		l, err := s.MarketLedger(ctx, marketPeriod(v))
		if err != nil {
			return err
		}
		vs, err := s.Violations(ctx, data.ViolationFilter{From: l.From, To: l.To})
		if err != nil {
			return err
		}
		if err := s.Record(ctx, data.ActExport, data.MarketEntity, 0, fmt.Sprintf("导出集市违约记录 %s（%d 条）", marketPeriod(v), len(vs))); err != nil {
			return err
		}
		return reports.MarketViolationsXLSX(w, vs)
	}}
