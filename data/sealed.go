package data

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"filippo.io/age"
)

// Encrypted backups are age files (https://age-encryption.org) with a scrypt passphrase
// recipient: a backup that leaves the PC on a USB stick or a network share holds nothing readable
// without the passphrase. The passphrase is never stored.

// ageMagic starts every binary age file.
const ageMagic = "age-encryption.org/v1\n"

// backupWorkFactor is scrypt's log2(N) for new encrypted backups (age's default; tests lower it).
var backupWorkFactor = 18

// MinPassphrase is the shortest backup passphrase accepted, in characters.
const MinPassphrase = 8

// CheckPassphrase validates a passphrase typed twice (for a backup or an export).
func CheckPassphrase(field, pass, again string) error {
	v := &Invalid{}
	switch {
	case utf8.RuneCountInString(pass) < MinPassphrase:
		v.Add(field, "至少 %d 个字符", MinPassphrase)
	case pass != again:
		v.Add(field, "两次输入不一致")
	}
	return v.Err()
}

// IsEncryptedBackup reports whether file is an encrypted backup.
func IsEncryptedBackup(file string) (bool, error) {
	f, err := os.Open(file)
	if err != nil {
		return false, refused("找不到文件 %s", file)
	}
	defer f.Close()
	head := make([]byte, len(ageMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, refused("无法读取文件 %s：%v", file, err)
	}
	return bytes.Equal(head[:n], []byte(ageMagic)), nil
}

// BackupEncrypted writes a verified backup encrypted with passphrase to dest (管理员 only). The
// plain copy is made and verified beside the live database, never at dest.
func (s *Store) BackupEncrypted(ctx context.Context, dest, passphrase string) error {
	a, err := s.authorize(ctx, s.db, PermAdmin)
	if err != nil {
		return err
	}
	if utf8.RuneCountInString(passphrase) < MinPassphrase {
		return CheckPassphrase("备份密码", passphrase, passphrase)
	}
	return s.auditedBackup(ctx, a, dest, "加密备份到 "+filepath.Base(dest), passphrase)
}

// seal encrypts the file plain into dest (through a temporary name beside it).
func seal(plain, dest, passphrase string) error {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return internal(err)
	}
	r.SetWorkFactor(backupWorkFactor)
	in, err := os.Open(plain)
	if err != nil {
		return internal(err)
	}
	defer in.Close()
	tmp := TempName(dest)
	defer os.Remove(tmp)
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return &Error{Code: CodeInternal, Message: "备份失败：无法写入 " + filepath.Dir(dest), Err: err}
	}
	w, err := age.Encrypt(out, r)
	if err == nil {
		_, err = io.Copy(w, in)
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &Error{Code: CodeInternal, Message: "备份失败：无法写入 " + dest, Err: err}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return &Error{Code: CodeInternal, Message: "备份失败：无法保存到 " + dest, Err: err}
	}
	return nil
}

// unseal decrypts the encrypted backup file into dest. A wrong passphrase, or a file cut short or
// changed, is refused with a message that says which.
func unseal(file, dest, passphrase string) error {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return refused("请输入备份密码")
	}
	in, err := os.Open(file)
	if err != nil {
		return refused("找不到文件 %s", file)
	}
	defer in.Close()
	r, err := age.Decrypt(in, id)
	var wrong *age.NoIdentityMatchError
	if errors.As(err, &wrong) {
		return refused("备份密码不正确，无法解密 %s；未恢复，当前数据库未改动", filepath.Base(file))
	}
	if err == nil {
		err = writeAll(dest, r)
	}
	if err != nil {
		os.Remove(dest)
		return refused("加密备份 %s 不完整或被改动过，无法解密（%v）；未恢复，当前数据库未改动", filepath.Base(file), err)
	}
	return nil
}

func writeAll(dest string, r io.Reader) error {
	f, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
