package importer

// The strings of an Excel 97–2003 workbook: BIFF8 XLUnicodeString and BIFF5 byte strings, and the
// shared-string table (SST) with its CONTINUE records.

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

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
