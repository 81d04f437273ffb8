package bot

import (
	"context"
	"errors"
	"testing"
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
