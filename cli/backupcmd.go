package cli

import (
	"flag"
	"fmt"
)

func (c *command) backup(args []string) error {
	var out string
	if err := flags("backup", args, func(fs *flag.FlagSet) { fs.StringVar(&out, "o", "", "备份文件") }); err != nil {
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
	if err := c.store.Backup(c.ctx, out); err != nil {
		return err
	}
	fmt.Fprintln(c.env.Stdout, "已备份到 "+out)
	return nil
}

// restore checks the backup, says what it holds, and restores it keeping the audit trail.
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
	res, err := c.store.Restore(c.ctx, from) // closes the store
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
