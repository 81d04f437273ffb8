// Package feeds follows news feeds (RSS 2.0, Atom 1.0, JSON Feed, parsed
// with github.com/mmcdole/gofeed) and ingests each new item's page through
// the ingest service, so through the same guarded fetcher as `claimbot
// ingest URL`.
//
// A Poller does all of its work in Tick(ctx, tick), for one tick of the
// feed schedule; Run calls it at every tick. Every replica runs one on the
// same database, and the store hands each tick's poll of a feed to one of
// them (claims.FeedStore.ClaimFeedPoll), so a feed is polled once per
// tick whatever the number of processes. Items are recorded by key (GUID,
// else link) and leased one owner at a time, so an item is ingested once
// ever, across restarts and replicas.
//
// A poll sends the feed's last ETag and Last-Modified (a 304 costs no
// parse and no fetch of items), honours the feed's own minimum interval
// (RSS ttl, sy:updatePeriod) and backs off exponentially after failures.
// A broken or unreachable item is recorded and skipped, retried a few
// times when it may come back, and never stops the rest.
package feeds

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/fetch"
	"github.com/claimbot/claimbot/ingest"
)

// Defaults of Config.
const (
	DefaultSchedule     = "*/15 * * * *"
	DefaultMaxItems     = 20
	DefaultMaxNew       = 200
	DefaultWorkers      = 4
	DefaultBackoff      = 15 * time.Minute
	DefaultMaxBackoff   = 6 * time.Hour
	DefaultMaxTTL       = 24 * time.Hour
	DefaultItemAttempts = 3
	DefaultPollTimeout  = 5 * time.Minute
	// DefaultMaxFeedBytes caps one feed document.
	DefaultMaxFeedBytes = 10 << 20
)

// feedAccept is the Accept header of a feed request.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

// Getter fetches a URL with a conditional GET; *fetch.Fetcher is one.
type Getter interface {
	Get(ctx context.Context, raw string, req fetch.Request, max int64) (*fetch.Response, error)
}

// Ingester ingests one page; *ingest.Service is one.
type Ingester interface {
	Ingest(ctx context.Context, src string) ingest.Result
}

// Config configures a Poller. Zero fields take the defaults.
type Config struct {
	Owner  string // this process's id in poll and item leases; default host-pid-random
	Now    func() time.Time
	Logger *slog.Logger
	// MaxItems is how many items one poll ingests at most (the newest
	// first); the rest wait for the next poll. Default DefaultMaxItems.
	MaxItems int
	// MaxNew is how many items of one feed document are read at most.
	// Default DefaultMaxNew.
	MaxNew int
	// Workers is how many feeds one process polls at once (each feed's
	// items are fetched one after another). Default DefaultWorkers.
	Workers int
	// Backoff is the wait after a feed's first failed poll; each further
	// failure doubles it, up to MaxBackoff. Defaults DefaultBackoff and
	// DefaultMaxBackoff.
	Backoff, MaxBackoff time.Duration
	// MaxTTL caps the minimum interval a feed may ask for. Default
	// DefaultMaxTTL.
	MaxTTL time.Duration
	// ItemAttempts is how many times an item whose page could not be
	// reached (timeout, error status) is tried before it is given up.
	// Default DefaultItemAttempts.
	ItemAttempts int
	// PollTimeout bounds one poll: the feed and its items. Leases last a
	// minute longer. Default DefaultPollTimeout.
	PollTimeout  time.Duration
	MaxFeedBytes int64 // default DefaultMaxFeedBytes
	// Notify, when set, hears of each poll that ingested items: the feed,
	// when its first item's ingest began and its last ended, and what the
	// store did with each (one ingest batch). The jobs tell the channels
	// that follow a claim what the batch added to it. It runs on the
	// polling goroutine, after the poll is recorded.
	Notify func(ctx context.Context, f claims.Feed, start, end time.Time, results []claims.IngestResult)
}

// Poller polls feeds and ingests their items. It is safe for concurrent
// use; Ticks run one at a time.
type Poller struct {
	cfg    Config
	store  claims.FeedStore
	get    Getter
	ingest Ingester
	log    *slog.Logger
	tickMu sync.Mutex
}

// New returns a Poller over store, fetching feeds with get and ingesting
// items with ing.
func New(cfg Config, store claims.FeedStore, get Getter, ing Ingester) (*Poller, error) {
	if store == nil || get == nil || ing == nil {
		return nil, claims.Errorf(claims.EINVALID, "feeds: a store, a fetcher and an ingester are required")
	}
	if cfg.Owner == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		cfg.Owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Backoff, DefaultBackoff)
	def(&cfg.MaxBackoff, DefaultMaxBackoff)
	def(&cfg.MaxTTL, DefaultMaxTTL)
	def(&cfg.PollTimeout, DefaultPollTimeout)
	for _, n := range []struct {
		p *int
		v int
	}{{&cfg.MaxItems, DefaultMaxItems}, {&cfg.MaxNew, DefaultMaxNew}, {&cfg.Workers, DefaultWorkers}, {&cfg.ItemAttempts, DefaultItemAttempts}} {
		if *n.p <= 0 {
			*n.p = n.v
		}
	}
	if cfg.MaxFeedBytes <= 0 {
		cfg.MaxFeedBytes = DefaultMaxFeedBytes
	}
	return &Poller{cfg: cfg, store: store, get: get, ingest: ing,
		log: cfg.Logger.With("component", "feeds", "owner", cfg.Owner)}, nil
}

// Owner returns the id the poller leases polls and items as.
func (p *Poller) Owner() string { return p.cfg.Owner }

func (p *Poller) lease() time.Duration { return p.cfg.PollTimeout + time.Minute }

// ItemReport is what a poll did with one item.
type ItemReport struct {
	Item  claims.FeedItem
	State string        // the item's state after the attempt
	Res   ingest.Result // the ingest's result, the store's included
}

// Report is one poll this process made.
type Report struct {
	Feed     claims.Feed // as claimed, before the poll
	Tick     time.Time
	Result   string // claims.PollOK, PollUnchanged, PollFailed
	Err      error  // why the poll failed
	New      int    // items seen for the first time
	Items    []ItemReport
	NextPoll time.Time
}

// Tick polls, for tick, every feed whose poll this process can claim: not
// yet polled for tick or a later one (by any process), due (its minimum
// interval and back-off have passed) and not being polled elsewhere. It
// returns the polls it made. Failures of feeds and items are recorded in
// the store, not returned; Tick returns an error only when the store
// cannot list the feeds.
func (p *Poller) Tick(ctx context.Context, tick time.Time) ([]Report, error) {
	p.tickMu.Lock()
	defer p.tickMu.Unlock()
	fs, err := p.store.DueFeeds(ctx, tick)
	if err != nil {
		return nil, fmt.Errorf("feeds: tick: %w", err)
	}
	var (
		mu  sync.Mutex
		out []Report
		wg  sync.WaitGroup
	)
	sem := make(chan struct{}, p.cfg.Workers)
	for _, f := range fs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return out, nil
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			r, ok := p.poll(ctx, f.ID, tick)
			if ok {
				mu.Lock()
				out = append(out, r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out, nil
}

// poll claims and polls one feed for tick; false when another process
// has it or the store failed.
func (p *Poller) poll(ctx context.Context, id int64, tick time.Time) (Report, bool) {
	f, ok, err := p.store.ClaimFeedPoll(ctx, id, tick, p.cfg.Owner, p.cfg.Now(), p.lease())
	if err != nil {
		if claims.ErrorCode(err) != claims.ENOTFOUND {
			p.log.Warn("cannot claim a feed's poll", "feed", id, "error", err)
		}
		return Report{}, false
	} else if !ok {
		return Report{}, false
	}
	pctx, cancel := context.WithTimeout(ctx, p.cfg.PollTimeout)
	defer cancel()
	r := Report{Feed: *f, Tick: tick}
	res := claims.PollResult{At: p.cfg.Now()}
	var batchStart, batchEnd time.Time
	wait := time.Duration(0)
	resp, err := p.get.Get(pctx, f.URL, fetch.Request{ETag: f.ETag, LastModified: f.LastModified, Accept: feedAccept}, p.cfg.MaxFeedBytes)
	switch {
	case err != nil:
		r.Err = err
	case resp.NotModified:
		res.Result = claims.PollUnchanged
		wait = min(f.TTL, p.cfg.MaxTTL)
	default:
		base, _ := url.Parse(f.URL)
		doc, perr := parseFeed(resp.Body, f.ID, base, p.cfg.MaxNew)
		if perr != nil {
			r.Err = perr
			break
		}
		n, aerr := p.store.AddFeedItems(pctx, doc.items, res.At)
		if aerr != nil {
			r.Err = fmt.Errorf("feeds: record items: %w", aerr)
			break
		}
		r.New = n
		res.Result, res.Title, res.ETag, res.LastModified = claims.PollOK, doc.title, resp.ETag, resp.LastModified
		res.TTL = min(doc.ttl, p.cfg.MaxTTL)
		wait = res.TTL
	}
	if r.Err != nil {
		res.Result, res.Error = claims.PollFailed, truncate(oneLine(userMessage(r.Err)), 500)
		wait = p.backoff(f.Failures + 1)
		var se *fetch.StatusError
		if errors.As(r.Err, &se) && se.RetryAfter > wait {
			wait = min(se.RetryAfter, p.cfg.MaxBackoff)
		}
	} else {
		// Pending items are taken after a 304 too: retries, and items a
		// capped poll left for later.
		start := p.cfg.Now()
		r.Items = p.items(pctx, f)
		batchStart, batchEnd = start, p.cfg.Now()
	}
	r.Result, res.NextPoll = res.Result, tick.Add(wait)
	r.NextPoll = res.NextPoll
	if err := p.store.FinishFeedPoll(context.WithoutCancel(ctx), f.ID, p.cfg.Owner, res); err != nil {
		p.log.Warn("cannot record a feed's poll", "feed", f.ID, "error", err)
	}
	ingested, failed := 0, 0
	for _, it := range r.Items {
		switch it.State {
		case claims.ItemIngested:
			ingested++
		case claims.ItemFailed:
			failed++
		}
	}
	if p.cfg.Notify != nil && ingested > 0 {
		var results []claims.IngestResult
		for _, it := range r.Items {
			if it.State == claims.ItemIngested {
				results = append(results, it.Res.IngestResult)
			}
		}
		p.cfg.Notify(context.WithoutCancel(ctx), *f, batchStart, batchEnd, results)
	}
	lvl := slog.LevelInfo
	if r.Err != nil {
		lvl = slog.LevelWarn
	}
	p.log.Log(ctx, lvl, "feed polled", "feed", f.ID, "url", f.URL, "tick", tick, "result", res.Result, "new_items", r.New,
		"ingested", ingested, "failed", failed, "next_poll", res.NextPoll, "error", res.Error)
	return r, true
}

// backoff is the wait after n consecutive failed polls.
func (p *Poller) backoff(n int) time.Duration {
	d := p.cfg.Backoff
	for i := 1; i < n && d < p.cfg.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.cfg.MaxBackoff)
}

// items ingests up to MaxItems due pending items of f, newest first, one
// after another. Each outcome is recorded as it comes; an item that
// fails is recorded and the next one is tried. Only a store that is gone
// stops the poll's items.
func (p *Poller) items(ctx context.Context, f *claims.Feed) []ItemReport {
	its, err := p.store.ClaimFeedItems(ctx, f.ID, p.cfg.Owner, p.cfg.Now(), p.lease(), p.cfg.MaxItems)
	if err != nil {
		p.log.Warn("cannot take a feed's items", "feed", f.ID, "error", err)
		return nil
	}
	var out []ItemReport
	for i, it := range its {
		if ctx.Err() != nil {
			// Out of time: the rest keep their leases until they run
			// out, then a later poll takes them.
			p.log.Warn("poll out of time; items left for the next poll", "feed", f.ID, "left", len(its)-i)
			break
		}
		res := p.ingest.Ingest(ctx, it.URL)
		o := claims.ItemOutcome{At: p.cfg.Now(), State: claims.ItemIngested, ArticleID: res.ArticleID}
		if res.Err != nil {
			o.ArticleID = 0
			o.Error = truncate(oneLine(userMessage(res.Err)), 500)
			switch {
			case res.StoreFailed && claims.ErrorCode(res.Err) == claims.EUNAVAILABLE, ctx.Err() != nil:
				// Not the item's fault: try it again at once next time.
				o.State, o.NextAttempt = claims.ItemPending, time.Time{}
			case claims.ErrorCode(res.Err) == claims.EUNAVAILABLE && it.Attempts+1 < p.cfg.ItemAttempts:
				o.State, o.NextAttempt = claims.ItemPending, o.At.Add(p.backoff(it.Attempts+1))
			default:
				o.State = claims.ItemFailed
			}
		}
		if err := p.store.FinishFeedItem(context.WithoutCancel(ctx), f.ID, it.Key, p.cfg.Owner, o); err != nil {
			p.log.Warn("cannot record a feed item", "feed", f.ID, "item", it.Key, "error", err)
		}
		if o.State != claims.ItemIngested {
			p.log.Warn("feed item not ingested", "feed", f.ID, "item", it.Key, "url", it.URL, "state", o.State, "error", o.Error)
		}
		rep := *it
		out = append(out, ItemReport{Item: rep, State: o.State, Res: res})
		if res.StoreFailed && claims.ErrorCode(res.Err) == claims.EUNAVAILABLE {
			break // the store is gone: the other items would fail too
		}
	}
	return out
}

// Schedule is when Run ticks; *jobs.Schedule is one.
type Schedule interface {
	// Next is the first tick strictly after t.
	Next(t time.Time) time.Time
	// Prev is the last tick at or before t and after since, or zero.
	Prev(t, since time.Time) time.Time
}

// catchUp is how far back Run looks for the tick to poll at start.
const catchUp = 8 * 24 * time.Hour

// Run ticks until ctx ends: at once for the latest tick of sched (so a
// process started between ticks polls the feeds not yet polled for it),
// then at every tick. It returns nil when ctx ends.
func (p *Poller) Run(ctx context.Context, sched Schedule) error {
	now := p.cfg.Now()
	tick := sched.Prev(now, now.Add(-catchUp))
	for {
		if !tick.IsZero() {
			if _, err := p.Tick(ctx, tick); err != nil && ctx.Err() == nil {
				p.log.Error("feed tick failed", "tick", tick, "error", err)
			}
		}
		now = p.cfg.Now()
		next := sched.Next(now)
		if next.IsZero() {
			<-ctx.Done()
			return nil
		}
		t := time.NewTimer(next.Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		tick = next
	}
}

// userMessage is the one line kept of an error: a *claims.Error's
// message, else the error's text.
func userMessage(err error) string {
	if claims.ErrorCode(err) == claims.EINTERNAL {
		return err.Error()
	}
	return claims.ErrorMessage(err)
}
