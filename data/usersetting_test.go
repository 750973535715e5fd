package data

import (
	"testing"
)

func TestUserSettingsArePerAccount(t *testing.T) {
	s := mustOpen(t)
	mustOffice(t, s)
	viewer, staff := as(t, s, "viewer"), as(t, s, "staff")
	if err := s.SetUserSetting(viewer, "ui.language", "en"); err != nil {
		t.Fatalf("a 只读 account keeps its own setting: %v", err)
	}
	t.Run("the account reads its own", func(t *testing.T) {
		if v, err := s.UserSetting(viewer, "ui.language", "zh"); err != nil || v != "en" {
			t.Fatalf("viewer: %q, %v", v, err)
		}
	})
	t.Run("another account has the default", func(t *testing.T) {
		if v, err := s.UserSetting(staff, "ui.language", "zh"); err != nil || v != "zh" {
			t.Fatalf("staff: %q, %v", v, err)
		}
	})
}
