package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// newHeaderTable is a table with a translated header row and fixed column widths; rows gives the
// row count and cell the text of a cell. Labels truncate with an ellipsis.
func newHeaderTable(headers []string, widths []float32, rows func() int, cell func(row, col int) string) *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), len(headers) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cell(id.Row, id.Col)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(headers[id.Col]))
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
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
