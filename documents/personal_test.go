package documents

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"linli/data"
)

// signIn creates an account of the role and signs it in.
func (o *office) signIn(name string, role data.Role) (context.Context, int64) {
	o.t.Helper()
	id := o.must(o.s.CreateSampleUser(o.ctx, name, name, role, "correct horse 4"))
	return o.signInAgain(name), id
}

// The store, not only the window, holds the administrator's withdrawal: a 社工 signed in before
// it is refused every personal document, before anything is written.
func TestEveryPersonalDocumentIsRefusedOnceTheGrantIsWithdrawn(t *testing.T) {
	o, cases := everyDocument(t)
	o.s.SetClock(func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, fixedNow.Location()) })
	staff, id := o.signIn("staff", data.RoleStaff)
	if err := o.s.SetPersonalExports(o.ctx, id, false); err != nil {
		t.Fatal(err)
	}
	for _, d := range catalogue {
		if !d.Personal || !data.RoleStaff.Can(d.Perm) {
			continue
		}
		t.Run(string(d.Verb)+" "+d.Name, func(t *testing.T) {
			v := Values{}
			for k, x := range cases[d].v {
				v[k] = x
			}
			if err := d.Ready(staff, o.s, v); !errors.Is(err, data.ErrForbidden) {
				t.Fatalf("Ready: %v", err)
			}
			var buf bytes.Buffer
			if err := d.Run(staff, o.s, v, &buf); !errors.Is(err, data.ErrForbidden) {
				t.Fatalf("Run: %v", err)
			}
			if buf.Len() > 0 {
				t.Fatalf("%d bytes written", buf.Len())
			}
		})
	}
}

func TestAGrantedViewerPrintsTheResidentsRoster(t *testing.T) {
	o := newOffice(t)
	o.person("李阿婆", "")
	viewer, id := o.signIn("viewer", data.RoleViewer)
	if err := Residents.Run(viewer, o.s, Values{}, &bytes.Buffer{}); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("before the grant: %v", err)
	}
	if err := o.s.SetPersonalExports(o.ctx, id, true); err != nil {
		t.Fatal(err)
	}
	viewer = o.signInAgain("viewer")
	if err := Residents.Run(viewer, o.s, Values{}, &bytes.Buffer{}); err != nil {
		t.Fatalf("after the grant: %v", err)
	}
}

// signInAgain signs in an account signIn created.
func (o *office) signInAgain(name string) context.Context {
	o.t.Helper()
	a, err := o.s.Login(context.Background(), name, "correct horse 4")
	if err != nil {
		o.t.Fatal(err)
	}
	return data.WithActor(context.Background(), a)
}
