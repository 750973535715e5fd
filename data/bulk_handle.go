package data

import (
	"context"
	"database/sql"
	"strings"
)

// BulkHandle opens a second handle on the store's database for one caller's long run of small
// writes (the sample community): every write still goes through the same validated, authorized
// and audited methods, each in its own transaction, but commits are not flushed to disk one by
// one (synchronous=NORMAL; in WAL mode that never corrupts the database, it only may lose the
// newest commits on a power cut). The handle has its own clock, so the caller may set it without
// racing the store's other users. The caller's next write through s flushes everything, and must
// Close the handle.
func (s *Store) BulkHandle(ctx context.Context) (*Store, error) {
	if s.IsServer() { // a server flushes as it does: the handle is just other connections with their own clock
		h, err := openServer(ctx, s.url)
		if err != nil {
			return nil, err
		}
		h.now = s.now
		return h, nil
	}
	dsn := strings.Replace(DSN(s.path), "synchronous(FULL)", "synchronous(NORMAL)", 1)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, internal(err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, mapErr(err, "数据库")
	}
	return &Store{db: db, path: s.path, now: s.now}, nil
}
