package importer

import (
	"fmt"
	"math"
	"strconv"
)

// maxCols bounds the columns read from a row; no import has more than a few dozen.
const maxCols = 1024

const maxFill = 10_000_000

// maxCells bounds the cells (empty ones padding a row included) a reader keeps: a large real
// import is 200,000 rows of a dozen columns, while a few bytes of a damaged or hostile file can
// claim a row repeated a million times, 1,024 cells wide.
// The fuzz tests lower it: they test the readers' logic, not their capacity.
var maxCells = 10_000_000

func errTooManyCells() error {
	return fmt.Errorf("工作表太大（单元格超过 %d 个），请删去无用的行列或分批导入", maxCells)
}

// FormatNumber writes a numeric cell as excelize's raw value of the same cell reads, so that every
// format gives the import the same text: an Excel date stays its serial (16508), a phone number
// its digits, and an ID number Excel stored as a number its 15 significant digits and zeros
// (which the import recognises as damaged).
func FormatNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if a := math.Abs(f); a >= 1e21 || a != 0 && a < 1e-9 {
		return strconv.FormatFloat(f, 'G', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// cellRange is a merged range, rows and columns counted from 1.
type cellRange struct{ r1, c1, r2, c2 int }

// fillMerged gives every empty cell of a merged range its top-left value, as the sheet shows it.
// A sheet whose merged ranges would fill more than maxFill cells is damaged or hostile; the
// rest of its ranges are left alone.
func fillMerged(rows [][]string, merges []cellRange) [][]string {
	filled := 0
	for _, m := range merges {
		if m.r1 < 1 || m.c1 < 1 || m.r1 > len(rows) || m.r2 < m.r1 || m.c2 < m.c1 {
			continue
		}
		top := rows[m.r1-1]
		if m.c1 > len(top) || top[m.c1-1] == "" {
			continue
		}
		v := top[m.c1-1]
		for y := m.r1; y <= m.r2 && y <= len(rows); y++ {
			row := rows[y-1]
			for x := m.c1; x <= m.c2 && x <= maxCols; x++ {
				for len(row) < x {
					row = append(row, "")
				}
				if row[x-1] == "" {
					row[x-1] = v
				}
				if filled++; filled > maxFill {
					return rows
				}
			}
			rows[y-1] = row
		}
	}
	return rows
}
