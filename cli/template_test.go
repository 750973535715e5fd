package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTemplateImportsCleanly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	mustDemo(t, db)
	for _, kind := range []string{"people", "volunteers"} {
		t.Run(kind, func(t *testing.T) {
			withExample := filepath.Join(dir, kind+"-模板.xlsx")
			if r := run(t, "demo1234", "-db", db, "-user", "staff", "template", kind, "-o", withExample); r.code != 0 || r.stderr != "" {
				t.Fatalf("template: %+v", r)
			}
			checkTemplate(t, withExample)
			// The example row deleted: the import succeeds with nothing to add.
			f, err := excelize.OpenFile(withExample)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.RemoveRow("导入模板", 2); err != nil {
				t.Fatal(err)
			}
			empty := filepath.Join(dir, kind+"-空.xlsx")
			if err := f.SaveAs(empty); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			if r := run(t, "demo1234", "-db", db, "-user", "staff", "import", kind, empty, "-dry-run"); r.code != 0 || !strings.Contains(r.stdout, "新增 0，更新 0，跳过 0") {
				t.Fatalf("import of the empty template: %+v", r)
			}
			// As it comes: the example row is imported.
			if r := run(t, "demo1234", "-db", db, "-user", "staff", "import", kind, withExample, "-on-duplicate", "update"); r.code != 0 || !strings.Contains(r.stdout, "新增 1") && !strings.Contains(r.stdout, "更新 1") {
				t.Fatalf("import of the template with its example: %+v", r)
			}
		})
	}
}

// checkTemplate reads back what makes a template safe to fill: the frozen header, text format on
// the ID column, drop-downs for 性别, 社区, 网格 and 标签 filled from the database.
func checkTemplate(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "导入模板"
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("header not frozen: %+v %v", panes, err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) != 2 || rows[0][0] != "姓名" || rows[0][1] != "身份证号" || rows[1][1] == "" {
		t.Fatalf("rows %q %v", rows, err)
	}
	style, err := f.GetCellStyle(sheet, "B3")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil || st.NumFmt != 49 {
		t.Fatalf("ID column not text: %+v %v", st, err)
	}
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := f.GetRows("选项")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]string{}
	for i, h := range lists[0] {
		var vals []string
		for _, r := range lists[1:] {
			if i < len(r) && r[i] != "" {
				vals = append(vals, r[i])
			}
		}
		have[h] = strings.Join(vals, "、")
	}
	for h, want := range map[string]string{"性别": "男、女", "社区": "南苑社区", "网格": "网格", "标签": "独居"} {
		if !strings.Contains(have[h], want) {
			t.Errorf("drop-down %s: %q", h, have[h])
		}
	}
	if len(dvs) < 4 {
		t.Errorf("%d drop-downs", len(dvs))
	}
}
