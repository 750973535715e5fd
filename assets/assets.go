// Package assets embeds what Linli ships inside its binary: the CJK font used by the window and
// every PDF, the icon, and the UI translations.
package assets

import (
	"embed"
	_ "embed"
)

// FontName is the font's family name in PDFs.
const FontName = "wqy"

// Font is face 0 of WenQuanYi Micro Hei (Apache-2.0, see LICENSE-wqy-microhei.txt): a TrueType
// font with CJK and Latin glyphs, so Chinese never depends on the system's fonts.
//
//go:embed wqy-microhei.ttf
var Font []byte

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

// Translations holds zh.json and en.json for fyne's lang package.
//
//go:embed translations/*.json
var Translations embed.FS
