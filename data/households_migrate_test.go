package data

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// withAddress sets a resident's address (and tags, when given).
func withAddress(t *testing.T, s *Store, ctx context.Context, p Person, address string, tags ...string) Person {
	t.Helper()
	p.Address = address
	if tags != nil {
		p.Tags = tags
	}
	if _, err := s.SavePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := s.Person(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestTagMigration(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "南苑社区")
	const addr = "海宁市硖石街道南苑路12号3幢2单元301室"
	grandma := withAddress(t, s, staff, mustPerson(t, s, staff, c, "李秀英", Female, 68), addr, "低保")
	child := withAddress(t, s, staff, mustPerson(t, s, staff, c, "王浩宇", Male, 9), addr, "困境儿童", "低保")
	if err := s.SetGuardian(staff, child.ID, grandma.ID, "祖父母"); err != nil {
		t.Fatal(err)
	}
	alone := withAddress(t, s, staff, mustPerson(t, s, staff, c, "张德明", Male, 81), "文苑路3号5幢101室", "独居", "困难家庭")
	stranger := withAddress(t, s, staff, mustPerson(t, s, staff, c, "陈国强", Male, 50), "灯彩巷8号", "低保")
	withAddress(t, s, staff, mustPerson(t, s, staff, c, "陈丽萍", Female, 48), "灯彩巷8号")
	homeless := mustPerson(t, s, staff, c, "周阿福", Male, 70, "低边")

	m, err := s.MigrateHouseholdTags(staff)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("guardian and ward at one address form a household", func(t *testing.T) {
		h, mem, err := s.PersonHousehold(staff, child.ID, "2026-11-27")
		if err != nil {
			t.Fatal(err)
		}
		if h.Head != "李秀英" || mem.Relation != "孙子女" || h.Building != "3" || h.Unit != "2" || h.Room != "301" {
			t.Fatalf("household %+v member %+v", h, mem)
		}
		if len(h.Attributes) != 1 || h.Attributes[0] != "低保户" {
			t.Fatalf("attributes %v", h.Attributes)
		}
	})
	t.Run("the tag goes, others stay", func(t *testing.T) {
		p, err := s.Person(staff, child.ID)
		if err != nil || len(p.Tags) != 1 || p.Tags[0] != "困境儿童" {
			t.Fatalf("tags %v %v", p.Tags, err)
		}
	})
	t.Run("someone living alone gets a household of one", func(t *testing.T) {
		ok, err := s.PersonHasHouseholdAttribute(staff, alone.ID, []string{"困难家庭"}, "2026-11-27")
		if err != nil || !ok {
			t.Fatalf("alone: %v %v", ok, err)
		}
	})
	t.Run("without a link or an address the tag is kept and listed", func(t *testing.T) {
		if m.Moved != 3 || m.Households != 2 || len(m.Unplaced) != 2 {
			t.Fatalf("migration %+v", m)
		}
		left, err := s.UnplacedHouseholdTags(staff)
		if err != nil || len(left) != 2 || left[0].PersonID != stranger.ID || left[1].PersonID != homeless.ID {
			t.Fatalf("unplaced %+v %v", left, err)
		}
		if n, err := s.CountPeople(staff, PeopleFilter{Tag: "低保"}); err != nil || n != 3 {
			t.Fatalf("低保 filter: %d %v", n, err)
		}
	})
	t.Run("a second run changes nothing", func(t *testing.T) {
		again, err := s.MigrateHouseholdTags(staff)
		if err != nil || again.Moved != 0 || len(again.Unplaced) != 2 {
			t.Fatalf("again %+v %v", again, err)
		}
		mustCheck(t, s)
	})
}

// A database written before households (migration 11) has its tags moved by 0012's data step,
// which runs inside that migration's transaction when the database is opened.
func TestUpgradeMovesHouseholdTags(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "南苑社区")
	p := withAddress(t, s, staff, mustPerson(t, s, staff, c, "张德明", Male, 81), "文苑路3号5幢101室", "独居", "低保")
	ctx := context.Background()
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return dataSteps[12](ctx, s, tx) }); err != nil {
		t.Fatal(err)
	}
	ok, err := s.PersonHasHouseholdAttribute(staff, p.ID, []string{"低保户"}, "2026-11-27")
	if err != nil || !ok {
		t.Fatalf("after the data step: %v %v", ok, err)
	}
	es, err := s.ListAudit(admin, AuditFilter{Entity: "户属性"})
	if err != nil || len(es) != 1 || es[0].Username != "系统" {
		t.Fatalf("audit %+v %v", es, err)
	}
	mustCheck(t, s)
}

// An upgrade from before households: the migration runner of either engine runs 0012's data
// step inside that version's transaction (the server's runner did not). The database is set back
// to version 11 in its schema_migration table and the runner given version 12 with no schema
// text, so that only the step does anything.
func TestMigrationRunnerRunsTheTagStep(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	admin := mustOffice(t, s)
	staff := as(t, s, "staff")
	c := mustCommunity(t, s, admin, "南苑社区")
	p := withAddress(t, s, staff, mustPerson(t, s, staff, c, "张德明", Male, 81), "文苑路3号5幢101室", "独居", "低保")
	ctx := context.Background()
	type row struct {
		version  int
		name, at string
	}
	later, err := queryAll(ctx, s.db, func(sc rowScanner) (row, error) {
		var r row
		err := sc.Scan(&r.version, &r.name, &r.at)
		return r, err
	}, "SELECT version, name, applied_at FROM schema_migration WHERE version > 12 ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := execSQL(ctx, s.db, "DELETE FROM schema_migration WHERE version >= 12"); err != nil {
		t.Fatal(err)
	}
	step := migration{version: 12, name: "0012_households.sql", sql: "SELECT 1"}
	if s.IsServer() {
		err = s.applyPGMigration(ctx, step)
	} else {
		err = s.applyMigration(ctx, step)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range later {
		if _, err := execSQL(ctx, s.db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)", r.version, r.name, r.at); err != nil {
			t.Fatal(err)
		}
	}
	if !s.IsServer() {
		if _, err := execSQL(ctx, s.db, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion())); err != nil {
			t.Fatal(err)
		}
	}
	ok, err := s.PersonHasHouseholdAttribute(staff, p.ID, []string{"低保户"}, "2026-11-27")
	if err != nil || !ok {
		t.Fatalf("after the runner's version 12: %v %v", ok, err)
	}
	mustCheck(t, s)
}
