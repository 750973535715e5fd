package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRolesEnforcedInStore calls each store method as each role.
func TestRolesEnforcedInStore(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	someone := mustPerson(t, s, admin, c, "王秀英", Female, 82)
	// ResetPassword is tried on an account of its own: a reset account can do nothing else.
	spare, err := s.CreateUser(admin, "spare", "备用", RoleViewer, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	calls := []struct {
		name string
		call func(ctx context.Context) error
		ok   map[Role]bool
	}{
		{"People", func(ctx context.Context) error { _, err := s.People(ctx, PeopleFilter{Limit: 5}); return err },
			map[Role]bool{RoleAdmin: true, RoleStaff: true, RoleWorkshop: true, RoleViewer: true}},
		{"HomeStats", func(ctx context.Context) error { _, err := s.HomeStats(ctx); return err },
			map[Role]bool{RoleAdmin: true, RoleStaff: true, RoleWorkshop: true, RoleViewer: true}},
		{"SavePerson", func(ctx context.Context) error {
			_, err := s.SavePerson(ctx, Person{Name: "新居民", CommunityID: c.ID})
			return err
		}, map[Role]bool{RoleAdmin: true, RoleStaff: true}},
		{"RevealPerson", func(ctx context.Context) error { _, _, err := s.RevealPerson(ctx, someone.ID); return err },
			map[Role]bool{RoleAdmin: true, RoleStaff: true}},
		{"ErasePerson", func(ctx context.Context) error { return s.ErasePerson(ctx, 0) },
			map[Role]bool{RoleAdmin: true, RoleStaff: true}}, // ID 0: allowed roles get ErrNotFound
		{"AddPeople", func(ctx context.Context) error {
			_, err := s.AddPeople(ctx, []Person{{Name: "批量居民", CommunityID: c.ID}}, nil)
			return err
		}, map[Role]bool{RoleAdmin: true, RoleStaff: true}},
		{"CreateUser", func(ctx context.Context) error {
			_, err := s.CreateUser(ctx, "u"+string(ActorFrom(ctx).Role), "新用户", RoleViewer, "password1")
			return err
		}, map[Role]bool{RoleAdmin: true}},
		{"ListUsers", func(ctx context.Context) error { _, err := s.ListUsers(ctx); return err }, map[Role]bool{RoleAdmin: true}},
		{"ResetPassword", func(ctx context.Context) error {
			return s.ResetPassword(ctx, spare, testPassword)
		}, map[Role]bool{RoleAdmin: true}},
		{"SaveOffice", func(ctx context.Context) error {
			return s.SaveOffice(ctx, Office{Name: "测试街道办事处"})
		}, map[Role]bool{RoleAdmin: true}},
		{"SetSetting", func(ctx context.Context) error { return s.SetSetting(ctx, "x", "1") }, map[Role]bool{RoleAdmin: true}},
		{"ListAudit", func(ctx context.Context) error { _, err := s.ListAudit(ctx, AuditFilter{}); return err }, map[Role]bool{RoleAdmin: true}},
		{"Backup", func(ctx context.Context) error { return s.Backup(ctx, filepath.Join(t.TempDir(), "b.db")) }, map[Role]bool{RoleAdmin: true}},
		{"Record", func(ctx context.Context) error { return s.Record(ctx, ActPrint, "居民名册", 0, "打印") },
			map[Role]bool{RoleAdmin: true, RoleStaff: true, RoleWorkshop: true, RoleViewer: true}},
	}
	users := map[Role]string{RoleAdmin: "admin", RoleStaff: "staff", RoleWorkshop: "workshop", RoleViewer: "viewer"}
	for _, c := range calls {
		for _, r := range Roles {
			t.Run(c.name+"/"+string(r), func(t *testing.T) {
				err := c.call(as(t, s, users[r]))
				if c.ok[r] {
					if errors.Is(err, ErrForbidden) {
						t.Fatalf("%s as %s forbidden: %v", c.name, r, err)
					}
					if err != nil && !errors.Is(err, ErrNotFound) {
						t.Fatalf("%s as %s: %v", c.name, r, err)
					}
				} else if !errors.Is(err, ErrForbidden) {
					t.Fatalf("%s as %s: want ErrForbidden, got %v", c.name, r, err)
				}
			})
		}
	}
	t.Run("anonymous", func(t *testing.T) {
		if _, err := s.People(context.Background(), PeopleFilter{}); !errors.Is(err, ErrForbidden) {
			t.Errorf("anonymous caller on a database with accounts: %v", err)
		}
	})
}

func TestViewerSeesMaskedValues(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	c := mustCommunity(t, s, admin, "东山社区")
	mustPerson(t, s, admin, c, "王秀英", Female, 82)
	t.Run("viewer gets masked ID numbers", func(t *testing.T) {
		ps, err := s.People(as(t, s, "viewer"), PeopleFilter{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || !strings.Contains(ps[0].IDNumber, "********") {
			t.Fatalf("viewer saw %+v", ps)
		}
	})
	t.Run("staff gets full values", func(t *testing.T) {
		full, err := s.People(as(t, s, "staff"), PeopleFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(full) != 1 || strings.Contains(full[0].IDNumber, "*") {
			t.Fatalf("staff should receive full values (screens mask them for display): %+v", full)
		}
	})
}

func TestLoginLockoutAndPasswordChange(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	ctx := context.Background()
	now := fixedNow
	s.SetClock(func() time.Time { return now })
	t.Run("five failures lock the account", func(t *testing.T) {
		for i := 1; i <= MaxFailedLogins; i++ {
			if _, err := s.Login(ctx, "staff", "wrong-password"); !errors.Is(err, ErrForbidden) {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		if _, err := s.Login(ctx, "staff", testPassword); err == nil || !strings.Contains(err.Error(), "锁定") {
			t.Fatalf("right password while locked: %v", err)
		}
	})
	now = now.Add(LockoutDuration + time.Second)
	a, err := s.Login(ctx, "staff", testPassword)
	if err != nil {
		t.Fatalf("after the lock expired: %v", err)
	}
	sctx := WithActor(ctx, a)
	t.Run("change needs the old password and the rule", func(t *testing.T) {
		if err := s.ChangePassword(sctx, "wrong", "newpassword"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("change with wrong old password: %v", err)
		}
		if err := s.ChangePassword(sctx, testPassword, "short"); !errors.Is(err, ErrInvalid) {
			t.Fatalf("too short new password: %v", err)
		}
	})
	t.Run("changed password signs in", func(t *testing.T) {
		if err := s.ChangePassword(sctx, testPassword, "newpassword"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "staff", "newpassword"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("disabled account is refused", func(t *testing.T) {
		if err := s.SetUserDisabled(admin, a.UserID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, "staff", "newpassword"); err == nil || !strings.Contains(err.Error(), "停用") {
			t.Fatalf("disabled account: %v", err)
		}
	})
}

// TestNewPasswordsUseTheRealParameters is the one test that hashes with DefaultArgon2 (the
// others run with UseFastPasswordHashingForTests); it must not run in parallel.
func TestNewPasswordsUseTheRealParameters(t *testing.T) {
	saved := passwordParams
	passwordParams = DefaultArgon2
	t.Cleanup(func() { passwordParams = saved })
	if DefaultArgon2 != (Argon2Params{Memory: 64 * 1024, Time: 2, Threads: 2, KeyLen: 32}) {
		t.Fatalf("DefaultArgon2 changed: %+v", DefaultArgon2)
	}
	s := mustOpen(t)
	if _, err := s.Setup(context.Background(), Office{Name: "测试街道办事处"}, "admin", "管理员", testPassword); err != nil {
		t.Fatal(err)
	}
	var hash string
	if err := s.db.QueryRow("SELECT password_hash FROM app_user WHERE username = 'admin'").Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=2,p=2$") {
		t.Fatalf("hash does not carry the real parameters: %s", hash)
	}
	if _, err := s.Login(context.Background(), "admin", testPassword); err != nil {
		t.Fatal(err)
	}
}

func TestSetupOnlyOnce(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	ctx := context.Background()
	if _, err := s.Setup(ctx, Office{Name: "测试街道"}, "boss", "主任", "short"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("short password: %v", err)
	}
	a, err := s.Setup(ctx, Office{Name: "测试街道", Phone: "0573-87012345"}, "boss", "主任", "password1")
	if err != nil || a.Role != RoleAdmin {
		t.Fatalf("setup: %v %v", a, err)
	}
	if _, err := s.Setup(ctx, Office{Name: "别的"}, "boss2", "", "password1"); !errors.Is(err, ErrConflict) {
		t.Fatalf("second setup: %v", err)
	}
	if s.IsSample(ctx) {
		t.Error("a real database must not be marked as sample")
	}
}

func TestAuditChainDetectsTampering(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	ctx := mustOffice(t, s)
	for i := 0; i < 5; i++ {
		if err := s.Record(ctx, ActPrint, "居民名册", 0, "打印"); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("triggers refuse changes", func(t *testing.T) {
		if _, err := s.db.Exec("UPDATE audit SET summary = 'x' WHERE id = 3"); err == nil || !strings.Contains(err.Error(), "只能追加") {
			t.Fatalf("update must be refused by the trigger: %v", err)
		}
		if _, err := s.db.Exec("DELETE FROM audit WHERE id = 3"); err == nil {
			t.Fatal("delete must be refused by the trigger")
		}
		mustCheck(t, s)
	})
	t.Run("check names a changed entry", func(t *testing.T) {
		// Behind Linli's back: drop the trigger and change an entry.
		if _, err := s.db.Exec(alt("DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_update ON audit")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("UPDATE audit SET summary = '打印（改）' WHERE id = 4"); err != nil {
			t.Fatal(err)
		}
		p, err := s.Check(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(p) == 0 || !strings.Contains(strings.Join(p, "\n"), "第 4 条") {
			t.Fatalf("check must name entry 4: %v", p)
		}
	})
}

func TestEraseKeepsHistoryAndRemovesPersonalData(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	ctx := mustOffice(t, s)
	c := mustCommunity(t, s, ctx, "东山社区")
	p := mustPerson(t, s, ctx, c, "王秀英", Female, 82, "独居")
	mustPerson(t, s, ctx, c, "李建国", Male, 70)
	if err := s.ErasePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	t.Run("personal fields are cleared", func(t *testing.T) {
		var name, phone, addr string
		var idn sql.NullString
		if err := s.db.QueryRow("SELECT name, id_number, phone, address FROM person WHERE id = ?", p.ID).Scan(&name, &idn, &phone, &addr); err != nil {
			t.Fatal(err)
		}
		if name == "王秀英" || idn.Valid || phone != "" || addr != "" {
			t.Fatalf("personal fields kept: %s %v %s %s", name, idn, phone, addr)
		}
	})
	t.Run("erased person is not listed", func(t *testing.T) {
		n, err := s.CountPeople(ctx, PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d people listed, want 1", n)
		}
		mustCheck(t, s)
	})
	t.Run("audit names no one", func(t *testing.T) {
		es, err := s.ListAudit(ctx, AuditFilter{Action: ActErase})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || strings.Contains(es[0].Summary, "王秀英") {
			t.Fatalf("erase audit entry: %+v", es)
		}
	})
}

func TestPasswordHashing(t *testing.T) {
	h, err := HashPassword("正确的密码123", Argon2Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32})
	if err != nil {
		t.Fatal(err)
	}
	if !VerifyPassword("正确的密码123", h) || VerifyPassword("正确的密码124", h) {
		t.Fatal("verify")
	}
	h2, err := HashPassword("正确的密码123", Argon2Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32})
	if err != nil {
		t.Fatal(err)
	}
	if h == h2 {
		t.Fatal("salt must be random")
	}
}

func FuzzVerifyPassword(f *testing.F) {
	h, err := HashPassword("demo1234", Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 16})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("demo1234", h)
	f.Add("", "$argon2id$v=19$m=64,t=1,p=1$$")
	f.Add("x", "$argon2id$v=19$m=999999999,t=99,p=1$AAAA$AAAA")
	f.Fuzz(func(t *testing.T, pw, encoded string) {
		if VerifyPassword(pw, encoded) && encoded != h {
			// Accepting is fine only for a well-formed hash of pw; recompute to be sure.
			parts := strings.Split(encoded, "$")
			if len(parts) != 6 {
				t.Fatalf("accepted malformed hash %q", encoded)
			}
		}
	})
}

func FuzzLogin(f *testing.F) {
	s := mustOpen(f)
	mustOffice(f, s)
	f.Add("admin", testPassword)
	f.Add("admin' OR 1=1 --", "x")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, user, pw string) {
		a, err := s.Login(context.Background(), user, pw)
		if err == nil && (pw != testPassword || a == nil) {
			t.Fatalf("login %q/%q succeeded", user, pw)
		}
	})
}
