// Command icons writes the application icon at the sizes the installers need: the hicolor theme's
// PNGs for the Debian packages (hicolor/NxN/apps/linli.png) and linli.ico for the Windows
// installer. It reads the one icon the binary embeds (assets/icon.png).
//
//	go run ./packaging/icons -o dist/icons
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"

	"linli/assets"
)

// hicolorSizes are the usual sizes of the freedesktop icon theme.
var hicolorSizes = []int{16, 22, 24, 32, 48, 64, 128, 256, 512}

// icoSizes are the images in linli.ico (classic 32-bit bitmaps, which every Windows and NSIS read).
var icoSizes = []int{16, 24, 32, 48, 64}

func main() {
	out := flag.String("o", "dist/icons", "output folder")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	src, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil {
		return err
	}
	for _, n := range hicolorSizes {
		dir := filepath.Join(out, "hicolor", fmt.Sprintf("%dx%d", n, n), "apps")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, scale(src, n)); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "linli.png"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	var imgs []*image.NRGBA
	for _, n := range icoSizes {
		imgs = append(imgs, scale(src, n))
	}
	return os.WriteFile(filepath.Join(out, "linli.ico"), ico(imgs), 0o644)
}

func scale(src image.Image, n int) *image.NRGBA {
	dst := image.NewNRGBA(image.Rect(0, 0, n, n))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

// ico encodes square images as an .ico file of 32-bit BGRA bitmaps (with an empty AND mask: the
// alpha channel carries the transparency).
func ico(imgs []*image.NRGBA) []byte {
	var dir, data bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&dir, le, [3]uint16{0, 1, uint16(len(imgs))})
	offset := 6 + 16*len(imgs)
	for _, m := range imgs {
		n := m.Bounds().Dx()
		maskRow := (n + 31) / 32 * 4
		size := 40 + n*n*4 + maskRow*n
		binary.Write(&dir, le, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{uint8(n % 256), uint8(n % 256), 0, 0, 1, 32, uint32(size), uint32(offset)})
		offset += size
		binary.Write(&data, le, struct {
			Size                 uint32
			W, H                 int32
			Planes, Bits         uint16
			Compression, ImgSize uint32
			XPPM, YPPM           int32
			Used, Important      uint32
		}{40, int32(n), int32(2 * n), 1, 32, 0, uint32(n*n*4 + maskRow*n), 0, 0, 0, 0})
		for y := n - 1; y >= 0; y-- { // bottom-up rows
			for x := 0; x < n; x++ {
				i := m.PixOffset(x, y)
				p := m.Pix[i : i+4]
				data.Write([]byte{p[2], p[1], p[0], p[3]})
			}
		}
		data.Write(make([]byte, maskRow*n))
	}
	return append(dir.Bytes(), data.Bytes()...)
}
