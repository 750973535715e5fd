// Package cli is Linli's command line: the same binary opens the window or runs a command.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"golang.org/x/term"

	"linli/data"
	"linli/deskconf"
	"linli/version"
)

// Env is what a command needs from the outside world; tests supply their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Window opens the desktop window on the database file (nil in tests).
	Window func(dbPath string) error
	// Now is the store's clock (nil: the wall clock); tests fix it, so that what they check
	// does not depend on the day they run.
	Now func() time.Time
}

// DefaultDBPath is linli.db in the user's data folder.
func DefaultDBPath() string {
	var dir string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			d = "."
		}
		dir = filepath.Join(d, "Linli")
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				home = "."
			}
			dir = filepath.Join(home, ".local", "share")
		}
		dir = filepath.Join(dir, "linli")
	}
	return filepath.Join(dir, "linli.db")
}

// usage is the help text; the documents come from the catalogue.
func usage() string {
	return `用法 / usage:
  linli [-db 文件|postgres://用户@服务器/数据库] [-user 用户名] [命令]
  linli -h | --help | help                显示本说明

不带命令时打开窗口。命令：
  demo [-people N]                        在空数据库中载入示例社区（N：另加合成居民，用于规模测试）
  check                                   完整性、外键、审计链和业务规则检查；输出 ok 或问题清单，
                                          另列出未能归入户的户属性标签（低保、困难家庭 …）
  households migrate                      把代表户属性的居民标签（低保、困难家庭 …）迁移到户（一次事务）
  backup -o 文件 [-encrypt]               一致且经校验的备份；-encrypt 用备份密码加密（提示输入两次，或取自
                                          环境变量 LINLI_BACKUP_PASSPHRASE），带出本机的备份请加密
  restore -from 文件                      检查备份（加密备份会要求备份密码）、显示其内容后恢复；当前数据库另存一份，
                                          审计记录不因恢复而丢失
  import people|volunteers 文件 [-on-duplicate skip|update|stop] [-dry-run]
                                          导入 .xlsx、.xls（含 WPS）、.ods 或 .csv：全部通过才写入，否则列出每个错误并生成错误说明表
  template people|volunteers -o 文件.xlsx 导入模板：识别的列名、示例行、文本格式的证件号和电话列、本单位的下拉列表
  print | export                          不带种类时列出可打印、可导出的文书及其参数
` + documentUsage() + `  audit -o 文件.xlsx                      导出审计记录（管理员）
  move-to postgres://用户@服务器/数据库   把本数据库文件整个搬到 PostgreSQL 服务器上的空数据库，并核对两边
  version                                 显示版本

数据库有账户后，除 version 和 demo 外的命令都需要 -user，密码取自环境变量 LINLI_PASSWORD 或在提示时输入。
export 加 -password 写出用密码保护的 Excel 文件（Excel、WPS 输入密码才能打开），密码在提示时输入两次，
或取自环境变量 LINLI_EXPORT_PASSWORD（设置了它，每次导出都加密）。带出本机的个人信息请加密。
`
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Run runs the command line and returns the exit code: 0 ok, 1 failure, 2 usage.
func Run(args []string, env Env) int {
	g := flag.NewFlagSet("linli", flag.ContinueOnError)
	g.SetOutput(io.Discard)
	dbPath := g.String("db", "", "数据库文件")
	user := g.String("user", "", "用户名")
	if err := g.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.Stdout, usage())
		return 0
	} else if err != nil {
		fmt.Fprintf(env.Stderr, "参数错误：%v\n\n%s", err, usage())
		return 2
	}
	if *dbPath == "" {
		*dbPath = deskconf.Server() // the server this desk connects to (设置 → 数据库), if any
	}
	if *dbPath == "" {
		*dbPath = DefaultDBPath()
	}
	rest := g.Args()
	if len(rest) == 0 {
		if env.Window == nil {
			fmt.Fprint(env.Stderr, usage())
			return 2
		}
		if err := env.Window(*dbPath); err != nil {
			fmt.Fprintln(env.Stderr, data.Message(err))
			return 1
		}
		return 0
	}
	c := &command{env: env, dbPath: *dbPath, user: *user}
	err := c.dispatch(rest[0], rest[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "%s\n\n%s", ue.msg, usage())
		return 2
	default:
		fmt.Fprintln(env.Stderr, "错误："+data.Message(err))
		var de *data.Error
		if errors.As(err, &de) && de.Code == data.CodeInternal && de.Err != nil {
			fmt.Fprintln(env.Stderr, "详情（请转告维护人员）：", de.Err)
		}
		return 1
	}
}

type command struct {
	env    Env
	dbPath string
	user   string
	store  *data.Store
	ctx    context.Context
}

func (c *command) dispatch(name string, args []string) error {
	switch name {
	case "help":
		fmt.Fprint(c.env.Stdout, usage())
		return nil
	case "version":
		if len(args) > 0 {
			return usageError{"version 不接受参数"}
		}
		fmt.Fprintf(c.env.Stdout, "邻里 Linli %s（提交 %s，构建于 %s，数据版本 %d）\n",
			version.Version, version.CommitID(), version.BuildDate(), data.SchemaVersion())
		return nil
	case "demo":
		return c.demo(args)
	case "check":
		return c.check(args)
	case "backup":
		return c.backup(args)
	case "restore":
		return c.restore(args)
	case "print":
		return c.print(args)
	case "export":
		return c.export(args)
	case "audit":
		return c.auditExport(args)
	case "import":
		return c.importCmd(args)
	case "move-to":
		return c.moveTo(args)
	case "template":
		return c.templateCmd(args)
	case "households":
		return c.households(args)
	}
	return usageError{"未知命令：" + name}
}

// flags parses a command's flags, refusing stray arguments.
func flags(name string, args []string, define func(fs *flag.FlagSet)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{name + " 参数错误：" + err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{name + " 多余的参数：" + strings.Join(fs.Args(), " ")}
	}
	return nil
}

// flagsAndArgs parses a command's flags wherever they stand among its other arguments, which it
// returns in order.
func flagsAndArgs(name string, args []string, define func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{name + " 参数错误：" + err.Error()}
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
}

// open opens the store and signs in when the database has accounts.
func (c *command) open(needLogin bool) error {
	if data.IsServerURL(c.dbPath) {
		// a server database: nothing to create here
	} else if err := os.MkdirAll(filepath.Dir(c.dbPath), 0o700); err != nil {
		return &data.Error{Code: data.CodeRefused, Message: "无法创建数据文件夹 " + filepath.Dir(c.dbPath) + "：" + ioReason(err), Err: err}
	}
	s, err := data.Open(context.Background(), c.dbPath)
	if err != nil {
		return err
	}
	if c.env.Now != nil {
		s.SetClock(c.env.Now)
	}
	c.store, c.ctx = s, context.Background()
	if !needLogin {
		return nil
	}
	has, err := s.HasUsers(c.ctx)
	if err != nil {
		return err
	}
	if !has {
		return nil
	}
	if c.user == "" {
		return &data.Error{Code: data.CodeForbidden, Message: "该数据库已设置账户，请用 -user 指定用户名（密码取自环境变量 LINLI_PASSWORD 或提示输入）"}
	}
	pw, err := c.password()
	if err != nil {
		return err
	}
	a, err := s.Login(c.ctx, c.user, pw)
	if err != nil {
		return err
	}
	if a.MustChange { // an initial or reset password: nothing is done until the user's own is set
		return &data.Error{Code: data.CodeForbidden, Message: "账户 " + c.user + " 的密码是管理员设置的（新账户的初始密码或重置的密码），须先设置自己的新密码：请在窗口中登录一次并按提示修改"}
	}
	c.ctx = data.WithActor(c.ctx, a)
	return nil
}

func (c *command) close() {
	if c.store != nil {
		c.store.Close()
	}
}

func (c *command) password() (string, error) {
	if pw := c.env.Getenv("LINLI_PASSWORD"); pw != "" {
		return pw, nil
	}
	fmt.Fprintf(c.env.Stderr, "%s 的密码：", c.user)
	if f, ok := c.env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.env.Stderr)
		return string(b), err
	}
	line, err := readLine(c.env.Stdin) // byte by byte: a backup passphrase may follow
	if err != nil && line == "" {
		return "", &data.Error{Code: data.CodeForbidden, Message: "没有读到密码（可设置环境变量 LINLI_PASSWORD）"}
	}
	return line, nil
}
