package reports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"linli/data"
)

// ImportTemplateXLSX writes an import template: the headers the import recognises in a frozen
// first row, one example row, text format on the ID and phone columns, and drop-down lists of the
// closed values (kept on a hidden sheet, so that long lists of communities and grids fit), with a
// sheet of instructions.
func ImportTemplateXLSX(w io.Writer, title string, cols []data.TemplateColumn) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, lists = "导入模板", "选项"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(lists); err != nil {
		return err
	}
	listCol := 0
	for i, c := range cols {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := templateColumn(f, sheet, col, c, text, head); err != nil {
			return err
		}
		if len(c.Choices) == 0 {
			continue
		}
		listCol++
		if err := templateList(f, sheet, lists, col, listCol, c); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(lists, false); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := templateNotes(f, title); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeWorkbook(f, w)
}

// templateRows is how far down the formats and drop-downs reach.
const templateRows = 5000

func templateColumn(f *excelize.File, sheet, col string, c data.TemplateColumn, text, head int) error {
	if err := f.SetColWidth(sheet, col, col, c.Width); err != nil {
		return err
	}
	if c.Text {
		if err := f.SetColStyle(sheet, col, text); err != nil {
			return err
		}
	}
	if err := f.SetCellStr(sheet, col+"1", c.Header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, col+"1", col+"1", head); err != nil {
		return err
	}
	if c.Example != "" {
		return f.SetCellStr(sheet, col+"2", c.Example)
	}
	return nil
}

// templateList writes a column's choices on the hidden sheet and points a drop-down at them.
func templateList(f *excelize.File, sheet, lists, col string, n int, c data.TemplateColumn) error {
	lc, err := excelize.ColumnNumberToName(n)
	if err != nil {
		return err
	}
	if err := f.SetCellStr(lists, lc+"1", c.Header); err != nil {
		return err
	}
	for j, v := range c.Choices {
		if err := f.SetCellStr(lists, fmt.Sprintf("%s%d", lc, j+2), v); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, templateRows)
	dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", lists, lc, lc, len(c.Choices)+1))
	if c.Multi {
		// Several values go in one cell (独居、高龄): the list offers them, Excel does not refuse.
		dv.ShowErrorMessage = false
	} else {
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请从下拉列表中选择")
	}
	return f.AddDataValidation(sheet, dv)
}

func templateNotes(f *excelize.File, title string) error {
	const notes = "填写说明"
	if _, err := f.NewSheet(notes); err != nil {
		return err
	}
	lines := []string{
		title,
		"1. 第一行是邻里识别的列名，请不要修改；不需要的列可以留空。",
		"2. 第二行是示例，导入前请删除（保留则会作为一条记录导入）。",
		"3. 身份证号、联系电话等列已设为“文本”格式，请直接输入或粘贴，不要改成数字格式；15 位旧身份证号会自动转换为 18 位。",
		"4. 性别、社区、网格等列可从下拉列表中选择，列表取自本单位邻里中的设置；标签等列可写多个，用“、”分隔。",
		"5. 出生日期可写 1950-01-01、1950/1/1 或 1950年1月1日；填写了身份证号时可以不填出生日期和性别。",
		"6. 邻里可导入 .xlsx、.xls（Excel 97–2003、WPS）、.ods（LibreOffice）和 .csv 文件；全部行检查通过才会写入。",
	}
	for i, l := range lines {
		if err := f.SetCellStr(notes, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	return f.SetColWidth(notes, "A", "A", 110)
}
