package sample_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"linli/data"
	"linli/documents"
	"linli/reports"
)

// TestServiceRecordsMatchCertificates exports the sample's service records for the year and finds,
// for every volunteer, the minutes and hours their 志愿服务证明 for the same period states.
func TestServiceRecordsMatchCertificates(t *testing.T) {
	t.Parallel()
	s := mustSample(t)
	admin := as(t, s, "admin")
	from, to := "2026-01-01", "2026-11-27"
	var known data.Volunteer // one who served, with a 统一编号 on file
	for _, v := range volunteers(t, s, admin) {
		if v.Minutes > 0 && known.ID == 0 {
			known = v
		}
	}
	known.UnifiedNumber = "ZJ3304000001"
	if _, err := s.SaveVolunteer(admin, known); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := documents.ServiceRecordsXLSX.Run(admin, s, documents.Values{"from": from, "to": to}, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	minutes, hours := map[string]int{}, map[string]float64{}
	sources := map[string]bool{}
	for _, r := range rows[1:] {
		n := r[col["志愿者编号（本单位）"]]
		m, err := strconv.Atoi(r[col["服务时长（分钟）"]])
		if err != nil {
			t.Fatal(err)
		}
		h, err := strconv.ParseFloat(r[col["服务时长（小时）"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		if u := r[col["志愿者统一编号"]]; (n == known.Number) != (u == "ZJ3304000001") {
			t.Fatalf("统一编号 %q on %s's row", u, n)
		}
		minutes[n] += m
		hours[n] += h
		sources[r[col["记录来源"]]] = true
		if id := r[col["证件号码"]]; len(id) != 18 || strings.Contains(id, "*") || r[col["证件类型"]] != "居民身份证" {
			t.Fatalf("ID not in full: %q", r)
		}
		if r[col["来源编号"]] == "" || r[col["服务项目名称"]] == "" || r[col["服务开始时间"]] == "" {
			t.Fatalf("row not traced to its source: %q", r)
		}
	}
	for _, src := range []string{data.SourceDelivery, data.SourceService, data.SourceSession} {
		if !sources[src] {
			t.Errorf("no %s records exported", src)
		}
	}
	totals, err := s.VolunteerTotals(admin, 0, from, to) // what printVolunteerCerts certifies
	if err != nil {
		t.Fatal(err)
	}
	if len(totals) != len(minutes) {
		t.Fatalf("%d volunteers with certificates, %d in the export", len(totals), len(minutes))
	}
	if minutes[known.Number] == 0 {
		t.Fatalf("%s has no rows", known.Number)
	}
	for _, v := range totals {
		if minutes[v.Number] != v.Minutes || reports.Hours(minutes[v.Number]) != reports.Hours(v.Minutes) {
			t.Errorf("%s %s: export %d minutes, certificate %d (%s)", v.Number, v.Name, minutes[v.Number], v.Minutes, reports.Hours(v.Minutes))
		}
		if d := hours[v.Number] - float64(v.Minutes)/60; d > 0.01*float64(len(rows)) || d < -0.01*float64(len(rows)) {
			t.Errorf("%s: hours column adds to %.2f for %d minutes", v.Number, hours[v.Number], v.Minutes)
		}
	}
	t.Run("管理员 only", func(t *testing.T) {
		err := documents.ServiceRecordsXLSX.Run(as(t, s, "staff"), s, documents.Values{"from": from, "to": to}, &bytes.Buffer{})
		if !errors.Is(err, data.ErrForbidden) {
			t.Fatalf("社工 exported the unmasked records: %v", err)
		}
	})
	t.Run("audited", func(t *testing.T) {
		es, err := s.ListAudit(admin, data.AuditFilter{Entity: "志愿服务记录"})
		if err != nil || len(es) != 1 || !strings.Contains(es[0].Summary, "证件号未脱敏") {
			t.Fatalf("audit %+v %v", es, err)
		}
	})
}
