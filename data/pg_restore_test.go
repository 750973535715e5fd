package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A restore onto a server database is refused, before anything is read, with the steps to take
// instead; following those steps word for word puts the backup on a new server database.
func TestServerRestoreIsRefusedWithTheWayInstead(t *testing.T) {
	serverOnly(t)
	ctx := context.Background()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	mustPerson(t, s, admin, c, "王秀英", Female, 70)
	backup := filepath.Join(t.TempDir(), "服务器 备份.db")
	if err := s.Backup(admin, backup); err != nil {
		t.Fatal(err)
	}
	mustPerson(t, s, admin, c, "备份之后", Female, 71)
	b, err := s.OpenBackup(ctx, backup, "")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	_, err = s.Restore(admin, b)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("restored onto the server: %v", err)
	}
	msg := Message(err)
	for _, want := range []string{"未作任何修改", "restore -from '" + backup + "'", "move-to postgres://", "设置 → 数据库 → 连接服务器"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, msg)
		}
	}
	if n, err := s.CountPeople(admin, PeopleFilter{}); err != nil || n != 2 {
		t.Fatalf("the server has %d people after the refusal (want 2): %v", n, err)
	}
	t.Run("the steps it names work", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "恢复.db")
		if _, err := RestoreFile(ctx, file, backup); err != nil {
			t.Fatal(err)
		}
		f, err := Open(ctx, file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		f.SetClock(func() time.Time { return fixedNow })
		target := testDatabaseURL(t)
		if _, err := f.MoveTo(as(t, f, "admin"), target); err != nil {
			t.Fatal(err)
		}
		n, err := Open(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		defer n.Close()
		n.SetClock(func() time.Time { return fixedNow })
		mustCheck(t, n)
		if k, err := n.CountPeople(as(t, n, "staff"), PeopleFilter{}); err != nil || k != 1 {
			t.Fatalf("the new server database has %d people (want the backup's 1): %v", k, err)
		}
	})
}
