package deskconf

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestServerIsRememberedOnlyForTheUser(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "linli")
	Dir = func() (string, error) { return dir, nil }
	if Server() != "" {
		t.Fatal("a fresh desk remembers a server")
	}
	const u = "postgres://linli:secret@192.168.1.10/linli?sslmode=require"
	if err := SetServer(u); err != nil {
		t.Fatal(err)
	}
	if got := Server(); got != u {
		t.Fatalf("remembered %q", got)
	}
	st, err := os.Stat(filepath.Join(dir, serverFile))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	if err := SetServer(""); err != nil {
		t.Fatal(err)
	}
	if Server() != "" {
		t.Fatal("forgotten server still remembered")
	}
}
