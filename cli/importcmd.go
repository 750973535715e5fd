package cli

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"linli/data"
	"linli/reports"
)

// importCmd: import people|volunteers FILE [-on-duplicate skip|update|stop] [-dry-run].
func (c *command) importCmd(args []string) error {
	if len(args) < 2 || (args[0] != "people" && args[0] != "volunteers") {
		return usageError{"用法：import people|volunteers 文件 [-on-duplicate skip|update|stop] [-dry-run]"}
	}
	kind := data.ImportPeople
	if args[0] == "volunteers" {
		kind = data.ImportVolunteers
	}
	var onDup string
	var dry bool
	// The file may stand before, between or after the flags.
	files, err := flagsAndArgs("import", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&onDup, "on-duplicate", "stop", "skip|update|stop")
		fs.BoolVar(&dry, "dry-run", false, "只检查，不写入")
	})
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{"import 需要一个文件（现有：" + strings.Join(files, " ") + "）"}
	}
	file := files[0]
	policy := data.DupPolicy(onDup)
	if policy != data.DupSkip && policy != data.DupUpdate && policy != data.DupStop {
		return usageError{"-on-duplicate 只能是 skip、update 或 stop"}
	}
	t, err := data.ReadImportFile(file)
	if err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	res, err := c.store.Import(c.ctx, t, data.ImportOptions{Kind: kind, FileName: filepath.Base(file), OnDuplicate: policy, DryRun: dry})
	if len(res.Errors) > 0 {
		for _, e := range res.Errors {
			fmt.Fprintln(c.env.Stdout, e.String())
		}
		out := strings.TrimSuffix(file, filepath.Ext(file)) + "-错误说明.xlsx"
		if werr := writeFile(out, func(buf *bytes.Buffer) error { return reports.ImportErrorsXLSX(buf, t.Header, t.Rows, res.Errors) }); werr == nil {
			fmt.Fprintln(c.env.Stdout, "错误说明表已保存："+out)
		}
		return &data.Error{Code: data.CodeInvalid, Message: fmt.Sprintf("%d 处错误，数据库未作任何修改", len(res.Errors))}
	}
	if err != nil {
		return err
	}
	for _, n := range res.Notices {
		fmt.Fprintln(c.env.Stdout, n.String())
	}
	verb := "已导入"
	if dry {
		verb = "检查通过（未写入）"
	}
	fmt.Fprintf(c.env.Stdout, "%s%s：新增 %d，更新 %d，跳过 %d\n", verb, kind, res.Added, res.Updated, res.Skipped)
	if res.BatchID != 0 {
		fmt.Fprintf(c.env.Stdout, "导入批次 %d（可在窗口的「居民档案 → 导入记录」中撤销）\n", res.BatchID)
	}
	return nil
}

// templateCmd: template people|volunteers -o FILE.xlsx writes the import's template, with the
// office's own communities, grids and tags in its drop-down lists.
func (c *command) templateCmd(args []string) error {
	const usage = "用法：template people|volunteers -o 文件.xlsx"
	if len(args) < 1 || (args[0] != "people" && args[0] != "volunteers") {
		return usageError{usage}
	}
	kind := data.ImportPeople
	if args[0] == "volunteers" {
		kind = data.ImportVolunteers
	}
	var out string
	if err := flags("template", args[1:], func(fs *flag.FlagSet) { fs.StringVar(&out, "o", "", "输出文件") }); err != nil {
		return err
	}
	if out == "" {
		return usageError{usage}
	}
	if err := checkOutput(out, ".xlsx"); err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	cols, err := c.store.ImportTemplate(c.ctx, kind)
	if err != nil {
		return err
	}
	return writeFile(out, func(buf *bytes.Buffer) error { return reports.ImportTemplateXLSX(buf, kind+"导入模板", cols) })
}
