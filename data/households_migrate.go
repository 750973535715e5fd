package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// The household tag migration: a per-person tag that stands for a household fact (低保, 困难家庭 …,
// HouseholdTags) becomes an attribute of the person's household, and the tag goes. Where the
// person is in no household, one is formed when the data allows: the people at the same address
// (same community, same address line) joined by guardian links, or someone tagged 独居 who is the
// only resident at the address. Otherwise the tag is kept and `check` lists it. It runs once when
// a database is upgraded to migration 0012 (inside that migration's transaction), and whenever an
// office runs it again (MigrateHouseholdTags, `households migrate`) after entering or importing
// tags; each run is one transaction.

// UnplacedTag is a household-fact tag that could not be moved to a household, and why.
type UnplacedTag struct {
	PersonID int64
	Name     string
	Tag      string
	Reason   string
}

// String is how check lists it.
func (u UnplacedTag) String() string {
	return fmt.Sprintf("居民 #%d %s：标签「%s」是户的属性，未能归入户（%s）", u.PersonID, u.Name, u.Tag, u.Reason)
}

// TagMigration says what a run of the tag migration did.
type TagMigration struct {
	Moved      int // tags that became household attributes
	Households int // households formed
	Unplaced   []UnplacedTag
}

// MigrateHouseholdTags moves household-fact tags to households (see above) in one transaction.
func (s *Store) MigrateHouseholdTags(ctx context.Context) (TagMigration, error) {
	var out TagMigration
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermPeopleWrite)
		if err != nil {
			return err
		}
		out, err = s.migrateHouseholdTags(ctx, tx, a)
		return err
	})
	return out, err
}

// UnplacedHouseholdTags lists the household-fact tags still on people (check's notes).
func (s *Store) UnplacedHouseholdTags(ctx context.Context) ([]UnplacedTag, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findTagged(ctx, s.db)
	if err != nil {
		return nil, mapErr(err, "标签")
	}
	var list []UnplacedTag
	for _, t := range out {
		list = append(list, UnplacedTag{PersonID: t.ID, Name: t.Name, Tag: t.tag, Reason: "尚未建户，或同一地址没有监护或家庭关系可据以建户"})
	}
	return list, nil
}

// tagged is a person with a household-fact tag.
type tagged struct {
	Person
	tag     string
	created string // the day the person was entered: the attribute's start
}

func findTagged(ctx context.Context, q querier) ([]tagged, error) {
	var tags []string
	for t := range HouseholdTags {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	args := make([]any, len(tags))
	for i, t := range tags {
		args[i] = t
	}
	return queryAll(ctx, q, func(sc rowScanner) (tagged, error) {
		var t tagged
		var tags string
		err := sc.Scan(append(personDest(&t.Person, &tags), &t.tag, &t.created)...)
		t.Tags = splitList(tags)
		return t, err
	}, "SELECT "+personCols+", pt.tag, substr(p.created_at, 1, 10)"+personFrom+` JOIN person_tag pt ON pt.person_id = p.id
		WHERE p.erased_at IS NULL AND pt.tag IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(tags)), ", ")+`) ORDER BY p.id, pt.tag`, args...)
}

// tagPlacer carries what one run knows: current memberships, guardian links, residents per address.
type tagPlacer struct {
	s      *Store
	tx     *sql.Tx
	today  string
	home   map[int64]int64     // person -> current household
	links  map[int64][]int64   // person -> guardian-linked people, both ways
	wards  map[[2]int64]string // (child, guardian) -> relation
	atAddr map[addrKey]int     // residents per address
	people map[int64]Person    // loaded on demand, tags as they now stand
}

type addrKey struct {
	community int64
	address   string
}

func (s *Store) migrateHouseholdTags(ctx context.Context, tx *sql.Tx, a *Actor) (TagMigration, error) {
	var out TagMigration
	list, err := findTagged(ctx, tx)
	if err != nil || len(list) == 0 {
		return out, mapErr(err, "标签")
	}
	p, err := newTagPlacer(ctx, s, tx)
	if err != nil {
		return out, err
	}
	for _, t := range list {
		if _, ok := p.people[t.ID]; !ok {
			p.people[t.ID] = t.Person
		}
	}
	for _, t := range list {
		hh, formed, reason, err := p.household(ctx, t.Person)
		if err != nil {
			return out, err
		}
		if hh == 0 {
			out.Unplaced = append(out.Unplaced, UnplacedTag{PersonID: t.ID, Name: t.Name, Tag: t.tag, Reason: reason})
			continue
		}
		if formed {
			out.Households++
		}
		if err := p.place(ctx, hh, t); err != nil {
			return out, err
		}
		out.Moved++
	}
	if out.Moved == 0 {
		return out, nil
	}
	return out, s.audit(ctx, tx, a, ActUpdate, "户属性", 0, fmt.Sprintf("户属性标签迁移：%d 个标签归入户（新建 %d 户），%d 个未能归入",
		out.Moved, out.Households, len(out.Unplaced)))
}

func newTagPlacer(ctx context.Context, s *Store, tx *sql.Tx) (*tagPlacer, error) {
	p := &tagPlacer{s: s, tx: tx, today: s.Today(), home: map[int64]int64{}, links: map[int64][]int64{},
		wards: map[[2]int64]string{}, atAddr: map[addrKey]int{}, people: map[int64]Person{}}
	err := queryEach(ctx, tx, func(sc rowScanner) error {
		var person, hh int64
		if err := sc.Scan(&person, &hh); err != nil {
			return err
		}
		p.home[person] = hh
		return nil
	}, "SELECT person_id, household_id FROM household_member WHERE to_day IS NULL")
	if err != nil {
		return nil, mapErr(err, "户成员")
	}
	err = queryEach(ctx, tx, func(sc rowScanner) error {
		var child, guardian int64
		var rel string
		if err := sc.Scan(&child, &guardian, &rel); err != nil {
			return err
		}
		p.links[child], p.links[guardian] = append(p.links[child], guardian), append(p.links[guardian], child)
		p.wards[[2]int64{child, guardian}] = rel
		return nil
	}, "SELECT child_id, guardian_id, relation FROM guardian")
	if err != nil {
		return nil, mapErr(err, "监护关系")
	}
	err = queryEach(ctx, tx, func(sc rowScanner) error {
		var k addrKey
		var n int
		if err := sc.Scan(&k.community, &k.address, &n); err != nil {
			return err
		}
		p.atAddr[k] = n
		return nil
	}, "SELECT community_id, address, count(*) FROM person WHERE erased_at IS NULL AND address <> '' GROUP BY community_id, address")
	return p, mapErr(err, "居民")
}

func (p *tagPlacer) person(ctx context.Context, id int64) (Person, error) {
	if x, ok := p.people[id]; ok {
		return x, nil
	}
	x, err := findPerson(ctx, p.tx, id)
	if err != nil {
		return x, mapErr(err, "居民")
	}
	p.people[id] = x
	return x, nil
}

// household finds or forms the household of a tagged person; 0 with a reason when it cannot.
func (p *tagPlacer) household(ctx context.Context, x Person) (id int64, formed bool, reason string, err error) {
	if hh := p.home[x.ID]; hh != 0 {
		return hh, false, "", nil
	}
	key := addrKey{x.CommunityID, x.Address}
	if x.Address == "" {
		return 0, false, "没有住址，无法建户", nil
	}
	group := []Person{x}
	seen := map[int64]bool{x.ID: true}
	for i := 0; i < len(group); i++ {
		for _, id := range p.links[group[i].ID] {
			if seen[id] || p.home[id] != 0 {
				continue
			}
			seen[id] = true
			y, err := p.person(ctx, id)
			if err != nil {
				return 0, false, "", err
			}
			if !y.Erased && y.CommunityID == key.community && y.Address == key.address {
				group = append(group, y)
			}
		}
	}
	if len(group) == 1 && (!inList("独居", x.Tags) || p.atAddr[key] > 1) {
		return 0, false, "同一地址没有监护或家庭关系可据以建户", nil
	}
	id, err = p.form(ctx, group)
	return id, true, "", err
}

// form creates a household for people living together: the eldest is the head, children of the
// head are 子女 (or 孙子女 when the head is their grandparent), everyone else 其他.
func (p *tagPlacer) form(ctx context.Context, group []Person) (int64, error) {
	sort.SliceStable(group, func(i, j int) bool {
		bi, bj := group[i].BirthDate, group[j].BirthDate
		return bi != "" && (bj == "" || bi < bj)
	})
	head := group[0]
	// The household is taken to exist since the first of its members was entered.
	since := p.today
	for _, m := range group {
		day, err := queryOne(ctx, p.tx, scanValue[string], "SELECT substr(created_at, 1, 10) FROM person WHERE id = ?", m.ID)
		if err != nil {
			return 0, mapErr(err, "居民")
		}
		if day != "" && day < since {
			since = day
		}
	}
	h := Household{CommunityID: head.CommunityID, GridID: head.GridID, HeadID: head.ID, Since: since}
	h.Address, h.Building, h.Unit, h.Room = SplitAddress(head.Address)
	h.Notes = "由居民标签迁移建立"
	h.Normalize()
	if h.Address == "" {
		h.Address = head.Address
	}
	id, err := p.s.writeHousehold(ctx, p.tx, h)
	if err != nil {
		return 0, err
	}
	p.home[head.ID] = id
	for _, m := range group[1:] {
		rel := map[string]string{"父亲": "子女", "母亲": "子女", "祖父母": "孙子女"}[p.wards[[2]int64{m.ID, head.ID}]]
		if rel == "" {
			rel = "其他"
		}
		if _, err := p.s.moveIn(ctx, p.tx, HouseholdMember{HouseholdID: id, PersonID: m.ID, Relation: rel, From: since}); err != nil {
			return 0, err
		}
		p.home[m.ID] = id
	}
	return id, nil
}

// place gives the household the tag's attribute (unless it holds today already) and removes the tag.
func (p *tagPlacer) place(ctx context.Context, hh int64, t tagged) error {
	kind := HouseholdTags[t.tag]
	has, err := householdHasAttribute(ctx, p.tx, hh, []string{kind}, p.today)
	if err != nil {
		return err
	}
	if !has {
		from := t.created
		if from == "" || from > p.today {
			from = p.today
		}
		last, err := queryOne(ctx, p.tx, scanValue[string], `SELECT coalesce(max(to_day), '') FROM household_attribute
			WHERE household_id = ? AND kind = ?`, hh, kind)
		if err != nil {
			return mapErr(err, "户属性")
		}
		if last >= from {
			from = dayAfter(last)
		}
		if _, err := p.s.addAttribute(ctx, p.tx, HouseholdAttribute{HouseholdID: hh, Kind: kind, From: from,
			Note: "由居民 #" + fmt.Sprint(t.ID) + " 的标签「" + t.tag + "」迁移"}); err != nil {
			return err
		}
	}
	cur := p.people[t.ID]
	var rest []string
	for _, x := range cur.Tags {
		if x != t.tag {
			rest = append(rest, x)
		}
	}
	cur.Tags = rest
	p.people[t.ID] = cur
	if _, err := execSQL(ctx, p.tx, "DELETE FROM person_tag WHERE person_id = ? AND tag = ?", t.ID, t.tag); err != nil {
		return mapErr(err, "标签")
	}
	_, err = execSQL(ctx, p.tx, "UPDATE person SET tags = ? WHERE id = ?", strings.Join(rest, "、"), t.ID)
	return mapErr(err, "居民")
}

// dayAfter is the day after a stored day.
func dayAfter(day string) string {
	d, err := ParseDate(day)
	if err != nil {
		return day
	}
	return d.AddDate(0, 0, 1).Format("2006-01-02")
}

// dataSteps are Go-side data migrations run after a schema migration of that number, inside its
// transaction: an upgraded database's household tags move to households once.
var dataSteps = map[int]func(ctx context.Context, s *Store, tx *sql.Tx) error{
	12: func(ctx context.Context, s *Store, tx *sql.Tx) error {
		_, err := s.migrateHouseholdTags(ctx, tx, systemActor)
		return err
	},
	19: func(ctx context.Context, _ *Store, tx *sql.Tx) error { return digestFinalizedMinutes(ctx, tx) },
}
