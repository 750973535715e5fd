package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli/data"
)

var printedAt = time.Date(2026, 11, 27, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func samplePeople(n int) []data.Person {
	out := make([]data.Person, n)
	for i := range out {
		birth := time.Date(1940+i%60, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		out[i] = data.Person{Name: fmt.Sprintf("王秀英%d", i), Sex: data.Female, BirthDate: birth.Format("2006-01-02"),
			IDNumber: data.MakeID("330481", birth, i%500*2), Phone: fmt.Sprintf("138%08d", i), Community: "南苑社区",
			Grid: "南苑一网格", Address: "海宁市硖石街道灯彩巷 12 号 3 幢 201 室，靠近社区服务中心的老小区", Tags: []string{"独居", "高龄"}}
	}
	return out
}

func roster(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	m := Meta{Office: "海宁市硖石街道办事处", PrintedAt: printedAt, AuditHead: strings.Repeat("ab", 32), Subtitle: "范围：南苑社区"}
	if err := ResidentRoster(&buf, m, samplePeople(n)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText extracts a PDF's text with poppler's pdftotext (installed by .ci/run).
func pdfText(t *testing.T, pdf []byte) (string, int) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "d.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, l := range strings.Split(string(info), "\n") {
		if strings.HasPrefix(l, "Pages:") {
			if _, err := fmt.Sscan(strings.TrimPrefix(l, "Pages:"), &pages); err != nil {
				t.Fatal(err)
			}
		}
	}
	return string(out), pages
}

func TestResidentRosterPDF(t *testing.T) {
	pdf := roster(t, 45)
	if !bytes.Equal(pdf, roster(t, 45)) {
		t.Fatal("the same input must give the same bytes")
	}
	text, pages := pdfText(t, pdf)
	if pages < 3 {
		t.Errorf("45 two-line rows: %d pages, want at least 3", pages)
	}
	for i := 0; i < 45; i++ {
		name := fmt.Sprintf("王秀英%d ", i)
		if n := strings.Count(text+" ", name); n != 1 {
			t.Errorf("%s appears %d times", name, n)
		}
	}
	for _, want := range []string{"海宁市硖石街道办事处", "居民名册", "共 45 人", "第 1 页 共 " + fmt.Sprint(pages) + " 页",
		fmt.Sprintf("第 %d 页 共 %d 页", pages, pages),
		"330481********", "138****0044", "王秀英44", "制表人", "审计链 abababababab", "打印时间：2026-11-27 09:30"} {
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("roster text lacks %q", want)
		}
	}
	if strings.Contains(text, "13800000044") || strings.Contains(text, samplePeople(45)[3].IDNumber) {
		t.Error("the roster shows an unmasked phone or ID number")
	}
	if n := strings.Count(text, "姓名"); n != pages {
		t.Errorf("table header printed %d times on %d pages", n, pages)
	}
}

func TestPeopleXLSX(t *testing.T) {
	var buf bytes.Buffer
	people := samplePeople(30)
	people[0].IDNumber = "11010519491231002X"
	if err := PeopleXLSX(&buf, people, true); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("居民")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 31 || rows[0][0] != "姓名" || rows[0][3] != "身份证号" {
		t.Fatalf("rows: %d, header %v", len(rows), rows[0])
	}
	if rows[1][3] != "11010519491231002X" {
		t.Errorf("ID = %q", rows[1][3])
	}
	typ, err := f.GetCellType("居民", "D3")
	if err != nil || typ == excelize.CellTypeNumber {
		t.Error("ID numbers must be stored as text")
	}
	panes, err := f.GetPanes("居民")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v", panes)
	}
	tables, err := f.GetTables("居民")
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:J31" {
		t.Errorf("table with filter buttons: %+v", tables)
	}
	var masked bytes.Buffer
	if err := PeopleXLSX(&masked, people, false); err != nil {
		t.Fatal(err)
	}
	mf, err := excelize.OpenReader(&masked)
	if err != nil {
		t.Fatal(err)
	}
	v, err := mf.GetCellValue("居民", "D2")
	if err != nil || v != "110105********002X" {
		t.Errorf("masked export ID = %q", v)
	}
}

func BenchmarkRoster10000(b *testing.B) {
	people := samplePeople(10000)
	m := Meta{Office: "海宁市硖石街道办事处", PrintedAt: printedAt}
	for b.Loop() {
		var buf bytes.Buffer
		if err := ResidentRoster(&buf, m, people); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPeopleXLSX100000(b *testing.B) {
	people := samplePeople(100000)
	for b.Loop() {
		var buf bytes.Buffer
		if err := PeopleXLSX(&buf, people, false); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	d := NewDoc(Meta{PrintedAt: printedAt})
	d.pdf.SetFont("wqy", "", 9.5)
	for _, s := range []string{"周一、周三、周日", "银立方老干部、党员、巾帼志愿者", "海宁市硖石街道灯彩巷 12 号 3 幢 201 室", "a\nb", ""} {
		lines := d.wrap(s, 28)
		if strings.Join(lines, "") != strings.ReplaceAll(s, "\n", "") {
			t.Errorf("wrap(%q) = %q lost characters", s, lines)
		}
		for _, l := range lines {
			if d.pdf.GetStringWidth(l) > 28 && len([]rune(l)) > 1 {
				t.Errorf("line %q too wide", l)
			}
		}
	}
}

func sampleDeliveries(n int) (data.SoupRound, []data.Delivery) {
	r := data.SoupRound{ID: 1, Month: "2026-12", Day: "2026-12-07", SolarTerm: "大雪", Soup: "当归生姜羊肉汤"}
	ds := make([]data.Delivery, n)
	for i := range ds {
		ds[i] = data.Delivery{ID: int64(i + 1), Recipient: fmt.Sprintf("老人%d号", i), Address: "海宁市硖石街道竦秀路 8 号 2 幢 301 室",
			Phone: fmt.Sprintf("1390000%04d", i), VolunteerID: int64(i / 3), Volunteer: fmt.Sprintf("志愿者%d", i/3)}
	}
	return r, ds
}

func TestSoupRosterListsEachRecipientOnce(t *testing.T) {
	r, ds := sampleDeliveries(40)
	var buf bytes.Buffer
	if err := SoupRoster(&buf, Meta{Office: "海宁市硖石街道办事处", PrintedAt: printedAt}, r, ds, 10); err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, buf.Bytes())
	flat := strings.ReplaceAll(text, " ", "")
	for _, d := range ds {
		if n := strings.Count(flat, d.Recipient+"海宁"); n != 1 {
			t.Errorf("%s appears %d times", d.Recipient, n)
		}
	}
	if !strings.Contains(flat, "13900000039") || !strings.Contains(flat, "志愿者13（1户）") || pages < 2 {
		t.Errorf("roster: pages %d; phone or volunteer group missing", pages)
	}
}

func BenchmarkCareLedger10000(b *testing.B) {
	rows := make([]data.CareLedgerRow, 10000)
	for i := range rows {
		rows[i] = data.CareLedgerRow{Day: "2026-11-07", Item: "一碗汤配送", Recipient: "王秀英", Content: "羊肉萝卜汤", Volunteer: "陈美华",
			Minutes: 30, Result: "送达（达标）", Recorder: "staff"}
	}
	m := Meta{Office: "海宁市硖石街道办事处", PrintedAt: printedAt}
	for b.Loop() {
		var buf bytes.Buffer
		if err := CareLedger(&buf, m, rows); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCertificates500(b *testing.B) {
	certs := make([]data.Certificate, 500)
	for i := range certs {
		certs[i] = data.Certificate{Number: fmt.Sprintf("ZF-2026-%04d", i+1), Name: "王秀英", IDNumber: "330481********1234", From: "2026-01-01",
			To: "2026-12-31", Minutes: 600 + i, Content: "一碗汤配送 12 次", VerifyCode: "1A2B3C4D", IssuedAt: "2026-12-31T10:00:00+08:00"}
	}
	m := Meta{Office: "海宁市硖石街道办事处", PrintedAt: printedAt}
	text := func(c data.Certificate) CertText {
		return CertText{Title: "志愿服务证明", Body: "兹证明 " + c.Name + " 参加志愿服务，累计 " + Hours(c.Minutes) + "。"}
	}
	for b.Loop() {
		var buf bytes.Buffer
		if err := Certificates(&buf, m, certs, text, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWrapKeepsNumbersRoomsAndNamesWhole: at every column width a line never breaks inside a run
// of digits with its address part (「30/1室」), a date, or a name in a list, when it fits a line.
func TestWrapKeepsNumbersRoomsAndNamesWhole(t *testing.T) {
	d := NewDoc(Meta{PrintedAt: printedAt})
	d.pdf.SetFont("wqy", "", 9.5)
	for _, c := range []struct {
		text  string
		whole []string
	}{
		{"灯彩巷30/1室", []string{"30/1室"}},
		{"硖石街道竦秀路 8 号 2 幢 301 室", []string{"8 号", "301 室"}},
		{"南关厢3-2-501室（东）", []string{"3-2-501室", "（东）"}},
		{"周晓燕、王明、李秀英", []string{"周晓燕", "李秀英"}},
		{"2026-11-28 送达", []string{"2026-11-28"}},
		{"送达（达标，用时 8 分钟）", []string{"8 分"}},
		{"学号ABC123456", []string{"ABC123456"}},
	} {
		for w := 8.0; w <= 40; w++ {
			lines := d.wrap(c.text, w)
			if strings.Join(lines, "") != c.text {
				t.Fatalf("wrap(%q, %v) = %q lost characters", c.text, w, lines)
			}
			for _, word := range c.whole {
				if d.pdf.GetStringWidth(word) > w-1 {
					continue // wider than the line: it must be cut
				}
				if !strings.Contains(strings.Join(lines, "\n"), word) && !strings.Contains(strings.Join(lines, "\n"), strings.ReplaceAll(word, " ", " \n")) {
					t.Errorf("wrap(%q, %vmm) = %q breaks %q", c.text, w, lines, word)
				}
			}
		}
	}
}

func TestJoinDotsLeavesOutEmptyParts(t *testing.T) {
	if got := JoinDots("公益书法班", " ", "2026-11-21 09:30", ""); got != "公益书法班 · 2026-11-21 09:30" {
		t.Fatalf("JoinDots = %q", got)
	}
}
