package cli

import (
	"flag"
	"fmt"

	"linli/data"
)

// moveTo copies the database file onto an empty PostgreSQL database and reports what it verified.
func (c *command) moveTo(args []string) error {
	rest, err := flagsAndArgs("move-to", args, func(fs *flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(rest) != 1 || !data.IsServerURL(rest[0]) {
		return usageError{"move-to 需要一个服务器地址：move-to postgres://用户@服务器/数据库"}
	}
	if data.IsServerURL(c.dbPath) {
		return usageError{"move-to 从数据库文件搬到服务器：-db 应是邻里数据库文件"}
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	if err := c.mustBeAdmin("迁移数据库"); err != nil {
		return err
	}
	res, err := c.store.MoveTo(c.ctx, rest[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "已迁移到 %s：%d 张表、%d 行（居民 %d 位），行数、金额合计和审计链两边一致（链头 %s）\n",
		data.RedactURL(rest[0]), res.Tables, res.Rows, res.People, data.ShortHash(res.AuditHead))
	fmt.Fprintln(c.env.Stdout, "各台电脑请改用：linli -db "+data.RedactURL(rest[0]))
	return nil
}
