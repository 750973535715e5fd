package app

import (
	"fmt"
	"log"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// A panic in a screen's callback must not take the window (and what the user typed) down with
// it. The shared helpers (background, async, do) recover; so do the callbacks of the widgets a
// screen is built from (guardTree wraps them when the screen is first shown).

// recoverUI is deferred by callbacks: it turns a panic into a logged error and a message.
func (sh *shell) recoverUI(where string, detail ...any) {
	if r := recover(); r != nil {
		sh.reportPanic(fmt.Sprint(append([]any{where, " "}, detail...)...), r)
	}
}

// errPanic is the error a background job that panicked returns to its caller.
var errPanic = &data.Error{Code: data.CodeInternal, Message: "内部错误：后台任务意外中断（已记入日志）。已输入的内容都还在，可以再试一次。"}

// reportPanic logs a recovered panic with its stack and tells the user, one message at a time.
func (sh *shell) reportPanic(where string, r any) {
	log.Printf("linli: panic in %s: %v\n%s", where, r, debug.Stack())
	sh.panics.Add(1)
	if sh.panicShown.Swap(true) {
		return
	}
	show := func() {
		d := dialog.NewInformation(lang.L("出错了"), lang.L("界面出现了意外错误（已记入日志）。窗口没有关闭，已输入的内容都还在；请保存后再继续，或重新打开这个页面。"), sh.win)
		d.SetOnClosed(func() { sh.panicShown.Store(false) })
		d.Show()
	}
	if sh.inline {
		show()
		return
	}
	fyne.Do(show) // never inside a layout or a render pass that just panicked
}

// safeWork runs a background job and turns a panic in it into an internal error.
func safeWork[T any](sh *shell, work func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("linli: panic in background work: %v\n%s", r, debug.Stack())
			sh.panics.Add(1)
			err = errPanic
		}
	}()
	return work()
}

// guardTree wraps the callbacks of every widget under o so that a panic in one is recovered.
// Each widget is wrapped once, however often its screen is shown.
func (sh *shell) guardTree(o fyne.CanvasObject) {
	if o == nil {
		return
	}
	sh.guardMu.Lock()
	seen := sh.guarded[o]
	if sh.guarded == nil {
		sh.guarded = map[fyne.CanvasObject]bool{}
	}
	sh.guarded[o] = true
	sh.guardMu.Unlock()
	if seen {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			sh.guardTree(c)
		}
	case *container.Scroll:
		sh.guardTree(x.Content)
	case *container.Split:
		sh.guardTree(x.Leading)
		sh.guardTree(x.Trailing)
	case *container.AppTabs:
		for _, it := range x.Items {
			sh.guardTree(it.Content)
		}
		x.OnSelected = guard1(sh, "标签页", x.OnSelected)
	case *widget.Card:
		sh.guardTree(x.Content)
	case *widget.Form:
		for _, it := range x.Items {
			sh.guardTree(it.Widget)
		}
		x.OnSubmit = guard0(sh, "表单", x.OnSubmit)
		x.OnCancel = guard0(sh, "表单", x.OnCancel)
	default:
		sh.guardWidget(o)
	}
}

// guardWidget wraps the callbacks of one widget.
func (sh *shell) guardWidget(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *widget.Button:
		x.OnTapped = guard0(sh, "按钮 "+x.Text, x.OnTapped)
	case *widget.Hyperlink:
		x.OnTapped = guard0(sh, "链接", x.OnTapped)
	case *widget.Table:
		x.UpdateCell = guard2(sh, "表格", x.UpdateCell)
		x.UpdateHeader = guard2(sh, "表头", x.UpdateHeader)
		x.OnSelected = guard1(sh, "表格", x.OnSelected)
	case *widget.List:
		x.UpdateItem = guard2(sh, "列表", x.UpdateItem)
		x.OnSelected = guard1(sh, "列表", x.OnSelected)
	case *keySelect:
		x.OnChanged = guard1(sh, "下拉框", x.OnChanged)
	case *widget.Entry:
		x.OnChanged = guard1(sh, "输入框", x.OnChanged)
		x.OnSubmitted = guard1(sh, "输入框", x.OnSubmitted)
	case *keyEntry:
		x.OnChanged = guard1(sh, "输入框", x.OnChanged)
		x.OnSubmitted = guard1(sh, "输入框", x.OnSubmitted)
	case *widget.Check:
		x.OnChanged = guard1(sh, "复选框", x.OnChanged)
	case *widget.CheckGroup:
		x.OnChanged = guard1(sh, "复选框", x.OnChanged)
	case *widget.RadioGroup:
		x.OnChanged = guard1(sh, "单选框", x.OnChanged)
	}
}

func guard0(sh *shell, where string, f func()) func() {
	if f == nil {
		return nil
	}
	return func() {
		defer sh.recoverUI(where)
		f()
	}
}

func guard1[A any](sh *shell, where string, f func(A)) func(A) {
	if f == nil {
		return nil
	}
	return func(a A) {
		defer sh.recoverUI(where)
		f(a)
	}
}

func guard2[A, B any](sh *shell, where string, f func(A, B)) func(A, B) {
	if f == nil {
		return nil
	}
	return func(a A, b B) {
		defer sh.recoverUI(where, a)
		f(a, b)
	}
}
