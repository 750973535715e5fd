package data

import (
	"fmt"
	"time"
)

// invalidf is an invalid-input error with a message for the user (no field): what a parser of
// typed text returns, so that callers may show it as it is or put it under their field's label.
func invalidf(format string, args ...any) error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf(format, args...)}
}

// ParseMonth checks a YYYY-MM month; field names the parameter in the message (e.g. 月份).
func ParseMonth(field, month string) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: field, Message: fmt.Sprintf("“%s”应写作 YYYY-MM，例如 2026-11", month)}}}
	}
	return nil
}
