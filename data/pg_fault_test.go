package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// faultCluster is a throwaway PostgreSQL cluster of the test's own (.ci/pg-test-server), which
// the test may crash and resume without disturbing the suite's shared server.
type faultCluster struct {
	t      *testing.T
	script string
	dir    string
}

func newFaultCluster(t *testing.T) (faultCluster, string) {
	t.Helper()
	script, err := filepath.Abs("../.ci/pg-test-server")
	if err != nil {
		t.Fatal(err)
	}
	parent, err := os.MkdirTemp("", "linli-fault")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(parent, 0o755); err != nil { // the cluster's own user must reach its folder
		t.Fatal(err)
	}
	c := faultCluster{t: t, script: script, dir: filepath.Join(parent, "cluster")}
	base := c.run("start")
	t.Cleanup(func() {
		if out, err := exec.Command(script, "stop", c.dir).CombinedOutput(); err != nil {
			t.Errorf("stopping the fault cluster: %v\n%s", err, out)
		}
		if err := os.RemoveAll(parent); err != nil {
			t.Error(err)
		}
	})
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE linli_fault TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/linli_fault"
	return c, u.String()
}

func (c faultCluster) run(cmd string) string {
	c.t.Helper()
	x := exec.Command(c.script, cmd, c.dir)
	x.Env = append(os.Environ(), "LINLI_PG_DURABLE=1") // commits survive a crash of the server's processes
	out, err := x.Output()
	if err != nil {
		c.t.Fatalf("pg-test-server %s: %v", cmd, err)
	}
	return strings.TrimSpace(string(out))
}

// The server is stopped at once (as by a power cut) in the middle of an import's transaction,
// then started again. Every write committed before is there, nothing of the half-done import
// is, the writes while it is down are refused as a lost connection (never as an internal error),
// and the same open store — the desk — carries on once the server is back, without reopening.
func TestServerStoppedMidWrite(t *testing.T) {
	serverOnly(t)
	cluster, dbURL := newFaultCluster(t)
	ctx := context.Background()
	s, err := Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetClock(func() time.Time { return fixedNow })
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	other := openDesk(t, s) // another desk, listening for changes
	changes := other.Changes()
	c := mustCommunity(t, s, admin, "南苑社区")
	for i := 0; i < 5; i++ {
		mustPerson(t, s, staff, c, fmt.Sprintf("已保存%d", i), Female, 60+i)
	}
	var sheet strings.Builder
	sheet.WriteString("姓名,身份证号,社区\n")
	day := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&sheet, "导入%d,%s,南苑社区\n", i, MakeID("330481", day.AddDate(0, 0, i/400), (i%400)*2+1))
	}
	crashed := false
	_, err = s.Import(staff, csvTable(t, sheet.String()), ImportOptions{Progress: func(done, total int) {
		if done >= 1500 && !crashed { // inside the import's transaction, half of it written
			crashed = true
			cluster.run("crash")
		}
	}})
	if !crashed {
		t.Fatal("the import finished before the server was stopped")
	}
	if !lostConnection(err) {
		t.Fatalf("the import cut off by the server's stop: %v (%s) (want a lost-connection refusal)", err, errors.Unwrap(err).Error())
	}
	t.Logf("the import: %s", Message(err))
	t.Run("a write while the server is down is refused as a lost connection", func(t *testing.T) {
		_, err := s.SavePerson(staff, Person{Name: "停机时", CommunityID: c.ID})
		if !lostConnection(err) {
			t.Fatalf("%v (want the server named as unreachable)", err)
		}
	})
	cluster.run("resume")
	t.Run("the same store carries on", func(t *testing.T) {
		n, err := s.CountPeople(staff, PeopleFilter{})
		if err != nil || n != 5 {
			t.Fatalf("%d residents after the restart (want the 5 committed, none of the import's): %v", n, err)
		}
		if bs, err := s.ImportBatches(staff); err != nil || len(bs) != 0 {
			t.Fatalf("import batches %v: %v", bs, err)
		}
		mustPerson(t, s, staff, c, "重启后", Male, 70)
		if n, err := s.CountPeople(staff, PeopleFilter{Query: "重启后"}); err != nil || n != 1 {
			t.Fatalf("the write after the restart: %d %v", n, err)
		}
		mustCheck(t, s)
	})
	t.Run("the other desk hears the writes again", func(t *testing.T) {
		for len(changes) > 0 {
			<-changes
		}
		deadline := time.After(30 * time.Second)
		for i := 0; ; i++ { // its listening connection reconnects by itself
			if _, err := s.AddCommunity(admin, fmt.Sprintf("北苑社区%d", i)); err != nil {
				t.Fatal(err)
			}
			select {
			case <-changes:
				return
			case <-time.After(time.Second):
			case <-deadline:
				t.Fatal("the other desk was not told of a write after the server came back")
			}
		}
	})
}

// lostConnection reports whether err is the store's refusal for a server it cannot reach: a
// conflict (try again later) naming the server, not an internal error.
func lostConnection(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == CodeConflict && strings.Contains(e.Message, "服务器")
}
