package data

import (
	"testing"
	"time"
)

func TestAuditLinesNameRecordsAndAccountsInLocalTime(t *testing.T) {
	es := []AuditEntry{
		{ID: 1, At: "2026-12-03T15:59:09Z", Username: "staff", Action: ActErase, Entity: "居民", EntityID: 79,
			Summary: "删除居民 #79 的个人信息，保留匿名记录"},
		{ID: 2, At: "2026-11-28T09:43:00+08:00", Username: "staff", Action: ActLoginFailed, Entity: "居民", EntityID: 80, Summary: "删除居民 #80"},
	}
	lines := auditLines(es, map[AuditRef]string{{Kind: "居民", ID: 79}: "王秀英"}, map[string]string{"staff": "李社工"})
	t.Run("the record by name", func(t *testing.T) {
		if lines[0].Object != "居民 王秀英" || lines[0].Summary != "删除居民 王秀英 的个人信息，保留匿名记录" {
			t.Fatalf("named: %+v", lines[0])
		}
	})
	t.Run("an unnamed record keeps its number", func(t *testing.T) {
		if lines[1].Object != "居民 #80" || lines[1].Summary != "删除居民 #80" {
			t.Fatalf("unnamed: %+v", lines[1])
		}
	})
	t.Run("the account by display name; a refused sign-in by the name tried", func(t *testing.T) {
		if lines[0].User != "李社工" || lines[1].User != "staff" {
			t.Fatalf("users %q, %q", lines[0].User, lines[1].User)
		}
	})
	t.Run("UTC in local time", func(t *testing.T) {
		want := time.Date(2026, 12, 3, 15, 59, 9, 0, time.UTC).Local().Format("2006-01-02 15:04:05")
		if lines[0].At != want {
			t.Fatalf("at %q, want %q", lines[0].At, want)
		}
	})
}
