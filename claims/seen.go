package claims

import (
	"context"
	"time"
)

// RequestLog remembers the requests already handled (Slack event ids,
// signed request signatures, Discord interaction ids), so that a retry or
// a replay is acted on once however many processes share the database,
// and across restarts. Methods are safe for concurrent use by several
// processes.
type RequestLog interface {
	// FirstSeen records key until now+ttl and reports whether it is new:
	// false when key was recorded before and has not expired. Of several
	// concurrent calls with one key, exactly one gets true.
	FirstSeen(ctx context.Context, key string, now time.Time, ttl time.Duration) (bool, error)
	// PruneSeen deletes the keys that expired at or before now, and
	// returns how many.
	PruneSeen(ctx context.Context, now time.Time) (int64, error)
}
