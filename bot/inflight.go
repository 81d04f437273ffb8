package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/claimbot/claimbot/claims"
)

// Inflight tracks an adapter's background work (answers posted after the
// platform's request was acknowledged, deferred edits) so that shutdown
// can wait for it. Use NewInflight; it is safe for concurrent use.
type Inflight struct {
	ctx    context.Context
	cancel context.CancelFunc

	pool *Pool // bounds the answers' work; nil: unbounded

	mu      sync.Mutex
	closing bool // Shutdown began: no new work
	wg      sync.WaitGroup
}

// NewInflight returns an Inflight with no work under way whose answers
// are not bounded (every handler runs at once).
func NewInflight() *Inflight { return NewInflightPool(nil) }

// NewInflightPool returns an Inflight whose answers (Race, Answer) run
// on pool's workers, and are refused with BusyAnswer when it is full. A
// nil pool does not bound them.
func NewInflightPool(pool *Pool) *Inflight {
	f := &Inflight{pool: pool}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	return f
}

// Context is the parent of background work: it outlives the requests
// that started the work and ends when Shutdown cancels what is left.
func (f *Inflight) Context() context.Context { return f.ctx }

// Begin counts one piece of work. It returns false once Shutdown has
// begun; each true must be matched by a call to Done.
func (f *Inflight) Begin() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closing {
		return false
	}
	f.wg.Add(1)
	return true
}

// Done marks one piece of work begun with Begin as finished.
func (f *Inflight) Done() { f.wg.Done() }

// Shutdown stops new work and waits for the work under way until ctx
// ends, then cancels what is left and waits for it to return. It returns
// ctx's error if it had to cancel. It may be called more than once.
func (f *Inflight) Shutdown(ctx context.Context) error {
	f.mu.Lock()
	f.closing = true
	f.mu.Unlock()
	done := make(chan struct{})
	go func() { f.wg.Wait(); close(done) }()
	select {
	case <-done:
		f.cancel()
		return nil
	case <-ctx.Done():
		f.cancel()
		<-done
		return ctx.Err()
	}
}

// Drain is Shutdown bounded by grace, for an adapter whose context has
// ended: what is still running after grace is cancelled, and logged.
func (f *Inflight) Drain(log *slog.Logger, grace time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := f.Shutdown(ctx); err != nil {
		log.Warn("answers in flight cancelled at shutdown", "err", err)
	}
}

// Go runs f in the background as work in flight, with a context that
// outlives the request that started it and ends with Shutdown or after
// timeout. Once Shutdown has begun, f runs at once with an ended context
// (so that it fails fast). A panic in f is logged to log and stops f
// only.
func (f *Inflight) Go(log *slog.Logger, timeout time.Duration, fn func(ctx context.Context)) {
	if !f.Begin() {
		ctx, cancel := context.WithCancel(f.ctx)
		cancel()
		safely(log, func() { fn(ctx) })
		return
	}
	go func() {
		defer f.Done()
		ctx, cancel := context.WithTimeout(f.ctx, timeout)
		defer cancel()
		safely(log, func() { fn(ctx) })
	}()
}

// safely runs fn, logging a panic in it instead of letting it end the
// process.
func safely(log *slog.Logger, fn func()) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("panic answering a request", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	fn()
}

// PanicAnswer is the answer of a handler that panicked: an internal
// error (code EINTERNAL), as the user sees any other.
var PanicAnswer = func() Answer {
	a := errorAnswer(claims.Errorf(claims.EINTERNAL, "panic"))
	a.Ephemeral = true
	return a
}()

// Protect runs handle and returns its answer, or PanicAnswer when it
// panics, logging the panic with its stack to log (slog.Default when
// nil). It is the one place a request's panic is recovered: Race and
// Answer call it, and so does an adapter that calls Bot.Handle itself
// (adapters/console).
func Protect(log *slog.Logger, handle func() Answer) (a Answer) {
	if log == nil {
		log = slog.Default()
	}
	defer func() {
		if p := recover(); p != nil {
			log.Error("bot: panic answering a request", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			a = PanicAnswer
		}
	}()
	return handle()
}

// TooLongAnswer is the answer of a handler that did not answer before its
// timeout.
var TooLongAnswer = Answer{Title: "Sorry, that took too long.", IsError: true, Ephemeral: true}

// Race is RaceFrom for a request arriving now.
func (f *Inflight) Race(log *slog.Logger, deadline, timeout time.Duration, handle func(ctx context.Context) Answer) (Answer, *Late) {
	return f.RaceFrom(log, time.Now(), deadline, timeout, handle)
}

// RaceFrom runs handle in the background (on the pool's workers, bounded
// by timeout, cancelled by Shutdown) and waits for its answer until
// deadline after arrival, the time the request arrived: the platform's
// acknowledgement deadline counts from then. When the answer comes in
// time it returns it and a nil *Late; otherwise the caller acknowledges
// the request its platform's way and says with Late.Then where the
// answer goes when it comes. An answer the pool expects to miss the
// deadline is not waited for: the request is acknowledged at once. When
// the pool is full it returns BusyAnswer (and runs nothing). A panicking
// handle answers PanicAnswer (Protect: logged, once, here).
func (f *Inflight) RaceFrom(log *slog.Logger, arrival time.Time, deadline, timeout time.Duration, handle func(ctx context.Context) Answer) (Answer, *Late) {
	est, ok := f.admit()
	if !ok {
		log.Warn("request refused: the answer queue is full", "pending", f.pool.Pending())
		return BusyAnswer, nil
	}
	l := &Late{f: f, log: log, timeout: f.waitLimit() + timeout, answer: make(chan Answer, 1)}
	// The handler itself is not counted as work in flight: Shutdown
	// cancels its context, and what waits for its answer (Then) gives up
	// then, so that a handler that ignores its context cannot hold up
	// the shutdown.
	go func() {
		l.answer <- f.run(log, timeout, handle) // buffered: read by Race in time, else by Then
	}()
	wait := deadline - time.Since(arrival)
	if est >= wait {
		return Answer{}, l
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case a := <-l.answer:
		return a, nil
	case <-timer.C:
		return Answer{}, l
	}
}

// admit reserves a place on the pool (none needed without one) and
// returns when the answer is expected.
func (f *Inflight) admit() (time.Duration, bool) {
	if f.pool == nil {
		return 0, true
	}
	return f.pool.Admit()
}

// waitLimit is the longest an answer waits for a pool worker.
func (f *Inflight) waitLimit() time.Duration {
	if f.pool == nil {
		return 0
	}
	return f.pool.cfg.WaitTimeout
}

// run computes one admitted answer with a context ending after timeout
// or with Shutdown: on a pool worker when there is a pool (the timeout
// counts from the worker's start, and the searches the answer fans out
// through Pool.Store share its worker); TooLongAnswer when no worker is free
// within the pool's WaitTimeout or before Shutdown.
func (f *Inflight) run(log *slog.Logger, timeout time.Duration, handle func(ctx context.Context) Answer) Answer {
	answer := func(lend func(context.Context) context.Context) Answer {
		ctx, cancel := context.WithTimeout(f.ctx, timeout)
		defer cancel()
		ctx = lend(ctx)
		return Protect(log, func() Answer { return handle(ctx) })
	}
	if f.pool == nil {
		return answer(func(ctx context.Context) context.Context { return ctx })
	}
	wctx, cancel := context.WithTimeout(f.ctx, f.pool.cfg.WaitTimeout)
	defer cancel()
	var a Answer
	if err := f.pool.Run(wctx, func() { a = answer(f.pool.lend) }); err != nil {
		return TooLongAnswer
	}
	return a
}

// Late is an answer that missed its platform's deadline: the request
// was acknowledged, and the answer follows when it comes.
type Late struct {
	f       *Inflight
	log     *slog.Logger
	timeout time.Duration
	answer  chan Answer
}

// Then sends the answer, when it comes, to deliver, with a context of its
// own (as long as the wait for a worker and the handler's timeout, ended
// by Shutdown); an answer that does not come by then is TooLongAnswer. A
// nil deliver drops the answer (the acknowledgement failed: there is
// nothing to follow up). Then is called once.
func (l *Late) Then(deliver func(ctx context.Context, a Answer)) {
	if deliver == nil {
		return
	}
	l.f.Go(l.log, l.timeout, func(ctx context.Context) {
		select {
		case a := <-l.answer:
			l.deliver(deliver, a)
		case <-ctx.Done():
			l.deliver(deliver, TooLongAnswer)
		}
	})
}

// deliver runs deliver with a context of its own.
func (l *Late) deliver(deliver func(context.Context, Answer), a Answer) {
	ctx, cancel := context.WithTimeout(l.f.ctx, l.timeout)
	defer cancel()
	deliver(ctx, a)
}

// Answer runs handle as work in flight (Go, bounded by timeout, on the
// pool's workers) and passes its answer to deliver: for a request its
// platform acknowledged already. When the pool is full, deliver gets
// BusyAnswer. A panicking handle answers PanicAnswer (Protect: logged,
// once, here).
func (f *Inflight) Answer(log *slog.Logger, timeout time.Duration, handle func(ctx context.Context) Answer, deliver func(ctx context.Context, a Answer)) {
	if _, ok := f.admit(); !ok {
		log.Warn("request refused: the answer queue is full", "pending", f.pool.Pending())
		f.Go(log, timeout, func(ctx context.Context) { deliver(ctx, BusyAnswer) })
		return
	}
	f.Go(log, f.waitLimit()+timeout, func(ctx context.Context) {
		deliver(ctx, f.run(log, timeout, handle))
	})
}
