package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// activityCatcher lies under the whole page: mouse movement over any part of the window that
// is not itself interactive counts as activity for the auto-lock. Taps pass through to widgets.
type activityCatcher struct {
	widget.BaseWidget
	onActivity func()
}

var _ desktop.Hoverable = (*activityCatcher)(nil)

func newActivityCatcher(onActivity func()) *activityCatcher {
	c := &activityCatcher{onActivity: onActivity}
	c.ExtendBaseWidget(c)
	return c
}

func (c *activityCatcher) MouseIn(*desktop.MouseEvent)    { c.onActivity() }
func (c *activityCatcher) MouseMoved(*desktop.MouseEvent) { c.onActivity() }
func (c *activityCatcher) MouseOut()                      {}

func (c *activityCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}
