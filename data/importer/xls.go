package importer

// Excel 97–2003 workbooks (.xls, BIFF8 as Excel and WPS write it; BIFF5 too).
//
// Why a reader of our own: the BIFF readers the Go module proxy serves were tried and do not fit
// an import. github.com/extrame/xls (v0.0.1, the only version served) formats every date cell to
// the month ("2006.01"), returns the text "FormulaCol" for formula cells, ignores merged cells
// and calls os.Exit and fmt.Println on some inputs; github.com/shakinm/xlsReader (v0.9.12, last
// released 2022) reads no merged cells either. Offices' sheets need merged title rows and exact
// serial dates, and an import must never print or exit, so this file reads the few records an
// import needs — strings (SST, LABEL), numbers (NUMBER, RK, MULRK), formula results, merged
// ranges, code page, date system, password protection — following Microsoft's [MS-XLS], on top
// of github.com/richardlehane/mscfb, the compound-file reader excelize itself uses.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// ErrEncrypted is returned for a workbook that needs a password to open.
var ErrEncrypted = errors.New("工作簿有密码保护，请先取消密码（在 Excel 或 WPS 中打开，文件 → 信息 → 保护工作簿 → 删除密码），另存后再导入")

const xlsDamaged = "文件不是有效的 .xls 文件，可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"

// ReadXLS reads the first worksheet of an Excel 97–2003 workbook, with cell values as ReadXLSX
// gives them (dates stay serials) and merged cells filled with their top-left value.
func ReadXLS(r io.Reader) (*Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		return nil, err
	}
	stream, err := xlsStream(raw)
	if err != nil {
		return nil, err
	}
	rows, merges, err := parseBIFF(stream)
	if err != nil {
		return nil, err
	}
	return Detect(fillMerged(rows, merges))
}

// xlsStream returns the workbook stream of a compound file.
func xlsStream(raw []byte) ([]byte, error) {
	doc, err := mscfb.New(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s：%w", xlsDamaged, err)
	}
	for {
		f, err := doc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s：%w", xlsDamaged, err)
		}
		if f.Name != "Workbook" && f.Name != "Book" {
			continue
		}
		if f.Size > 512<<20 {
			return nil, errors.New(xlsDamaged)
		}
		b, err := io.ReadAll(io.LimitReader(f, f.Size))
		if err != nil {
			return nil, fmt.Errorf("%s：%w", xlsDamaged, err)
		}
		return b, nil
	}
	return nil, errors.New("文件里没有 Excel 工作簿（可能是其他 Office 文档）")
}

// biff is the state of one pass over a workbook stream.
type biff struct {
	s        []byte
	biff8    bool
	decode   *encoding.Decoder // 8-bit text in the code page, when it is not Latin-1
	sst      []string
	rows     [][]string
	merges   []cellRange
	pending  [2]int // the formula cell waiting for its STRING record, +1 based; 0: none
	sheetPos int
	cells    int // kept so far, padding included
}

// parseBIFF reads the globals, then the first worksheet's cells.
func parseBIFF(s []byte) ([][]string, []cellRange, error) {
	b := &biff{s: s, sheetPos: -1}
	if err := b.globals(); err != nil {
		return nil, nil, err
	}
	if b.sheetPos < 0 || b.sheetPos >= len(s) {
		return nil, nil, errors.New("工作簿中没有工作表")
	}
	if err := b.sheet(); err != nil {
		return nil, nil, err
	}
	return b.rows, b.merges, nil
}

// record returns the record at pos: its id, data and the position after it.
func (b *biff) record(pos int) (id int, data []byte, next int, ok bool) {
	if pos+4 > len(b.s) {
		return 0, nil, 0, false
	}
	id = int(binary.LittleEndian.Uint16(b.s[pos:]))
	n := int(binary.LittleEndian.Uint16(b.s[pos+2:]))
	if pos+4+n > len(b.s) {
		return 0, nil, 0, false
	}
	return id, b.s[pos+4 : pos+4+n], pos + 4 + n, true
}

func (b *biff) globals() error {
	id, data, pos, ok := b.record(0)
	if !ok || id&0xff != 0x09 || len(data) < 4 {
		return errors.New(xlsDamaged)
	}
	switch v := binary.LittleEndian.Uint16(data); {
	case v == 0x0600:
		b.biff8 = true
	case v == 0x0500:
	default:
		return fmt.Errorf("这是 Excel 5.0 之前的旧格式（BIFF 版本 %#x），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入", v)
	}
	for {
		id, data, next, ok := b.record(pos)
		if !ok {
			return errors.New(xlsDamaged)
		}
		switch id {
		case 0x002F: // FILEPASS
			return ErrEncrypted
		case 0x0042: // CODEPAGE
			if len(data) >= 2 {
				b.codepage(binary.LittleEndian.Uint16(data))
			}
		case 0x0085: // BOUNDSHEET: the first worksheet (type 0) is read
			if len(data) >= 6 && data[5] == 0 && b.sheetPos < 0 {
				b.sheetPos = int(binary.LittleEndian.Uint32(data))
			}
		case 0x00FC: // SST, continued in CONTINUE records
			next = b.readSST(data, next)
		case 0x000A: // EOF
			return nil
		}
		pos = next
	}
}

func (b *biff) codepage(cp uint16) {
	switch cp {
	case 936:
		b.decode = simplifiedchinese.GBK.NewDecoder()
	case 950:
		b.decode = traditionalchinese.Big5.NewDecoder()
	case 1252:
		if !b.biff8 {
			b.decode = charmap.Windows1252.NewDecoder()
		}
	}
}

// narrow decodes 8-bit text. In BIFF8 it is Latin-1 by the specification (Excel and WPS write
// code page 1200 and Chinese as UTF-16), but some Chinese writers put GBK bytes there and say so
// with code page 936; BIFF5 text is in the code page.
func (b *biff) narrow(p []byte) string {
	if b.decode != nil {
		if s, err := b.decode.Bytes(p); err == nil {
			return string(s)
		}
	}
	r := make([]rune, len(p))
	for i, c := range p {
		r[i] = rune(c)
	}
	return string(r)
}

// sheet reads the cells of the worksheet substream.
func (b *biff) sheet() error {
	pos := b.sheetPos
	for first := true; ; first = false {
		id, data, next, ok := b.record(pos)
		if !ok {
			if first {
				return errors.New(xlsDamaged)
			}
			return nil // a sheet cut short keeps what it had, as Excel does
		}
		if first && id&0xff != 0x09 {
			return errors.New(xlsDamaged)
		}
		if err := b.cell(id, data); err != nil {
			return err
		}
		if id == 0x000A {
			return nil
		}
		pos = next
	}
}

func (b *biff) cell(id int, d []byte) error {
	le := binary.LittleEndian
	switch id {
	case 0x00FD: // LABELSST
		if len(d) >= 10 {
			if i := int(le.Uint32(d[6:])); i < len(b.sst) {
				return b.set(d, b.sst[i])
			}
		}
	case 0x0204, 0x00D6: // LABEL, RSTRING
		if len(d) >= 8 {
			s, _ := b.str(d[6:], true)
			return b.set(d, s)
		}
	case 0x0203: // NUMBER
		if len(d) >= 14 {
			return b.set(d, FormatNumber(math.Float64frombits(le.Uint64(d[6:]))))
		}
	case 0x027E: // RK
		if len(d) >= 10 {
			return b.set(d, FormatNumber(rk(le.Uint32(d[6:]))))
		}
	case 0x00BD: // MULRK
		if len(d) >= 6 {
			row, col := int(le.Uint16(d)), int(le.Uint16(d[2:]))
			for p := 4; p+6 <= len(d)-2; p += 6 {
				if err := b.put(row, col, FormatNumber(rk(le.Uint32(d[p+2:])))); err != nil {
					return err
				}
				col++
			}
		}
	case 0x0205: // BOOLERR
		if len(d) >= 8 && d[7] == 0 {
			return b.set(d, map[bool]string{true: "TRUE", false: "FALSE"}[d[6] != 0])
		}
	case 0x0006: // FORMULA: its cached result
		if len(d) >= 14 {
			return b.formula(d)
		}
	case 0x0207: // STRING: a formula's text result
		if b.pending[0] > 0 {
			s, _ := b.str(d, true)
			row, col := b.pending[0]-1, b.pending[1]-1
			b.pending = [2]int{}
			return b.put(row, col, s)
		}
	case 0x00E5: // MERGEDCELLS
		if len(d) >= 2 {
			n := int(le.Uint16(d))
			for i := 0; i < n && 2+8*i+8 <= len(d); i++ {
				p := d[2+8*i:]
				b.merges = append(b.merges, cellRange{
					r1: int(le.Uint16(p)) + 1, r2: int(le.Uint16(p[2:])) + 1,
					c1: int(le.Uint16(p[4:])) + 1, c2: int(le.Uint16(p[6:])) + 1})
			}
		}
	}
	return nil
}

func (b *biff) formula(d []byte) error {
	le := binary.LittleEndian
	res := d[6:14]
	if res[6] != 0xFF || res[7] != 0xFF {
		return b.set(d, FormatNumber(math.Float64frombits(le.Uint64(res))))
	}
	switch res[0] {
	case 0: // text: in the STRING record that follows
		b.pending = [2]int{int(le.Uint16(d)) + 1, int(le.Uint16(d[2:])) + 1}
	case 1:
		return b.set(d, map[bool]string{true: "TRUE", false: "FALSE"}[res[2] != 0])
	}
	return nil
}

// set stores a cell value for a record that starts with row and column.
func (b *biff) set(d []byte, v string) error {
	return b.put(int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), v)
}

func (b *biff) put(row, col int, v string) error {
	if row >= MaxRows+20 {
		return fmt.Errorf("工作表超过 %d 行，请分批导入", MaxRows)
	}
	if col >= maxCols || v == "" {
		return nil
	}
	for len(b.rows) <= row {
		b.rows = append(b.rows, nil)
	}
	r := b.rows[row]
	if grow := col + 1 - len(r); grow > 0 {
		if b.cells += grow; b.cells > maxCells {
			return errTooManyCells()
		}
	}
	for len(r) <= col {
		r = append(r, "")
	}
	r[col] = v
	b.rows[row] = r
	return nil
}

// rk decodes Excel's packed RK number.
func rk(v uint32) float64 {
	var f float64
	if v&2 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&^3) << 32)
	}
	if v&1 != 0 {
		f /= 100
	}
	return f
}
