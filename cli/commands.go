package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"linli/data"
	"linli/data/sample"
	"linli/jobs"
)

func (c *command) demo(args []string) error {
	var people int
	if err := flags("demo", args, func(fs *flag.FlagSet) { fs.IntVar(&people, "people", 0, "合成居民人数") }); err != nil {
		return err
	}
	if people < 0 {
		return usageError{"demo -people 必须是正整数"}
	}
	if err := c.open(false); err != nil {
		return err
	}
	defer c.close()
	has, err := c.store.HasUsers(c.ctx)
	if err != nil {
		return err
	}
	if people == 0 || !has {
		if err := sample.Load(c.ctx, c.store); err != nil {
			return err
		}
		fmt.Fprintln(c.env.Stdout, sample.Summary)
	}
	if people > 0 {
		if err := sample.AddPeople(c.ctx, c.store, people, nil); err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "已添加 %d 位合成居民\n", people)
	}
	return nil
}

func (c *command) check(args []string) error {
	if err := flags("check", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	problems, err := c.store.Check(c.ctx)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintln(c.env.Stdout, "ok")
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(c.env.Stdout, p)
	}
	return fmt.Errorf("检查发现 %d 个问题", len(problems))
}

func (c *command) backup(args []string) error {
	var out string
	if err := flags("backup", args, func(fs *flag.FlagSet) { fs.StringVar(&out, "o", "", "备份文件") }); err != nil {
		return err
	}
	if out == "" {
		return usageError{"backup 需要 -o 文件"}
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	if err := c.store.Backup(c.ctx, out); err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, "已备份到 "+out)
	return nil
}

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
	if a := data.ActorFrom(c.ctx); a != nil && !a.Role.Can(data.PermAdmin) {
		c.close()
		return &data.Error{Code: data.CodeForbidden, Message: "只有管理员可以恢复备份"}
	}
	if err := c.store.Record(c.ctx, "恢复", "数据库", 0, "从备份 "+filepath.Base(from)+" 恢复"); err != nil {
		c.close()
		return err
	}
	c.close()
	kept, err := data.RestoreFile(c.ctx, c.dbPath, from)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "已从 %s 恢复；原数据库另存为 %s\n", from, kept)
	return nil
}

func (c *command) auditExport(args []string) error {
	var out string
	if err := flags("audit", args, func(fs *flag.FlagSet) { fs.StringVar(&out, "o", "", "xlsx 文件") }); err != nil {
		return err
	}
	if out == "" {
		return usageError{"audit 需要 -o 文件.xlsx"}
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	return writeFile(out, func(buf *bytes.Buffer) error { return jobs.ExportAudit(c.ctx, c.store, data.AuditFilter{}, buf) })
}

// writeFile renders into memory first, so that a failure leaves no half-written file.
func writeFile(path string, render func(buf *bytes.Buffer) error) error {
	if !strings.Contains(filepath.Base(path), ".") {
		return errors.New("输出文件需要扩展名，例如 .pdf 或 .xlsx")
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	tmp := path + ".part"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	return os.Rename(tmp, path)
}
