package documents

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"linli/data"
)

// householdRows puts 李阿婆 (from careRows) at the head of a 低保户 and returns its number.
func (o *office) householdRows() string {
	o.t.Helper()
	ps, err := o.s.People(o.ctx, data.PeopleFilter{Query: "李阿婆"})
	if err != nil || len(ps) != 1 {
		o.t.Fatalf("李阿婆: %v %v", ps, err)
	}
	hh := o.must(o.s.SaveHousehold(o.ctx, data.Household{CommunityID: o.cid, Address: "城东路1号", Room: "101", HeadID: ps[0].ID, Since: "2020-01-01"}))
	o.must(o.s.AddHouseholdAttribute(o.ctx, data.HouseholdAttribute{HouseholdID: hh, Kind: "低保户", From: "2024-01-01", Note: "民政审批"}))
	h, err := o.s.Household(o.ctx, hh)
	if err != nil {
		o.t.Fatal(err)
	}
	return h.Number
}

func TestResidentFileIsMaskedAndAuditedAsAPersonalPrint(t *testing.T) {
	o := newOffice(t)
	o.careRows()
	o.householdRows()
	text := pdfText(t, o.run(&ResidentFileDoc, Values{"person": "李阿婆"}))
	t.Run("identity, household and care on the page", func(t *testing.T) {
		mustContain(t, text, "居民一人一档", "李阿婆", "低保户", "萝卜排骨汤", "张志愿")
	})
	t.Run("the ID number is masked on paper", func(t *testing.T) {
		if strings.Contains(text, data.MakeID("330481", birth(86), 20)) {
			t.Fatal("full ID number printed")
		}
	})
	t.Run("the print is audited against the person", func(t *testing.T) {
		es, err := o.s.ListAudit(o.ctx, data.AuditFilter{Action: data.ActPrint})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range es {
			found = found || (e.Entity == "居民" && strings.Contains(e.Summary, "一人一档") && strings.Contains(e.Summary, "已脱敏"))
		}
		if !found {
			t.Fatalf("no personal print in the audit: %+v", es)
		}
	})
	t.Run("只读 may not print it", func(t *testing.T) {
		id := o.must(o.s.CreateUser(o.ctx, "viewer", "viewer", data.RoleViewer, "correct horse 3"))
		viewer := data.WithActor(context.Background(), &data.Actor{UserID: id, Username: "viewer", Role: data.RoleViewer})
		if err := ResidentFileDoc.Run(viewer, o.s, Values{"person": "李阿婆"}, &bytes.Buffer{}); !errors.Is(err, data.ErrForbidden) {
			t.Fatalf("viewer: %v", err)
		}
	})
	t.Run("an unknown name is not found", func(t *testing.T) {
		if err := ResidentFileDoc.Run(o.ctx, o.s, Values{"person": "无此人"}, &bytes.Buffer{}); !errors.Is(err, data.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})
}
