package cli

import (
	"os"
	"testing"

	"linli/data"
)

// TestMain makes password hashing cheap: the accounts these tests create need no real argon2id
// (data's TestNewPasswordsUseTheRealParameters checks the real parameters).
func TestMain(m *testing.M) {
	data.UseFastPasswordHashingForTests()
	os.Exit(m.Run())
}
