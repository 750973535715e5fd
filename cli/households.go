package cli

import (
	"flag"
	"fmt"
	"io"

	"linli/data"
)

// households runs `households migrate`: household-fact tags move to households.
func (c *command) households(args []string) error {
	if len(args) == 0 || args[0] != "migrate" {
		return usageError{"households 的用法：households migrate"}
	}
	if err := flags("households migrate", args[1:], func(*flag.FlagSet) {}); err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	m, err := c.store.MigrateHouseholdTags(c.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "%d 个标签归入户（新建 %d 户），%d 个未能归入\n", m.Moved, m.Households, len(m.Unplaced))
	printUnplaced(c.env.Stdout, m.Unplaced)
	return nil
}

// printUnplaced lists household-fact tags that are still on people (not a problem: a note).
func printUnplaced(w io.Writer, list []data.UnplacedTag) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(w, "提示：%d 个代表户属性的居民标签未能归入户（请建户后运行 households migrate）：\n", len(list))
	for _, u := range list {
		fmt.Fprintln(w, "  "+u.String())
	}
}
