package reports

import (
	"testing"

	"linli/data"
)

func TestLedgerHistoryIsTheDaysTwoToALine(t *testing.T) {
	hs := []data.StateChange{{To: data.StateRecorded, At: "2026-11-20T09:00:00+08:00"}, {To: data.StateVerified, At: "2026-11-21"},
		{To: data.StateInHand, At: "2026-11-24"}, {To: data.StateResolved, At: "2026-12-01"}}
	if got, want := historyText(hs), "登记11-20 核实11-21\n办理11-24 办结12-01"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, st := range data.ConcernStates {
		if len([]rune(shortState[st])) != 2 {
			t.Errorf("state %s has no two-character short form", st)
		}
	}
}
