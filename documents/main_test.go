package documents

import (
	"os"
	"testing"

	"linli/data"
)

// TestMain makes password hashing cheap: the accounts these tests create need no real argon2id
// (data's TestNewPasswordsUseTheRealParameters checks the real parameters).
func TestMain(m *testing.M) {
	data.UseFastPasswordHashingForTests()
	data.UseUnsyncedStorageForTests() // no fsync per commit: tests do not survive power cuts
	os.Exit(m.Run())
}
