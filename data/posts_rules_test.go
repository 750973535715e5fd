package data

import (
	"errors"
	"strings"
	"testing"
)

func TestCreditCodeCheckCharacter(t *testing.T) {
	// Codes built from their first 17 characters with the check character GB 32100 gives.
	for _, first := range []string{"91330481MA2B3C4D5", "12330400470123456", "92330481L12345678", "31330000MD0123456"} {
		c, err := CreditCheckChar(first)
		if err != nil {
			t.Fatal(err)
		}
		code := first + string(c)
		t.Run(code, func(t *testing.T) {
			if err := CheckCreditCode(code); err != nil {
				t.Errorf("valid code refused: %v", err)
			}
			wrong := []byte(code)
			wrong[17] = creditChars[(strings.IndexByte(creditChars, c)+1)%31]
			if err := CheckCreditCode(string(wrong)); err == nil || !strings.Contains(err.Error(), "校验码") {
				t.Errorf("wrong check character accepted: %v", err)
			}
		})
	}
	for _, tc := range []struct{ code, want string }{
		{"91350100M000100Y43", ""}, // a published code
		{"9135010", "18 位"},
		{"91350100I000100Y43", "第 9 位"},
		{"91350100M000100Y4O", "校验码"},
	} {
		t.Run("literal "+tc.code, func(t *testing.T) {
			err := CheckCreditCode(tc.code)
			if tc.want == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestShopValidateNamesTheCreditCodeField(t *testing.T) {
	sh := Shop{Name: "惠民便利店", Address: "赞山路 1 号", ContactName: "陈老板", CreditCode: "91350100m000100y44"}
	sh.Normalize()
	var e *Error
	if err := sh.Validate(); !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "统一社会信用代码" {
		t.Fatalf("got %v", err)
	}
}

func lawfulPost(kind PostKind, minAge int) Post {
	p := Post{ShopID: 1, Season: 2026, Title: "理货员", Kind: kind, Work: "整理货架", MinAge: minAge, Places: 2, From: "2026-07-06",
		To: "2026-08-14", Weekdays: 0x1f, DayMinutes: 8 * 60, Start: "09:00", End: "17:30", Supervisor: "陈立"}
	if kind == PostPaid {
		p.PayPerHour = 2000
	}
	return p
}

var consent = Consent{Day: "2026-06-20", By: "母亲 王丽", How: "书面签字"}

func TestLawfulPlacementAtTheAgeBoundaries(t *testing.T) {
	paid, practice := lawfulPost(PostPaid, 16), lawfulPost(PostPractice, 10)
	for _, tc := range []struct {
		name    string
		post    Post
		check   PlacementCheck
		refuses string
	}{
		{"paid at 15 (15y364d)", paid, PlacementCheck{Age: 15, Consent: consent}, "劳动法第十五条"},
		{"paid at 16 with consent", paid, PlacementCheck{Age: 16, Consent: consent}, ""},
		{"paid at 16 without consent", paid, PlacementCheck{Age: 16}, "监护人同意"},
		{"paid at 17 (17y364d) without consent", paid, PlacementCheck{Age: 17}, "监护人同意"},
		{"paid at 18 without consent", paid, PlacementCheck{Age: 18}, ""},
		{"practice at 13 with guardian and consent", practice, PlacementCheck{Age: 13, Consent: consent, GuardianPresent: true}, ""},
		{"practice at 13 without guardian present", practice, PlacementCheck{Age: 13, Consent: consent}, "监护人在场"},
		{"practice at 14 without guardian present", practice, PlacementCheck{Age: 14, Consent: consent}, ""},
		{"practice at 13 without consent", practice, PlacementCheck{Age: 13, GuardianPresent: true}, "监护人同意"},
		{"under the post's minimum age", practice, PlacementCheck{Age: 9, Consent: consent, GuardianPresent: true}, "最低年龄"},
		{"unknown birth date", practice, PlacementCheck{Age: -1}, "出生日期"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := LawfulPlacement(tc.post, tc.check)
			if tc.refuses == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.refuses != "" && (err == nil || !strings.Contains(Message(err), tc.refuses)) {
				t.Fatalf("got %v, want a refusal naming %q", err, tc.refuses)
			}
		})
	}
}

func TestAgeOnCountsTheBirthday(t *testing.T) {
	p := Person{BirthDate: "2010-07-06"}
	for day, want := range map[string]int{"2026-07-05": 15, "2026-07-06": 16, "2028-07-05": 17, "2028-07-06": 18} {
		if got := AgeOn(p, day); got != want {
			t.Errorf("age on %s = %d, want %d", day, got, want)
		}
	}
}

func TestLawfulPostForMinors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(*Post)
		refuses string
	}{
		{"paid post open to 15", func(p *Post) { p.MinAge = 15 }, "劳动法第十五条"},
		{"ends at 20:00", func(p *Post) { p.Start, p.End, p.DayMinutes = "12:00", "20:00", 8*60 }, ""},
		{"ends at 20:01", func(p *Post) { p.Start, p.End, p.DayMinutes = "12:01", "20:01", 8*60 }, "20:00"},
		{"starts at 05:59", func(p *Post) { p.Start, p.End, p.DayMinutes = "05:59", "12:00", 6*60 }, "06:00"},
		{"8 h a day", func(p *Post) { p.DayMinutes = 8 * 60 }, ""},
		{"8 h 1 min a day", func(p *Post) { p.DayMinutes = 8*60 + 1 }, "8 小时"},
		{"40 h a week", func(p *Post) { p.Weekdays = 0x1f }, ""},
		{"48 h a week", func(p *Post) { p.Weekdays = 0x3f }, "40 小时"},
		{"adults only may work 6 days", func(p *Post) { p.MinAge, p.Weekdays = 18, 0x3f }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := lawfulPost(PostPaid, 16)
			tc.edit(&p)
			err := p.Validate()
			if tc.refuses == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.refuses != "" && (err == nil || !strings.Contains(Message(err), tc.refuses)) {
				t.Fatalf("got %v, want a refusal naming %q", err, tc.refuses)
			}
		})
	}
}
