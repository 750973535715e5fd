package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// takingsForm enters a day's takings: one amount in 元 per stall holder who came, checked as it is
// typed. A field left empty stays 未录入; 0 is an entry (nothing sold).
type takingsForm struct {
	dlg     *formDialog
	lines   []data.DayLine
	entries []*keyEntry
}

func (t *marketDaysTab) onTakings() {
	sh, d := t.m.sh, *t.day
	f := &takingsForm{}
	t.form = f
	var items []*widget.FormItem
	for _, l := range t.lines {
		if l.StallID == 0 || l.Attendance != "" {
			continue
		}
		e := newEntry(sh)
		e.SetPlaceHolder(lang.L("未录入"))
		if l.HasTakings {
			e.SetText(data.Yuan(l.TakingsFen))
		}
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			_, err := data.ParseYuan(s)
			return err
		}
		f.lines, f.entries = append(f.lines, l), append(f.entries, e)
		items = append(items, widget.NewFormItem(fmt.Sprintf("%s %s", l.Stall, l.Vendor), e))
	}
	f.dlg = newFormDialog(sh, fmt.Sprintf(lang.L("录入营业额（%s，元）"), d.Day), lang.L("保存"), items, f.submit(sh, d.ID), t.loadDay)
	f.dlg.Show(520)
}

// entriesTyped reads the amounts typed; an amount that cannot be read names its stall.
func (f *takingsForm) entriesTyped() ([]data.TakingsEntry, error) {
	var out []data.TakingsEntry
	for i, e := range f.entries {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			continue
		}
		fen, err := data.ParseYuan(s)
		if err != nil {
			return nil, fieldError(fmt.Sprintf("%s %s", f.lines[i].Stall, f.lines[i].Vendor), err.Error())
		}
		out = append(out, data.TakingsEntry{VendorID: f.lines[i].VendorID, TakingsFen: fen})
	}
	return out, nil
}

func (f *takingsForm) submit(sh *shell, dayID int64) func() (func() error, error) {
	return func() (func() error, error) {
		es, err := f.entriesTyped()
		if err != nil {
			return nil, err
		}
		if len(es) == 0 {
			return nil, nil
		}
		return func() error {
			err := sh.store.RecordTakings(sh.ctx, dayID, es)
			if err == nil {
				sh.do(func() { sh.notice(fmt.Sprintf(lang.L("已录入 %d 个摊位的营业额"), len(es))) })
			}
			return err
		}, nil
	}
}
