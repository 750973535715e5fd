package cli

import (
	"os"
	"testing"
	"time"

	"linli/data"
)

// TestMain makes password hashing cheap: the accounts these tests create need no real argon2id
// (data's TestNewPasswordsUseTheRealParameters checks the real parameters).
func TestMain(m *testing.M) {
	data.UseFastPasswordHashingForTests()
	data.UseUnsyncedStorageForTests() // no fsync per commit: tests do not survive power cuts
	code := m.Run()
	if demoTemplate.dir != "" {
		if err := os.RemoveAll(demoTemplate.dir); err != nil && code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// fixedNow is the clock of every command these tests run: the sample is loaded on that day.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

func clock() time.Time { return fixedNow }
