package bot_test

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// countingStore records how many of its Searches run at once, each held
// for hold so that concurrent ones overlap.
type countingStore struct {
	claims.Store
	hold          time.Duration
	cur, max, all atomic.Int64
}

func (s *countingStore) Search(ctx context.Context, terms []string, limit int) ([]claims.Hit, error) {
	n := s.cur.Add(1)
	defer s.cur.Add(-1)
	s.all.Add(1)
	for m := s.max.Load(); n > m && !s.max.CompareAndSwap(m, n); m = s.max.Load() {
	}
	time.Sleep(s.hold)
	return s.Store.Search(ctx, terms, limit)
}

// raceAll runs n answers of handle at once on f (as adapters do: the
// answer in time, or late) and waits for them all.
func raceAll(t *testing.T, f *bot.Inflight, n int, handle func(ctx context.Context) bot.Answer) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, late := f.Race(slog.New(slog.DiscardHandler), time.Minute, time.Minute, handle)
			if late != nil {
				got := make(chan bot.Answer, 1)
				late.Then(func(_ context.Context, a bot.Answer) { got <- a })
				a = <-got
			}
			if a.IsError {
				t.Errorf("answer: %+v", a)
			}
		}()
	}
	wg.Wait()
}

// TestPoolStoreFanOut: the searches an answer fans out through
// Pool.Store run on its own worker and the pool's free ones, never more
// at once than the pool's workers, however many answers fan out; a lone
// answer's searches use the idle workers.
func TestPoolStoreFanOut(t *testing.T) {
	st, _ := newStore(t)
	fanOut := func(s claims.Store, k int) func(ctx context.Context) bot.Answer {
		return func(ctx context.Context) bot.Answer {
			var wg sync.WaitGroup
			errs := make([]error, k)
			for i := range k {
				wg.Add(1)
				go func() { defer wg.Done(); _, errs[i] = s.Search(ctx, []string{"strike"}, 10) }()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					return bot.Answer{Title: err.Error(), IsError: true}
				}
			}
			return bot.Answer{Title: "ok"}
		}
	}
	pool := bot.NewPool(bot.PoolConfig{Workers: 2})
	cs := &countingStore{Store: st, hold: 10 * time.Millisecond}
	raceAll(t, bot.NewInflightPool(pool), 6, fanOut(pool.Store(cs), 5))
	if cs.all.Load() != 30 || cs.max.Load() != 2 {
		t.Errorf("6 answers of 5 searches on 2 workers: %d searches, %d at once; want 30, 2", cs.all.Load(), cs.max.Load())
	}
	if pool.Pending() != 0 {
		t.Errorf("Pending after the answers = %d", pool.Pending())
	}
	idle := bot.NewPool(bot.PoolConfig{Workers: 3})
	// searches held long enough to overlap on a busy machine
	cs = &countingStore{Store: st, hold: 150 * time.Millisecond}
	raceAll(t, bot.NewInflightPool(idle), 1, fanOut(idle.Store(cs), 5))
	if cs.max.Load() != 3 {
		t.Errorf("one answer of 5 searches on 3 idle workers: %d at once; want 3", cs.max.Load())
	}
	// Outside an answer (a command-line ask, a job) nothing is bounded.
	cs = &countingStore{Store: st, hold: 150 * time.Millisecond}
	if a := fanOut(idle.Store(cs), 5)(context.Background()); a.IsError || cs.max.Load() != 5 {
		t.Errorf("no answer's context: %+v, %d at once; want 5", a, cs.max.Load())
	}
}

// TestPoolStoreBot: the bot's real search (one store search per concept
// of the question, concurrently) stays within the pool's workers when
// the bot's store is Pool.Store, with many questions at once.
func TestPoolStoreBot(t *testing.T) {
	st, _ := newStore(t)
	req := bot.Request{Platform: "console", UserID: "u", Text: "Is the city in talks with the dock workers union to end the strike?"}
	run := func(workers int) *countingStore {
		pool := bot.NewPool(bot.PoolConfig{Workers: workers})
		cs := &countingStore{Store: st, hold: 5 * time.Millisecond}
		s := pool.Store(cs)
		bt := bot.New(s, bot.Options{Now: func() time.Time { return fixedNow }})
		raceAll(t, bot.NewInflightPool(pool), 8, func(ctx context.Context) bot.Answer {
			a := bt.Handle(ctx, req)
			if a.ClaimID == 0 {
				a.IsError = true
			}
			return a
		})
		return cs
	}
	cs := run(2)
	if cs.all.Load() < 8 || cs.max.Load() > 2 {
		t.Errorf("8 questions on 2 workers: %d searches, %d at once; want at least 8, at most 2", cs.all.Load(), cs.max.Load())
	}
}
