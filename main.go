// Command linli is 邻里, the desktop ledger of a Chinese community service office.
package main

import (
	"os"

	"linli/app"
	"linli/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Window: app.Run,
	}))
}
