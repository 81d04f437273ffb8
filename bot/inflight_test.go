package bot

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
)

func TestInflight(t *testing.T) {
	// Shutdown waits for work under way, then refuses new work.
	f := NewInflight()
	if !f.Begin() {
		t.Fatal("Begin before Shutdown = false")
	}
	finished := make(chan struct{})
	go func() { defer f.Done(); close(finished) }()
	if err := f.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	select {
	case <-finished:
	default:
		t.Fatal("Shutdown returned before the work finished")
	}
	if f.Begin() {
		t.Error("Begin after Shutdown = true")
	}
	if f.Context().Err() == nil {
		t.Error("the background context outlived Shutdown")
	}

	// A Shutdown whose context ends cancels the work and waits for it.
	f = NewInflight()
	f.Begin()
	go func() { defer f.Done(); <-f.Context().Done() }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := f.Shutdown(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown with an ended context = %v, want context.Canceled", err)
	}
}

func TestRace(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	f := NewInflight()
	// In time: the answer, nothing late.
	a, late := f.Race(log, time.Minute, time.Minute, func(context.Context) Answer { return Answer{Title: "fast"} })
	if a.Title != "fast" || late != nil {
		t.Errorf("in time: %+v, late %v", a, late)
	}
	// A panic is an answer too, in time.
	if a, late := f.Race(log, time.Minute, time.Minute, func(context.Context) Answer { panic("boom") }); !a.IsError || late != nil {
		t.Errorf("panic: %+v, late %v", a, late)
	}
	// Late: the answer goes where Then says, when it comes.
	release := make(chan struct{})
	a, late = f.Race(log, time.Millisecond, time.Minute, func(context.Context) Answer { <-release; return Answer{Title: "slow"} })
	if late == nil {
		t.Fatalf("a blocked handler answered in time: %+v", a)
	}
	got := make(chan Answer, 1)
	late.Then(func(ctx context.Context, a Answer) { got <- a })
	close(release)
	if a := <-got; a.Title != "slow" {
		t.Errorf("late answer %+v", a)
	}
	// A handler past its timeout is answered TooLongAnswer.
	stuck := make(chan struct{})
	defer close(stuck)
	_, late = f.Race(log, time.Millisecond, 20*time.Millisecond, func(context.Context) Answer { <-stuck; return Answer{} })
	late.Then(func(ctx context.Context, a Answer) { got <- a })
	if a := <-got; a.Title != TooLongAnswer.Title {
		t.Errorf("answer past the timeout: %+v", a)
	}
	// Shutdown does not wait for a handler that ignores its context.
	_, late = f.Race(log, time.Millisecond, time.Hour, func(context.Context) Answer { <-stuck; return Answer{} })
	late.Then(func(context.Context, Answer) {})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := f.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown with a stuck handler: %v", err)
	}
}

func TestAnswer(t *testing.T) {
	f := NewInflight()
	got := make(chan Answer, 2)
	f.Answer(slog.New(slog.DiscardHandler), time.Minute, func(context.Context) Answer { panic("boom") }, func(_ context.Context, a Answer) { got <- a })
	if a := <-got; a.Title != PanicAnswer.Title {
		t.Errorf("panicking handler answered %+v", a)
	}
	if err := f.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	// After Shutdown the handler runs at once with an ended context.
	f.Answer(slog.New(slog.DiscardHandler), time.Minute, func(ctx context.Context) Answer { return Answer{Title: ctx.Err().Error()} }, func(_ context.Context, a Answer) { got <- a })
	if a := <-got; a.Title != context.Canceled.Error() {
		t.Errorf("after Shutdown: %+v", a)
	}
}

func TestRetry(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	n := 0
	err := Retry(context.Background(), log, "x", func(context.Context) error {
		n++
		return claims.Errorf(claims.EUNAUTHORIZED, "token refused")
	})
	if claims.ErrorCode(err) != claims.EUNAUTHORIZED || n != 1 {
		t.Errorf("a refused token: %v after %d starts", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = Retry(ctx, log, "x", func(context.Context) error {
		n++
		cancel()
		return errors.New("unreachable")
	})
	if err != nil {
		t.Errorf("Retry after its context ended: %v", err)
	}
}
