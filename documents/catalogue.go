// Package documents is the one catalogue of what Linli prints and exports. Each entry names the
// document, its parameters and their validation, its default file name, who may print it, and
// how it is made: load from the store → record in the audit trail → hand plain values to a writer
// in reports. The command line (print, export) and the window (the print centre and the screens'
// buttons) both read this table, so they offer and print exactly the same documents. Adding a
// document is one entry in catalogue plus its render function.
package documents

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"linli/data"
)

// Verb says whether a document is printed (PDF) or exported (Excel).
type Verb string

// The two verbs, as the command line spells them.
const (
	Print  Verb = "print"
	Export Verb = "export"
)

// Ext is the file extension a verb writes.
func (v Verb) Ext() string {
	if v == Export {
		return ".xlsx"
	}
	return ".pdf"
}

// Kind is what a parameter holds, and so how it is checked and offered.
type Kind int

// Parameter kinds.
const (
	Text   Kind = iota // free text (a name, a number)
	Month              // YYYY-MM
	Date               // a day in any form data.ParseDate reads; normalized to YYYY-MM-DD
	Flag               // yes/no: "true" or ""
	Secret             // text that is never shown or logged (a password)
)

// Param is one parameter of a document.
type Param struct {
	Name     string // as a command-line flag: month, programme, all
	Label    string // in Chinese, for forms and messages: 月份
	Kind     Kind
	Required bool
	Hint     string // what to type, e.g. YYYY-MM or 姓名或编号
	// Choices, when set, lists what the window offers to pick (community or programme names).
	Choices func(ctx context.Context, s *data.Store) ([]string, error)
}

// Values are a document's parameters by name; a Flag is "true" when set.
type Values map[string]string

// On reports whether a Flag parameter is set.
func (v Values) On(name string) bool { return v[name] == "true" }

// Doc is one printable or exportable document.
type Doc struct {
	Verb   Verb
	Name   string // as on the command line: workshop-ledger
	Title  string // 工坊收入台账
	Params []Param
	Perm   data.Perm // what a role needs to print it
	// Personal marks a bulk print or export of people's personal data (names with addresses,
	// phones, birth dates, tags, guardians): besides Perm it needs a role with a reason to hold
	// such lists (社工, 管理员) or an administrator's grant to the account, and the store refuses
	// it to an account whose grant was withdrawn (data.RecordPersonal); 只读 keeps viewing on
	// screen, masked (PIPL Art. 28).
	Personal bool
	// file is the default file name without extension, from the values; nil: the title.
	file func(v Values) string
	// check holds rules across parameters (after each one is valid on its own).
	check func(v Values) error
	// ready, when set, refuses from the data what render would refuse (no round that month, a
	// programme not over yet), reading only: asked before the user chooses where to save.
	ready func(ctx context.Context, s *data.Store, v Values) error
	// render loads, audits and writes the document.
	render func(ctx context.Context, s *data.Store, v Values, w io.Writer) error
}

// catalogue is every document, in the order the print centre and the command line list them.
var catalogue = []*Doc{
	&Residents, &ResidentFileDoc, &HouseholdFileDoc, &VolunteerRoster, &SoupRoster, &CareLedger, &VolunteerCerts,
	&Completion, &AttendanceSheet, &ChildrenLedger,
	&WorkshopLedger, &Payouts, &OrderConfirmation, &TrainingCerts,
	&ConcernLedger, &MeetingSignIn, &MeetingMinutes, &ConcernNotice,
	&PostsList, &Placements, &PostRoster, &PracticeCerts, &ShopCert, &PostsLedger,
	&MarketDayDoc, &MarketPactDoc, &MarketLedgerDoc, &HelpedIncomeDoc,
	&PeopleXLSX, &VolunteersXLSX, &OrdersXLSX, &SplitsXLSX, &DeliveriesXLSX, &ServicesXLSX, &AttendanceXLSX, &ConcernsXLSX, &ServiceRecordsXLSX, &AuditXLSX,
	&PostsXLSX, &MarketAllocationXLSX, &MarketTakingsXLSX, &MarketViolationsXLSX,
}

// Options every document of a verb takes besides its own, and what is done with the rendered
// bytes before they are written. An export's password is one Param in common[Export] and one
// step in finish[Export]; the command line and the print centre offer it without further change.
var (
	common = map[Verb][]Param{}
	finish = map[Verb]func(v Values, rendered []byte, w io.Writer) error{}
)

func init() {
	for _, d := range catalogue {
		d.Params = append(d.Params, common[d.Verb]...)
	}
}

// All returns every document of a verb, in catalogue order.
func All(verb Verb) []*Doc {
	var out []*Doc
	for _, d := range catalogue {
		if d.Verb == verb {
			out = append(out, d)
		}
	}
	return out
}

// Find returns the document a verb and name denote.
func Find(verb Verb, name string) (*Doc, bool) {
	for _, d := range catalogue {
		if d.Verb == verb && d.Name == name {
			return d, true
		}
	}
	return nil, false
}

// Allowed reports whether a role may print or export the document, unless an administrator
// granted or withdrew personal documents for the account (AllowedFor).
func (d *Doc) Allowed(r data.Role) bool {
	return r.Can(d.Perm) && (!d.Personal || data.PersonalByRole(r))
}

// AllowedFor reports whether a signed-in account may print or export the document: its role's
// permission, and for a Personal document the account's grant as it stood at sign-in (the store
// asks again when the document is made).
func (d *Doc) AllowedFor(a *data.Actor) bool {
	return a.Role.Can(d.Perm) && (!d.Personal || a.Personal)
}

// Param returns the parameter with that name.
func (d *Doc) Param(name string) (Param, bool) {
	for _, p := range d.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Missing lists the required parameters that have no value.
func (d *Doc) Missing(v Values) []Param {
	var out []Param
	for _, p := range d.Params {
		if p.Required && strings.TrimSpace(v[p.Name]) == "" {
			out = append(out, p)
		}
	}
	return out
}

// Validate checks the values, normalizing them in place (trimmed text, YYYY-MM-DD dates). The
// error names each wrong parameter by its Chinese label.
func (d *Doc) Validate(v Values) error {
	bad := &data.Invalid{}
	for _, p := range d.Params {
		x := strings.TrimSpace(v[p.Name])
		v[p.Name] = x
		switch {
		case x == "":
			if p.Required {
				bad.Add(p.Label, "必填")
			}
		case p.Kind == Month:
			if err := data.ParseMonth(p.Label, x); err != nil {
				bad.Add(p.Label, "“%s”应写作 YYYY-MM，例如 2026-11", x)
			}
		case p.Kind == Date:
			t, err := data.ParseDate(x)
			if err != nil {
				bad.Add(p.Label, "%s", err.Error())
			} else {
				v[p.Name] = t.Format("2006-01-02")
			}
		case p.Kind == Flag:
			if x != "true" {
				v[p.Name] = ""
			}
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	if d.check != nil {
		return d.check(v)
	}
	return nil
}

// FileName is the document's default file name for these values, with its extension.
func (d *Doc) FileName(v Values) string {
	name := d.Title
	if d.file != nil {
		name = d.file(v)
	}
	return strings.NewReplacer("/", "-", "\\", "-", ":", "-").Replace(name) + d.Verb.Ext()
}

// Run checks the values and the signed-in role, then loads, audits and writes the document.
func (d *Doc) Run(ctx context.Context, s *data.Store, v Values, w io.Writer) error {
	if v == nil {
		v = Values{}
	}
	if err := d.refusal(ctx, v); err != nil {
		return err
	}
	if d.Personal { // the store refuses its audit entry, and so the document, without the grant
		ctx = data.ForPersonalDocument(ctx)
	}
	f := finish[d.Verb]
	if f == nil {
		return d.render(ctx, s, v, w)
	}
	var buf bytes.Buffer
	if err := d.render(ctx, s, v, &buf); err != nil {
		return err
	}
	return f(v, buf.Bytes(), w)
}

// Ready says, before anything is asked or written, whether the document can be made now with
// these values by the signed-in role: the parameters, the role, and what the data must hold (a
// round planned, a programme over). It reads only; Run checks the same again.
func (d *Doc) Ready(ctx context.Context, s *data.Store, v Values) error {
	if v == nil {
		v = Values{}
	}
	if err := d.refusal(ctx, v); err != nil {
		return err
	}
	if d.Personal {
		if err := s.PersonalRefusal(ctx); err != nil { // withdrawn since sign-in, or on another desk
			return err
		}
	}
	if d.ready == nil {
		return nil
	}
	return d.ready(ctx, s, v)
}

// refusal checks the values and the signed-in role.
func (d *Doc) refusal(ctx context.Context, v Values) error {
	if err := d.Validate(v); err != nil {
		return err
	}
	if a := data.ActorFrom(ctx); a != nil {
		return d.Refusal(a)
	}
	return nil
}

// RoleRefusal says why a role may not print or export the document (nil: it may).
func (d *Doc) RoleRefusal(r data.Role) error {
	return d.Refusal(&data.Actor{Role: r, Personal: data.PersonalByRole(r)})
}

// Refusal says why a signed-in account may not print or export the document (nil: it may), so
// that a window can disable the button with the reason instead of refusing after a file dialog.
func (d *Doc) Refusal(a *data.Actor) error {
	if d.AllowedFor(a) {
		return nil
	}
	verb := "打印"
	if d.Verb == Export {
		verb = "导出"
	}
	if !a.Role.Can(d.Perm) {
		return &data.Error{Code: data.CodeForbidden, Message: fmt.Sprintf("“%s”角色无权%s%s（需要“%s”权限）", a.Role, verb, d.Title, d.Perm)}
	}
	if data.PersonalByRole(a.Role) { // the administrator withdrew it from this account
		return &data.Error{Code: data.CodeForbidden, Message: fmt.Sprintf("%s含个人信息，管理员已收回您的账户批量%s个人信息的权限（可以在屏幕上查看；请联系管理员在 设置 → 账户 中授权）", d.Title, verb)}
	}
	return &data.Error{Code: data.CodeForbidden, Message: fmt.Sprintf("%s含个人信息，“%s”角色可以在屏幕上查看，但不能批量%s（需要社工或管理员，或管理员在 设置 → 账户 中为账户授权）", d.Title, a.Role, verb)}
}

// progressKey carries a page-progress callback through the context.
type progressKey struct{}

// WithProgress makes documents that issue certificates page by page report their progress; the
// callback returns false to cancel (nothing is issued when it cancels before the first page).
func WithProgress(ctx context.Context, f func(done, total int) bool) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

func progressFrom(ctx context.Context) func(done, total int) bool {
	f, _ := ctx.Value(progressKey{}).(func(done, total int) bool)
	return f
}
