package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// init: linli.exe is a GUI program, so no console window flashes up when the office opens it
// from its shortcut; but then a command typed in cmd or PowerShell (linli.exe version) would print
// nothing. When there is a command, and its output is not already going to a file or a pipe, write
// to the console it was typed in.
func init() {
	if len(os.Args) < 2 {
		return
	}
	if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != windows.InvalidHandle {
		return // redirected: keep it
	}
	const attachParentProcess = ^uintptr(0)
	if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess); r == 0 {
		return // started without a console: nothing to write to
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
	if in, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil {
		os.Stdin = in
	}
}
