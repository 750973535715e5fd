package documents

import (
	"context"
	"errors"
	"strings"
	"testing"

	"linli/data"
)

// concernRows: 李阿婆 (a resident) raised a concern in November that a tea meeting on the 12th
// decided and the community resolved on the 18th; an anonymous one waits for verification.
func (o *office) concernRows() {
	o.t.Helper()
	pid := o.resident("王秀英", 72, 51)
	c, err := o.s.CreateConcern(o.ctx, data.Concern{Text: "公共厕所地面太滑", CommunityID: o.cid, Place: "南关厢街公厕", Category: "安全隐患",
		PersonID: pid, Channel: "茶室", RaisedOn: "2026-11-03"})
	if err != nil {
		o.t.Fatal(err)
	}
	for _, m := range []data.Move{{To: data.StateVerified}, {To: data.StateAgenda}} {
		if err := o.s.MoveConcern(o.ctx, c.ID, m); err != nil {
			o.t.Fatal(err)
		}
	}
	if _, err := o.s.SaveMeeting(o.ctx, data.TeaMeeting{Day: "2026-11-12", Host: "李书记", Topic: "街区公厕", Minutes: "大家商量铺防滑垫。",
		Items:     []data.MeetingItem{{ConcernID: c.ID, Decision: "铺防滑垫", OwnerUnit: "环卫所", DueOn: "2026-11-19"}},
		Attendees: []data.Attendee{{Kind: data.AttendeeResident, PersonID: pid}, {Kind: data.AttendeeGuest, Name: "赵所长", Unit: "环卫所"}}}); err != nil {
		o.t.Fatal(err)
	}
	for _, m := range []data.Move{{To: data.StateInHand}, {To: data.StateResolved, Note: "已铺防滑垫"}} {
		if err := o.s.MoveConcern(o.ctx, c.ID, m); err != nil {
			o.t.Fatal(err)
		}
	}
	if _, err := o.s.CreateConcern(o.ctx, data.Concern{Text: "电动车乱停", CommunityID: o.cid, Category: "交通停车", Channel: "电话", RaisedOn: "2026-11-15"}); err != nil {
		o.t.Fatal(err)
	}
}

// concernCases are the 民情议事 documents' cases for TestEveryDocumentRendersFromASmallStore.
func concernCases() map[*Doc]struct {
	v    Values
	want []string
} {
	return map[*Doc]struct {
		v    Values
		want []string
	}{
		&ConcernLedger:  {Values{"from": "2026-11-01", "to": "2026-11-30"}, []string{"民情台账", "MQ-2026-0001", "王秀英", "已办结", "登记人"}},
		&MeetingSignIn:  {Values{"date": "2026-11-12"}, []string{"签到表", "王秀英", "环卫所"}},
		&MeetingMinutes: {Values{"date": "2026-11-12"}, []string{"会议纪要", "草稿", "铺防滑垫", "2026-11-19"}},
		&ConcernNotice:  {Values{"month": "2026-11"}, []string{"民情办理公示", "王**", "已铺防滑垫"}},
		&ConcernsXLSX:   {Values{"state": "已办结"}, []string{"MQ-2026-0001", "王秀英"}},
	}
}

func TestConcernNoticeShowsNoFullName(t *testing.T) {
	o := newOffice(t)
	o.concernRows()
	text := pdfText(t, o.run(&ConcernNotice, Values{"month": "2026-11"}))
	if strings.Contains(text, "王秀英") || strings.Contains(text, "1380000") {
		t.Fatalf("poster shows a name or phone:\n%s", text)
	}
}

func TestConcernExportMasksReporterForViewer(t *testing.T) {
	o := newOffice(t)
	o.concernRows()
	viewer := data.WithActor(context.Background(), &data.Actor{Username: "viewer", Role: data.RoleViewer})
	var buf strings.Builder
	w := &bytesWriter{&buf}
	if err := ConcernsXLSX.Run(viewer, o.s, Values{}, w); err != nil {
		t.Fatal(err)
	}
	text := xlsxText(t, []byte(buf.String()))
	if strings.Contains(text, "王秀英") || !strings.Contains(text, "王**") {
		t.Fatalf("viewer's export:\n%s", text)
	}
}

type bytesWriter struct{ b *strings.Builder }

func (w *bytesWriter) Write(p []byte) (int, error) { return w.b.Write(p) }

func TestConcernLedgerNeedsMonthOrPeriod(t *testing.T) {
	for _, v := range []Values{{}, {"from": "2026-11-01"}, {"month": "2026-11", "from": "2026-11-01"}, {"from": "2026-11-30", "to": "2026-11-01"}} {
		if err := ConcernLedger.Validate(v); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%v: got %v", v, err)
		}
	}
}

// The export takes the list's 未办结 filter: only concerns still open are written.
func TestConcernExportOfOpenConcernsOnly(t *testing.T) {
	o := newOffice(t)
	o.concernRows()
	export := func(t *testing.T, v Values) string {
		t.Helper()
		var buf strings.Builder
		if err := ConcernsXLSX.Run(o.ctx, o.s, v, &bytesWriter{&buf}); err != nil {
			t.Fatal(err)
		}
		return xlsxText(t, []byte(buf.String()))
	}
	t.Run("open only", func(t *testing.T) {
		text := export(t, Values{"open": "true"})
		if strings.Contains(text, "公共厕所地面太滑") || !strings.Contains(text, "电动车乱停") {
			t.Fatalf("open concerns only, got:\n%s", text)
		}
	})
	t.Run("all", func(t *testing.T) {
		text := export(t, Values{})
		if !strings.Contains(text, "公共厕所地面太滑") || !strings.Contains(text, "电动车乱停") {
			t.Fatalf("every concern, got:\n%s", text)
		}
	})
	t.Run("a resolved state with open only is refused", func(t *testing.T) {
		if err := ConcernsXLSX.Validate(Values{"open": "true", "state": "已办结"}); !errors.Is(err, data.ErrInvalid) {
			t.Fatalf("got %v", err)
		}
	})
}
