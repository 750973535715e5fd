package data

import (
	"fmt"
	"time"
)

// ParseMonth checks a YYYY-MM month; field names the parameter in the message (e.g. 月份).
func ParseMonth(field, month string) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		return &Error{Code: CodeInvalid, Fields: []FieldError{{Field: field, Message: fmt.Sprintf("“%s”应写作 YYYY-MM，例如 2026-11", month)}}}
	}
	return nil
}
