package app

import (
	"net/url"
	"os/exec"
	"runtime"

	"fyne.io/fyne/v2"
)

// systemOpener opens a file or folder in the system's viewer. On Linux and the BSDs it starts
// xdg-open itself and waits for it in the background, so that no exited xdg-open stays behind as
// a zombie (Fyne's App.OpenURL starts it and never waits); elsewhere it is Fyne's.
func systemOpener(a fyne.App) func(*url.URL) error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return a.OpenURL
	}
	return func(u *url.URL) error {
		_, err := startAndReap(exec.Command("xdg-open", u.String()))
		return err
	}
}

// startAndReap starts cmd and collects its exit status when it ends; the returned channel is
// closed once the process has been reaped.
func startAndReap(cmd *exec.Cmd) (<-chan struct{}, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	reaped := make(chan struct{})
	go func() {
		_ = cmd.Wait() // the exit status of a viewer's launcher tells nothing more
		close(reaped)
	}()
	return reaped, nil
}
