// Package deskconf keeps what one desk (this user on this computer) remembers between runs: the
// PostgreSQL server it connects to. The URL, password included, is stored only in the user's
// config folder, in a file only the user may read (mode 0600).
package deskconf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Dir is where the desk's settings live; tests replace it.
var Dir = func() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "linli"), nil
}

const serverFile = "server-url"

// Server is the remembered server URL, or "" when the desk uses its own database file.
func Server() string {
	d, err := Dir()
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(d, serverFile))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// SetServer remembers url (mode 0600); "" forgets it, so the desk opens its file again.
func SetServer(url string) error {
	d, err := Dir()
	if err != nil {
		return err
	}
	file := filepath.Join(d, serverFile)
	if url == "" {
		if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return err
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, []byte(url+"\n"), 0o600); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil { // WriteFile keeps an existing file's mode
		return err
	}
	return os.Rename(tmp, file)
}
