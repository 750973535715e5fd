package cli

import (
	"bytes"
	"context"
	"flag"
	"io"
	"sort"
	"strings"

	"linli/data"
	"linli/jobs"
)

// doc is one printable or exportable kind: its flags (all strings), which are required, and how
// to render it.
type doc struct {
	flags    []string // flag names besides -o
	required []string
	render   func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error
}

var printKinds = map[string]doc{
	"residents": {flags: []string{"community"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintResidents(ctx, s, jobs.RosterRequest{Community: v["community"]}, w)
	}},
	"volunteers": {flags: []string{"kind"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintVolunteers(ctx, s, data.VolunteerFilter{Kind: v["kind"]}, w)
	}},
	"workshop-ledger": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintWorkshopLedger(ctx, s, v["month"], w)
	}},
	"payouts": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintPayouts(ctx, s, v["month"], w)
	}},
	"order": {flags: []string{"number"}, required: []string{"number"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintOrder(ctx, s, v["number"], w)
	}},
	"roster": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintRoster(ctx, s, v["month"], w)
	}},
	"care-ledger": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintCareLedger(ctx, s, v["month"], w)
	}},
	"volunteer-cert": {flags: []string{"volunteer", "all", "from", "to"}, required: []string{"from", "to"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		if (v["volunteer"] == "") == (v["all"] == "") {
			return usageError{"print volunteer-cert 需要 -volunteer 姓名或编号，或 -all yes（二选一）"}
		}
		return jobs.PrintVolunteerCerts(ctx, s, v["volunteer"], v["from"], v["to"], w, nil)
	}},
	"completion": {flags: []string{"programme"}, required: []string{"programme"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintCompletion(ctx, s, v["programme"], w)
	}},
	"attendance-sheet": {flags: []string{"programme", "date"}, required: []string{"programme", "date"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintSignIn(ctx, s, v["programme"], v["date"], w)
	}},
	"children-ledger": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintChildrenLedger(ctx, s, v["month"], w)
	}},
	"training-cert": {flags: []string{"trainee"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.PrintTrainingCerts(ctx, s, v["trainee"], w)
	}},
}

var exportKinds = map[string]doc{
	"people": {render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportPeople(ctx, s, w)
	}},
	"volunteers": {render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportVolunteers(ctx, s, w)
	}},
	"orders": {flags: []string{"from", "to"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportOrders(ctx, s, v["from"], v["to"], w)
	}},
	"deliveries": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportDeliveries(ctx, s, v["month"], w)
	}},
	"services": {flags: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportServices(ctx, s, v["month"], w)
	}},
	"attendance": {flags: []string{"programme"}, required: []string{"programme"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportAttendance(ctx, s, v["programme"], w)
	}},
	"splits": {flags: []string{"month"}, required: []string{"month"}, render: func(ctx context.Context, s *data.Store, v map[string]string, w io.Writer) error {
		return jobs.ExportSplits(ctx, s, v["month"], w)
	}},
}

func (c *command) print(args []string) error { return c.document("print", printKinds, args) }

func (c *command) export(args []string) error { return c.document("export", exportKinds, args) }

// document runs `print KIND [flags] -o FILE` or `export KIND [flags] -o FILE`.
func (c *command) document(verb string, kinds map[string]doc, args []string) error {
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usageError{verb + " 需要种类：" + strings.Join(names, "、")}
	}
	d, ok := kinds[args[0]]
	if !ok {
		return usageError{"未知的" + verb + "种类：" + args[0] + "（可用：" + strings.Join(names, "、") + "）"}
	}
	vals := map[string]*string{}
	var out string
	if err := flags(verb+" "+args[0], args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&out, "o", "", "输出文件")
		for _, f := range d.flags {
			vals[f] = fs.String(f, "", f)
		}
	}); err != nil {
		return err
	}
	if out == "" {
		return usageError{verb + " " + args[0] + " 需要 -o 文件"}
	}
	v := map[string]string{}
	for k, p := range vals {
		v[k] = *p
	}
	for _, r := range d.required {
		if v[r] == "" {
			return usageError{verb + " " + args[0] + " 需要 -" + r}
		}
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	return writeFile(out, func(buf *bytes.Buffer) error { return d.render(c.ctx, c.store, v, buf) })
}
