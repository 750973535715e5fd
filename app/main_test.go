package app

import (
	"fmt"
	"os"
	"testing"

	"linli/data"
)

// TestMain makes password hashing cheap (the accounts these tests create need no real argon2id;
// data's TestNewPasswordsUseTheRealParameters checks the real parameters) and storage unsynced
// (no fsync per commit), and removes the sample template after the last test.
func TestMain(m *testing.M) {
	data.UseFastPasswordHashingForTests()
	data.UseUnsyncedStorageForTests()
	code := m.Run()
	if err := removeTemplate(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
