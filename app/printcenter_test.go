package app

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"linli/cli"
	"linli/data/sample"
)

// TestPrintCentreOffersWhatTheCommandLineLists: `linli print` and `linli export` list exactly the
// documents the print centre offers a 管理员 (who may print everything).
func TestPrintCentreOffersWhatTheCommandLineLists(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "admin", sample.Password)
	sh.showSection("打印中心")
	sh.pending.Wait()
	p := sh.screens[sh.current].(*printScreen)
	var offered []string
	for _, r := range p.rows {
		offered = append(offered, string(r.doc.Verb)+" "+r.doc.Name)
	}
	var listed []string
	for _, verb := range []string{"print", "export"} {
		var out, errb bytes.Buffer
		if code := cli.Run([]string{verb}, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}); code != 0 {
			t.Fatalf("linli %s: exit %d, %s", verb, code, errb.String())
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(line, "  ") {
				listed = append(listed, verb+" "+strings.Fields(line)[0])
			}
		}
	}
	sort.Strings(offered)
	sort.Strings(listed)
	if strings.Join(offered, ",") != strings.Join(listed, ",") {
		t.Errorf("print centre offers %v\ncommand line lists %v", offered, listed)
	}
}

// TestPrintCentreFollowsTheRole: a 社工 is not offered the workshop's money.
func TestPrintCentreFollowsTheRole(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	sh.showSection("打印中心")
	sh.pending.Wait()
	p := sh.screens[sh.current].(*printScreen)
	for _, r := range p.rows {
		if r.doc.Name == "workshop-ledger" || r.doc.Name == "payouts" || r.doc.Name == "audit" {
			t.Errorf("社工 is offered %s", r.doc.Title)
		}
	}
}

// TestRefusalComesBeforeTheSaveDialog: what cannot be printed says so before a file is chosen.
func TestRefusalComesBeforeTheSaveDialog(t *testing.T) {
	sh := newTestShell(t, true)
	login(t, sh, "staff", sample.Password)
	c := openSection[*careScreen](t, sh, "助老服务")
	c.printMonth("roster", "2030-01")
	sh.pending.Wait()
	if sh.lastSave != nil {
		t.Fatal("the save dialog came before the refusal (no round that month)")
	}
	if texts := overlayTexts(t, sh); !strings.Contains(texts, "2030-01") {
		t.Fatalf("no refusal shown:\n%s", texts)
	}
}
