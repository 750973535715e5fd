package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"linli/data/sample"
)

func TestSetupSampleButtonLoadsTheSample(t *testing.T) {
	sh := newTestShell(t, false)
	if sh.setup == nil {
		t.Fatal("an empty database must start with the setup screen")
	}
	test.Tap(sh.setup.sample)
	sh.pending.Wait()
	t.Run("the database holds the sample", func(t *testing.T) {
		if !sh.store.IsSample(sh.ctx) {
			t.Fatal("not marked as the sample")
		}
		problems, err := sh.store.Check(sh.ctx)
		if err != nil || len(problems) > 0 {
			t.Fatalf("check: %v %v", problems, err)
		}
	})
	t.Run("the login shows the sample password", func(t *testing.T) {
		if sh.loginForm == nil || !strings.Contains(loginHint(sh), sample.Password) {
			t.Fatalf("login after the sample: %v", sh.loginForm)
		}
	})
	t.Run("the sample's accounts sign in", func(t *testing.T) {
		login(t, sh, "staff", sample.Password)
		if sh.actor == nil || sh.actor.Username != "staff" {
			t.Fatalf("signed in as %+v", sh.actor)
		}
	})
}
