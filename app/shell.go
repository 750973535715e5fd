package app

import (
	"context"
	"errors"
	"log"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// screen is one section of the window.
type screen interface {
	view() fyne.CanvasObject
	refresh() // reload from the store (off the UI thread)
}

// section is an entry of the sidebar.
type section struct {
	title string
	icon  fyne.Resource
	build func(sh *shell) screen
	perm  data.Perm // shown only to roles with this permission
}

// shell holds the window, the store, the signed-in user and the navigation.
type shell struct {
	app   fyne.App
	win   fyne.Window
	store *data.Store
	ctx   context.Context // carries the signed-in user: always sess, so workers may read it while the UI thread signs in and out
	sess  *session
	actor *data.Actor

	root    *fyne.Container // stack: the page, and the lock layer above it
	page    *fyne.Container
	lock    *fyne.Container
	notices *fyne.Container // short messages at the bottom of the window (notice)
	hint    *widget.Label   // the full text of the truncated cell under the pointer
	hintBox *fyne.Container
	content *fyne.Container
	nav     *widget.List

	sections []section
	visible  []int // indexes into sections shown to this role
	screens  map[int]screen
	current  int

	loginForm *loginForm      // the sign-in form on show (login or lock), for tests
	pwChange  *mustChangeForm // the new-password form after a reset, for tests
	setup     *setupScreen    // the first-start screen, while it shows

	pending sync.WaitGroup // background work in flight; tests and shutdown wait on it
	// inline runs background work on the caller's goroutine. GUI tests set it: Fyne's test driver
	// has no UI thread, so work running beside the test would touch widgets concurrently with it.
	inline bool
	uiMu   sync.Mutex // see do
	// panics counts the panics recovered in callbacks and background work (see guard.go);
	// panicShown is set while their message is on show.
	panics     atomic.Int32
	panicShown atomic.Bool
	files      *fileLine            // the last file saved, at the foot of the window
	openURL    func(*url.URL) error // opens a file or folder in the system; tests replace it
	lastNotice string               // the last notice shown, for tests
	lastSave   *saveDialog          // the last save dialog shown, for tests
	guardMu    sync.Mutex
	guarded    map[fyne.CanvasObject]bool
	// storeMu keeps background work off a store that a restore is swapping: every worker holds it
	// for reading while it runs; a restore holds it for writing from before it closes the store
	// until the new one is installed, so it starts only after the workers in flight have drained
	// and the workers started meanwhile wait for the new store.
	storeMu sync.RWMutex
	// generation counts store swaps: work queued before a swap is dropped rather than run on the
	// new store with the old session, and its result is not applied to screens that are gone.
	generation atomic.Int64
	mu         sync.Mutex
	active     time.Time // last user activity, for auto-lock
	locked     lockState // what the lock keeps while it shows (lock.go)
	// running counts background work in flight (the window's close asks while any runs);
	// openEdits are the open forms that watch for unsaved changes (unsaved.go).
	running   atomic.Int32
	editsMu   sync.Mutex
	openEdits map[*edits]bool
	now       func() time.Time
	done      chan struct{}
}

func newShell(a fyne.App, w fyne.Window, s *data.Store) *shell {
	sess := &session{Context: context.Background()}
	sess.set(nil)
	sh := &shell{app: a, win: w, store: s, ctx: sess, sess: sess, screens: map[int]screen{},
		done: make(chan struct{})}
	sh.now = func() time.Time { return sh.store.Now() } // the store's clock is the one clock
	sh.sections = allSections()
	sh.page = container.NewStack()
	sh.lock = container.NewStack()
	sh.lock.Hide()
	sh.notices = container.NewVBox()
	sh.openURL = systemOpener(a)
	sh.files = newFileLine(sh)
	w.Canvas().SetOnTypedKey(sh.typedKey)
	sh.hint = widget.NewLabel("")
	sh.hint.Wrapping = fyne.TextWrapBreak
	hintBg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	hintBg.StrokeColor, hintBg.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
	sh.hintBox = container.NewStack(hintBg, sh.hint)
	sh.hintBox.Hide()
	hintsMu.Lock()
	hints[w.Canvas()] = sh.showHint
	hintsMu.Unlock()
	sh.root = container.NewStack(newActivityCatcher(sh.touch), sh.page, sh.lock,
		container.NewVBox(layout.NewSpacer(), container.NewHBox(layout.NewSpacer(), sh.notices, layout.NewSpacer()), sh.hintBox))
	sh.touch()
	return sh
}

// start shows the first screen and starts the idle and change watchers.
func (sh *shell) start() {
	sh.begin()
	go sh.watch()
	// The day's first backup runs beside the window rather than before it.
	sh.background(func() {
		if _, err := sh.store.DailyBackup(context.Background()); err != nil {
			log.Println("daily backup:", data.Message(err))
		}
	})
}

// begin decides between first setup and login.
func (sh *shell) begin() {
	async(sh, func() (bool, error) { return sh.store.HasUsers(sh.ctx) }, func(has bool) {
		if has {
			sh.showLogin()
		} else {
			sh.setup = newSetupScreen(sh)
			sh.page.Objects = []fyne.CanvasObject{sh.setup.view()}
			sh.page.Refresh()
		}
	})
}

func (sh *shell) stop() {
	select {
	case <-sh.done:
	default:
		close(sh.done)
	}
	sh.pending.Wait()
	hintsMu.Lock()
	delete(hints, sh.win.Canvas())
	hintsMu.Unlock()
	sh.store.Close()
}

func (sh *shell) showError(err error) {
	log.Println("linli:", err)
	if de, ok := err.(*data.Error); ok && de.Err != nil {
		log.Println("linli: cause:", de.Err)
	}
	var de *data.Error
	title := lang.L("出错了")
	if errors.As(err, &de) && de.Code == data.CodeInvalid {
		title = lang.L("请检查输入")
	}
	sh.showMessage(title, data.Message(err))
}

// showHint shows the full text of a truncated cell at the bottom of the window ("" hides it).
func (sh *shell) showHint(text string) {
	sh.hint.SetText(text)
	if text == "" {
		sh.hintBox.Hide()
	} else {
		sh.hintBox.Show()
	}
}

// signedIn builds the main layout for the user who just signed in.
func (sh *shell) signedIn(a *data.Actor) {
	sh.actor = a
	sh.sess.set(a)
	sh.screens = map[int]screen{}
	sh.guardMu.Lock()
	sh.guarded = nil
	sh.guardMu.Unlock()
	sh.visible = nil
	for i, s := range sh.sections {
		if a.Role.Can(s.perm) {
			sh.visible = append(sh.visible, i)
		}
	}
	sh.content = container.NewStack()
	sh.nav = widget.NewList(
		func() int { return len(sh.visible) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("助老服务助老服务"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			s := sh.sections[sh.visible[id]]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.icon)
			row.Objects[1].(*widget.Label).SetText(tr(s.title))
		})
	sh.nav.OnSelected = guard1(sh, "导航", func(id widget.ListItemID) { sh.show(sh.visible[id]) })
	user := widget.NewLabel(a.Display + lang.L("（") + tr(string(a.Role)) + lang.L("）"))
	user.Truncation = fyne.TextTruncateEllipsis
	logout := widget.NewButtonWithIcon(lang.L("退出登录"), theme.LogoutIcon(), sh.logout)
	side := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), user, logout), nil, nil, sh.nav)
	sh.files.box.Hide()
	split := container.NewHSplit(side, container.NewBorder(nil, sh.files.box, nil, nil, sh.content))
	split.Offset = 0.16
	sh.win.Canvas().Unfocus() // the sign-in form's password field leaves the window (see show)
	sh.page.Objects = []fyne.CanvasObject{split}
	sh.page.Refresh()
	sh.nav.Select(0)
	sh.loadUserLanguage()
}

// show opens a section, building its screen once so that unsaved input survives navigation.
func (sh *shell) show(i int) {
	sh.touch()
	sh.current = i
	sc, ok := sh.screens[i]
	if !ok {
		sc = sh.sections[i].build(sh)
		sh.screens[i] = sc
	}
	v := sc.view()
	sh.guardTree(v)
	// A field focused on the page being left would keep the keyboard and its blinking cursor while
	// off screen: each blink repaints the whole window, which software-drawn desks pay for at idle.
	sh.win.Canvas().Unfocus()
	sh.content.Objects = []fyne.CanvasObject{v}
	sh.content.Refresh()
	sc.refresh()
}

// showSection selects a section by title (used by buttons that jump elsewhere, and tests).
func (sh *shell) showSection(title string) bool {
	for pos, i := range sh.visible {
		if sh.sections[i].title == title {
			sh.nav.Select(pos)
			return true
		}
	}
	return false
}

func (sh *shell) logout() {
	if sh.actor != nil {
		ctx, id := sh.sess.snapshot(), sh.actor.UserID
		sh.background(func() { _ = sh.store.Record(ctx, "退出", "账户", id, "退出登录") })
	}
	sh.actor = nil
	sh.sess.set(nil)
	sh.screens = map[int]screen{}
	sh.showLogin()
}

// setStore installs the store a restore opened (UI thread, with storeMu held by the restore).
// The new store keeps the old one's clock.
func (sh *shell) setStore(s *data.Store) {
	s.SetClock(sh.store.Now)
	sh.store = s
	sh.generation.Add(1)
}
