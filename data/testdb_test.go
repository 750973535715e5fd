package data

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// The data suite runs on SQLite by default. With LINLI_TEST_PG set to a server URL (a throwaway
// cluster: see .ci/pg-test-server, or `make test-pg`), every store a test opens with mustOpen is a
// fresh database on that server, created for the test and dropped after it.

// testServer is the server URL the suite runs against, or "".
func testServer() string { return os.Getenv("LINLI_TEST_PG") }

// onServer reports whether the suite runs against PostgreSQL.
func onServer() bool { return testServer() != "" }

// skipOnServer skips a test that is about SQLite itself (its file, its PRAGMAs) on the server run.
func skipOnServer(tb testing.TB, why string) {
	tb.Helper()
	if onServer() {
		tb.Skip("SQLite only: " + why)
	}
}

var (
	testDBSeq   atomic.Int64
	testAdminMu sync.Mutex
	testAdmin   *sql.DB
)

// testAdminDB is a connection to the server's maintenance database, for CREATE/DROP DATABASE.
func testAdminDB(tb testing.TB) *sql.DB {
	tb.Helper()
	testAdminMu.Lock()
	defer testAdminMu.Unlock()
	if testAdmin == nil {
		db, err := sql.Open("pgx", testServer())
		if err != nil {
			tb.Fatal(err)
		}
		db.SetMaxOpenConns(2)
		testAdmin = db
	}
	return testAdmin
}

// testDatabaseURL creates a fresh, empty database on the test server and returns its URL; it is
// dropped when the test ends.
func testDatabaseURL(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("linli_t%d_%d", os.Getpid(), testDBSeq.Add(1))
	admin := testAdminDB(tb)
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Error(err)
		}
	})
	u, err := url.Parse(testServer())
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// testLocation is where a test's store lives: a new file in a temporary folder, or a new server
// database.
func testLocation(tb testing.TB) string {
	tb.Helper()
	if onServer() {
		return testDatabaseURL(tb)
	}
	return filepath.Join(tb.TempDir(), "linli.db")
}

// openTestStore opens a fresh store at testLocation.
func openTestStore(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), testLocation(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
