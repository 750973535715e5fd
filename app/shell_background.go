package app

// Work off the UI thread: background, async, swapping the store on a restore, and applying results
// on the UI thread (do, doWait).

import (
	"fyne.io/fyne/v2"

	"linli/data"
)

// background runs f off the UI thread (inline under GUI tests, see shell.inline), counted in
// pending so that tests and shutdown can wait for it, and holding the store for reading (see
// storeMu): sh.store is safe to use inside f.
func (sh *shell) background(f func()) {
	sh.pending.Add(1)
	sh.running.Add(1)
	if sh.inline {
		defer sh.pending.Done()
		defer sh.running.Add(-1)
		defer sh.recoverUI("后台任务")
		f()
		return
	}
	go func() {
		defer sh.pending.Done()
		defer sh.running.Add(-1)
		defer sh.recoverUI("后台任务")
		sh.storeMu.RLock()
		defer sh.storeMu.RUnlock()
		f()
	}()
}

// swapStore replaces the store (a restore): off the UI thread, it waits for the workers in flight,
// holds new ones back while swap closes the old store and opens the new one, installs the new
// store on the UI thread (signing everyone out when swap succeeded), and then calls done there.
// swap returns the new store, or nil when the store did not change or none could be opened.
func (sh *shell) swapStore(swap func(old *data.Store) (*data.Store, error), done func(error)) {
	sh.pending.Add(1)
	run := func() {
		defer sh.pending.Done()
		err := sh.exclusive(swap)
		sh.do(func() { done(err) })
	}
	if sh.inline {
		run()
		return
	}
	go run()
}

func (sh *shell) exclusive(swap func(old *data.Store) (*data.Store, error)) error {
	if !sh.inline {
		sh.storeMu.Lock()
		defer sh.storeMu.Unlock()
	}
	s, err := swap(sh.store)
	if s != nil {
		sh.doWait(func() {
			sh.setStore(s)
			if err == nil {
				sh.actor = nil
				sh.sess.set(nil)
				sh.screens = map[int]screen{}
			}
		})
	}
	return err
}

// async runs work off the UI thread and applies its result on it; errors are shown in a dialog.
// The optional always functions run on the UI thread afterwards, success or not.
// Work queued before a restore swapped the store is dropped (only always runs).
func async[T any](sh *shell, work func() (T, error), apply func(T), always ...func()) {
	gen := sh.generation.Load()
	sh.background(func() {
		var v T
		var err error
		if sh.generation.Load() == gen {
			v, err = safeWork(sh, work)
		}
		sh.do(func() {
			for _, f := range always {
				f()
			}
			if sh.generation.Load() != gen {
				return
			}
			if err != nil {
				sh.showError(err)
				return
			}
			if apply != nil {
				apply(v)
			}
		})
	})
}

// do applies f on the UI thread. The lock changes nothing in the window, where fyne.Do already
// runs one function at a time; it guards against fyne.Do running f on the calling goroutine.
// Under GUI tests (inline) everything already runs on the test's goroutine.
func (sh *shell) do(f func()) {
	if sh.inline {
		defer sh.recoverUI("界面更新")
		f()
		return
	}
	fyne.Do(func() {
		sh.uiMu.Lock()
		defer sh.uiMu.Unlock()
		defer sh.recoverUI("界面更新")
		f()
	})
}

// doWait is do, waiting until f has run.
func (sh *shell) doWait(f func()) {
	if sh.inline {
		f()
		return
	}
	fyne.DoAndWait(func() {
		sh.uiMu.Lock()
		defer sh.uiMu.Unlock()
		f()
	})
}
