package importer

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The fixtures in testdata are small sheets as offices keep them. The .xlsx files are written by
// TestWriteFixtures (LINLI_WRITE_FIXTURES=1); the .xls and .ods files beside them are LibreOffice's
// conversions of those, committed so that the tests need no LibreOffice:
//
//	LINLI_WRITE_FIXTURES=1 go test ./data/importer -run TestWriteFixtures
//	cd data/importer/testdata && soffice --headless --convert-to xls *.xlsx && soffice --headless --convert-to ods *.xlsx
var fixtures = []string{"people", "volunteers", "wps-title"}

func TestWriteFixtures(t *testing.T) {
	if os.Getenv("LINLI_WRITE_FIXTURES") == "" {
		t.Skip("set LINLI_WRITE_FIXTURES=1 to rewrite testdata/*.xlsx")
	}
	for name, write := range map[string]func(*excelize.File) error{
		"people": writePeopleSheet, "volunteers": writeVolunteerSheet, "wps-title": writeWPSSheet,
	} {
		f := excelize.NewFile()
		if err := write(f); err != nil {
			t.Fatal(name, err)
		}
		if err := f.SaveAs(filepath.Join("testdata", name+".xlsx")); err != nil {
			t.Fatal(err)
		}
	}
}

func steps(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writePeopleSheet: a merged title, a header with variants, a date-formatted birth date, a
// serial birth date, phones stored as numbers and as text, a community merged down two rows,
// full-width digits, an empty row, and one ID number Excel stored as a number.
func writePeopleSheet(f *excelize.File) error {
	const s = "Sheet1"
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	return steps(
		f.SetCellValue(s, "A1", "南苑社区居民花名册"),
		f.MergeCell(s, "A1", "J1"),
		f.SetSheetRow(s, "A2", &[]any{"序号", "姓 名", "公民身份号码", "性别", "出生日期", "手机号", "所属社区", "网格", "家庭住址", "人员类别"}),
		f.SetSheetRow(s, "A3", &[]any{1, "张阿婆", nil, "女", nil, 13900012233, "南苑社区", "南苑一网格", "灯彩巷 3 号", "独居、高龄"}),
		f.SetCellStr(s, "C3", "330481194105060021"),
		f.SetCellValue(s, "E3", time.Date(1941, 5, 6, 0, 0, 0, 0, time.UTC)),
		f.SetCellStyle(s, "E3", "E3", date),
		f.SetSheetRow(s, "A4", &[]any{2, "李大伯", nil, "男", 18272, nil, nil, nil, "南苑路 9 号", "独居"}),
		f.SetCellStr(s, "C4", "330481195001090116"),
		f.SetCellStr(s, "F4", "１３９０００２２２３４"),
		f.SetCellStyle(s, "C3", "C9", text),
		f.MergeCell(s, "G3", "G4"),
		f.SetSheetRow(s, "A6", &[]any{3, "周小妹", nil, "女", "2020年1月3日", "0573-87012345", "竦秀社区", nil, "竦秀路 1 号", nil}),
		f.SetSheetRow(s, "A7", &[]any{4, "王损坏", 330481194503120026.0, "女", nil, nil, "南苑社区", nil, nil, nil}),
	)
}

func writeVolunteerSheet(f *excelize.File) error {
	const s = "Sheet1"
	return steps(
		f.SetSheetRow(s, "A1", &[]any{"志愿者姓名", "证件号码", "手机", "社区", "志愿者类别", "技能", "可服务时间"}),
		f.SetSheetRow(s, "A2", &[]any{"陈美华", nil, 13700001111, "竦秀社区", "美食达人、巾帼志愿者", "烹饪", "周一至周五"}),
		f.SetCellStr(s, "B2", "330481197803150028"),
		f.SetSheetRow(s, "A3", &[]any{"顾建国", nil, "13700002222", "竦秀社区", "党员", "驾驶、维修", "周末"}),
	)
}

// writeWPSSheet is laid out as WPS 表格 registers usually are: a merged title over two rows, a
// 填报单位/日期 line, a header with 「（必填）」 marks, and 序号 numbers from a formula.
func writeWPSSheet(f *excelize.File) error {
	const s = "Sheet1"
	return steps(
		f.SetSheetName("Sheet1", s),
		f.SetCellValue(s, "A1", "硖石街道南苑社区 2026 年度居民信息登记表"),
		f.MergeCell(s, "A1", "F2"),
		f.SetCellValue(s, "A3", "填报单位：南苑社区居委会"),
		f.MergeCell(s, "A3", "C3"),
		f.SetCellValue(s, "D3", "填报日期：2026年11月"),
		f.MergeCell(s, "D3", "F3"),
		f.SetSheetRow(s, "A4", &[]any{"序号", "姓名（必填）", "身份证号码", "联系电话", "社区", "备注"}),
		f.SetSheetRow(s, "A5", &[]any{nil, "沈桂英", "330481193807210042", "13588880001", "南苑社区", "子女在外地"}),
		f.SetCellFormula(s, "A5", "ROW()-4"),
		f.SetSheetRow(s, "A6", &[]any{nil, "钱阿大", "330481194011300012", "13588880002", "南苑社区", nil}),
		f.SetCellFormula(s, "A6", "ROW()-4"),
	)
}
