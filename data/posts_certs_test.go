package data

import (
	"errors"
	"testing"
)

func TestPostsCertificatesAreNumberedInTheSharedRegister(t *testing.T) {
	t.Parallel()
	f := mustPosts(t)
	post := f.post(t, PostVolunteer, 12, 2)
	id := f.apply(t, f.student(t, "吴桐", "2012-02-02"), post.ID)
	if _, err := f.s.ConfirmMatching(f.staff, 2026, "2026-06-30", 3); err != nil {
		t.Fatal(err)
	}
	if err := f.s.StartPlacement(f.staff, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddTimesheet(f.staff, Timesheet{ApplicationID: id, Day: "2026-07-08", Start: "09:00", End: "11:30", SignedBy: "陈立"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CompleteApplication(f.staff, id, "优秀", "认真负责，礼貌待客"); err != nil {
		t.Fatal(err)
	}
	certs, err := f.s.IssuePracticeCertificates(f.staff, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(certs) != 1 || certs[0].Number != "SJ-2026-0001" || certs[0].Minutes != 150 {
		t.Fatalf("certificates %+v", certs)
	}
	t.Run("a second issue finds nobody waiting", func(t *testing.T) {
		if _, err := f.s.IssuePracticeCertificates(f.staff, 2026, nil); !errors.Is(err, ErrConflict) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("revoked, the next one takes a new number", func(t *testing.T) {
		if err := f.s.RevokeCertificate(f.staff, certs[0].ID, "评价有误"); err != nil {
			t.Fatal(err)
		}
		again, err := f.s.IssuePracticeCertificates(f.staff, 2026, []int64{id})
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != 1 || again[0].Number != "SJ-2026-0002" {
			t.Fatalf("reissued %+v", again)
		}
	})
	t.Run("the shop's certificate names the shop", func(t *testing.T) {
		c, err := f.s.IssueShopCertificate(f.staff, f.shop, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if c.Number != "AX-2026-0001" {
			t.Fatalf("number %s", c.Number)
		}
		if _, err := f.s.IssueShopCertificate(f.staff, f.shop, 2026); !errors.Is(err, ErrConflict) {
			t.Fatalf("second shop certificate: %v", err)
		}
		list, err := f.s.Certificates(f.staff, CertShop)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Name != "赞山烘焙坊" || list[0].ShopID != f.shop {
			t.Fatalf("register %+v", list)
		}
	})
}
