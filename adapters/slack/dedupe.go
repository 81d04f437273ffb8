package slack

import (
	"sync"
	"time"
)

// dedupe remembers ids for a while, so that Slack's retries of an event
// (same event_id, X-Slack-Retry-Num set) are answered once.
//
// It lives in the process: with several `claimbot serve` replicas behind
// one URL a retry that reaches another replica is answered again. Slack
// retries only when the first delivery was not acknowledged within 3 s,
// which the adapter avoids by acknowledging before it works.
type dedupe struct {
	mu   sync.Mutex
	ttl  time.Duration
	max  int
	now  func() time.Time
	seen map[string]time.Time
}

func newDedupe(ttl time.Duration, max int, now func() time.Time) *dedupe {
	return &dedupe{ttl: ttl, max: max, now: now, seen: map[string]time.Time{}}
}

// first reports whether id is seen for the first time within the TTL, and
// records it. Safe for concurrent use.
func (d *dedupe) first(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if t, ok := d.seen[id]; ok && now.Sub(t) < d.ttl {
		return false
	}
	if len(d.seen) >= d.max {
		d.expire(now)
	}
	if len(d.seen) >= d.max { // all live: forget the oldest
		var oldID string
		var old time.Time
		for k, t := range d.seen {
			if oldID == "" || t.Before(old) {
				oldID, old = k, t
			}
		}
		delete(d.seen, oldID)
	}
	d.seen[id] = now
	return true
}

func (d *dedupe) expire(now time.Time) {
	for k, t := range d.seen {
		if now.Sub(t) >= d.ttl {
			delete(d.seen, k)
		}
	}
}
