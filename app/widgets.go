package app

import (
	"sync"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newHeaderTable is a table with a translated header row and fixed column widths; rows gives the
// row count and cell the text of a cell. Labels truncate with an ellipsis.
func newHeaderTable(headers []string, widths []float32, rows func() int, cell func(row, col int) string) *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), len(headers) },
		func() fyne.CanvasObject { return newCellLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*cellLabel).SetText(cell(id.Row, id.Col)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(tr(headers[id.Col]))
		}
	}
	for i, w := range fitHeaders(headers, widths) {
		t.SetColumnWidth(i, w)
	}
	return t
}

// fitHeaders widens columns whose translated header would not fit (English headers are longer
// than Chinese ones: 「Care recipients」 ran into 「Left」).
func fitHeaders(headers []string, widths []float32) []float32 {
	out := append([]float32(nil), widths...)
	for i := range out {
		if i < len(headers) {
			l := widget.NewLabelWithStyle(tr(headers[i]), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			out[i] = max(out[i], l.MinSize().Width+2*theme.Padding()) // the cell's own padding

		}
	}
	return out
}

// tabPage is one tab of a programme screen: its (translated) title, content and how to reload it.
type tabPage struct {
	title   string
	content fyne.CanvasObject
	load    func()
}

// newTabs builds app tabs that reload the page a user switches to.
func newTabs(pages []tabPage) *container.AppTabs {
	var items []*container.TabItem
	for _, p := range pages {
		items = append(items, container.NewTabItem(p.title, p.content))
	}
	tabs := container.NewAppTabs(items...)
	tabs.OnSelected = func(*container.TabItem) { reloadTab(tabs, pages) }
	return tabs
}

// reloadTab reloads the selected page.
func reloadTab(tabs *container.AppTabs, pages []tabPage) {
	if i := tabs.SelectedIndex(); i >= 0 && i < len(pages) && pages[i].load != nil {
		pages[i].load()
	}
}

// notice shows a short message at the bottom of the window that goes by itself after a few
// seconds and blocks nothing (「已保存」 after a save).
func (sh *shell) notice(text string) {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = 6
	bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 1
	n := container.NewStack(bg, container.NewPadded(l))
	sh.notices.Add(n)
	sh.lastNotice = text
	if sh.inline {
		return // tests look at it; nothing runs beside a GUI test
	}
	time.AfterFunc(noticeTime, func() { sh.do(func() { sh.notices.Remove(n) }) })
}

const noticeTime = 3 * time.Second

// messageLabel is a label for a message: Chinese wraps by character, so that 「未满 14 周岁」 is
// never broken at the spaces around a number or a name; other text wraps by word.
func messageLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = wrapFor(text)
	return l
}

// wrapFor is the wrapping that suits a text: by character when it holds Chinese.
func wrapFor(text string) fyne.TextWrap {
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			return fyne.TextWrapBreak
		}
	}
	return fyne.TextWrapWord
}

// cellLabel is a table cell's label: it truncates with an ellipsis, and while the pointer is over
// a truncated one its full text shows in the window's hint line (long addresses, 网格 names,
// customers).
type cellLabel struct {
	widget.Label
}

func newCellLabel() *cellLabel {
	l := &cellLabel{}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// truncated reports whether the text is wider than the label.
func (l *cellLabel) truncated() bool {
	full := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle)
	return full.Width+2*theme.InnerPadding() > l.Size().Width+0.5
}

func (l *cellLabel) MouseIn(*desktop.MouseEvent) {
	if l.Text != "" && l.truncated() {
		showHint(l, l.Text)
	}
}

func (l *cellLabel) MouseMoved(*desktop.MouseEvent) {}

func (l *cellLabel) MouseOut() { showHint(l, "") }

// hints maps a window's canvas to the hint line that shell shows.
var (
	hintsMu sync.Mutex
	hints   = map[fyne.Canvas]func(string){}
)

// showHint shows (or, with "", clears) the hint line of the window o is in.
func showHint(o fyne.CanvasObject, text string) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	hintsMu.Lock()
	f := hints[c]
	hintsMu.Unlock()
	if f != nil {
		f(text)
	}
}
