package app

import (
	"context"
	"io"

	"fyne.io/fyne/v2/widget"

	"linli/documents"
)

type (
	contextT = context.Context
	ioWriter = io.Writer
)

func printPayouts(ctx context.Context, sh *shell, month string, w io.Writer) error {
	return documents.Payouts.Run(ctx, sh.store, documents.Values{"month": month}, w)
}

func widgetCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }
