package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"linli/assets"
)

// linliTheme embeds the CJK font for every text style, so Chinese never depends on system
// fonts, and keeps Fyne's light and dark colours (they follow the system) with a seal-red
// primary colour.
type linliTheme struct{ font fyne.Resource }

func newTheme() fyne.Theme {
	return &linliTheme{font: fyne.NewStaticResource("wqy-microhei.ttf", assets.Font)}
}

func (t *linliTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xE8, G: 0x4A, B: 0x5F, A: 0xFF}
		}
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0xFF}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x40}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *linliTheme) Font(fyne.TextStyle) fyne.Resource { return t.font }

func (t *linliTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *linliTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 14
	}
	return theme.DefaultTheme().Size(n)
}
