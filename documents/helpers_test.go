package documents

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli/data"
)

var fixedNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// office is a real office set up as 正式使用 does it (not the sample): its 管理员 is signed in.
type office struct {
	t   *testing.T
	s   *data.Store
	ctx context.Context
	cid int64 // its one community
}

func newOffice(t *testing.T) *office {
	t.Helper()
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "linli.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetClock(func() time.Time { return fixedNow })
	a, err := s.Setup(context.Background(), data.Office{Name: "城东街道办事处", SealText: "城东街道办事处（盖章）"}, "admin", "管理员", "correct horse 1")
	if err != nil {
		t.Fatal(err)
	}
	o := &office{t: t, s: s, ctx: data.WithActor(context.Background(), a)}
	o.cid = o.must(s.AddCommunity(o.ctx, "城东社区"))
	return o
}

// must fails the test on an error and returns the id.
func (o *office) must(id int64, err error) int64 {
	o.t.Helper()
	if err != nil {
		o.t.Fatal(err)
	}
	return id
}

// person adds a resident of the office's community.
func (o *office) person(name, idNumber string) int64 {
	o.t.Helper()
	return o.must(o.s.SavePerson(o.ctx, data.Person{Name: name, IDNumber: idNumber, CommunityID: o.cid, Phone: "13800001111"}))
}

// run renders a document and returns its bytes.
func (o *office) run(d *Doc, v Values) []byte {
	o.t.Helper()
	var buf bytes.Buffer
	if err := d.Run(o.ctx, o.s, v, &buf); err != nil {
		o.t.Fatalf("%s %s: %v", d.Verb, d.Name, data.Message(err))
	}
	return buf.Bytes()
}

// pdfText extracts a PDF's text with poppler's pdftotext (installed by .ci/run).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed (apt-get install poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// mustContain checks that text holds every want.
func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), "")
	for _, w := range wants {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}
