package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
	"linli/documents"
)

var applicationHeaders = []string{"学生", "学校", "年级", "优先", "状态", "录用岗位", "志愿", "说明"}

// postMatchTab lists the season's applications; 预览匹配 shows where the seeded matching would
// place each reviewed student and why not, 确认匹配 writes it.
type postMatchTab struct {
	p       *postsScreen
	rows    []data.Application
	preview *data.MatchResult // the preview on show, or nil
	table   *widget.Table
	seed    *widget.Entry
	run     *widget.Button
	confirm *widget.Button
	add     *widget.Button
	form    *appForm       // the application form on show, for tests
	place   *placementView // the placement on show, for tests
	box     fyne.CanvasObject
}

func newPostMatchTab(p *postsScreen) *postMatchTab {
	t := &postMatchTab{p: p}
	t.table = newHeaderTable(applicationHeaders, []float32{80, 140, 60, 90, 70, 220, 50, 380}, t.length, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if t.preview == nil && id.Row >= 0 && id.Row < len(t.rows) {
			t.place = showPlacement(t, t.rows[id.Row])
		}
	}
	t.add = widget.NewButtonWithIcon(lang.L("新增报名"), theme.ContentAddIcon(), func() { t.openAppForm(data.Application{}) })
	t.add.Importance = widget.HighImportance
	t.seed = widget.NewEntry()
	t.seed.SetPlaceHolder(lang.L("抽签种子"))
	t.seed.SetText(strconv.FormatInt(p.sh.now().UnixMilli()%1_000_000, 10))
	t.run = widget.NewButtonWithIcon(lang.L("预览匹配"), theme.SearchIcon(), t.onPreview)
	t.confirm = widget.NewButtonWithIcon(lang.L("确认匹配"), theme.ConfirmIcon(), t.onConfirm)
	t.confirm.Importance = widget.HighImportance
	t.confirm.Disable()
	if !p.canWrite() {
		t.run.Disable()
	}
	printBtn := widget.NewButtonWithIcon(lang.L("打印匹配结果"), theme.DocumentPrintIcon(), func() {
		p.out.document(&documents.Placements, documents.Values{"season": p.season.Selected})
	})
	t.box = container.NewBorder(container.NewHBox(p.writeButton(t.add), widget.NewLabel(lang.L("抽签种子")), container.NewGridWrap(fyne.NewSize(110, 36), t.seed),
		t.run, t.confirm, printBtn), nil, nil, nil, t.table)
	return t
}

func (t *postMatchTab) length() int {
	if t.preview != nil {
		return len(t.preview.Lines)
	}
	return len(t.rows)
}

func (t *postMatchTab) cell(row, col int) string {
	if t.preview != nil {
		l := t.preview.Lines[row]
		cells := []string{l.Student, l.School, l.Grade, l.Hardship, lang.L("（预览）"), "", "", l.Why}
		if l.PostID != 0 {
			cells[5], cells[6] = l.Shop+"「"+l.Post+"」", strconv.Itoa(l.Rank)
		}
		return cells[col]
	}
	a := t.rows[row]
	cells := []string{a.Student, a.School, a.Grade, a.Hardship, lang.L(string(a.State)), "", "", a.Reason}
	if a.PostID != 0 {
		cells[5], cells[6] = a.Shop+"「"+a.Post+"」", strconv.Itoa(a.PlacedRank)
	}
	return cells[col]
}

func (t *postMatchTab) refresh() {
	sh, y := t.p.sh, t.p.seasonYear()
	if y == 0 {
		return
	}
	async(sh, func() ([]data.Application, error) {
		return sh.store.Applications(sh.ctx, data.ApplicationFilter{Season: y})
	}, func(as []data.Application) {
		t.rows, t.preview = as, nil
		t.confirm.Disable()
		t.table.Refresh()
	})
}

// seedValue reads the seed typed, or shows why it cannot.
func (t *postMatchTab) seedValue() (int64, bool) {
	n, err := strconv.ParseInt(t.seed.Text, 10, 64)
	if err != nil {
		t.p.sh.showError(&data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: lang.L("抽签种子"), Message: lang.L("应为整数")}}})
		return 0, false
	}
	return n, true
}

func (t *postMatchTab) onPreview() {
	sh, y := t.p.sh, t.p.seasonYear()
	seed, ok := t.seedValue()
	if !ok {
		return
	}
	day := sh.now().Format("2006-01-02")
	async(sh, func() (data.MatchResult, error) { return sh.store.PreviewMatching(sh.ctx, y, day, seed) }, func(r data.MatchResult) {
		t.preview = &r
		t.table.Refresh()
		t.p.out.status.SetText(fmt.Sprintf(lang.L("预览：录用 %d 人，未录用 %d 人（种子 %d）"), r.Placed, r.Unplaced, r.Seed))
		if len(r.Lines) > 0 && t.p.canWrite() {
			t.confirm.Enable()
		}
	})
}

func (t *postMatchTab) onConfirm() {
	sh, y := t.p.sh, t.p.seasonYear()
	seed, ok := t.seedValue()
	if !ok || t.preview == nil || t.preview.Seed != seed {
		return
	}
	day := t.preview.Day
	t.confirm.Disable()
	async(sh, func() (data.MatchResult, error) { return sh.store.ConfirmMatching(sh.ctx, y, day, seed) }, func(r data.MatchResult) {
		t.p.out.status.SetText(fmt.Sprintf(lang.L("已确认：录用 %d 人，未录用 %d 人（种子 %d）"), r.Placed, r.Unplaced, r.Seed))
		t.refresh()
	})
}
