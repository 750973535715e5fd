package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// postForm adds or changes a post. It checks as it is typed with the store's rules: the post's
// own fields, then the law for the youngest student it admits (劳动法 §15, the minors' hours).
type postForm struct {
	dlg                                *formDialog
	shop, kind                         *keySelect
	season, title, minAge, places      *keyEntry
	from, to, start, end, minutes, pay *keyEntry
	supervisor, safety                 *keyEntry
	work                               *keyEntry
	days                               *widget.CheckGroup
	wait                               *widget.Label // who waits for the post, in order
	shops                              []data.Shop
	post                               data.Post
}

var weekdayNames = []string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}

// openPostForm loads the shops off the UI thread, then shows the form for post (ID 0: a new one).
func (t *postListTab) openPostForm(post data.Post) {
	sh := t.p.sh
	type loaded struct {
		shops []data.Shop
		wait  []data.Application
	}
	async(sh, func() (loaded, error) {
		ss, err := sh.store.Shops(sh.ctx)
		if err != nil || post.ID == 0 {
			return loaded{shops: ss}, err
		}
		w, err := sh.store.WaitList(sh.ctx, post.ID)
		return loaded{ss, w}, err
	}, func(l loaded) {
		t.form = newPostForm(t, l.shops, post, l.wait)
	})
}

func newPostForm(t *postListTab, shops []data.Shop, x data.Post, wait []data.Application) *postForm {
	sh := t.p.sh
	f := &postForm{shops: shops, post: x, season: newEntry(sh), title: newEntry(sh), minAge: newEntry(sh), places: newEntry(sh), from: newEntry(sh),
		to: newEntry(sh), start: newEntry(sh), end: newEntry(sh), minutes: newEntry(sh), pay: newEntry(sh), supervisor: newEntry(sh),
		safety: newEntry(sh), work: newEntry(sh)}
	names := make([]string, len(shops))
	for i, s := range shops {
		names[i] = s.Name
	}
	f.shop = newSelect(names, nil)
	kinds := make([]string, len(data.PostKinds))
	for i, k := range data.PostKinds {
		kinds[i] = tr(string(k))
	}
	f.kind = newSelect(kinds, nil)
	f.days = widget.NewCheckGroup(weekdayNames, nil)
	f.days.Horizontal = true
	if x.ID == 0 {
		y := t.p.seasonYear()
		x = data.Post{Season: y, Kind: data.PostPractice, MinAge: 14, Places: 2, From: fmt.Sprintf("%d-07-06", y), To: fmt.Sprintf("%d-08-14", y),
			Weekdays: 0x1f, DayMinutes: 180, Start: "09:00", End: "12:00"}
	}
	f.fill(x)
	f.minAge.SetPlaceHolder(lang.L("最低年龄"))
	f.to.SetPlaceHolder(lang.L("结束日期"))
	f.minutes.SetPlaceHolder(lang.L("每日分钟"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("商铺"), f.shop), widget.NewFormItem(lang.L("年度"), f.season),
		widget.NewFormItem(lang.L("岗位名称"), f.title), widget.NewFormItem(lang.L("岗位类型"), f.kind), widget.NewFormItem(lang.L("工作内容"), f.work),
		widget.NewFormItem(lang.L("名额（及最低年龄）"), container.NewGridWithColumns(2, f.places, f.minAge)),
		widget.NewFormItem(lang.L("日期（开始、结束）"), container.NewGridWithColumns(2, f.from, f.to)), widget.NewFormItem(lang.L("工作日"), f.days),
		widget.NewFormItem(lang.L("时间（开始、结束、每日分钟）"), container.NewGridWithColumns(3, f.start, f.end, f.minutes)),
		widget.NewFormItem(lang.L("指导人"), f.supervisor), widget.NewFormItem(lang.L("时薪（元）"), f.pay), widget.NewFormItem(lang.L("安全提示"), f.safety)}
	if x.ID != 0 {
		f.wait = widget.NewLabel(waitListText(wait))
		f.wait.Wrapping = wrapFor(f.wait.Text)
		items = append(items, widget.NewFormItem(lang.L("候补（按递补顺序）"), f.wait))
	}
	title, confirm := lang.L("新增岗位"), lang.L("保存")
	if x.ID != 0 {
		title = x.Shop + "「" + x.Title + "」"
	}
	if !t.p.canWrite() {
		confirm = lang.L("关闭")
	}
	f.dlg = newFormDialog(sh, title, confirm, items, func() (func() error, error) {
		if !t.p.canWrite() {
			return nil, nil
		}
		p, err := f.value()
		if err != nil {
			return nil, err
		}
		f.post.Season = p.Season
		return func() error { _, err := sh.store.SavePost(sh.ctx, p); return err }, nil
	}, func() {
		if inStrings(strconv.Itoa(f.post.Season), t.p.season.Options) {
			t.p.refresh()
		} else {
			t.p.loadSeasons() // a new season: offered, and picked as the latest
		}
	})
	if t.p.canWrite() {
		f.dlg.liveCheck(func() error { _, err := f.value(); return err })
	} else {
		readOnly(f.dlg.form)
	}
	f.dlg.Show(700)
	sh.win.Canvas().Focus(f.title)
	return f
}

// waitListText names the students waiting for a post, in the order they would be placed.
func waitListText(wait []data.Application) string {
	if len(wait) == 0 {
		return lang.L("（无人候补）")
	}
	names := make([]string, len(wait))
	for i, a := range wait {
		names[i] = fmt.Sprintf("%d. %s", i+1, a.Student)
		if strings.HasPrefix(a.Reason, "匹配后报名") {
			names[i] += lang.L("（匹配后报名）")
		}
	}
	return strings.Join(names, "  ")
}

// fill puts a post into the fields.
func (f *postForm) fill(x data.Post) {
	for i, s := range f.shops {
		if s.ID == x.ShopID {
			f.shop.SetSelectedIndex(i)
		}
	}
	for i, k := range data.PostKinds {
		if k == x.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	var days []string
	for i, d := range weekdayNames {
		if x.Weekdays&(1<<i) != 0 {
			days = append(days, d)
		}
	}
	f.days.SetSelected(days)
	f.season.SetText(strconv.Itoa(x.Season))
	f.title.SetText(x.Title)
	f.work.SetText(x.Work)
	f.minAge.SetText(strconv.Itoa(x.MinAge))
	f.places.SetText(strconv.Itoa(x.Places))
	f.from.SetText(x.From)
	f.to.SetText(x.To)
	f.start.SetText(x.Start)
	f.end.SetText(x.End)
	f.minutes.SetText(strconv.Itoa(x.DayMinutes))
	f.supervisor.SetText(x.Supervisor)
	f.safety.SetText(x.Safety)
	if x.PayPerHour > 0 {
		f.pay.SetText(data.Yuan(x.PayPerHour))
	}
}

// value is the post the form holds, normalized and checked by the store's rules. A number that
// cannot be read is named under its own field, in place of the store's message for it.
func (f *postForm) value() (data.Post, error) {
	p := f.post
	var unread []data.FieldError
	num := func(field, text string) int {
		n, err := strconv.Atoi(strings.TrimSpace(data.Fold(text)))
		if err != nil {
			unread = append(unread, data.FieldError{Field: field, Message: lang.L("应为整数")})
		}
		return n
	}
	if i := f.shop.SelectedIndex(); i >= 0 {
		p.ShopID = f.shops[i].ID
	}
	if i := f.kind.SelectedIndex(); i >= 0 {
		p.Kind = data.PostKinds[i]
	}
	p.Season, p.MinAge, p.Places, p.DayMinutes = num("年度", f.season.Text), num("最低年龄", f.minAge.Text), num("名额", f.places.Text),
		num("每日时长", f.minutes.Text)
	p.Title, p.Work, p.From, p.To, p.Start, p.End = f.title.Text, f.work.Text, f.from.Text, f.to.Text, f.start.Text, f.end.Text
	p.Supervisor, p.Safety, p.Weekdays, p.PayPerHour = f.supervisor.Text, f.safety.Text, 0, 0
	for i, d := range weekdayNames {
		if inStrings(d, f.days.Selected) {
			p.Weekdays |= 1 << i
		}
	}
	if strings.TrimSpace(f.pay.Text) != "" {
		fen, err := data.ParseYuan(f.pay.Text)
		if err != nil {
			unread = append(unread, data.FieldError{Field: "时薪", Message: data.Message(err)})
		}
		p.PayPerHour = fen
	}
	p.Normalize()
	return p, pairedFields(firstPerField(unread, p.Validate()))
}

// pairs are the fields that share a line of the form, and the line they are said under.
var pairs = map[string]string{"开始日期": "日期", "结束日期": "日期", "开始时间": "时间", "结束时间": "时间", "每日时长": "时间", "最低年龄": "名额"}

// pairedFields says a message about a field that shares a line under that line, naming the field.
func pairedFields(err error) error {
	de, ok := err.(*data.Error)
	if !ok {
		return err
	}
	out := *de
	out.Fields = make([]data.FieldError, len(de.Fields))
	for i, f := range de.Fields {
		if line, ok := pairs[f.Field]; ok {
			f = data.FieldError{Field: line, Message: tr(f.Field) + lang.L("：") + f.Message}
		}
		out.Fields[i] = f
	}
	return &out
}

// firstPerField puts the fields that could not be read before what the store's check says, one
// message per field.
func firstPerField(unread []data.FieldError, err error) error {
	if len(unread) == 0 {
		return err
	}
	out := &data.Error{Code: data.CodeInvalid, Message: "输入有误", Fields: unread}
	seen := map[string]bool{}
	for _, u := range unread {
		seen[u.Field] = true
	}
	if de, ok := err.(*data.Error); ok {
		for _, f := range de.Fields {
			if !seen[f.Field] {
				out.Fields = append(out.Fields, f)
			}
		}
	}
	return out
}
