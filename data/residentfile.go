package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The one-page file (一人一档): a read model over every programme for one resident, as plain
// values for the window and the printed file. It is not a table of its own. Masking and roles are
// those of the lists it draws on: ID and phone masked without PermReveal, health notes only with
// PermReveal, the workshop's money only with PermWorkshopView and disability only with
// PermRestricted; what a role may not see is left out, not blanked.

// FileKind says which record a line of the file opens.
type FileKind string

// The records a file line can open.
const (
	FilePerson      FileKind = "person"
	FileHousehold   FileKind = "household"
	FileVolunteer   FileKind = "volunteer"
	FileRecipient   FileKind = "recipient"
	FileService     FileKind = "service"
	FileProgramme   FileKind = "programme"
	FileTrainee     FileKind = "trainee"
	FileCertificate FileKind = "certificate"
)

// FileLine is one record in a file section: a day, what happened, and the record it opens.
type FileLine struct {
	Day  string
	Text string
	Kind FileKind // "" when the record has no screen of its own
	ID   int64
}

// FileSection is a titled list of lines (志愿服务, 助老, 儿童项目 …) and a one-line total.
type FileSection struct {
	Title string
	Total string
	Lines []FileLine

	omitEmpty bool // left out of the file when it has no lines (programmes most residents are not in)
}

// ResidentFile is everything the office does for one resident.
type ResidentFile struct {
	Person     Person
	Household  Household // ID 0 when the person lives in no household
	Relation   string    // to the head
	Stays      []HouseholdMember
	Attributes []HouseholdAttribute // of the current household, the whole history
	Guardians  []GuardianLink       // the person's guardians
	Wards      []GuardianLink       // the children the person is guardian of (Name: the child's)
	Sections   []FileSection
}

// Summary is the file in one line per section, for the household page.
func (f ResidentFile) Summary() string {
	s := ""
	for _, sec := range f.Sections {
		if len(sec.Lines) == 0 {
			continue
		}
		if s != "" {
			s += "；"
		}
		s += sec.Title + " " + sec.Total
	}
	if s == "" {
		return "无服务记录"
	}
	return s
}

// ResidentFile reads one resident's file as of today.
func (s *Store) ResidentFile(ctx context.Context, personID int64) (ResidentFile, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return ResidentFile{}, err
	}
	f, err := readResidentFile(ctx, s.db, a.Role, personID, s.Today())
	return f, mapErr(err, "居民")
}

func readResidentFile(ctx context.Context, q querier, role Role, personID int64, today string) (ResidentFile, error) {
	var f ResidentFile
	var err error
	if f.Person, err = findPerson(ctx, q, personID); err != nil {
		return f, err
	}
	// Masked for every role: seeing the whole numbers is a deliberate, audited step (the resident
	// form's 显示完整, RevealPerson), not a side effect of opening the file.
	const reveal = false
	f.Person.IDNumber, f.Person.Phone, f.Person.EmergencyPhone = MaskID(f.Person.IDNumber), MaskPhone(f.Person.Phone), MaskPhone(f.Person.EmergencyPhone)
	if err := f.readHousehold(ctx, q, today); err != nil {
		return f, err
	}
	if err := f.readGuardians(ctx, q, reveal); err != nil {
		return f, err
	}
	readers := []func(context.Context, querier, Role) (FileSection, error){f.volunteerSection, f.careSection, f.childrenSection,
		f.postsSection, f.concernSection, f.marketSection, f.certificateSection}
	if role.Can(PermWorkshopView) {
		readers = append(readers, f.workshopSection)
	}
	for _, read := range readers {
		sec, err := read(ctx, q, role)
		if err != nil {
			return f, err
		}
		if sec.omitEmpty && len(sec.Lines) == 0 {
			continue
		}
		f.Sections = append(f.Sections, sec)
	}
	return f, nil
}

func (f *ResidentFile) readHousehold(ctx context.Context, q querier, today string) error {
	var err error
	f.Stays, err = queryAll(ctx, q, scanMember, "SELECT "+memberCols+` FROM household_member m JOIN person p ON p.id = m.person_id
		WHERE m.person_id = ? ORDER BY m.from_day`, f.Person.ID)
	if err != nil {
		return err
	}
	h, m, err := findPersonHousehold(ctx, q, f.Person.ID, today)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	f.Household, f.Relation = h, m.Relation
	f.Attributes, err = findHouseholdAttributes(ctx, q, h.ID)
	return err
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func (f *ResidentFile) readGuardians(ctx context.Context, q querier, reveal bool) error {
	scan := func(sc rowScanner) (GuardianLink, error) {
		var l GuardianLink
		err := sc.Scan(&l.ChildID, &l.GuardianID, &l.Relation, &l.Name, &l.Phone)
		if !reveal {
			l.Phone = MaskPhone(l.Phone)
		}
		return l, err
	}
	var err error
	f.Guardians, err = queryAll(ctx, q, scan, `SELECT g.child_id, g.guardian_id, g.relation, p.name, p.phone FROM guardian g
		JOIN person p ON p.id = g.guardian_id WHERE g.child_id = ? ORDER BY g.relation, p.name`, f.Person.ID)
	if err != nil {
		return err
	}
	f.Wards, err = queryAll(ctx, q, scan, `SELECT g.child_id, g.guardian_id, g.relation, p.name, p.phone FROM guardian g
		JOIN person p ON p.id = g.child_id WHERE g.guardian_id = ? ORDER BY p.birth_date, p.name`, f.Person.ID)
	return err
}

func (f *ResidentFile) volunteerSection(ctx context.Context, q querier, _ Role) (FileSection, error) {
	sec := FileSection{Title: "志愿服务", Total: "不是志愿者"}
	var v Volunteer
	var kinds string
	err := queryRow(ctx, q, "SELECT id, number, kinds, joined, active FROM volunteer WHERE person_id = ?", f.Person.ID).
		Scan(&v.ID, &v.Number, &kinds, &v.Joined, &v.Active)
	if isNoRows(err) {
		return sec, nil
	}
	if err != nil {
		return sec, err
	}
	state := "在册"
	if !v.Active {
		state = "已停用"
	}
	sec.Lines = append(sec.Lines, FileLine{Day: v.Joined, Text: fmt.Sprintf("志愿者 %s（%s，%s）", v.Number, kinds, state), Kind: FileVolunteer, ID: v.ID})
	total := 0
	err = queryEach(ctx, q, func(sc rowScanner) error {
		var day, source string
		var minutes int
		if err := sc.Scan(&day, &source, &minutes); err != nil {
			return err
		}
		total += minutes
		sec.Lines = append(sec.Lines, FileLine{Day: day, Text: fmt.Sprintf("%s %s 小时", source, Hours(minutes)), Kind: FileVolunteer, ID: v.ID})
		return nil
	}, "SELECT day, source, minutes FROM volunteer_minutes WHERE volunteer_id = ? ORDER BY day, id", v.ID)
	sec.Total = fmt.Sprintf("%s，累计服务 %s 小时", v.Number, Hours(total))
	return sec, err
}

// Hours writes minutes as hours with one decimal: 90 → 1.5.
func Hours(minutes int) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("%s%d.%d", sign, minutes/60, minutes%60*10/60)
}

// HouseholdFile is the household page (一户一档): the household, every stay of its members (current
// ones first) with each member's file in one line, and its attributes over time.
type HouseholdFile struct {
	Household  Household
	Members    []HouseholdMember
	Summaries  map[int64]string // person -> ResidentFile.Summary, for current members
	Attributes []HouseholdAttribute
}

// HouseholdFile reads a household's page as of today.
func (s *Store) HouseholdFile(ctx context.Context, householdID int64) (HouseholdFile, error) {
	a, err := s.authorize(ctx, s.db, PermView)
	if err != nil {
		return HouseholdFile{}, err
	}
	var f HouseholdFile
	today := s.Today()
	if f.Household, err = findHousehold(ctx, s.db, householdID, today); err != nil {
		return f, mapErr(err, "户")
	}
	if f.Members, err = findHouseholdMembers(ctx, s.db, householdID, true); err != nil {
		return f, mapErr(err, "户成员")
	}
	if f.Attributes, err = findHouseholdAttributes(ctx, s.db, householdID); err != nil {
		return f, mapErr(err, "户属性")
	}
	f.Summaries = map[int64]string{}
	for _, m := range f.Members {
		if m.To != "" {
			continue
		}
		rf, err := readResidentFile(ctx, s.db, a.Role, m.PersonID, today)
		if err != nil {
			return f, mapErr(err, "居民")
		}
		f.Summaries[m.PersonID] = rf.Summary()
	}
	return f, nil
}
