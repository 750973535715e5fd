package data

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// fixedNow is the clock of store tests.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// testPassword is the password of the accounts mustOffice creates.
const testPassword = "password1"

// mustOpen opens a real, empty database: a file in a temporary folder, or with LINLI_TEST_PG a new
// database on that server (testdb_test.go).
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s := openTestStore(tb)
	s.SetClock(func() time.Time { return fixedNow })
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// mustOffice sets up the office and its four accounts — admin, staff, workshop and viewer, each
// of the role its name says, password testPassword — and returns the admin's context.
func mustOffice(tb testing.TB, s *Store) context.Context {
	tb.Helper()
	a, err := s.Setup(context.Background(), Office{Name: "测试街道办事处", Phone: "0573-87000000", SealText: "测试街道办事处（盖章）"},
		"admin", "管理员", testPassword)
	if err != nil {
		tb.Fatal(err)
	}
	admin := WithActor(context.Background(), a)
	for _, u := range []struct {
		name string
		role Role
	}{{"staff", RoleStaff}, {"workshop", RoleWorkshop}, {"viewer", RoleViewer}} {
		if _, err := s.CreateSampleUser(admin, u.name, u.name, u.role, testPassword); err != nil {
			tb.Fatal(err)
		}
	}
	return admin
}

// as returns a context signed in as one of mustOffice's accounts.
func as(tb testing.TB, s *Store, username string) context.Context {
	tb.Helper()
	a, err := s.Login(context.Background(), username, testPassword)
	if err != nil {
		tb.Fatalf("login %s: %v", username, err)
	}
	return WithActor(context.Background(), a)
}

// mustCommunity adds a community with two grids (管理员 context).
func mustCommunity(tb testing.TB, s *Store, admin context.Context, name string) Community {
	tb.Helper()
	id, err := s.AddCommunity(admin, name)
	if err != nil {
		tb.Fatal(err)
	}
	for _, g := range []string{"一网格", "二网格"} {
		if _, err := s.AddGrid(admin, id, name+g); err != nil {
			tb.Fatal(err)
		}
	}
	cs, err := s.Communities(admin)
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id {
			return c
		}
	}
	tb.Fatalf("community %s not listed", name)
	return Community{}
}

// idSeq makes every test person's ID number unique, across parallel tests too.
var idSeq atomic.Int64

// testID returns a valid ID number of someone born on birth, of the given sex.
func testID(birth time.Time, sex string) string {
	n := int(idSeq.Add(1)%450) * 2
	if sex == Male {
		n++
	}
	return MakeID("330481", birth, n)
}

// mustPerson adds a resident of community c, aged age on fixedNow, with tags; sex 男 or 女.
func mustPerson(tb testing.TB, s *Store, ctx context.Context, c Community, name, sex string, age int, tags ...string) Person {
	tb.Helper()
	d := fixedNow.AddDate(-age, 0, -int(1+idSeq.Load()%300)) // the birthday passed 1 to 300 days ago
	birth := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	p := Person{Name: name, IDNumber: testID(birth, sex), Phone: fmt.Sprintf("139%08d", idSeq.Load()), CommunityID: c.ID, Tags: tags}
	if len(c.Grids) > 0 {
		p.GridID = c.Grids[0].ID
	}
	id, err := s.SavePerson(ctx, p)
	if err != nil {
		tb.Fatal(err)
	}
	got, err := s.Person(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	if got.Age(fixedNow) != age {
		tb.Fatalf("%s is %d, want %d", name, got.Age(fixedNow), age)
	}
	return got
}

// mustVolunteer signs a person up as a volunteer of the given kinds.
func mustVolunteer(tb testing.TB, s *Store, ctx context.Context, p Person, kinds ...string) Volunteer {
	tb.Helper()
	v := Volunteer{PersonID: p.ID, Person: p, Kinds: kinds, Weekdays: 0x7f, Joined: "2025-01-01"}
	id, err := s.SaveVolunteer(ctx, v)
	if err != nil {
		tb.Fatal(err)
	}
	v.ID = id
	return v
}

// mustRecipient gives a person a care profile that takes soup, from 2025-01-01.
func mustRecipient(tb testing.TB, s *Store, ctx context.Context, p Person) int64 {
	tb.Helper()
	id, err := s.SaveCareRecipient(ctx, CareRecipient{PersonID: p.ID, Living: "独居", Soup: true, Start: "2025-01-01"})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// mustPair pairs a volunteer with a recipient from 2025-01-01.
func mustPair(tb testing.TB, s *Store, ctx context.Context, volunteer, recipient int64) {
	tb.Helper()
	if _, err := s.Pair(ctx, volunteer, recipient, "2025-01-01", ""); err != nil {
		tb.Fatal(err)
	}
}

// mustProgramme saves a programme and returns it with its ID.
func mustProgramme(tb testing.TB, s *Store, ctx context.Context, p Programme) Programme {
	tb.Helper()
	id, err := s.SaveProgramme(ctx, p)
	if err != nil {
		tb.Fatal(err)
	}
	p.ID = id
	return p
}

// mustTrainee registers a person as a trainee and returns the trainee as listed.
func mustTrainee(tb testing.TB, s *Store, ctx context.Context, p Person, nickname string) Trainee {
	tb.Helper()
	id, err := s.SaveTrainee(ctx, Trainee{PersonID: p.ID, Nickname: nickname, DisabilityCategory: "肢体", DisabilityLevel: "三级"})
	if err != nil {
		tb.Fatal(err)
	}
	ts, err := s.Trainees(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	for _, t := range ts {
		if t.ID == id {
			return t
		}
	}
	tb.Fatalf("trainee %d not listed", id)
	return Trainee{}
}

// mustProduct adds a product.
func mustProduct(tb testing.TB, s *Store, ctx context.Context, p Product) Product {
	tb.Helper()
	id, err := s.SaveProduct(ctx, p)
	if err != nil {
		tb.Fatal(err)
	}
	p.ID = id
	return p
}

// mustOrder takes an order and returns it as loaded.
func mustOrder(tb testing.TB, s *Store, ctx context.Context, o Order) Order {
	tb.Helper()
	id, err := s.CreateOrder(ctx, o)
	if err != nil {
		tb.Fatal(err)
	}
	got, err := s.Order(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

// mustCheck fails the test when the database's check finds problems.
func mustCheck(tb testing.TB, s *Store) {
	tb.Helper()
	problems, err := s.Check(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if len(problems) > 0 {
		tb.Fatalf("check: %v", problems)
	}
}
