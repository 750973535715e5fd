package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"

	"linli/documents"
	"linli/reports"
)

func (c *command) print(args []string) error  { return c.document(documents.Print, args) }
func (c *command) export(args []string) error { return c.document(documents.Export, args) }

// document runs `print KIND [flags] -o FILE` or `export KIND [flags] -o FILE` for an entry of the
// document catalogue; without KIND it lists the catalogue.
func (c *command) document(verb documents.Verb, args []string) error {
	if len(args) == 0 {
		listDocuments(c.env.Stdout, verb)
		return nil
	}
	d, ok := documents.Find(verb, args[0])
	if !ok {
		return usageError{fmt.Sprintf("未知的%s种类：%s（可用：%s）", verbCN(verb), args[0], strings.Join(docNames(verb), "、"))}
	}
	name := string(verb) + " " + d.Name
	var out string
	var protect bool
	texts, flagsOn := map[string]*string{}, map[string]*bool{}
	if err := flags(name, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&out, "o", "", "输出文件")
		if verb == documents.Export {
			fs.BoolVar(&protect, "password", false, "用密码保护")
		}
		for _, p := range d.Params {
			if p.Kind == documents.Flag {
				flagsOn[p.Name] = fs.Bool(p.Name, false, p.Label)
			} else {
				texts[p.Name] = fs.String(p.Name, "", p.Label)
			}
		}
	}); err != nil {
		return err
	}
	if out == "" {
		return usageError{name + " 需要 -o 文件" + verb.Ext()}
	}
	v := documents.Values{}
	for k, p := range texts {
		v[k] = *p
	}
	for k, on := range flagsOn {
		if *on {
			v[k] = "true"
		}
	}
	if missing := d.Missing(v); len(missing) > 0 {
		var need []string
		for _, p := range missing {
			need = append(need, "-"+p.Name+"（"+p.Label+"）")
		}
		return usageError{name + " 需要 " + strings.Join(need, " ")}
	}
	if err := checkOutput(out, verb.Ext()); err != nil {
		return err
	}
	if err := d.Validate(v); err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	pass, err := c.exportPassword(verb, protect)
	if err != nil {
		return err
	}
	return writeFile(out, func(buf *bytes.Buffer) error { return d.Run(c.ctx, c.store, v, reports.WithPassword(buf, pass)) })
}

// exportPassword is the password that protects an export: asked for (twice) under -password,
// or taken from LINLI_EXPORT_PASSWORD whenever that is set; "" for an unprotected file.
func (c *command) exportPassword(verb documents.Verb, protect bool) (string, error) {
	if verb != documents.Export || !protect && c.env.Getenv("LINLI_EXPORT_PASSWORD") == "" {
		return "", nil
	}
	return c.newSecret("LINLI_EXPORT_PASSWORD", "导出密码")
}

func verbCN(v documents.Verb) string {
	if v == documents.Export {
		return "导出"
	}
	return "打印"
}

func docNames(verb documents.Verb) []string {
	var out []string
	for _, d := range documents.All(verb) {
		out = append(out, d.Name)
	}
	return out
}

// docSynopsis is one document's command-line form: `order -number 订单号`.
func docSynopsis(d *documents.Doc) string {
	parts := []string{d.Name}
	for _, p := range d.Params {
		var s string
		switch p.Kind {
		case documents.Flag:
			s = "-" + p.Name
		case documents.Month:
			s = "-" + p.Name + " YYYY-MM"
		case documents.Date:
			s = "-" + p.Name + " 日期"
		case documents.Secret:
			s = "-" + p.Name + " " + p.Label
		default:
			s = "-" + p.Name + " " + p.Label
		}
		if !p.Required {
			s = "[" + s + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// listDocuments writes one line per document of the verb: its synopsis and its title.
func listDocuments(w io.Writer, verb documents.Verb) {
	fmt.Fprintf(w, "可%s的文书（linli %s 种类 [参数] -o 文件%s）：\n", verbCN(verb), verb, verb.Ext())
	for _, d := range documents.All(verb) {
		fmt.Fprintf(w, "  %-52s %s\n", docSynopsis(d), d.Title)
	}
}

// documentUsage is the catalogue's part of the usage text.
func documentUsage() string {
	var b strings.Builder
	for _, verb := range []documents.Verb{documents.Print, documents.Export} {
		for _, d := range documents.All(verb) {
			fmt.Fprintf(&b, "  %-58s %s\n", string(verb)+" "+docSynopsis(d)+" -o 文件"+verb.Ext(), d.Title)
		}
	}
	return b.String()
}

// auditExport keeps `audit -o FILE` as the short form of `export audit -o FILE`.
func (c *command) auditExport(args []string) error {
	return c.document(documents.Export, append([]string{"audit"}, args...))
}
