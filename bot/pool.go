package bot

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// Defaults of a Pool.
const (
	// DefaultQueue is the most answers a Pool keeps waiting for a worker.
	DefaultQueue = 1024
	// DefaultMaxWait is the longest expected wait a Pool accepts an answer
	// into: past half a minute the user has stopped waiting for a chat
	// answer, and is better told at once to ask again.
	DefaultMaxWait = 30 * time.Second
	// DefaultWaitTimeout is how long an admitted answer may wait for a
	// worker (when the expected wait was wrong) before it is answered
	// TooLongAnswer.
	DefaultWaitTimeout = 2 * time.Minute
)

// BusyText is the answer to a request refused because the answer queue is
// full.
const BusyText = "claimbot is busy answering other questions; please try again in a moment."

// BusyAnswer is the answer of a request its Pool refused: ephemeral, at
// once, so that the user can ask again rather than wait behind a backlog
// that would miss the platform's reply timeout anyway.
var BusyAnswer = Answer{Title: "Busy", Text: BusyText, IsError: true, Ephemeral: true}

// PoolConfig sizes a Pool; zero values take the defaults.
type PoolConfig struct {
	// Workers is how many answers are computed at once; default two per
	// core (GOMAXPROCS): an answer also waits for its SQLite page reads
	// and between its concurrent queries, and two per core answered 30%
	// more on the 2-core machine than one (docs/benchmarks.md).
	Workers int
	Queue   int           // answers waiting for a worker at most (default DefaultQueue)
	MaxWait time.Duration // longest expected wait accepted (default DefaultMaxWait)
	// WaitTimeout bounds an admitted answer's wait for a worker (default
	// DefaultWaitTimeout); the answer's own timeout counts from its start.
	WaitTimeout time.Duration
}

// Pool bounds the work of answering: at most Workers answers run at once,
// the rest wait in arrival order, and a request is refused (Admit false)
// when Queue answers wait already or when its expected wait, from the
// recent answers' run time, is over MaxWait. Bounding the work keeps the
// CPU for the acknowledgements: with every core answering, a request's
// acknowledgement itself would wait. One Pool may serve several adapters
// (they share the cores). Safe for concurrent use.
type Pool struct {
	cfg PoolConfig
	sem chan struct{} // one token per running answer

	pending atomic.Int64 // admitted, not finished (waiting and running)

	mu  sync.Mutex
	avg time.Duration // moving average of an answer's run time
}

// NewPool returns a Pool sized by cfg.
func NewPool(cfg PoolConfig) *Pool {
	if cfg.Workers <= 0 {
		cfg.Workers = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.Queue <= 0 {
		cfg.Queue = DefaultQueue
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = DefaultMaxWait
	}
	if cfg.WaitTimeout <= 0 {
		cfg.WaitTimeout = DefaultWaitTimeout
	}
	return &Pool{cfg: cfg, sem: make(chan struct{}, cfg.Workers)}
}

// Unknown is the expected time of an answer that must wait for a worker
// before any answer has run: long, so that its request is acknowledged at
// once.
const Unknown = time.Duration(1<<63 - 1)

// Admit reserves a place for one answer and returns when it is expected
// to be done (from now: the wait for a worker and one run; Unknown when
// it must wait and no answer has run yet), or false when the Pool is
// full. Each true must be followed by one Run.
func (p *Pool) Admit() (time.Duration, bool) {
	n := p.pending.Add(1)
	ahead := n - 1 - int64(p.cfg.Workers) // waiting before this one
	if ahead >= int64(p.cfg.Queue) {
		p.pending.Add(-1)
		return 0, false
	}
	avg := p.average()
	est := avg
	switch {
	case ahead >= 0 && avg == 0:
		return Unknown, true
	case ahead >= 0:
		est += time.Duration(ahead/int64(p.cfg.Workers)+1) * avg
	}
	if est > p.cfg.MaxWait {
		p.pending.Add(-1)
		return 0, false
	}
	return est, true
}

// Run waits for a worker and runs fn on it, for an answer Admit let in.
// It returns ctx's error, without running fn, when ctx ends before a
// worker is free (a free one is taken even with ctx ended: fn decides).
func (p *Pool) Run(ctx context.Context, fn func()) error {
	defer p.pending.Add(-1)
	select {
	case p.sem <- struct{}{}:
	default:
		select {
		case p.sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	defer func() { <-p.sem }()
	start := time.Now()
	defer func() { p.observe(time.Since(start)) }()
	fn()
	return nil
}

// lease is a running answer's worker, lent to the store searches the
// answer fans out (claims/search runs one per concept, concurrently):
// own holds the worker's token while no search uses it. A search takes
// own, else one of the Pool's tokens, so that the searches running at
// once are at most the Pool's Workers whatever the answers fan out.
// The answer itself waits for its searches meanwhile, so lending its
// token does not let it run beside them.
type lease struct {
	pool *Pool
	own  chan struct{}
}

type leaseKey struct{}

// lend returns ctx carrying a lease of p's worker that runs the caller:
// it is called on a worker, inside Run.
func (p *Pool) lend(ctx context.Context) context.Context {
	l := &lease{pool: p, own: make(chan struct{}, 1)}
	l.own <- struct{}{}
	return context.WithValue(ctx, leaseKey{}, l)
}

// acquire takes a token for one search of the answer that ctx belongs
// to: the answer's own worker when no other of its searches holds it,
// else a free worker of the Pool, waiting for either (in the Pool's
// arrival order). It returns the release, or ctx's error when ctx ends
// first. Work that is no answer of p (no lease: a command-line ask, a
// job, a page) is not bounded here.
func (p *Pool) acquire(ctx context.Context) (func(), error) {
	l, _ := ctx.Value(leaseKey{}).(*lease)
	if l == nil || l.pool != p {
		return func() {}, nil
	}
	giveOwn := func() { l.own <- struct{}{} }
	select {
	case <-l.own:
		return giveOwn, nil
	default:
	}
	select {
	case <-l.own:
		return giveOwn, nil
	case p.sem <- struct{}{}:
		return func() { <-p.sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Store returns s whose Search, called for an answer running on p,
// counts against p's workers (see lease); its other methods are s's.
// Give it to the Bot whose answers p runs. Safe for concurrent use as
// s is.
func (p *Pool) Store(s claims.Store) claims.Store { return &poolStore{Store: s, pool: p} }

// poolStore is Pool.Store.
type poolStore struct {
	claims.Store
	pool *Pool
}

func (s *poolStore) Search(ctx context.Context, terms []string, limit int) ([]claims.Hit, error) {
	release, err := s.pool.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	return s.Store.Search(ctx, terms, limit)
}

// Config is p's configuration, defaults applied.
func (p *Pool) Config() PoolConfig { return p.cfg }

// Pending is the number of answers admitted and not finished.
func (p *Pool) Pending() int { return int(p.pending.Load()) }

func (p *Pool) average() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.avg
}

// observe adds one run time to the moving average (weight 1/8).
func (p *Pool) observe(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.avg == 0 {
		p.avg = d
		return
	}
	p.avg += (d - p.avg) / 8
}

type arrivalKey struct{}

// WithArrival returns ctx carrying t as the time its request arrived
// (the HTTP server's first look at it), from which the platforms'
// acknowledgement deadlines count.
func WithArrival(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, arrivalKey{}, t)
}

// Arrival is the time ctx's request arrived (WithArrival), or now when
// ctx does not say.
func Arrival(ctx context.Context) time.Time {
	if t, ok := ctx.Value(arrivalKey{}).(time.Time); ok {
		return t
	}
	return time.Now()
}
