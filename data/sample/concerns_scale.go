package sample

import (
	"context"
	"fmt"
	"time"

	"linli/data"
)

// AddConcerns adds n generated 民情 over the year before the store's today, for scale tests:
// each recorded through CreateConcern, most moved on (核实, 办理中, 已办结) through MoveConcern,
// with the bulk handle's clock at the day each step happened. Signed in, it acts as that user; on
// a sample database without a sign-in, as the sample's 管理员.
func AddConcerns(ctx context.Context, s *data.Store, n int) error {
	if n <= 0 || n > 100_000 {
		return &data.Error{Code: data.CodeInvalid, Message: "民情件数应在 1 到 100000 之间"}
	}
	ctx, err := actor(ctx, s)
	if err != nil {
		return err
	}
	comms, err := communities(ctx, s)
	if err != nil {
		return err
	}
	w, err := s.BulkHandle(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	today := s.Now()
	var clock time.Time
	w.SetClock(func() time.Time { return clock })
	start := midnight(today).AddDate(-1, 0, 1)
	for i := 0; i < n; i++ {
		raised := start.Add(time.Duration(i) * (365 * 24 * time.Hour / time.Duration(n))).Add(9 * time.Hour)
		if raised.After(today) {
			raised = today
		}
		seed := concernSeeds[i%len(concernSeeds)]
		cm := comms[i%len(comms)]
		clock = raised
		c, err := w.CreateConcern(ctx, data.Concern{Text: seed.text, CommunityID: cm.id, GridID: cm.grids[i%len(cm.grids)],
			Place: seed.place, Category: seed.category, Channel: data.ConcernChannels[i%len(data.ConcernChannels)], RaisedOn: day(raised)})
		if err != nil {
			return fmt.Errorf("民情 %d：%w", i+1, err)
		}
		steps := []data.Move{{To: data.StateVerified}, {To: data.StateInHand, OwnerUnit: seed.unit, PromisedOn: day(raised.AddDate(0, 0, 10))},
			{To: data.StateResolved, Note: seed.resolution}}
		for k, m := range steps[:i%4] {
			if clock = raised.AddDate(0, 0, 1+3*k); clock.After(today) {
				break
			}
			if err := w.MoveConcern(ctx, c.ID, m); err != nil {
				return err
			}
		}
	}
	// The last write goes through s, whose commit flushes the bulk handle's writes to disk.
	return s.Record(ctx, data.ActCreate, "民情", 0, fmt.Sprintf("添加合成民情 %d 件", n))
}
