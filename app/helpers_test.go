package app

import (
	"context"
	"io"

	"linli/jobs"
)

type (
	contextT = context.Context
	ioWriter = io.Writer
)

func printPayouts(ctx context.Context, sh *shell, month string, w io.Writer) error {
	return jobs.PrintPayouts(ctx, sh.store, month, w)
}
