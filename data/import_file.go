package data

import (
	"errors"
	"strings"

	"linli/data/importer"
)

// ReadImportFile reads a file to import (.xlsx, .xls, .ods or .csv; see importer.ReadFile). Whatever is wrong with the file (missing,
// damaged, the wrong kind, too long) is the user's to fix, so it comes back as an invalid-input
// error with the reader's message (without the library's detail) rather than as 内部错误.
func ReadImportFile(path string) (*importer.Table, error) {
	t, err := importer.ReadFile(path)
	if err == nil {
		return t, nil
	}
	msg := err.Error()
	if u := errors.Unwrap(err); u != nil {
		msg = strings.TrimSuffix(strings.TrimSuffix(msg, u.Error()), "：")
	}
	return nil, &Error{Code: CodeInvalid, Message: msg, Err: err}
}
