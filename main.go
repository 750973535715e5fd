// Command linli is 邻里, the desktop ledger of a Chinese community service office.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"linli/app"
	"linli/cli"
	"linli/version"
)

// fyneApp is FyneApp.toml, the one place the version number is written.
//
//go:embed FyneApp.toml
var fyneApp []byte

func main() {
	if err := version.Load(fyneApp); err != nil {
		fmt.Fprintln(os.Stderr, "内部错误：", err)
	}
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Window: app.Run,
	}))
}
