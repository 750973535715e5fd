package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
)

// template is the sample database, loaded once per test binary on fixedNow; every test that
// wants the sample gets its own copy of the file, which costs a fraction of loading it again.
var template struct {
	once sync.Once
	dir  string
	file string
	err  error
}

// copySample writes a copy of the sample database to file.
func copySample(t *testing.T, file string) {
	t.Helper()
	template.once.Do(func() {
		if template.dir, template.err = os.MkdirTemp("", "linli-app-sample"); template.err != nil {
			return
		}
		template.file = filepath.Join(template.dir, "sample.db")
		s, err := data.Open(context.Background(), template.file)
		if err != nil {
			template.err = err
			return
		}
		s.SetClock(func() time.Time { return fixedNow })
		if template.err = sample.Load(context.Background(), s); template.err != nil {
			s.Close()
			return
		}
		template.err = s.Close() // the last connection's close folds the WAL into the file
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	if _, err := os.Stat(template.file + "-wal"); err == nil {
		t.Fatal("the sample template still has a WAL file after closing")
	}
	src, err := os.Open(template.file)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(file, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// removeTemplate deletes the sample template after the last test.
func removeTemplate() error {
	if template.dir == "" {
		return nil
	}
	return os.RemoveAll(template.dir)
}
