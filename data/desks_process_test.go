package data

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

const deskChildEnv = "LINLI_DESK_CHILD"

// deskChildSpec is what a desk process is handed: the database and the desks it plays.
type deskChildSpec struct {
	DB    string
	IDs   deskIDs
	Desks []int
}

// TestTwoProcessesShareOneServer: two separate processes (this test binary run again, as the
// crash test's child is), each with its own store and connections, play four desks each on the
// same server database at once: orders, payments, payouts, enrolments into a nearly full class,
// deliveries and certificates. Afterwards no number was issued twice, every split adds up, the
// class is within its capacity, every delivery was made and credited once, and check is ok.
func TestTwoProcessesShareOneServer(t *testing.T) {
	serverOnly(t)
	const desks = 8
	f := newDesksFixture(t, desks)
	var procs [2]*exec.Cmd
	var outs [2]io.ReadCloser
	var ins [2]io.WriteCloser
	for p := range procs {
		spec, err := json.Marshal(deskChildSpec{DB: f.s.source(), IDs: f.ids(), Desks: []int{p, p + 2, p + 4, p + 6}})
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), deskChildEnv+"="+string(spec))
		cmd.Stderr = os.Stderr
		if ins[p], err = cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		if outs[p], err = cmd.StdoutPipe(); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs[p] = cmd
	}
	lines := make([][]string, len(procs))
	ready := make(chan int, len(procs))
	var wg sync.WaitGroup
	for p := range procs {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			sc := bufio.NewScanner(outs[p])
			for sc.Scan() {
				if sc.Text() == "ready" {
					ready <- p
					continue
				}
				lines[p] = append(lines[p], sc.Text())
			}
		}(p)
	}
	for range procs { // both have opened the database and signed in: now they write at once
		<-ready
	}
	for p := range procs {
		if _, err := io.WriteString(ins[p], "go\n"); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	for p, cmd := range procs {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("desk process %d: %v\n%s", p, err, strings.Join(lines[p], "\n"))
		}
	}
	var numbers []string
	for p := range procs {
		for _, l := range lines[p] {
			switch {
			case strings.HasPrefix(l, "number "):
				numbers = append(numbers, strings.TrimPrefix(l, "number "))
			case strings.HasPrefix(l, "error "):
				t.Errorf("desk process %d: %s", p, l)
			}
		}
	}
	f.verify(t, desks, numbers)
}

// deskChild is one desk process: it opens the database, signs in, says "ready", waits for "go"
// on its standard input, plays its desks at once and prints each number it was given and each
// error.
func deskChild(spec string) {
	var c deskChildSpec
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(3)
	}
	if err := json.Unmarshal([]byte(spec), &c); err != nil {
		fail(err)
	}
	ctx := context.Background()
	s, err := Open(ctx, c.DB)
	if err != nil {
		fail(err)
	}
	defer s.Close()
	s.SetClock(func() time.Time { return fixedNow })
	signIn := func(user string) context.Context {
		a, err := s.Login(ctx, user, testPassword)
		if err != nil {
			fail(err)
		}
		return WithActor(ctx, a)
	}
	ws, staff := signIn("workshop"), signIn("staff")
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		fail(err)
	}
	numbers := make(chan string, 64)
	errs := make(chan error, 64)
	var wg sync.WaitGroup
	for _, i := range c.Desks {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			deskWork(s, ws, staff, c.IDs, i, numbers, errs)
		}(i)
	}
	wg.Wait()
	close(numbers)
	close(errs)
	for n := range numbers {
		fmt.Println("number", n)
	}
	for err := range errs {
		fmt.Println("error", err)
	}
}
