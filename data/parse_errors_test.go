package data

import (
	"errors"
	"strings"
	"testing"
)

// What people type wrong is theirs to fix: the parsers say so, never 内部错误.
func TestParsersReportInvalidInputNotInternalErrors(t *testing.T) {
	for name, parse := range map[string]func() error{
		"date":     func() error { _, err := ParseDate("明天"); return err },
		"money":    func() error { _, err := ParseYuan("12.345"); return err },
		"weekdays": func() error { _, err := ParseWeekdays("周八"); return err },
		"month":    func() error { return ParseMonth("月份", "2026-13") },
	} {
		t.Run(name, func(t *testing.T) {
			err := parse()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("want an invalid-input error, got %v", err)
			}
			if msg := Message(err); strings.Contains(msg, "内部错误") || msg == "" {
				t.Errorf("message %q", msg)
			}
		})
	}
}
