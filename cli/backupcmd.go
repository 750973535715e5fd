package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"linli/data"
)

// backup writes a verified backup, encrypted with a passphrase under -encrypt.
func (c *command) backup(args []string) error {
	var out string
	var encrypt bool
	if err := flags("backup", args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "o", "", "备份文件")
		fs.BoolVar(&encrypt, "encrypt", false, "用备份密码加密")
	}); err != nil {
		return err
	}
	if out == "" {
		return usageError{"backup 需要 -o 文件"}
	}
	if err := checkFolder(out); err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	if err := c.mustBeAdmin("备份"); err != nil {
		return err
	}
	if !encrypt {
		if err := c.store.Backup(c.ctx, out); err != nil {
			return err
		}
		fmt.Fprintln(c.env.Stdout, "已备份到 "+out)
		return nil
	}
	pass, err := c.newPassphrase()
	if err != nil {
		return err
	}
	if err := c.store.BackupEncrypted(c.ctx, out, pass); err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, "已加密备份到 "+out+"（忘记备份密码就无法恢复这份备份）")
	return nil
}

// restore checks the backup (decrypting an encrypted one), says what it holds, and restores it
// keeping the audit trail.
func (c *command) restore(args []string) error {
	var from string
	if err := flags("restore", args, func(fs *flag.FlagSet) { fs.StringVar(&from, "from", "", "备份文件") }); err != nil {
		return err
	}
	if from == "" {
		return usageError{"restore 需要 -from 文件"}
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	if err := c.mustBeAdmin("恢复备份"); err != nil {
		return err
	}
	if err := c.store.RestoreRefused(from); err != nil {
		return err // before any passphrase is asked for
	}
	enc, err := data.IsEncryptedBackup(from)
	if err != nil {
		return err
	}
	pass := ""
	if enc {
		if pass, err = c.secret("LINLI_BACKUP_PASSPHRASE", "备份密码", "备份密码："); err != nil {
			return err
		}
	}
	b, err := c.store.OpenBackup(c.ctx, from, pass)
	if err != nil {
		if aerr := c.store.AuditRefusedBackup(c.ctx, from, err); aerr != nil {
			return errors.Join(err, aerr)
		}
		return err
	}
	defer b.Close()
	res, err := c.store.Restore(c.ctx, b) // closes the store
	c.store = nil
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "已从 %s 恢复\n%s\n", from, res.Backup.Describe())
	if res.Kept != "" {
		fmt.Fprintf(c.env.Stdout, "原数据库另存为 %s；其在备份之后的 %d 条审计记录已带入恢复后的审计记录\n", res.Kept, res.Carried)
	}
	return nil
}

func (c *command) mustBeAdmin(what string) error {
	if a := data.ActorFrom(c.ctx); a != nil && !a.Role.Can(data.PermAdmin) {
		return &data.Error{Code: data.CodeForbidden, Message: "只有管理员可以" + what}
	}
	return nil
}

// newPassphrase takes a new backup passphrase from LINLI_BACKUP_PASSPHRASE, or asks for it twice.
func (c *command) newPassphrase() (string, error) {
	return c.newSecret("LINLI_BACKUP_PASSPHRASE", "备份密码")
}

// newSecret takes a new passphrase or password from the environment variable env, or asks for
// it twice; field names it in messages.
func (c *command) newSecret(env, field string) (string, error) {
	if p := c.env.Getenv(env); p != "" {
		return p, data.CheckPassphrase(field+"（"+env+"）", p, p)
	}
	p, err := c.secret("", field, fmt.Sprintf("%s（至少 %d 个字符，请另行妥善保管）：", field, data.MinPassphrase))
	if err != nil {
		return "", err
	}
	again, err := c.secret("", field, "再输入一次：")
	if err != nil {
		return "", err
	}
	return p, data.CheckPassphrase(field, p, again)
}

// secret reads a secret (field names it) from the environment variable env when that is set, or
// asks for it with prompt: without echo on a terminal, else one line of standard input.
func (c *command) secret(env, field, prompt string) (string, error) {
	if env != "" {
		if v := c.env.Getenv(env); v != "" {
			return v, nil
		}
	}
	fmt.Fprint(c.env.Stderr, prompt)
	if f, ok := c.env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.env.Stderr)
		return string(b), err
	}
	line, err := readLine(c.env.Stdin)
	if err != nil && line == "" {
		msg := "没有读到" + field
		if env != "" {
			msg += "（可设置环境变量 " + env + "）"
		}
		return "", &data.Error{Code: data.CodeForbidden, Message: msg}
	}
	return line, nil
}

// readLine reads one line byte by byte, so that nothing after it is consumed (several secrets
// may come one per line).
func readLine(r io.Reader) (string, error) {
	var b []byte
	one := make([]byte, 1)
	for {
		n, err := r.Read(one)
		if n == 1 && one[0] == '\n' {
			return strings.TrimRight(string(b), "\r"), nil
		}
		if n == 1 {
			b = append(b, one[0])
		}
		if err != nil {
			return strings.TrimRight(string(b), "\r"), err
		}
	}
}
