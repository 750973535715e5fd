package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"linli/documents"
)

// An empty database has no accounts, so commands run without signing in: small fixtures.

func TestYesNoOptionsArePlainFlags(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "linli.db")
	out := filepath.Join(t.TempDir(), "证明.pdf")
	t.Run("-all alone", func(t *testing.T) {
		r := run(t, "", "-db", db, "print", "volunteer-cert", "-all", "-from", "2026-01-01", "-to", "2026-10-31", "-o", out)
		if r.code != 1 || !strings.Contains(r.stderr, "没有志愿服务时长记录") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("-all=true", func(t *testing.T) {
		r := run(t, "", "-db", db, "print", "volunteer-cert", "-all=true", "-from", "2026-01-01", "-to", "2026-10-31", "-o", out)
		if r.code != 1 || !strings.Contains(r.stderr, "没有志愿服务时长记录") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("-all yes is a stray argument", func(t *testing.T) {
		r := run(t, "", "-db", db, "print", "volunteer-cert", "-all", "yes", "-from", "2026-01-01", "-to", "2026-10-31", "-o", out)
		if r.code != 2 || !strings.Contains(r.stderr, "多余的参数") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("neither -volunteer nor -all", func(t *testing.T) {
		r := run(t, "", "-db", db, "print", "volunteer-cert", "-from", "2026-01-01", "-to", "2026-10-31", "-o", out)
		if r.code != 1 || !strings.Contains(r.stderr, "二者选一") {
			t.Fatalf("%+v", r)
		}
	})
	// Every yes/no parameter of every document takes no value on the command line.
	for _, verb := range []documents.Verb{documents.Print, documents.Export} {
		for _, d := range documents.All(verb) {
			for _, p := range d.Params {
				if p.Kind != documents.Flag {
					continue
				}
				t.Run(d.Name+" -"+p.Name, func(t *testing.T) {
					r := run(t, "", "-db", db, string(verb), d.Name, "-"+p.Name, "-o", filepath.Join(t.TempDir(), "x"+verb.Ext()))
					if strings.Contains(r.stderr, "参数错误") || strings.Contains(r.stderr, "多余的参数") {
						t.Fatalf("-%s is not a plain flag: %+v", p.Name, r)
					}
				})
			}
		}
	}
	csv := filepath.Join(t.TempDir(), "名单.csv")
	if err := os.WriteFile(csv, []byte("姓名,社区\n张三,城东社区\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-dry-run", csv}, {csv, "-dry-run"}, {"-on-duplicate", "skip", csv, "-dry-run"}, {"-dry-run", "-on-duplicate", "skip", csv}} {
		t.Run("import "+strings.Join(args, " "), func(t *testing.T) {
			r := run(t, "", append([]string{"-db", db, "import", "people"}, args...)...)
			if r.code == 2 || strings.Contains(r.stderr, "参数") || strings.Contains(r.stderr, "用法") {
				t.Fatalf("%+v", r)
			}
		})
	}
	t.Run("import with two files", func(t *testing.T) {
		if r := run(t, "", "-db", db, "import", "people", csv, csv); r.code != 2 || !strings.Contains(r.stderr, "需要一个文件") {
			t.Fatalf("%+v", r)
		}
	})
}

func TestUserMistakesSayWhatToDo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	damaged := filepath.Join(dir, "名单.xlsx")
	if err := os.WriteFile(damaged, []byte("this is not a zip file"), 0o600); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"damaged xlsx", []string{"import", "people", damaged}, "文件不是有效的 Excel 文件，可能已损坏；请用 Excel 另存为 .xlsx 后重试"},
		{"missing import file", []string{"import", "people", filepath.Join(dir, "无此文件.csv")}, "找不到文件"},
		{"missing output folder (print)", []string{"print", "residents", "-o", filepath.Join(dir, "无此文件夹", "名册.pdf")}, "文件夹 " + filepath.Join(dir, "无此文件夹") + " 不存在"},
		{"missing output folder (export)", []string{"export", "people", "-o", filepath.Join(dir, "无此文件夹", "居民.xlsx")}, "文件夹 " + filepath.Join(dir, "无此文件夹") + " 不存在"},
		{"missing output folder (audit)", []string{"audit", "-o", filepath.Join(dir, "无此文件夹", "审计.xlsx")}, "不存在"},
		{"missing backup folder", []string{"backup", "-o", filepath.Join(dir, "无此文件夹", "备份.db")}, "文件夹 " + filepath.Join(dir, "无此文件夹") + " 不存在"},
		{"output is a folder", []string{"print", "residents", "-o", dir}, "是一个文件夹"},
		{"output of the other format", []string{"print", "residents", "-o", filepath.Join(dir, "名册.xlsx")}, "应以 .pdf 结尾"},
		{"bad month", []string{"print", "payouts", "-month", "2026-13", "-o", filepath.Join(dir, "x.pdf")}, "月份：“2026-13”应写作 YYYY-MM"},
		{"bad date", []string{"export", "orders", "-from", "昨天", "-o", filepath.Join(dir, "x.xlsx")}, "起始日期："},
		{"unknown order", []string{"print", "order", "-number", "GF-0000", "-o", filepath.Join(dir, "x.pdf")}, "没有订单号为“GF-0000”的订单"},
		{"unknown community", []string{"print", "residents", "-community", "月球", "-o", filepath.Join(dir, "x.pdf")}, "没有名为“月球”的社区"},
		{"database folder cannot be made", []string{"-db", filepath.Join(notDir, "linli.db"), "check"}, "无法创建数据文件夹"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if args[0] != "-db" {
				args = append([]string{"-db", db}, args...)
			}
			r := run(t, "", args...)
			if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("want exit 1 and %q: %+v", tc.want, r)
			}
			if strings.Contains(r.stderr, "内部错误") {
				t.Errorf("a user's mistake reported as 内部错误: %s", r.stderr)
			}
		})
	}
}

func TestListingDocumentsNeedsNoDatabase(t *testing.T) {
	t.Parallel()
	for _, verb := range []string{"print", "export"} {
		r := run(t, "", "-db", filepath.Join(t.TempDir(), "x.db"), verb)
		if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "  ") {
			t.Errorf("linli %s: %+v", verb, r)
		}
	}
}

// TestQuietInTheCLocale runs the built program as cron or an ssh session would: a successful
// command prints nothing on stderr, whatever the locale.
func TestQuietInTheCLocale(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "linli")
	build := exec.Command("go", "build", "-o", bin, "linli")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "linli.db")
	for _, locale := range [][]string{{"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=POSIX"}, {"LC_ALL=C.utf8", "LANGUAGE=C"}, {"LANG=C.UTF-8", "LANGUAGE=C:en"}} {
		for _, args := range [][]string{{"version"}, {"-db", db, "check"}, {"-db", db, "print", "residents", "-o", filepath.Join(dir, "名册.pdf")}} {
			t.Run(strings.Join(locale, " ")+" "+args[len(args)-1], func(t *testing.T) {
				cmd := exec.Command(bin, args...)
				cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, locale...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Run(); err != nil {
					t.Fatalf("%v: %v\n%s", args, err, stderr.String())
				}
				if stderr.Len() > 0 {
					t.Errorf("stderr is not empty:\n%s", stderr.String())
				}
			})
		}
	}
}
