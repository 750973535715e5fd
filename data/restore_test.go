package data

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// realOffice is a database set up as an office would (no sample): its 管理员 "boss" and one
// community.
func realOffice(t *testing.T) (*Store, context.Context, int64) {
	t.Helper()
	s := mustOpen(t)
	a, err := s.Setup(context.Background(), Office{Name: "城东街道办事处"}, "boss", "主任", "password1")
	if err != nil {
		t.Fatal(err)
	}
	admin := WithActor(context.Background(), a)
	cid, err := s.AddCommunity(admin, "城东社区")
	if err != nil {
		t.Fatal(err)
	}
	return s, admin, cid
}

func addPerson(t *testing.T, s *Store, ctx context.Context, cid int64, name string) {
	t.Helper()
	if _, err := s.SavePerson(ctx, Person{Name: name, CommunityID: cid}); err != nil {
		t.Fatal(err)
	}
}

func mustTrail(t *testing.T, s *Store) []AuditEntry {
	t.Helper()
	es, err := readTrail(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func mustCheckOK(t *testing.T, s *Store) {
	t.Helper()
	problems, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("check: %v", problems)
	}
}

// restoreAndReopen restores backup over s's database and opens the result.
func restoreAndReopen(t *testing.T, s *Store, ctx context.Context, backup string) (*Store, RestoreResult) {
	t.Helper()
	skipOnServer(t, "restoring a file over the database: a server database is refused (TestRestoreOnAServerIsRefused)")
	b, err := s.OpenBackup(ctx, backup, "")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := s.Restore(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, res
}

// writeBackupWriteMore: 李一 before the backup, 王二 and 张三 after it.
func writeBackupWriteMore(t *testing.T) (s *Store, admin context.Context, backup string, before []AuditEntry) {
	t.Helper()
	s, admin, cid := realOffice(t)
	addPerson(t, s, admin, cid, "李一")
	backup = filepath.Join(t.TempDir(), "周五.db")
	if err := s.Backup(admin, backup); err != nil {
		t.Fatal(err)
	}
	addPerson(t, s, admin, cid, "王二")
	addPerson(t, s, admin, cid, "张三")
	return s, admin, backup, mustTrail(t, s)
}

func TestRestoreKeepsTheAuditTrail(t *testing.T) {
	s, admin, backup, before := writeBackupWriteMore(t)
	info, err := InspectBackup(context.Background(), backup)
	if err != nil {
		t.Fatal(err)
	}
	r, res := restoreAndReopen(t, s, admin, backup)
	after := mustTrail(t, r)

	t.Run("the backup's entries come first, unchanged", func(t *testing.T) {
		for i := 0; i < info.AuditEntries; i++ {
			if after[i].Hash != before[i].Hash || after[i].Carried() {
				t.Fatalf("entry %d changed: %+v", i+1, after[i])
			}
		}
	})
	t.Run("the later entries are carried over with their original hashes", func(t *testing.T) {
		later := before[info.AuditEntries:]
		if res.Carried != len(later) || len(later) != 2 {
			t.Fatalf("carried %d, later entries %d", res.Carried, len(later))
		}
		for i, want := range later {
			got := after[info.AuditEntries+i]
			if !got.Carried() || got.OrigHash != want.Hash || got.OrigID != want.ID || got.Summary != want.Summary {
				t.Errorf("carried entry %d: %+v, want the original %+v", i, got, want)
			}
			if got.ActionLabel() != "（恢复前）"+want.Action {
				t.Errorf("carried entry shown as %q", got.ActionLabel())
			}
		}
	})
	t.Run("the restore entry names who, which file and what was replaced", func(t *testing.T) {
		last := after[len(after)-1]
		if len(after) != len(before)+1 || last.Action != ActRestore || last.Username != "boss" {
			t.Fatalf("last entry %+v (%d entries, %d before)", last, len(after), len(before))
		}
		for _, want := range []string{"周五.db", info.When(), info.AuditHead, before[len(before)-1].Hash, filepath.Base(res.Kept)} {
			if !strings.Contains(last.Summary, want) {
				t.Errorf("restore entry %q does not name %q", last.Summary, want)
			}
		}
	})
	t.Run("the data is the backup's and check is ok", func(t *testing.T) {
		n, err := r.CountPeople(admin, PeopleFilter{})
		if err != nil || n != 1 {
			t.Fatalf("%d residents after restore (%v), want the backup's 1", n, err)
		}
		mustCheckOK(t, r)
	})
}

func TestCheckNamesATamperedCarriedEntry(t *testing.T) {
	s, admin, backup, _ := writeBackupWriteMore(t)
	r, _ := restoreAndReopen(t, s, admin, backup)
	var id, orig int64
	if err := r.db.QueryRow("SELECT id, orig_id FROM audit WHERE orig_hash <> '' ORDER BY id LIMIT 1").Scan(&id, &orig); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_no_update", "UPDATE audit SET summary = '改过的摘要' WHERE id = ?"} {
		if _, err := r.db.Exec(q, id); err != nil {
			t.Fatal(err)
		}
	}
	problems, err := r.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := "第 " + itoa(id) + " 条记录（恢复前的原第 " + itoa(orig) + " 条"
	if len(problems) != 1 || !strings.Contains(problems[0], want) {
		t.Fatalf("check: %v, want it to name %q", problems, want)
	}
}

func TestRestoreTwiceKeepsEverything(t *testing.T) {
	s, admin, backup, _ := writeBackupWriteMore(t)
	older := filepath.Join(t.TempDir(), "更早.db")
	if err := s.Backup(admin, older); err != nil {
		t.Fatal(err)
	}
	r, _ := restoreAndReopen(t, s, admin, backup)
	mid := mustTrail(t, r)
	r2, res := restoreAndReopen(t, r, admin, older)
	after := mustTrail(t, r2)
	mustCheckOK(t, r2)
	// The second restore carries over the first one's entry (and what it carried), each still
	// pointing at the place it was first written.
	if res.Carried == 0 || after[len(after)-2].OrigHash != mid[len(mid)-1].Hash {
		t.Fatalf("carried %d; second to last entry %+v", res.Carried, after[len(after)-2])
	}
	for _, e := range after {
		if e.Carried() && chainHash(e.original()) != e.OrigHash {
			t.Fatalf("entry %d lost its original hash", e.ID)
		}
	}
}

func TestBackupsAreAudited(t *testing.T) {
	s, admin, _ := realOffice(t)
	backup := filepath.Join(t.TempDir(), "手动.db")
	if err := s.Backup(admin, backup); err != nil {
		t.Fatal(err)
	}
	auto, err := s.DailyBackup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	es := mustTrail(t, s)
	manual, daily := es[len(es)-2], es[len(es)-1]
	if onServer() { // no daily backups beside a server database
		manual = daily
	}
	if manual.Action != ActBackup || manual.Username != "boss" || !strings.Contains(manual.Summary, "手动.db") {
		t.Errorf("manual backup entry: %+v", manual)
	}
	if !onServer() && (daily.Action != ActBackup || daily.Username != "系统" || !strings.Contains(daily.Summary, filepath.Base(auto))) {
		t.Errorf("automatic backup entry: %+v", daily)
	}
	t.Run("the backup holds its own entry as its head", func(t *testing.T) {
		info, err := InspectBackup(context.Background(), backup)
		if err != nil {
			t.Fatal(err)
		}
		if info.AuditHead != manual.Hash || info.TakenAt != manual.At {
			t.Fatalf("backup head %s at %s, want the 备份 entry %s at %s", info.AuditHead, info.TakenAt, manual.Hash, manual.At)
		}
	})
}

func TestInspectBackupTellsWhatItHolds(t *testing.T) {
	s, admin, cid := realOffice(t)
	addPerson(t, s, admin, cid, "李一")
	addPerson(t, s, admin, cid, "王二")
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(admin, backup); err != nil {
		t.Fatal(err)
	}
	info, err := InspectBackup(context.Background(), backup)
	if err != nil {
		t.Fatal(err)
	}
	if info.Office != "城东街道办事处" || info.People != 2 || info.Orders != 0 || info.AuditEntries != len(mustTrail(t, s)) {
		t.Fatalf("%+v", info)
	}
	for _, want := range []string{"城东街道办事处", "居民 2 人", "订单 0 个", LocalTimeSeconds(info.TakenAt)} {
		if !strings.Contains(info.Describe(), want) {
			t.Errorf("%q does not say %q", info.Describe(), want)
		}
	}
	if strings.Contains(info.Describe(), info.TakenAt) {
		t.Errorf("the preview shows the stored timestamp %q, not local time", info.TakenAt)
	}
}

func TestRefusedRestoreChangesNothing(t *testing.T) {
	skipOnServer(t, "restoring a file over the database: a server database is refused (TestRestoreOnAServerIsRefused)")
	s, admin, _ := realOffice(t)
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, []byte("SQLite format 3\x00 but truncated"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := mustTrail(t, s)
	if b, err := s.OpenBackup(admin, bad, ""); err == nil {
		t.Fatalf("opened a broken backup: %+v", b.Info)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if r, err := RestoreFile(admin, s.Path(), bad); err == nil {
		t.Fatalf("restored a broken file: %+v", r)
	}
	again, err := Open(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if after := mustTrail(t, again); len(after) != len(before) {
		t.Fatalf("%d audit entries after a refused restore, %d before", len(after), len(before))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
