package importer

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
)

// biffWriter writes the records of a small workbook stream, for tests: what LibreOffice cannot
// write (GBK text in BIFF8 as some Chinese programs write it, BIFF5, a password) and fuzz seeds.
type biffWriter struct{ bytes.Buffer }

func (w *biffWriter) rec(id uint16, parts ...any) {
	var body bytes.Buffer
	for _, p := range parts {
		if err := binary.Write(&body, binary.LittleEndian, p); err != nil {
			panic(err)
		}
	}
	w.raw(id, body.Bytes())
}

func (w *biffWriter) raw(id uint16, body []byte) {
	if err := binary.Write(&w.Buffer, binary.LittleEndian, [2]uint16{id, uint16(len(body))}); err != nil {
		panic(err)
	}
	w.Write(body)
}

func wide(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

// xlsString is a BIFF8 XLUnicodeString: 16-bit length, flags, characters.
func xlsString(s string) []byte {
	b := binary.LittleEndian.AppendUint16(nil, uint16(len([]rune(s))))
	return append(append(b, 1), wide(s)...)
}

// workbookStream is a BIFF8 (or BIFF5) workbook whose first sheet has the given cell records;
// the sheet's position in BOUNDSHEET is fixed up.
func workbookStream(version uint16, globals func(*biffWriter), cells func(*biffWriter)) []byte {
	var w biffWriter
	w.rec(0x0809, version, uint16(5), uint32(0))
	if globals != nil {
		globals(&w)
	}
	sheetAt := w.Len() + 4
	w.raw(0x0085, append([]byte{0, 0, 0, 0, 0, 0, 1, 0}, 'S'))
	w.rec(0x000A)
	binary.LittleEndian.PutUint32(w.Bytes()[sheetAt:], uint32(w.Len()))
	w.rec(0x0809, version, uint16(0x10), uint32(0))
	cells(&w)
	w.rec(0x000A)
	return w.Bytes()
}

// compoundFile wraps a workbook stream in the smallest compound file mscfb reads: one FAT
// sector, one directory sector, the stream padded to the 4096 bytes below which it would go in
// the mini stream.
func compoundFile(stream []byte, name string) []byte {
	for len(stream) < 4096 || len(stream)%512 != 0 {
		stream = append(stream, 0)
	}
	n := len(stream) / 512
	le := binary.LittleEndian
	hdr := make([]byte, 512)
	copy(hdr, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	le.PutUint16(hdr[24:], 0x3E)
	le.PutUint16(hdr[26:], 3)
	le.PutUint16(hdr[28:], 0xFFFE)
	le.PutUint16(hdr[30:], 9)
	le.PutUint16(hdr[32:], 6)
	le.PutUint32(hdr[44:], 1)          // FAT sectors
	le.PutUint32(hdr[48:], 1)          // directory at sector 1
	le.PutUint32(hdr[56:], 4096)       // mini stream cutoff
	le.PutUint32(hdr[60:], 0xFFFFFFFE) // no mini FAT
	le.PutUint32(hdr[68:], 0xFFFFFFFE) // no DIFAT sectors
	for i := 76; i < 512; i += 4 {
		le.PutUint32(hdr[i:], 0xFFFFFFFF)
	}
	le.PutUint32(hdr[76:], 0) // the FAT is sector 0
	fat := make([]byte, 512)
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD)
	le.PutUint32(fat[4:], 0xFFFFFFFE)
	for i := 0; i < n; i++ {
		next := uint32(3 + i)
		if i == n-1 {
			next = 0xFFFFFFFE
		}
		le.PutUint32(fat[4*(2+i):], next)
	}
	dir := make([]byte, 512)
	entry := func(i int, name string, typ byte, child, start uint32, size uint64) {
		e := dir[128*i:]
		nm := wide(name)
		copy(e, nm)
		le.PutUint16(e[64:], uint16(len(nm)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], 0xFFFFFFFF)
		le.PutUint32(e[72:], 0xFFFFFFFF)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	entry(0, "Root Entry", 5, 1, 0xFFFFFFFE, 0)
	entry(1, name, 2, 0xFFFFFFFF, 2, uint64(len(stream)))
	for i := 2; i < 4; i++ {
		e := dir[128*i:]
		le.PutUint32(e[68:], 0xFFFFFFFF)
		le.PutUint32(e[72:], 0xFFFFFFFF)
		le.PutUint32(e[76:], 0xFFFFFFFF)
	}
	return append(append(append(hdr, fat...), dir...), stream...)
}
