package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

// hoursTab: each volunteer's hours in a period, and the 志愿服务证明 batch.
type hoursTab struct {
	c        *careScreen
	from, to *widget.Entry
	rows     []data.VolunteerTotal
	list     *widget.List
	progress *widget.ProgressBar
	cancel   *widget.Button
	stop     bool
	box      fyne.CanvasObject
}

func newHoursTab(c *careScreen) *hoursTab {
	t := &hoursTab{c: c, from: widget.NewEntry(), to: widget.NewEntry(), progress: widget.NewProgressBar()}
	year := c.sh.now().Format("2006")
	t.from.SetText(year + "-01-01")
	t.to.SetText(c.sh.now().Format("2006-01-02"))
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := t.rows[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s %s  %s  %s", r.Number, r.Name, hoursText(r.Minutes), sourcesText(r.Sources)))
		})
	show := widget.NewButtonWithIcon(lang.L("查看"), theme.SearchIcon(), t.refresh)
	certs := widget.NewButtonWithIcon(lang.L("批量打印志愿服务证明"), theme.DocumentPrintIcon(), t.onCerts)
	if !c.canWrite() {
		certs.Disable()
	}
	t.cancel = widget.NewButton(lang.L("取消"), func() { t.stop = true })
	t.progress.Hide()
	t.cancel.Hide()
	top := container.NewHBox(widget.NewLabel(lang.L("从")), container.NewGridWrap(fyne.NewSize(120, 36), t.from), widget.NewLabel(lang.L("到")),
		container.NewGridWrap(fyne.NewSize(120, 36), t.to), show, certs)
	t.box = container.NewBorder(container.NewVBox(top, container.NewBorder(nil, nil, nil, t.cancel, t.progress)), nil, nil, nil, t.list)
	return t
}

func (t *hoursTab) refresh() {
	sh, from, to := t.c.sh, t.from.Text, t.to.Text
	async(sh, func() ([]data.VolunteerTotal, error) { return sh.store.VolunteerTotals(sh.ctx, 0, from, to) }, func(rs []data.VolunteerTotal) {
		t.rows = rs
		t.list.Refresh()
	})
}

// onCerts issues and prints certificates for everyone with hours in the period, with a progress
// bar and a cancel button.
func (t *hoursTab) onCerts() {
	from, to := t.from.Text, t.to.Text
	t.stop = false
	d, v := &documents.VolunteerCerts, documents.Values{"all": "true", "from": from, "to": to}
	if err := d.Validate(v); err != nil {
		t.c.sh.showError(err)
		return
	}
	render := t.c.out.render(d, v)
	t.c.out.save(d.FileName(v), func(ctx context.Context, w io.Writer) error {
		t.c.sh.do(func() { t.progress.SetValue(0); t.progress.Show(); t.cancel.Show() })
		defer t.c.sh.do(func() { t.progress.Hide(); t.cancel.Hide() })
		return render(documents.WithProgress(ctx, func(done, total int) bool {
			t.c.sh.do(func() { t.progress.SetValue(float64(done) / float64(max(total, 1))) })
			return !t.stop
		}), w)
	}, true)
}

// hoursText is minutes as hours to the tenth in the interface language (「1.5 小时」, 「1.5 h」).
func hoursText(minutes int) string {
	tenths := (minutes*10 + 30) / 60
	return fmt.Sprintf(lang.L("%d.%d 小时"), tenths/10, tenths%10)
}

// sourcesText is 「一碗汤配送 12 次、上门服务 3 次」 in the interface language.
func sourcesText(ss []data.SourceTimes) string {
	parts := make([]string, len(ss))
	for i, x := range ss {
		parts[i] = fmt.Sprintf(lang.L("%s %d 次"), tr(x.Source), x.Times)
	}
	if currentLanguage == langEn {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "、")
}
