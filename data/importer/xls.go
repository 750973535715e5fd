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
	"strings"
	"unicode/utf16"

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

// str reads a string at the start of p: BIFF8's XLUnicodeString (16-bit length, flags, 8- or
// 16-bit characters) or BIFF5's byte string; wide says the length is 16-bit.
func (b *biff) str(p []byte, wide bool) (string, int) {
	n, pos := 0, 0
	if wide {
		if len(p) < 2 {
			return "", len(p)
		}
		n, pos = int(binary.LittleEndian.Uint16(p)), 2
	} else {
		if len(p) < 1 {
			return "", len(p)
		}
		n, pos = int(p[0]), 1
	}
	if !b.biff8 {
		end := min(pos+n, len(p))
		return b.narrow(p[pos:end]), end
	}
	if pos >= len(p) {
		return "", len(p)
	}
	flags := p[pos]
	pos++
	if flags&0x08 != 0 {
		pos += 2 // rich-text run count; the runs follow the characters
	}
	if flags&0x04 != 0 {
		pos += 4
	}
	pos = min(pos, len(p))
	if flags&1 == 0 {
		end := min(pos+n, len(p))
		return b.narrow(p[pos:end]), end
	}
	end := min(pos+2*n, len(p)&^1)
	if end < pos {
		end = pos
	}
	return utf16le(p[pos:end]), end
}

func utf16le(p []byte) string {
	u := make([]uint16, len(p)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(p[2*i:])
	}
	return string(utf16.Decode(u))
}

// readSST reads the shared strings, whose data goes on in the CONTINUE records after the SST
// record; a string's characters cut by a record boundary go on after a new flags byte.
func (b *biff) readSST(first []byte, next int) int {
	sr := &sstReader{data: append([]byte{}, first...)}
	for {
		id, data, after, ok := b.record(next)
		if !ok || id != 0x003C {
			break
		}
		sr.bounds = append(sr.bounds, len(sr.data))
		sr.data = append(sr.data, data...)
		next = after
	}
	if len(sr.data) < 8 {
		return next
	}
	count := int(binary.LittleEndian.Uint32(sr.data[4:]))
	sr.pos = 8
	for i := 0; i < count && sr.pos < len(sr.data); i++ {
		s, ok := sr.next(b)
		if !ok {
			break
		}
		b.sst = append(b.sst, s)
	}
	return next
}

type sstReader struct {
	data   []byte
	bounds []int // offsets where a CONTINUE record's data starts
	pos    int
}

func (r *sstReader) u16() (int, bool) {
	if r.pos+2 > len(r.data) {
		return 0, false
	}
	v := int(binary.LittleEndian.Uint16(r.data[r.pos:]))
	r.pos += 2
	return v, true
}

func (r *sstReader) atBound() bool {
	for _, b := range r.bounds {
		if b == r.pos {
			return true
		}
	}
	return false
}

// nextBound is the first record boundary after pos, or the end.
func (r *sstReader) nextBound() int {
	for _, b := range r.bounds {
		if b > r.pos {
			return b
		}
	}
	return len(r.data)
}

func (r *sstReader) next(b *biff) (string, bool) {
	n, ok := r.u16()
	if !ok || r.pos >= len(r.data) {
		return "", false
	}
	flags := r.data[r.pos]
	r.pos++
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		v, ok := r.u16()
		if !ok {
			return "", false
		}
		runs = v
	}
	if flags&0x04 != 0 {
		if r.pos+4 > len(r.data) {
			return "", false
		}
		ext = int(binary.LittleEndian.Uint32(r.data[r.pos:]))
		r.pos += 4
	}
	var sb strings.Builder
	wide := flags&1 != 0
	for n > 0 {
		if r.atBound() { // the characters go on in a CONTINUE record, after a new flags byte
			if r.pos >= len(r.data) {
				return "", false
			}
			wide = r.data[r.pos]&1 != 0
			r.pos++
		}
		limit := r.nextBound()
		size := 1
		if wide {
			size = 2
		}
		take := min(n, (limit-r.pos)/size)
		if take <= 0 {
			if limit >= len(r.data) {
				return "", false
			}
			r.pos = limit
			continue
		}
		chunk := r.data[r.pos : r.pos+take*size]
		if wide {
			sb.WriteString(utf16le(chunk))
		} else {
			sb.WriteString(b.narrow(chunk))
		}
		r.pos += take * size
		n -= take
	}
	r.pos += 4*runs + ext
	return sb.String(), true
}
