package data

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Live refresh on a server: every write transaction sends a NOTIFY on changesChannel as it
// commits, and each desk LISTENs on one dedicated connection of its own. Changes delivers a
// signal per burst of commits by any desk; after the listening connection was lost and is back
// (it reconnects by itself), one more signal asks for a full refresh, since changes may have been
// missed meanwhile. On SQLite, Changes is nil: the window polls DataVersion.

const changesChannel = "linli_changes"

// Changes is the server's change signal (nil for a file). The first call connects and LISTENs
// before it returns, so a change committed after it is always signalled.
func (s *Store) Changes() <-chan struct{} {
	if !s.IsServer() {
		return nil
	}
	s.listenOnce.Do(func() {
		s.changes = make(chan struct{}, 1)
		ctx, cancel := context.WithCancel(context.Background())
		s.stopListen = cancel
		conn, _ := s.listen(ctx) // a failure now is retried by the loop
		go s.listenLoop(ctx, conn)
	})
	return s.changes
}

// listen opens the dedicated connection and LISTENs.
func (s *Store) listen(ctx context.Context) (*pgx.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, s.url)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(cctx, "LISTEN "+changesChannel); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

func (s *Store) signal() {
	select {
	case s.changes <- struct{}{}:
	default: // a signal is already pending
	}
}

func (s *Store) listenLoop(ctx context.Context, conn *pgx.Conn) {
	wait := time.Second
	for ctx.Err() == nil {
		if conn == nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			var err error
			if conn, err = s.listen(ctx); err != nil {
				wait = min(2*wait, 5*time.Second)
				continue
			}
			wait = time.Second
			s.signal() // back: refresh everything, changes may have been missed
		}
		if _, err := conn.WaitForNotification(ctx); err != nil {
			conn.Close(context.Background())
			conn = nil
			continue
		}
		s.signal()
	}
	if conn != nil {
		conn.Close(context.Background())
	}
}
