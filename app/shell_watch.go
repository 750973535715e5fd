package app

// The watchers: activity for the auto-lock, idleness, and changes written by another window,
// process or desk.

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"
)

// touch records user activity for the auto-lock.
func (sh *shell) touch() {
	sh.mu.Lock()
	sh.active = sh.now()
	sh.mu.Unlock()
}

// watch checks for idleness and for changes made by another window, until the shell stops.
func (sh *shell) watch() {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	version, _ := sh.dataVersion()
	offline := false
	for {
		select {
		case <-sh.done:
			return
		case <-tick.C:
		case <-sh.changes(): // a server's NOTIFY: another desk wrote (nil, never ready, on a file)
		}
		sh.do(sh.checkIdle)
		v, err := sh.dataVersion()
		switch {
		case err != nil && !offline && sh.store.IsServer():
			// The server is out of reach: say so, keep every screen (and its unsaved input) as it is.
			offline = true
			sh.do(func() {
				sh.win.SetTitle(lang.L("邻里 Linli") + " — " + lang.L("与数据库服务器的连接中断，正在重试…"))
			})
		case err == nil && offline:
			// Back: the title as before and a full refresh of what is on show.
			offline, version = false, v
			sh.do(func() { sh.win.SetTitle(lang.L("邻里 Linli")); sh.reloadCurrent() })
		case err == nil && v != version:
			version = v
			sh.do(sh.reloadCurrent)
		}
	}
}

// reloadCurrent refreshes the screen on show after another window (or process) wrote.
func (sh *shell) reloadCurrent() {
	if sh.actor == nil || sh.lock.Visible() {
		return
	}
	if sc, ok := sh.screens[sh.current]; ok {
		sc.refresh()
	}
}

// checkIdle locks the window after the configured idle time.
func (sh *shell) checkIdle() {
	if sh.actor != nil && sh.lock.Visible() {
		sh.stashOverlays() // a message that arrived while locked waits under the lock too
		return
	}
	if sh.actor == nil {
		return
	}
	sh.noteTyping()
	minutes := sh.app.Preferences().IntWithFallback(prefAutoLock, 10)
	if minutes <= 0 {
		return
	}
	sh.mu.Lock()
	idle := sh.now().Sub(sh.active)
	sh.mu.Unlock()
	if idle >= time.Duration(minutes)*time.Minute {
		sh.lockNow()
	}
}

// dataVersion is the store's data version, read from the watcher goroutine while holding the
// store (a restore replaces it).
func (sh *shell) dataVersion() (int64, error) {
	sh.storeMu.RLock()
	defer sh.storeMu.RUnlock()
	return sh.store.DataVersion(context.Background())
}

// changes is the store's server change signal (nil for a file).
func (sh *shell) changes() <-chan struct{} {
	sh.storeMu.RLock()
	defer sh.storeMu.RUnlock()
	return sh.store.Changes()
}
