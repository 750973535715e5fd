package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testPassphrase = "长城长城 2026"

// encryptedOffice: an office with a resident whose name and ID are known, backed up encrypted.
func encryptedOffice(t *testing.T) (s *Store, admin context.Context, backup string) {
	t.Helper()
	s, admin, cid := realOffice(t)
	if _, err := s.SavePerson(admin, Person{Name: "欧阳秀英", IDNumber: "11010519491231002X", CommunityID: cid}); err != nil {
		t.Fatal(err)
	}
	backup = filepath.Join(t.TempDir(), "U盘备份.linli")
	if err := s.BackupEncrypted(admin, backup, testPassphrase); err != nil {
		t.Fatal(err)
	}
	return s, admin, backup
}

func TestEncryptedBackupHoldsNothingReadable(t *testing.T) {
	_, _, backup := encryptedOffice(t)
	b := mustRead(t, backup)
	for _, plain := range []string{"SQLite format 3", "欧阳秀英", "11010519491231002X", "城东街道办事处"} {
		if bytes.Contains(b, []byte(plain)) {
			t.Errorf("the encrypted backup contains %q", plain)
		}
	}
	if enc, err := IsEncryptedBackup(backup); err != nil || !enc {
		t.Fatalf("not recognised as encrypted: %v %v", enc, err)
	}
}

func TestEncryptedBackupRestoresWithThePassphrase(t *testing.T) {
	skipOnServer(t, "restoring a file over the database: a server database is refused (TestRestoreOnAServerIsRefused)")
	s, admin, backup := encryptedOffice(t)
	if _, err := s.OpenBackup(admin, backup, ""); err == nil || !strings.Contains(Message(err), "需要输入备份密码") {
		t.Fatalf("opened without a passphrase: %v", err)
	}
	b, err := s.OpenBackup(admin, backup, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.Encrypted || b.Info.People != 1 || b.Info.Office != "城东街道办事处" || b.Info.File != backup {
		t.Fatalf("%+v", b)
	}
	res, err := s.Restore(admin, b)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mustCheckOK(t, r)
	trail := mustTrail(t, r)
	if last := trail[len(trail)-1]; last.Action != ActRestore || !strings.Contains(last.Summary, "U盘备份.linli") || res.Backup.People != 1 {
		t.Fatalf("restore entry %+v", last)
	}
	b.Close()
	if leftovers, err := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), ".linli-解密-*")); err != nil || len(leftovers) > 0 {
		t.Fatalf("decrypted copies left behind: %v %v", leftovers, err)
	}
}

func TestEncryptedBackupIsAudited(t *testing.T) {
	s, _, backup := encryptedOffice(t)
	trail := mustTrail(t, s)
	if last := trail[len(trail)-1]; last.Action != ActBackup || last.Summary != "加密备份到 "+filepath.Base(backup) {
		t.Fatalf("last entry %+v", last)
	}
}

// refusedChangesNothing opens the backup with passphrase, which must be refused saying want,
// and checks that a restore attempt leaves the live database as it was.
func refusedChangesNothing(t *testing.T, s *Store, admin context.Context, backup, passphrase, want string) {
	t.Helper()
	snapshot := func() []byte {
		if onServer() {
			return []byte(fmt.Sprint(mustTrail(t, s)))
		}
		return mustRead(t, s.Path())
	}
	before := snapshot()
	b, err := s.OpenBackup(admin, backup, passphrase)
	if err == nil {
		b.Close()
		t.Fatal("the backup was opened")
	}
	if !errors.Is(err, ErrRefused) || !strings.Contains(Message(err), want) {
		t.Fatalf("refusal %q, want it to say %q", Message(err), want)
	}
	if !bytes.Equal(before, snapshot()) {
		t.Fatal("the live database changed")
	}
	if onServer() {
		return
	}
	if leftovers, err := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), ".linli-解密-*")); err != nil || len(leftovers) > 0 {
		t.Fatalf("decrypted copies left behind: %v %v", leftovers, err)
	}
}

func TestEncryptedBackupRefusals(t *testing.T) {
	s, admin, backup := encryptedOffice(t)
	whole := mustRead(t, backup)
	t.Run("wrong passphrase", func(t *testing.T) {
		refusedChangesNothing(t, s, admin, backup, "不是这个密码啊", "备份密码不正确")
	})
	t.Run("truncated", func(t *testing.T) {
		cut := filepath.Join(t.TempDir(), "cut.linli")
		if err := os.WriteFile(cut, whole[:len(whole)-100], 0o600); err != nil {
			t.Fatal(err)
		}
		refusedChangesNothing(t, s, admin, cut, testPassphrase, "不完整或被改动过")
	})
	t.Run("tampered", func(t *testing.T) {
		bad := bytes.Clone(whole)
		bad[len(bad)/2] ^= 0x01
		file := filepath.Join(t.TempDir(), "bad.linli")
		if err := os.WriteFile(file, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		refusedChangesNothing(t, s, admin, file, testPassphrase, "不完整或被改动过")
	})
}

func TestBackupPassphraseRules(t *testing.T) {
	for _, c := range []struct{ pass, again, want string }{
		{"短密码", "短密码", "至少 8 个字符"},
		{"password1", "password2", "两次输入不一致"},
	} {
		if err := CheckPassphrase("备份密码", c.pass, c.again); !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), c.want) {
			t.Errorf("%q/%q: %v", c.pass, c.again, err)
		}
	}
	if err := CheckPassphrase("备份密码", "长城长城 2026", "长城长城 2026"); err != nil {
		t.Fatal(err)
	}
}
