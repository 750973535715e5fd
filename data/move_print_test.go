package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"linli/data"
	"linli/data/sample"
	"linli/documents"
)

// movePeople is how many synthetic residents TestMoveSampleToServerAndBack adds to the sample:
// 2,000 in the server suite, LINLI_MOVE_PEOPLE of them when it is set (make test-long: 100,000).
func movePeople(t *testing.T) int {
	v := os.Getenv("LINLI_MOVE_PEOPLE")
	if v == "" {
		return 2_000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("LINLI_MOVE_PEOPLE=%q is not a count", v)
	}
	return n
}

// The sample office plus synthetic residents is moved onto a new server database and the server
// is backed up again into a file: check is ok on all three, and the three print the same 居民名册,
// byte for byte as pdftotext reads it, but for the print stamp in each page's footer (the print
// time is the same, one store clock; the audit head is each copy's own).
func TestMoveSampleToServerAndBack(t *testing.T) {
	base := os.Getenv("LINLI_TEST_PG")
	if base == "" {
		t.Skip("PostgreSQL only: set LINLI_TEST_PG (make test-pg)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed (apt-get install poppler-utils)")
	}
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)) }
	admin := data.WithActor(ctx, &data.Actor{Username: "admin", Role: data.RoleAdmin})
	dir := t.TempDir()
	open := func(db string) *data.Store {
		t.Helper()
		s, err := data.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Error(err)
			}
		})
		s.SetClock(clock)
		return s
	}
	file := open(filepath.Join(dir, "office.db"))
	if err := sample.Load(ctx, file); err != nil {
		t.Fatal(err)
	}
	n := movePeople(t)
	if err := sample.AddPeople(admin, file, n, nil); err != nil {
		t.Fatal(err)
	}
	target := newServerDatabase(t, base)
	start := time.Now()
	res, err := file.MoveTo(admin, target)
	if err != nil {
		t.Fatal(data.Message(err), err)
	}
	t.Logf("moved %d residents (%d rows in %d tables) in %v", res.People, res.Rows, res.Tables, time.Since(start).Round(time.Millisecond))
	server := open(target)
	back := filepath.Join(dir, "back.db")
	if err := server.Backup(admin, back); err != nil {
		t.Fatal(data.Message(err), err)
	}
	copyBack := open(back)
	var want string
	for i, s := range []*data.Store{file, server, copyBack} {
		name := []string{"the file", "the server", "the server's backup"}[i]
		if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
			t.Fatalf("check of %s: %v %v", name, problems, err)
		}
		var pdf bytes.Buffer
		staff := data.WithActor(ctx, &data.Actor{Username: "staff", Role: data.RoleStaff, Personal: true})
		if err := documents.Residents.Run(staff, s, documents.Values{}, &pdf); err != nil {
			t.Fatalf("print residents from %s: %v", name, err)
		}
		text := pdfToText(t, pdf.Bytes())
		if i == 0 {
			want = text
			if c := bytes.Count([]byte(text), []byte("\f")); c < n/60 {
				t.Fatalf("the roster has %d pages for %d residents", c, n)
			}
			continue
		}
		if text != want {
			if d := os.Getenv("LINLI_MOVE_KEEP"); d != "" { // to diff by hand
				_ = os.WriteFile(filepath.Join(d, "file.txt"), []byte(want), 0o600)
				_ = os.WriteFile(filepath.Join(d, fmt.Sprintf("copy%d.txt", i)), []byte(text), 0o600)
			}
			t.Fatalf("%s prints another 居民名册 than the file (%d bytes of text, the file's %d)", name, len(text), len(want))
		}
	}
}

// newServerDatabase creates an empty database on the server at base and returns its URL; it is
// dropped when the test ends.
func newServerDatabase(t *testing.T, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("linli_move_%d", os.Getpid())
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// pdfToText is the PDF's text as poppler's pdftotext reads it, in layout.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return printStamp.ReplaceAllString(string(out), "审计链 …")
}

// printStamp is the footer's audit head: the state of the audit trail when the page was printed,
// which differs between the copies by design (each records its own move, backup and print), as
// the print time would.
var printStamp = regexp.MustCompile(`审计链 [0-9a-f]{6,}`)
