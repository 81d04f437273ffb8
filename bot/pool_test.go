package bot

import (
	"context"
	"log/slog"
	"testing"
	"time"
)

// TestPoolAdmit: a free worker runs at once; an answer that must wait is
// expected after the ones ahead of it; the Queue and MaxWait bounds
// refuse; Run frees its place.
func TestPoolAdmit(t *testing.T) {
	p := NewPool(PoolConfig{Workers: 2, Queue: 3, MaxWait: time.Hour})
	for range 2 {
		if est, ok := p.Admit(); !ok || est != 0 {
			t.Fatalf("free worker: Admit = %v, %v; want 0, true", est, ok)
		}
	}
	if est, ok := p.Admit(); !ok || est != Unknown {
		t.Fatalf("waiting, no run time known: Admit = %v, %v; want Unknown, true", est, ok)
	}
	if err := p.Run(context.Background(), func() { time.Sleep(10 * time.Millisecond) }); err != nil {
		t.Fatal(err)
	}
	// Two admitted and one run: pending 2 of 2 workers, the next waits
	// for one round of about 10 ms, then runs for about 10 ms.
	est, ok := p.Admit()
	if !ok || est < 15*time.Millisecond || est > time.Second {
		t.Errorf("one round ahead: Admit = %v, %v; want about 20 ms", est, ok)
	}
	for range 2 {
		if _, ok := p.Admit(); !ok {
			t.Fatal("queue not full yet: refused")
		}
	}
	if _, ok := p.Admit(); ok {
		t.Error("queue of 3 full: admitted")
	}
	if p.Pending() != 5 {
		t.Errorf("Pending = %d, want 5", p.Pending())
	}
	tight := NewPool(PoolConfig{Workers: 1, MaxWait: 15 * time.Millisecond})
	tight.Admit()
	tight.Run(context.Background(), func() { time.Sleep(10 * time.Millisecond) })
	tight.Admit() // running
	if _, ok := tight.Admit(); ok {
		t.Error("expected wait over MaxWait: admitted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	one := NewPool(PoolConfig{Workers: 1})
	one.sem <- struct{}{} // the worker is busy
	one.Admit()
	if err := one.Run(ctx, func() { t.Error("ran with an ended context") }); err == nil {
		t.Error("Run with an ended context and no free worker = nil")
	}
	if one.Pending() != 0 {
		t.Errorf("Pending after a cancelled Run = %d", one.Pending())
	}
}

// TestRaceFromArrival: the deadline counts from the arrival, so that a
// request that arrived a deadline ago is acknowledged at once; a full
// pool answers BusyAnswer without running the handler, in Race and
// Answer alike.
func TestRaceFromArrival(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	f := NewInflightPool(NewPool(PoolConfig{Workers: 1, Queue: 1}))
	release := make(chan struct{})
	start := time.Now()
	_, late := f.RaceFrom(log, time.Now().Add(-time.Hour), time.Minute, time.Minute, func(context.Context) Answer { <-release; return Answer{Title: "late"} })
	if late == nil || time.Since(start) > 10*time.Second {
		t.Fatalf("arrived past the deadline: late %v after %v", late, time.Since(start))
	}
	got := make(chan Answer, 2)
	late.Then(func(_ context.Context, a Answer) { got <- a })
	// The worker is busy: one more waits, the next is refused.
	_, late2 := f.RaceFrom(log, time.Now(), time.Minute, time.Minute, func(context.Context) Answer { return Answer{Title: "queued"} })
	if late2 == nil {
		t.Fatal("queued behind a running answer with no run time known: waited for it")
	}
	late2.Then(func(_ context.Context, a Answer) { got <- a })
	if a, l := f.Race(log, time.Minute, time.Minute, func(context.Context) Answer { t.Error("busy: handler ran"); return Answer{} }); l != nil || a.Text != BusyText {
		t.Errorf("queue full: %+v, late %v; want BusyAnswer", a, l)
	}
	f.Answer(log, time.Minute, func(context.Context) Answer { t.Error("busy: handler ran"); return Answer{} }, func(_ context.Context, a Answer) { got <- a })
	if a := <-got; a.Text != BusyText {
		t.Errorf("Answer with the queue full delivered %+v", a)
	}
	close(release)
	titles := map[string]bool{(<-got).Title: true, (<-got).Title: true}
	if !titles["late"] || !titles["queued"] {
		t.Errorf("delivered %v, want late and queued", titles)
	}
	if err := f.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if f.pool.Pending() != 0 {
		t.Errorf("Pending after Shutdown = %d", f.pool.Pending())
	}
}
