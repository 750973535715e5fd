package data

import (
	"errors"
	"strings"
	"time"
)

// Rules on the saved types. Each type has Normalize, which folds and trims what was typed, writes
// dates in their stored form and fills defaults that do not depend on the clock, and Validate,
// which reports every wrong field with a Chinese message and changes nothing. Neither touches the
// database, so a form can check as the user types and a test can check a rule without a store.
// The store's save methods call both; what needs the database (an age on a given day, a class
// that is full, money already paid) stays in the store.

// merge adds the field errors of err (an *Error from another Validate) to v.
func (v *Invalid) merge(err error) {
	var e *Error
	if errors.As(err, &e) {
		v.fields = append(v.fields, e.Fields...)
	}
}

// normDate writes a date in its stored form (YYYY-MM-DD) when it can be read; otherwise it is left
// as typed, for Validate to report.
func normDate(s *string) {
	if d, err := ParseDate(*s); err == nil {
		*s = d.Format("2006-01-02")
	}
}

// checkDate reports field when s is not a date; an empty s is reported only when required.
func checkDate(v *Invalid, field, s string, required bool) bool {
	if s == "" && !required {
		return true
	}
	if _, err := ParseDate(s); err != nil {
		v.Add(field, "%s", err.Error())
		return false
	}
	return true
}

// validTime reports whether s is an RFC 3339 time as the store writes it.
func validTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// checkReason reports field when a reason (for a reversal or a revocation) is missing.
func checkReason(field, reason string) error {
	v := &Invalid{}
	if len([]rune(strings.TrimSpace(reason))) < 2 {
		v.Add(field, "请写明原因")
	}
	return v.Err()
}

// dateParam reads a date given as a method's parameter (a session's new day, a pairing's end)
// and returns it in its stored form.
func dateParam(field, raw string) (string, error) {
	d, err := ParseDate(raw)
	if err != nil {
		return "", &Error{Code: CodeInvalid, Fields: []FieldError{{Field: field, Message: err.Error()}}}
	}
	return d.Format("2006-01-02"), nil
}

func inList(v string, list []string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// timeBefore reports whether RFC 3339 time a is before b (false when either is unreadable).
func timeBefore(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339, a)
	tb, err2 := time.Parse(time.RFC3339, b)
	return err1 == nil && err2 == nil && ta.Before(tb)
}
