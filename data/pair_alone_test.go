package data

import (
	"errors"
	"strings"
	"testing"
)

func TestChildVolunteerIsNeverLeftAloneWithAnElder(t *testing.T) {
	f := newCareFixture(t)
	s, ctx := f.s, f.ctx
	kid := mustVolunteer(t, s, ctx, mustPerson(t, s, ctx, f.c, "小志愿者", Male, 16))
	if _, err := s.Pair(ctx, kid.ID, f.recipients[0], "2026-11-01", ""); err != nil { // beside 陈美华
		t.Fatal(err)
	}
	adult := activePairingOf(t, s, f, f.vols[0].ID, f.recipients[0])
	t.Run("ending the adult's pairing is refused", func(t *testing.T) {
		err := s.EndPairing(ctx, adult, "2026-11-20")
		if !errors.Is(err, ErrRefused) || !strings.Contains(Message(err), "小志愿者") || !strings.Contains(Message(err), "未满 18 周岁") {
			t.Fatalf("ending the adult's pairing left the child alone: %v", err)
		}
		if activePairingOf(t, s, f, f.vols[0].ID, f.recipients[0]) == 0 {
			t.Fatal("the adult's pairing ended anyway")
		}
	})
	t.Run("check reports a child paired alone", func(t *testing.T) {
		if _, err := s.DB().Exec("UPDATE pairing SET to_day = '2026-11-20' WHERE id = ?", adult); err != nil {
			t.Fatal(err)
		}
		problems, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) != 1 || !strings.Contains(problems[0], "王秀英") || !strings.Contains(problems[0], "小志愿者") {
			t.Fatalf("check: %v", problems)
		}
	})
	t.Run("a 17-year-old is refused by the rule's name", func(t *testing.T) {
		teen := mustVolunteer(t, s, ctx, mustPerson(t, s, ctx, f.c, "高中生", Female, 17), "学生")
		alone := mustRecipient(t, s, ctx, mustPerson(t, s, ctx, f.c, "孙阿婆", Female, 85, "独居"))
		_, err := s.Pair(ctx, teen.ID, alone, "2026-11-01", "")
		if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), "未满 18 周岁") || strings.Contains(Message(err), "小小志愿者") {
			t.Fatalf("refusal of a 17-year-old 学生: %v", err)
		}
	})
}

// activePairingOf is the id of the active pairing of a volunteer and a recipient (0: none).
func activePairingOf(t *testing.T, s *Store, f careFixture, volunteer, recipient int64) int64 {
	t.Helper()
	ps, err := s.Pairings(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.VolunteerID == volunteer && p.RecipientID == recipient && p.To == "" {
			return p.ID
		}
	}
	return 0
}
