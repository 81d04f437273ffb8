package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// Dedupe tells a request seen for the first time from a retry or a
// replay (Slack's event retries, a signed request sent again, a Discord
// interaction delivered to several replicas). With a claims.RequestLog
// (the store) it is shared by every process on the database and survives
// restarts; without one it remembers in process memory (at most 10,000
// keys, each for at most memoryTTL). Safe for concurrent use.
type Dedupe struct {
	store claims.RequestLog
	log   *slog.Logger
	now   func() time.Time
	mem   *memDedupe
}

// memoryTTL is how long the in-process fallback remembers a key.
const memoryTTL = time.Hour

// NewDedupe returns a Dedupe over store (nil: in memory only), logging
// store failures to log, with clock now (nil: time.Now).
func NewDedupe(store claims.RequestLog, log *slog.Logger, now func() time.Time) *Dedupe {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Dedupe{store: store, log: log, now: now, mem: newMemDedupe(memoryTTL, 10000, now)}
}

// storeTimeout bounds the store's answer: platforms want theirs within 3 s.
const storeTimeout = 2 * time.Second

// First reports whether key is seen for the first time within ttl, and
// records it. Of several concurrent calls with one key (in any process
// sharing the store) exactly one gets true. When the store does not
// answer, it returns an error and records nothing: the caller does not
// act (a platform that retries, as Slack does with events, tries again
// later), since acting on what this process alone remembers could act
// twice.
func (d *Dedupe) First(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if d.store == nil {
		return d.mem.first(key), nil
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	first, err := d.store.FirstSeen(sctx, key, d.now(), ttl)
	if err != nil {
		d.log.Warn("dedupe: the store did not answer; the request is not acted on", "key", key, "err", err)
		return false, err
	}
	return first, nil
}

// memDedupe remembers ids in process memory for a while.
type memDedupe struct {
	mu   sync.Mutex
	ttl  time.Duration
	max  int
	now  func() time.Time
	seen map[string]time.Time
}

func newMemDedupe(ttl time.Duration, max int, now func() time.Time) *memDedupe {
	return &memDedupe{ttl: ttl, max: max, now: now, seen: map[string]time.Time{}}
}

// first reports whether id is seen for the first time within the TTL, and
// records it.
func (d *memDedupe) first(id string) bool {
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

func (d *memDedupe) expire(now time.Time) {
	for k, t := range d.seen {
		if now.Sub(t) >= d.ttl {
			delete(d.seen, k)
		}
	}
}
