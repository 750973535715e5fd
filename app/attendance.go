package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// attendanceTab is the grid of children × sessions: one tap cycles 出勤 / 缺勤 / 请假, 「全部出勤」
// marks a session; changes are kept (and marked) until 保存, which writes them in one transaction.
// Sessions still to come cannot be marked; children who withdrew keep their past marks, greyed.
type attendanceTab struct {
	c       *childrenScreen
	v       *attendanceView // everything the table shows, replaced as one value
	table   *widget.Table
	session *keySelect
	save    *widget.Button
	status  *widget.Label
	box     fyne.CanvasObject
}

// attendanceView is one programme's grid with the unsaved changes and the rates they give. The
// table reads only this value, and a new one is swapped in whole on the UI thread, so a cell is
// never drawn from one programme's children and another's sessions or rates.
type attendanceView struct {
	programme int64
	g         data.AttendanceSheet // children: 在读 and 结业, then those who withdrew with marks
	left      map[int64]bool       // children who withdrew
	changes   map[[2]int64]string
	rates     []data.ChildRate // one per child of g, always
	threshold int
	today     string
}

func newAttendanceView(programme int64, g data.AttendanceSheet, left map[int64]bool, changes map[[2]int64]string, threshold int, today string) *attendanceView {
	v := &attendanceView{programme: programme, g: g, left: left, changes: changes, threshold: threshold, today: today}
	if v.changes == nil {
		v.changes = map[[2]int64]string{}
	}
	v.rates = v.computeRates()
	return v
}

// rows and cols are the table's size: the child's name, one column per session, the rate.
func (v *attendanceView) rows() int { return len(v.g.Children) }
func (v *attendanceView) cols() int { return len(v.g.Sessions) + 2 }

// rateCol is the rate's column, beside the name so that both stay in view; sessionCol is the
// column of the i-th session, and session the session of a column (-1 for none).
func (v *attendanceView) rateCol() int         { return 1 }
func (v *attendanceView) sessionCol(i int) int { return i + 2 }
func (v *attendanceView) session(col int) int {
	if col >= 2 && col-2 < len(v.g.Sessions) {
		return col - 2
	}
	return -1
}

func (v *attendanceView) mark(session, child int64) string {
	k := [2]int64{session, child}
	if m, ok := v.changes[k]; ok {
		return m
	}
	return v.g.Marks[k]
}

// with returns the view with more changes applied (the receiver is not modified).
func (v *attendanceView) with(more map[[2]int64]string) *attendanceView {
	changes := make(map[[2]int64]string, len(v.changes)+len(more))
	for k, m := range v.changes {
		changes[k] = m
	}
	for k, m := range more {
		if v.g.Marks[k] == m {
			delete(changes, k) // back to what is saved: nothing to save
		} else {
			changes[k] = m
		}
	}
	return newAttendanceView(v.programme, v.g, v.left, changes, v.threshold, v.today)
}

// computeRates counts, for each child, the sessions held so far with the unsaved changes applied.
func (v *attendanceView) computeRates() []data.ChildRate {
	rates := make([]data.ChildRate, len(v.g.Children))
	for i, c := range v.g.Children {
		r := data.ChildRate{Enrollment: c}
		for _, x := range v.g.Sessions {
			if m := v.mark(x.ID, c.ChildID); x.Day <= v.today {
				r.Held++
				if m == "出勤" {
					r.Present++
				}
			}
		}
		r.Meets = data.Completes(r.Present, r.Held, v.threshold)
		rates[i] = r
	}
	return rates
}

// cellState is what a grid cell shows: its text, its colour and whether it is changed but unsaved.
type cellState struct {
	text    string
	kind    string // a mark, "未到" (session to come), "退出" (withdrawn, no mark), "" (name, rate)
	unsaved bool
}

func (v *attendanceView) cell(row, col int) string { return v.state(row, col).text }

func (v *attendanceView) state(row, col int) cellState {
	if row < 0 || row >= len(v.g.Children) || col < 0 || col >= v.cols() {
		return cellState{}
	}
	c := v.g.Children[row]
	switch {
	case col == 0:
		if v.left[c.ChildID] {
			return cellState{text: c.Child + lang.L("（已退出）"), kind: data.EnrolLeft}
		}
		return cellState{text: c.Child}
	case col == v.rateCol():
		r := v.rates[row]
		s := data.RateText(r.Present, r.Held)
		if r.Held == 0 {
			return cellState{text: s}
		}
		if r.Meets {
			s += " ✓"
		}
		return cellState{text: s}
	}
	x := v.g.Sessions[v.session(col)]
	k := [2]int64{x.ID, c.ChildID}
	m := v.mark(k[0], k[1])
	_, unsaved := v.changes[k]
	switch {
	case m != "":
		return cellState{text: markSymbol[m] + " " + tr(m), kind: m, unsaved: unsaved}
	case x.Day > v.today:
		return cellState{text: lang.L("未到"), kind: "未到"}
	case v.left[c.ChildID]:
		return cellState{text: lang.L("已退出"), kind: data.EnrolLeft}
	}
	return cellState{text: "·"}
}

var markSymbol = map[string]string{"出勤": "✔", "缺勤": "✘", "请假": "○"}

// markColours tint a cell by its mark; they read on the light and the dark theme.
var markColours = map[string]color.NRGBA{
	"出勤":           {R: 0x2E, G: 0x9D, B: 0x48, A: 0x55},
	"缺勤":           {R: 0xD3, G: 0x2F, B: 0x2F, A: 0x55},
	"请假":           {R: 0xF2, G: 0xA9, B: 0x00, A: 0x66},
	"未到":           {R: 0x80, G: 0x80, B: 0x80, A: 0x18},
	data.EnrolLeft: {R: 0x80, G: 0x80, B: 0x80, A: 0x30},
}

func (v *attendanceView) header(col int) string {
	switch {
	case col == 0:
		return lang.L("儿童")
	case col == v.rateCol():
		return lang.L("出勤率")
	case v.session(col) >= 0:
		return v.g.Sessions[v.session(col)].Day[5:]
	}
	return ""
}

// markWidth is a session column's width: the widest mark in the interface language fits.
func markWidth() float32 {
	w := float32(76)
	for _, m := range data.Marks {
		size := fyne.MeasureText(markSymbol[m]+" "+tr(m), theme.TextSize(), fyne.TextStyle{Bold: true})
		w = max(w, size.Width+2*theme.InnerPadding()+4)
	}
	return w
}

// newAttendanceCell is a grid cell: a tinted background, an outline when unsaved, and the text.
func newAttendanceCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = 3
	return container.NewStack(bg, widget.NewLabel("✔ 请假"))
}

func updateAttendanceCell(st cellState, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	bg, l := box.Objects[0].(*canvas.Rectangle), box.Objects[1].(*widget.Label)
	bg.FillColor, bg.StrokeWidth = color.Color(color.Transparent), 0
	if c, ok := markColours[st.kind]; ok {
		bg.FillColor = c
	}
	if st.unsaved {
		bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 2
	}
	l.TextStyle = fyne.TextStyle{Bold: st.unsaved, Italic: st.kind == "未到" || st.kind == data.EnrolLeft}
	l.SetText(st.text)
	bg.Refresh()
}

func newAttendanceTab(c *childrenScreen) *attendanceTab {
	t := &attendanceTab{c: c, v: newAttendanceView(0, data.AttendanceSheet{}, nil, nil, 0, ""), session: newSelect(nil, nil), status: widget.NewLabel("")}
	t.status.Wrapping = fyne.TextWrapBreak
	t.table = widget.NewTableWithHeaders(func() (int, int) { return t.v.rows(), t.v.cols() }, newAttendanceCell,
		func(id widget.TableCellID, o fyne.CanvasObject) { updateAttendanceCell(t.v.state(id.Row, id.Col), o) })
	t.table.ShowHeaderColumn = false
	t.table.StickyColumnCount = 2 // the name and the rate
	t.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.v.header(id.Col)) }
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		t.tap(id.Row, id.Col)
	}
	all := widget.NewButtonWithIcon(lang.L("全部出勤"), theme.ConfirmIcon(), t.allPresent)
	t.save = widget.NewButtonWithIcon(lang.L("保存考勤"), theme.DocumentSaveIcon(), t.onSave)
	t.save.Importance = widget.HighImportance
	if !c.canWrite() {
		all.Disable()
	}
	t.save.Disable()
	legend := container.NewHBox()
	for _, k := range []string{"出勤", "缺勤", "请假", "未到"} {
		st := cellState{text: tr(k), kind: k}
		if s, ok := markSymbol[k]; ok {
			st.text = s + " " + st.text
		}
		cell := newAttendanceCell()
		updateAttendanceCell(st, cell)
		legend.Add(cell)
	}
	unsaved := newAttendanceCell()
	updateAttendanceCell(cellState{text: lang.L("未保存"), unsaved: true}, unsaved)
	legend.Add(unsaved)
	top := container.NewVBox(container.NewHBox(widget.NewLabel(lang.L("场次")), container.NewGridWrap(fyne.NewSize(140, t.session.MinSize().Height), t.session), all, t.save, layout.NewSpacer(), legend), t.status)
	t.box = container.NewBorder(top, nil, nil, nil, t.table)
	return t
}

// mark is the mark shown for a session and child (saved, or changed and not yet saved).
func (t *attendanceTab) mark(session, child int64) string { return t.v.mark(session, child) }

func (t *attendanceTab) cell(id widget.TableCellID) string { return t.v.cell(id.Row, id.Col) }

// load reads the programme's grid; unsaved changes to the same programme are kept (another desk's
// save reloads the screen).
func (t *attendanceTab) load() { t.loadNote("") }

func (t *attendanceTab) loadNote(note string) {
	if t.c.current == nil {
		return
	}
	sh, id, threshold := t.c.sh, t.c.current.ID, t.c.current.ThresholdPct
	today := sh.now().Format("2006-01-02")
	var keep map[[2]int64]string
	if t.v.programme == id {
		keep = t.v.changes
	}
	async(sh, func() (*attendanceView, error) {
		g, err := sh.store.AttendanceGrid(sh.ctx, id)
		if err != nil {
			return nil, err
		}
		es, err := sh.store.Enrollments(sh.ctx, id)
		if err != nil {
			return nil, err
		}
		left := withdrawnWithMarks(&g, es)
		return newAttendanceView(id, g, left, nil, threshold, today).with(keep), nil
	}, func(v *attendanceView) { t.show(v, note) })
}

// withdrawnWithMarks adds to the grid the children who withdrew and have marks (the history is the
// record) and returns who they are.
func withdrawnWithMarks(g *data.AttendanceSheet, es []data.Enrollment) map[int64]bool {
	marked := map[int64]bool{}
	for k := range g.Marks {
		marked[k[1]] = true
	}
	left := map[int64]bool{}
	for _, e := range es {
		if e.Status == data.EnrolLeft && marked[e.ChildID] && !left[e.ChildID] {
			left[e.ChildID] = true
			g.Children = append(g.Children, e)
		}
	}
	return left
}

// show swaps in a freshly loaded grid.
func (t *attendanceTab) show(v *attendanceView, note string) {
	t.v = v
	var opts []string
	pick := 0
	for i, x := range v.g.Sessions {
		opts = append(opts, x.Day)
		if x.Day <= v.today {
			pick = i
		}
	}
	t.session.SetOptions(opts)
	if len(opts) > 0 {
		t.session.SetSelectedIndex(pick)
	} else {
		t.session.ClearSelected()
	}
	t.table.SetColumnWidth(0, 110)
	t.table.SetColumnWidth(v.rateCol(), 80)
	w := markWidth()
	for i := range v.g.Sessions {
		t.table.SetColumnWidth(v.sessionCol(i), w)
	}
	t.table.Refresh() // no programmatic scroll: Fyne 2.7 then maps taps to the wrong cells
	t.showStatus(note)
}

// showStatus says what the grid holds, what is unsaved and, after a save, that it was saved.
func (t *attendanceTab) showStatus(note string) {
	v := t.v
	s := fmt.Sprintf(lang.L("%d 名儿童 × %d 场"), len(v.g.Children), len(v.g.Sessions))
	if t.c.canWrite() {
		s += lang.L("；点格子切换 出勤 → 缺勤 → 请假")
	}
	if n := len(v.changes); n > 0 {
		s += "　" + fmt.Sprintf(lang.L("有 %d 处更改尚未保存"), n)
		t.save.Enable()
	} else {
		t.save.Disable()
	}
	if note != "" {
		s = note + "　" + s
	}
	t.status.SetText(s)
}

// tap cycles one cell's mark (col is the table's column, see sessionCol).
func (t *attendanceTab) tap(row, col int) {
	v := t.v
	if !t.c.canWrite() || row < 0 || row >= len(v.g.Children) || v.session(col) < 0 {
		return
	}
	x, c := v.g.Sessions[v.session(col)], v.g.Children[row]
	switch {
	case x.Day > v.today:
		t.showStatus(fmt.Sprintf(lang.L("%s 的活动还没有开始，不能登记考勤。"), x.Day))
		return
	case v.left[c.ChildID]:
		t.showStatus(fmt.Sprintf(lang.L("%s 已退出本项目，以前的考勤只作记录，不能更改。"), c.Child))
		return
	}
	k := [2]int64{x.ID, c.ChildID}
	t.change(map[[2]int64]string{k: data.NextMark(v.mark(k[0], k[1]))}, "")
}

func (t *attendanceTab) allPresent() {
	v, i := t.v, t.session.SelectedIndex()
	if i < 0 || i >= len(v.g.Sessions) {
		return
	}
	x := v.g.Sessions[i]
	if x.Day > v.today {
		t.showStatus(fmt.Sprintf(lang.L("%s 的活动还没有开始，不能登记考勤。"), x.Day))
		return
	}
	more := map[[2]int64]string{}
	for _, c := range v.g.Children {
		if !v.left[c.ChildID] {
			more[[2]int64{x.ID, c.ChildID}] = "出勤"
		}
	}
	t.change(more, "")
}

func (t *attendanceTab) change(more map[[2]int64]string, note string) {
	t.v = t.v.with(more)
	t.table.Refresh()
	t.showStatus(note)
}

func (t *attendanceTab) onSave() {
	sh, changes, programme := t.c.sh, t.v.changes, t.v.programme
	if len(changes) == 0 {
		return
	}
	t.save.Disable()
	async(sh, func() (struct{}, error) { return struct{}{}, sh.store.SaveAttendance(sh.ctx, changes) }, func(struct{}) {
		msg := fmt.Sprintf(lang.L("已保存 %d 处考勤"), len(changes))
		sh.notice(msg)
		if t.v.programme == programme {
			t.loadNote("✔ " + msg) // the saved marks are no longer changes once reloaded
		}
	}, func() { t.showStatus("") })
}
