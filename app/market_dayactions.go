package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// The market day's actions besides the allocation: vendors applying, a leave or a no-show, and
// generating days from a rule.

// onApply lets the picked day's vendors apply; those ticked apply in vendor-number order, which
// is their application order among themselves.
func (t *marketDaysTab) onApply() {
	sh, d := t.m.sh, *t.day
	applied := map[int64]bool{}
	for _, l := range t.lines {
		applied[l.VendorID] = true
	}
	async(sh, func() ([]data.Vendor, error) { return sh.store.Vendors(sh.ctx, data.VendorFilter{}) }, func(vs []data.Vendor) {
		var open []data.Vendor
		var names []string
		for _, v := range vs {
			if !applied[v.ID] {
				open = append(open, v)
				names = append(names, v.Number+" "+v.Name+"（"+v.Category+"）")
			}
		}
		pick := widget.NewCheckGroup(names, nil)
		fd := newFormDialog(sh, fmt.Sprintf(lang.L("%s 报名"), d.Day), lang.L("保存"), []*widget.FormItem{widget.NewFormItem(lang.L("摊主"), pick)},
			func() (func() error, error) {
				var ids []int64
				for i, n := range names {
					for _, s := range pick.Selected {
						if s == n {
							ids = append(ids, open[i].ID)
						}
					}
				}
				if len(ids) == 0 {
					return nil, fieldError("摊主", lang.L("请至少选择一位摊主"))
				}
				return func() error { _, err := sh.store.ApplyForMarketDay(sh.ctx, d.ID, ids); return err }, nil
			}, t.refresh)
		fd.Show(520)
	})
}

// onAbsent records that the picked vendor will not come (请假) or did not come by the release
// time (缺席); the stall goes to the waiting list.
func (t *marketDaysTab) onAbsent(noShow bool) {
	sh, d, l := t.m.sh, *t.day, t.lines[t.picked]
	title, verb := lang.L("请假"), lang.L("记为请假")
	text := fmt.Sprintf(lang.L("%s 报告 %s 不来？摊位将递补给候补。"), l.Vendor, d.Day)
	if noShow {
		title, verb = lang.L("记为缺席"), lang.L("记为缺席")
		text = fmt.Sprintf(lang.L("%s 未请假、到释放时间仍未出摊？摊位将递补给候补，无故缺席计入次数。"), l.Vendor)
	}
	sh.confirm(title, text, verb, noShow, func() {
		async(sh, func() (int64, error) {
			if noShow {
				return sh.store.RecordNoShow(sh.ctx, d.ID, l.VendorID)
			}
			return sh.store.ReportLeave(sh.ctx, d.ID, l.VendorID)
		}, func(to int64) {
			if to != 0 {
				sh.notice(lang.L("摊位已递补给候补摊主"))
			}
			t.refresh()
		})
	})
}

// onGenerate adds market days from a rule: every ticked weekday between two dates.
func (t *marketDaysTab) onGenerate() {
	sh := t.m.sh
	from, to, start, end := newEntry(sh), newEntry(sh), newEntry(sh), newEntry(sh)
	from.SetText(sh.now().Format("2006-01-02"))
	to.SetText(sh.now().AddDate(0, 3, 0).Format("2006-01-02"))
	start.SetText("07:00")
	end.SetText("11:00")
	dateCheck := func(s string) error { _, err := data.ParseDate(s); return err }
	from.Validator, to.Validator = dateCheck, dateCheck
	days := []string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}
	labels := make([]string, len(days))
	for i, d := range days {
		labels[i] = lang.L(d)
	}
	week := widget.NewCheckGroup(labels, nil)
	week.Horizontal = true
	week.SetSelected(labels[5:])
	items := []*widget.FormItem{widget.NewFormItem(lang.L("开始日期"), from), widget.NewFormItem(lang.L("结束日期"), to),
		widget.NewFormItem(lang.L("星期"), week), widget.NewFormItem(lang.L("开市时间"), start), widget.NewFormItem(lang.L("收市时间"), end)}
	fd := newFormDialog(sh, lang.L("生成集市日"), lang.L("生成"), items, func() (func() error, error) {
		r := data.MarketDayRule{From: from.Text, To: to.Text, Start: strings.TrimSpace(start.Text), End: strings.TrimSpace(end.Text)}
		for i, l := range labels {
			for _, s := range week.Selected {
				if s == l {
					r.Weekdays |= 1 << i
				}
			}
		}
		return func() error {
			n, err := sh.store.GenerateMarketDays(sh.ctx, r)
			if err == nil {
				sh.do(func() { sh.notice(fmt.Sprintf(lang.L("新增 %d 个集市日"), n)) })
			}
			return err
		}, nil
	}, t.refresh)
	fd.Show(560)
}

// onWaive waives the picked vendor's fee for the day, with who approved it and why.
func (t *marketDaysTab) onWaive() {
	sh, d, l := t.m.sh, *t.day, t.lines[t.picked]
	approver, reason := newEntry(sh), newEntry(sh)
	approver.SetPlaceHolder(lang.L("如：社区书记 郭丹明"))
	reason.SetPlaceHolder(lang.L("如：首次参加集市"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("批准人"), approver), widget.NewFormItem(lang.L("减免原因"), reason)}
	fd := newFormDialog(sh, fmt.Sprintf(lang.L("减免 %s %s 的摊位费"), l.Vendor, d.Day), lang.L("保存"), items, func() (func() error, error) {
		return func() error { return sh.store.WaiveFee(sh.ctx, d.ID, l.VendorID, approver.Text, reason.Text) }, nil
	}, t.loadDay)
	fd.Show(480)
}
