package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// Delivery kinds (claims.DeliveryKey.Kind).
const (
	KindReminder = "reminder"
	KindDigest   = "digest"
)

// Defaults of Config.
const (
	DefaultSchedule       = "0 9 * * 1-5"
	DefaultDigestSchedule = "0 9 * * *"
	DefaultPostTimeout    = 15 * time.Second
	DefaultStaleAfter     = 12 * time.Hour
	DefaultRetention      = 30 * 24 * time.Hour
	// pruneEvery is how often a scheduler prunes the delivery log and the
	// seen requests.
	pruneEvery = time.Hour
	// maxWait bounds how long the Start loop sleeps between Ticks, so that
	// new claims, changed schedules and `remind now` retries are picked up.
	maxWait = 30 * time.Second
	// Retry backoff after a failed post (without Retry-After): 10s, 20s,
	// 40s, … up to maxBackoff.
	baseBackoff = 10 * time.Second
	maxBackoff  = 15 * time.Minute
)

// Store is what the Scheduler needs of claims.Store: the claims it
// reminds about, with their sourcing and history (the digest's changes),
// their articles' citations and the delivery log. A store that is also a
// claims.RequestLog has its expired requests pruned.
type Store interface {
	claims.ClaimReader
	ArticleRefs(ctx context.Context, ids []int64) ([]claims.ArticleRef, error)
	claims.DeliveryLog
}

// Config configures a Scheduler. Zero fields take the defaults.
type Config struct {
	DefaultSchedule string         // reminders of claims without their own; default DefaultSchedule
	DigestSchedule  string         // the digest per channel; default DefaultDigestSchedule; "off" disables it
	Channels        []string       // where reminders go: "slack:C123", "discord:456"
	TZ              *time.Location // zone of schedules without CRON_TZ=; default UTC
	Owner           string         // this replica's id in delivery leases; default host-pid-random
	Now             func() time.Time
	Logger          *slog.Logger
	// PostTimeout bounds building and posting one delivery, and the
	// look-up of a post whose outcome is unknown. Default
	// DefaultPostTimeout.
	PostTimeout time.Duration
	// Lease is how long a replica holds a delivery while it looks for it
	// and posts it: by default 2×PostTimeout + 5 s, so that no other
	// replica can take a delivery over while its owner may still post it.
	// It must be longer than that.
	Lease time.Duration
	// MinInterval is the shortest gap between two ticks of a schedule:
	// the default and digest schedules must respect it, and a claim's own
	// schedule that does not (stored before) falls back to the default.
	// Default DefaultMinInterval.
	MinInterval time.Duration
	// Retention is how long sent and stale deliveries are kept before they
	// are pruned (at most hourly); longer than StaleAfter. Default
	// DefaultRetention.
	Retention time.Duration
	// StaleAfter is how old a tick may get before it is given up: a
	// process down for longer posts no catch-up for it. Default
	// DefaultStaleAfter.
	StaleAfter time.Duration
	// ClaimURL returns the address of a claim's page (signed when the
	// pages are), "" for none: reminders, digests and updates then point
	// to `show ID` only. nil for none.
	ClaimURL func(id int64) string
}

// Scheduler posts reminders and digests. Every replica of claimbot runs
// one on the same database; the delivery log makes each (reminder, tick,
// channel) post happen once. It is safe for concurrent use.
type Scheduler struct {
	cfg     Config
	store   Store
	posters map[string]bot.Poster
	log     *slog.Logger
	def     *Schedule
	digest  *Schedule // nil when off

	tickMu sync.Mutex // one Tick at a time: the lease owner is per process

	mu      sync.Mutex
	cache   map[string]*Schedule // parsed per-claim schedules by spec
	done    map[slot]time.Time   // the tick last finished (sent/stale) per slot
	blocked map[string]time.Time // platform -> rate limited until
	wake    time.Time            // the earliest next instant with work

	stopMu  sync.Mutex
	stop    chan struct{}
	stopped chan struct{}
	cancel  context.CancelFunc
}

// slot is a delivery key without its tick.
type slot struct {
	kind    string
	claimID int64
	channel string
}

func slotOf(k claims.DeliveryKey) slot { return slot{k.Kind, k.ClaimID, k.Channel} }

// New returns a Scheduler over store posting through posters (by
// platform: "slack", "discord"). It fails with EINVALID when a schedule
// does not parse or a channel is not "platform:ID". Channels whose
// platform has no poster are skipped with a warning (see Channels).
func New(cfg Config, store Store, posters map[string]bot.Poster) (*Scheduler, error) {
	if store == nil {
		return nil, claims.Errorf(claims.EINVALID, "jobs: no store")
	}
	if cfg.TZ == nil {
		cfg.TZ = time.UTC
	}
	if cfg.DefaultSchedule == "" {
		cfg.DefaultSchedule = DefaultSchedule
	}
	if cfg.DigestSchedule == "" {
		cfg.DigestSchedule = DefaultDigestSchedule
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.PostTimeout <= 0 {
		cfg.PostTimeout = DefaultPostTimeout
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2*cfg.PostTimeout + 5*time.Second
	}
	if cfg.Lease <= 2*cfg.PostTimeout {
		return nil, claims.Errorf(claims.EINVALID, "jobs: a lease of %s is too short for posts of up to %s and a look-up as long", cfg.Lease, cfg.PostTimeout)
	}
	if cfg.StaleAfter <= 0 {
		cfg.StaleAfter = DefaultStaleAfter
	}
	if cfg.MinInterval <= 0 {
		cfg.MinInterval = DefaultMinInterval
	}
	if cfg.Retention <= 0 {
		cfg.Retention = DefaultRetention
	}
	if cfg.Retention <= cfg.StaleAfter {
		return nil, claims.Errorf(claims.EINVALID, "jobs: the delivery log must be kept longer (%s) than a tick may wait (%s)", cfg.Retention, cfg.StaleAfter)
	}
	if cfg.Owner == "" {
		cfg.Owner = defaultOwner()
	}
	def, err := Parse(cfg.DefaultSchedule, cfg.TZ)
	if err == nil {
		err = def.CheckInterval(cfg.MinInterval)
	}
	if err != nil {
		return nil, claims.Errorf(claims.EINVALID, "reminder schedule: %s", claims.ErrorMessage(err))
	}
	s := &Scheduler{
		cfg: cfg, store: store, posters: map[string]bot.Poster{}, def: def,
		log:   cfg.Logger.With("component", "jobs", "owner", cfg.Owner),
		cache: map[string]*Schedule{}, done: map[slot]time.Time{}, blocked: map[string]time.Time{},
	}
	if !strings.EqualFold(strings.TrimSpace(cfg.DigestSchedule), "off") {
		if s.digest, err = Parse(cfg.DigestSchedule, cfg.TZ); err == nil {
			err = s.digest.CheckInterval(cfg.MinInterval)
		}
		if err != nil {
			return nil, claims.Errorf(claims.EINVALID, "digest schedule: %s", claims.ErrorMessage(err))
		}
	}
	for p, ps := range posters {
		if ps != nil {
			s.posters[p] = ps
		}
	}
	var chans []string
	for _, ch := range cfg.Channels {
		p, id, ok := strings.Cut(ch, ":")
		if !ok || p == "" || id == "" {
			return nil, claims.Errorf(claims.EINVALID, "reminder channel %q is not platform:ID (e.g. slack:C123)", ch)
		}
		if s.posters[p] == nil {
			s.log.Warn("skipping a reminder channel: its platform is off", "channel", ch, "platform", p)
			continue
		}
		if !slices.Contains(chans, ch) {
			chans = append(chans, ch)
		}
	}
	s.cfg.Channels = chans
	return s, nil
}

func defaultOwner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// claimURL is the address of claim id's page, "" when there is none.
func (s *Scheduler) claimURL(id int64) string {
	if s.cfg.ClaimURL == nil {
		return ""
	}
	return s.cfg.ClaimURL(id)
}

// linked gives a and its related answers about a claim the address of
// that claim's page.
func (s *Scheduler) linked(a bot.Answer) bot.Answer {
	if a.ClaimID != 0 {
		a.URL = s.claimURL(a.ClaimID)
	}
	for i := range a.Related {
		if a.Related[i].ClaimID != 0 {
			a.Related[i].URL = s.claimURL(a.Related[i].ClaimID)
		}
	}
	return a
}

// Channels returns the channels the scheduler posts to: the configured
// ones whose platform has a poster.
func (s *Scheduler) Channels() []string { return slices.Clone(s.cfg.Channels) }

// Owner returns the replica id the scheduler leases deliveries as.
func (s *Scheduler) Owner() string { return s.cfg.Owner }

// ScheduleOf returns the schedule a claim reminds on, and true when it is
// the claim's own: a claim without a schedule, or whose spec does not
// parse (logged once), uses the default. Safe for concurrent use.
func (s *Scheduler) ScheduleOf(c *claims.Claim) (*Schedule, bool) {
	if c.Schedule == "" {
		return s.def, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc, ok := s.cache[c.Schedule]; ok {
		return sc, sc != s.def
	}
	sc, err := Parse(c.Schedule, s.cfg.TZ)
	if err == nil {
		err = sc.CheckInterval(s.cfg.MinInterval)
	}
	if err != nil {
		s.log.Warn("bad claim schedule, using the default", "claim", c.ID, "schedule", c.Schedule, "error", claims.ErrorMessage(err))
		sc = s.def
	}
	s.cache[c.Schedule] = sc
	return sc, sc != s.def
}

// NextReminder returns when c's next reminder is due after the
// scheduler's now, and false when c gets none (untracked or not open).
// It is what bot.Options.NextReminder wants. Safe for concurrent use.
func (s *Scheduler) NextReminder(c *claims.Claim) (time.Time, bool) {
	sc, _ := s.ScheduleOf(c)
	return NextReminder(c, sc, s.cfg.Now())
}

// NextReminder returns the first tick of sched after now (or at or after
// the end of c's snooze) at which c is reminded about, in sched's
// location; false when c is not tracked and open. Safe for concurrent use.
func NextReminder(c *claims.Claim, sched *Schedule, now time.Time) (time.Time, bool) {
	if c == nil || sched == nil || !c.Tracked || c.Status != claims.StatusOpen {
		return time.Time{}, false
	}
	from := now
	if c.Snoozed.After(now) {
		from = c.Snoozed.Add(-time.Nanosecond)
	}
	n := sched.Next(from)
	if n.IsZero() {
		return time.Time{}, false
	}
	return n.In(sched.Location()), true
}

// NextReminderFunc returns a bot.Options.NextReminder hook for the
// default schedule spec in tz, with claims' own schedules parsed on
// demand (and kept), and the clock now (time.Now when nil). It fails with
// EINVALID when spec does not parse. The hook is safe for concurrent use.
func NextReminderFunc(spec string, tz *time.Location, now func() time.Time) (func(*claims.Claim) (time.Time, bool), error) {
	if spec == "" {
		spec = DefaultSchedule
	}
	def, err := Parse(spec, tz)
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	var cache sync.Map // spec -> *Schedule (the default for a bad spec)
	return func(c *claims.Claim) (time.Time, bool) {
		sc := def
		if c != nil && c.Schedule != "" {
			if v, ok := cache.Load(c.Schedule); ok {
				sc = v.(*Schedule)
			} else {
				if own, err := Parse(c.Schedule, tz); err == nil {
					sc = own
				}
				cache.Store(c.Schedule, sc)
			}
		}
		return NextReminder(c, sc, now())
	}, nil
}

// Start runs the scheduler in the background until Stop or until ctx
// ends: a Tick at once (which posts the catch-up of ticks missed while
// down), then one at every instant some schedule fires, a retry falls due,
// and at least every 30 seconds. It fails with ECONFLICT when already
// started.
func (s *Scheduler) Start(ctx context.Context) error {
	s.stopMu.Lock()
	defer s.stopMu.Unlock()
	if s.stop != nil {
		return claims.Errorf(claims.ECONFLICT, "jobs: scheduler already started")
	}
	tctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.stop, s.stopped, s.cancel = make(chan struct{}), make(chan struct{}), cancel
	go s.loop(ctx, tctx, s.stop, s.stopped)
	s.log.Info("scheduler started", "channels", s.cfg.Channels, "schedule", s.def.String(), "tz", s.cfg.TZ.String())
	return nil
}

// Stop asks the loop to end after the Tick in progress, and waits for it
// until ctx ends; then it cancels the Tick (posts in flight fail and are
// retried by the next process) and returns ctx's error. Stop on a
// scheduler that is not running returns nil.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.stopMu.Lock()
	defer s.stopMu.Unlock()
	if s.stop == nil {
		return nil
	}
	close(s.stop)
	defer func() { s.stop, s.stopped, s.cancel = nil, nil, nil }()
	select {
	case <-s.stopped:
		s.cancel()
		return nil
	case <-ctx.Done():
		s.cancel()
		<-s.stopped
		return ctx.Err()
	}
}

func (s *Scheduler) loop(ctx, tctx context.Context, stop, stopped chan struct{}) {
	defer close(stopped)
	var pruned time.Time
	for {
		now := s.cfg.Now()
		if err := s.Tick(tctx, now); err != nil {
			s.log.Error("tick failed", "error", err)
		}
		if now.Sub(pruned) >= pruneEvery {
			if err := s.Prune(tctx, now); err != nil {
				s.log.Warn("pruning failed", "error", err)
			} else {
				pruned = now
			}
		}
		wait := s.nextWake(now).Sub(s.cfg.Now())
		if wait < 50*time.Millisecond {
			wait = 50 * time.Millisecond
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-stop:
			t.Stop()
			return
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

// nextWake is the earliest instant after now at which a Tick has work:
// the next fire of any schedule in use, a retry, the end of a rate limit.
func (s *Scheduler) nextWake(now time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := now.Add(maxWait)
	earlier := func(t time.Time) {
		if !t.IsZero() && t.After(now) && t.Before(next) {
			next = t
		}
	}
	earlier(s.def.Next(now))
	if s.digest != nil {
		earlier(s.digest.Next(now))
	}
	for _, sc := range s.cache {
		earlier(sc.Next(now))
	}
	for _, t := range s.blocked {
		earlier(t)
	}
	earlier(s.wake)
	return next
}

// Prune deletes the sent and stale deliveries whose tick is older than
// Retention, and the expired seen requests when the store keeps them
// (claims.RequestLog). Every replica may run it; the deletes are
// idempotent. Start runs it hourly.
func (s *Scheduler) Prune(ctx context.Context, now time.Time) error {
	n, err := s.store.PruneDeliveries(ctx, now.Add(-s.cfg.Retention))
	if err != nil {
		return fmt.Errorf("jobs: prune deliveries: %w", err)
	}
	var seen int64
	if rl, ok := s.store.(claims.RequestLog); ok {
		if seen, err = rl.PruneSeen(ctx, now); err != nil {
			return fmt.Errorf("jobs: prune seen requests: %w", err)
		}
	}
	if n > 0 || seen > 0 {
		s.log.Info("pruned", "deliveries", n, "older_than", s.cfg.Retention.String(), "seen_requests", seen)
	}
	return nil
}

// backoff is the wait before attempt n+1 after n failed attempts.
func backoff(n int) time.Duration {
	d := baseBackoff
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// isRateLimit returns the platform's wait when err is a 429.
func isRateLimit(err error) (time.Duration, bool) {
	var rl *bot.RateLimitError
	if errors.As(err, &rl) {
		return max(rl.RetryAfter, time.Second), true
	}
	return 0, false
}
