package data

import "context"

// LedgerConcern is a concern with its state history, as the 民情台账 prints it.
type LedgerConcern struct {
	Concern
	History []StateChange
}

// ConcernLedger lists the concerns raised from from to to (YYYY-MM-DD, inclusive), oldest first,
// each with its changes of state (the day and the state of each).
func (s *Store) ConcernLedger(ctx context.Context, from, to string) ([]LedgerConcern, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	cs, err := findConcerns(ctx, s.db, ConcernFilter{From: from, To: to})
	if err != nil {
		return nil, mapErr(err, "民情")
	}
	// The ledger prints the day of each change of state (who, the notes, plan changes and 回访
	// are in the concern's own history; the outcome column has the 回访).
	hist, err := queryAll(ctx, s.db, func(sc rowScanner) (StateChange, error) {
		var h StateChange
		err := sc.Scan(&h.ConcernID, &h.To, &h.At)
		return h, err
	}, `SELECT h.concern_id, h.to_state, substr(h.at, 1, 10) FROM concern_state h
		JOIN concern c ON c.id = h.concern_id WHERE c.raised_on >= ? AND c.raised_on <= ? AND h.to_state <> h.from_state
		ORDER BY h.concern_id, h.id`, from, to)
	if err != nil {
		return nil, mapErr(err, "民情状态")
	}
	byID := map[int64][]StateChange{}
	for _, h := range hist {
		byID[h.ConcernID] = append(byID[h.ConcernID], h)
	}
	out := make([]LedgerConcern, len(cs))
	for i := range cs {
		c := cs[len(cs)-1-i] // oldest first
		out[i] = LedgerConcern{Concern: c, History: byID[c.ID]}
	}
	return out, nil
}

// CanReveal reports whether the signed-in role sees reporters' names in full (只读 does not).
func CanReveal(ctx context.Context) bool {
	a := ActorFrom(ctx)
	return a == nil || a.Role.Can(PermReveal)
}
