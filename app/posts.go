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

// postsScreen is 爱心岗位: a season's posts, and the applications with the matching (posts_match.go).
type postsScreen struct {
	sh     *shell
	season *keySelect
	tabs   *container.AppTabs
	pages  []tabPage
	list   *postListTab
	match  *postMatchTab
	shops  *postShopsTab
	out    *fileWriter
}

func newPostsScreen(sh *shell) *postsScreen {
	p := &postsScreen{sh: sh, out: newFileWriter(sh)}
	p.season = newSelect(nil, func(string) { p.refresh() })
	p.list = newPostListTab(p)
	p.match = newPostMatchTab(p)
	p.shops = newPostShopsTab(p)
	p.pages = []tabPage{{lang.L("岗位"), p.list.box, p.list.refresh}, {lang.L("报名与匹配"), p.match.box, p.match.refresh},
		{lang.L("爱心商铺"), p.shops.box, p.shops.refresh}}
	p.tabs = newTabs(p.pages)
	p.loadSeasons()
	return p
}

func (p *postsScreen) view() fyne.CanvasObject {
	p.out.status.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, container.NewHBox(heading(lang.L("爱心岗位")), widget.NewLabel(lang.L("年度")), p.season), nil, p.out.status)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.tabs))
}

func (p *postsScreen) refresh() { reloadTab(p.tabs, p.pages) }

func (p *postsScreen) canWrite() bool { return p.sh.actor.Role.Can(data.PermPostsWrite) }

// seasonYear is the season picked, or 0 before the seasons are loaded.
func (p *postsScreen) seasonYear() int {
	n, _ := strconv.Atoi(p.season.Selected)
	return n
}

// loadSeasons offers the years that have posts, and this year; the latest is picked.
func (p *postsScreen) loadSeasons() {
	sh := p.sh
	async(sh, func() ([]string, error) {
		posts, err := sh.store.Posts(sh.ctx, data.PostFilter{})
		if err != nil {
			return nil, err
		}
		seen := map[int]bool{sh.now().Year(): true}
		for _, x := range posts {
			seen[x.Season] = true
		}
		var out []string
		for y := sh.now().Year() + 1; y >= 2000; y-- {
			if seen[y] {
				out = append(out, strconv.Itoa(y))
			}
		}
		return out, nil
	}, func(years []string) {
		p.season.SetOptions(years)
		latest := ""
		for _, y := range years {
			if latest == "" || y > latest {
				latest = y
			}
		}
		p.season.SetSelected(latest) // refreshes
	})
}

var postHeaders = []string{"商铺", "岗位", "类型", "最低年龄", "名额", "已录用", "候补", "日期", "时间", "指导人", "时薪（元）"}

// postListTab lists the season's posts.
type postListTab struct {
	p     *postsScreen
	rows  []data.Post
	table *widget.Table
	add   *widget.Button
	form  *postForm // the form on show, for tests
	box   fyne.CanvasObject
}

func newPostListTab(p *postsScreen) *postListTab {
	t := &postListTab{p: p}
	t.table = newHeaderTable(postHeaders, []float32{120, 150, 80, 70, 50, 60, 50, 190, 110, 70, 80}, func() int { return len(t.rows) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.openPostForm(t.rows[id.Row])
		}
	}
	t.add = widget.NewButtonWithIcon(lang.L("新增岗位"), theme.ContentAddIcon(), func() { t.openPostForm(data.Post{}) })
	t.add.Importance = widget.HighImportance
	printBtn := widget.NewButtonWithIcon(lang.L("打印岗位一览"), theme.DocumentPrintIcon(), func() {
		p.out.document(&documents.PostsList, documents.Values{"season": p.season.Selected})
	})
	ledger := widget.NewButtonWithIcon(lang.L("打印台账"), theme.DocumentPrintIcon(), func() {
		p.out.document(&documents.PostsLedger, documents.Values{"season": p.season.Selected})
	})
	roster := widget.NewButtonWithIcon(lang.L("打印在岗学生名单"), theme.DocumentPrintIcon(), func() {
		p.out.document(&documents.PostRoster, documents.Values{"season": p.season.Selected})
	})
	t.box = container.NewBorder(toolbar(p.writeButton(t.add), printBtn, ledger, p.sh.docButton(roster, &documents.PostRoster)), nil, nil, nil, t.table)
	return t
}

func (t *postListTab) cell(row, col int) string {
	x := t.rows[row]
	switch col {
	case 0:
		return x.Shop
	case 1:
		return x.Title
	case 2:
		return lang.L(string(x.Kind))
	case 3:
		return strconv.Itoa(x.MinAge)
	case 4:
		return strconv.Itoa(x.Places)
	case 5:
		return strconv.Itoa(x.Placed)
	case 6:
		return strconv.Itoa(x.WaitListLen)
	case 7:
		return x.From + " – " + x.To
	case 8:
		return x.Start + "–" + x.End
	case 9:
		return x.Supervisor
	}
	if x.Kind != data.PostPaid {
		return "—"
	}
	return data.Yuan(x.PayPerHour)
}

func (t *postListTab) refresh() {
	sh, y := t.p.sh, t.p.seasonYear()
	if y == 0 {
		return
	}
	async(sh, func() ([]data.Post, error) { return sh.store.Posts(sh.ctx, data.PostFilter{Season: y}) }, func(ps []data.Post) {
		t.rows = ps
		t.table.Refresh()
		t.p.out.status.SetText(fmt.Sprintf(lang.L("%d 个岗位"), len(ps)))
	})
}
