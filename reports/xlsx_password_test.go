package reports

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"linli/data"
)

func peopleRows(t *testing.T, b []byte, opts ...excelize.Options) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("居民")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestPasswordProtectedExport(t *testing.T) {
	people := samplePeople(12)
	var plain, sealed bytes.Buffer
	if err := PeopleXLSX(&plain, people, false); err != nil {
		t.Fatal(err)
	}
	if err := PeopleXLSX(WithPassword(&sealed, "街道专用 2026"), people, false); err != nil {
		t.Fatal(err)
	}
	t.Run("opens with the password and has the plain export's rows", func(t *testing.T) {
		want := peopleRows(t, plain.Bytes())
		got := peopleRows(t, sealed.Bytes(), excelize.Options{Password: "街道专用 2026"})
		if len(got) != 13 || !reflect.DeepEqual(got, want) {
			t.Fatalf("%d rows, want the plain export's %d", len(got), len(want))
		}
	})
	t.Run("does not open without the password or with another", func(t *testing.T) {
		for _, opts := range [][]excelize.Options{nil, {{Password: "别的密码"}}} {
			if f, err := excelize.OpenReader(bytes.NewReader(sealed.Bytes()), opts...); err == nil {
				f.Close()
				t.Errorf("opened with %v", opts)
			}
		}
	})
	t.Run("holds no resident's name in its bytes", func(t *testing.T) {
		if bytes.Contains(sealed.Bytes(), []byte(people[0].Name)) || bytes.Contains(sealed.Bytes(), []byte("PK\x03\x04")) {
			t.Fatal("the protected workbook is readable without the password")
		}
	})
	t.Run("an empty password writes the plain workbook", func(t *testing.T) {
		var b bytes.Buffer
		if w := WithPassword(&b, ""); w != &b {
			t.Fatal("an empty password wrapped the writer")
		}
	})
}

func TestAuditExportShowsCarriedEntries(t *testing.T) {
	lines := []data.AuditLine{
		{Entry: data.AuditEntry{ID: 1, At: "2026-11-27T10:00:00+08:00", Username: "boss", Action: "新增", Hash: "h1"}, At: "2026-11-27 10:00:00", User: "王主任"},
		{Entry: data.AuditEntry{ID: 2, At: "2026-11-27T10:05:00+08:00", Username: "boss", Action: "修改", Hash: "h2", OrigID: 7, OrigPrevHash: "o6", OrigHash: "o7"},
			At: "2026-11-27 10:05:00", User: "王主任"},
	}
	var buf bytes.Buffer
	if err := AuditXLSX(&buf, lines); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("审计记录")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[1]) > 11 && rows[1][11] != "" || rows[2][11] != "7" || rows[2][12] != "o7" {
		t.Fatalf("rows %v", rows)
	}
	if rows[1][1] != "2026-11-27 10:00:00" || rows[1][2] != "王主任" || rows[1][9] != "2026-11-27T10:00:00+08:00" {
		t.Fatalf("local time and name first, the stored fields for checking after: %v", rows[1])
	}
}
