// Package data holds Linli's domain types, their rules and the SQLite store.
// It never imports Fyne: the window and the command line both sit on top of it.
package data

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so that callers can react without parsing text.
type Code string

const (
	CodeNotFound  Code = "not_found"
	CodeConflict  Code = "conflict"
	CodeInvalid   Code = "invalid"
	CodeForbidden Code = "forbidden"
	CodeRefused   Code = "refused" // a database file Linli will not open
	CodeDamaged   Code = "damaged" // a Linli database that cannot be read: restore a backup
	CodeInternal  Code = "internal"
)

// Error is an error with a code and a message in Chinese that is safe to show a user.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError // for CodeInvalid: which field, what is wrong
	Err     error        // the underlying cause, for logs; never shown
}

// FieldError names one field and what is wrong with it.
type FieldError struct {
	Field   string // the field's Chinese label, e.g. 身份证号
	Message string
}

func (e FieldError) String() string { return e.Field + "：" + e.Message }

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.String()
	}
	if e.Message == "" {
		return strings.Join(parts, "；")
	}
	return e.Message + "：" + strings.Join(parts, "；")
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) and friends match on the code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}

// Sentinels for errors.Is. They carry no message so that they match any error of their code.
var (
	ErrNotFound  = &Error{Code: CodeNotFound}
	ErrConflict  = &Error{Code: CodeConflict}
	ErrInvalid   = &Error{Code: CodeInvalid}
	ErrForbidden = &Error{Code: CodeForbidden}
	ErrRefused   = &Error{Code: CodeRefused}
	ErrDamaged   = &Error{Code: CodeDamaged}
)

func notFound(what string) error { return &Error{Code: CodeNotFound, Message: what + "不存在"} }

func conflict(msg string, cause error) error {
	return &Error{Code: CodeConflict, Message: msg, Err: cause}
}

func forbidden(msg string) error { return &Error{Code: CodeForbidden, Message: msg} }

func refused(format string, args ...any) error {
	return &Error{Code: CodeRefused, Message: fmt.Sprintf(format, args...)}
}

func damaged(format string, args ...any) error {
	return &Error{Code: CodeDamaged, Message: fmt.Sprintf(format, args...)}
}

func internal(cause error) error {
	return &Error{Code: CodeInternal, Message: "内部错误，请联系维护人员", Err: cause}
}

// Invalid collects field errors; Err returns nil when there are none.
type Invalid struct{ fields []FieldError }

// Add records that field is wrong.
func (v *Invalid) Add(field, format string, args ...any) {
	v.fields = append(v.fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns an *Error with CodeInvalid, or nil.
func (v *Invalid) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "输入有误", Fields: v.fields}
}

// Message returns the text to show a user for any error: ours as written, anything else as 内部错误.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "内部错误：" + err.Error()
}
