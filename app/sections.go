package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"linli/data"
)

// allSections is the sidebar, in order.
func allSections() []section {
	return []section{
		{title: "首页", icon: theme.HomeIcon(), perm: data.PermView, build: func(sh *shell) screen { return newHomeScreen(sh) }},
		{title: "居民档案", icon: theme.ListIcon(), perm: data.PermView, build: func(sh *shell) screen { return newPeopleScreen(sh) }},
		{title: "户籍", icon: theme.FolderIcon(), perm: data.PermView, build: func(sh *shell) screen { return newHouseholdsScreen(sh) }},
		{title: "志愿者", icon: theme.ConfirmIcon(), perm: data.PermView, build: func(sh *shell) screen { return newVolunteersScreen(sh) }},
		{title: "助老服务", icon: theme.CalendarIcon(), perm: data.PermView, build: func(sh *shell) screen { return newCareScreen(sh) }},
		{title: "儿童项目", icon: theme.AccountIcon(), perm: data.PermView, build: func(sh *shell) screen { return newChildrenScreen(sh) }},
		{title: "灯彩工坊", icon: theme.ColorPaletteIcon(), perm: data.PermWorkshopView, build: func(sh *shell) screen { return newWorkshopScreen(sh) }},
		{title: "民情议事", icon: theme.MailComposeIcon(), perm: data.PermView, build: func(sh *shell) screen { return newConcernsScreen(sh) }},
		{title: "共富集市", icon: theme.GridIcon(), perm: data.PermView, build: func(sh *shell) screen { return newMarketScreen(sh) }},
		{title: "爱心岗位", icon: theme.StorageIcon(), perm: data.PermView, build: func(sh *shell) screen { return newPostsScreen(sh) }},
		{title: "打印中心", icon: theme.DocumentPrintIcon(), perm: data.PermView, build: func(sh *shell) screen { return newPrintScreen(sh) }},
		{title: "审计记录", icon: theme.VisibilityIcon(), perm: data.PermAdmin, build: func(sh *shell) screen { return newAuditScreen(sh) }},
		{title: "设置", icon: theme.SettingsIcon(), perm: data.PermView, build: func(sh *shell) screen { return newSettingsScreen(sh) }},
	}
}

// heading is a screen's title line.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// newSelect is a drop-down whose placeholder is in the UI language (Fyne's is English only).
func newSelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options, s.OnChanged, s.PlaceHolder = options, changed, lang.L("（请选择）")
	s.ExtendBaseWidget(s)
	return s
}
