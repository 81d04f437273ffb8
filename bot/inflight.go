package bot

import (
	"context"
	"sync"
)

// Inflight tracks an adapter's background work (answers posted after the
// platform's request was acknowledged, deferred edits) so that shutdown
// can wait for it. Use NewInflight; it is safe for concurrent use.
type Inflight struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	closing bool // Shutdown began: no new work
	wg      sync.WaitGroup
}

// NewInflight returns an Inflight with no work under way.
func NewInflight() *Inflight {
	f := &Inflight{}
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
