package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// BenchmarkTick measures one Tick over 1,000 tracked open claims on a
// SQLite file, with two reminder channels.
//
//	idle: every reminder of the current tick is already sent (the steady
//	      state between ticks): the claims query, 1k schedule lookups,
//	      the pending sweep.
//	post: every iteration is a new tick: 2k deliveries acquired, the
//	      1k claims due posted to each channel as one digest (two posts to
//	      a local fake Slack), the deliveries completed.
func BenchmarkTick(b *testing.B) {
	const n = 1000
	ctx := context.Background()
	store := openSQLite(b, b.TempDir())
	seed(b, store, n, mon)
	f := newFakeSlack(b)
	chans := []string{"slack:C1", "slack:C2"}

	b.Run("idle", func(b *testing.B) {
		clk := &clock{}
		sc := newScheduler(b, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: chans, Now: clk.Now}, store, posters(f))
		now := clk.Set(at(0, 9, 0, 0))
		if err := sc.Tick(ctx, now); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if err := sc.Tick(ctx, clk.Set(now.Add(time.Duration(i)*time.Millisecond))); err != nil {
				b.Fatal(err)
			}
		}
	})
	runs := 0 // -count runs this sub-benchmark again on the same store
	b.Run("post", func(b *testing.B) {
		clk := &clock{}
		sc := newScheduler(b, Config{DefaultSchedule: "* * * * * *", DigestSchedule: "off", Channels: chans, Now: clk.Now}, store, posters(f))
		runs++
		now := at(1, 9, 0, 0).Add(time.Duration(runs) * time.Hour)
		req0, posts0 := f.counts()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if err := sc.Tick(ctx, clk.Set(now.Add(time.Duration(i)*time.Second))); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		req, posts := f.counts()
		if req-req0 != posts-posts0 || posts-posts0 != 2*b.N {
			b.Fatalf("%d requests and %d posts, want %d posts (one per channel and tick, %d ticks)", req-req0, posts-posts0, 2*b.N, b.N)
		}
	})
}

// BenchmarkTickPostgres is BenchmarkTick/idle on a fresh PostgreSQL schema.
func BenchmarkTickPostgres(b *testing.B) {
	const n = 1000
	ctx := context.Background()
	store := openPostgres(b, storetest.PostgresURL(b))
	seed(b, store, n, mon)
	f := newFakeSlack(b)
	clk := &clock{}
	sc := newScheduler(b, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1", "slack:C2"}, Now: clk.Now}, store, posters(f))
	now := clk.Set(at(0, 9, 0, 0))
	if err := sc.Tick(ctx, now); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := sc.Tick(ctx, clk.Set(now.Add(time.Duration(i)*time.Millisecond))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDigestChanges measures what the daily digest reads to list
// what changed since the last one, on a SQLite file of 1,000 open claims
// of which 20 were resolved since the digest tick before: the claims
// list, then the history of the 20.
func BenchmarkDigestChanges(b *testing.B) {
	ctx := context.Background()
	store := openSQLite(b, b.TempDir())
	ids := seed(b, store, 1000, mon)
	for _, id := range ids[:20] {
		if _, err := store.UpdateClaim(ctx, id, claims.Change{Actor: "slack:U1", Action: "resolve", Status: claims.StatusConfirmed, At: at(0, 12, 0, 0)}); err != nil {
			b.Fatal(err)
		}
	}
	sc := newScheduler(b, Config{DefaultSchedule: "0 9 * * *", Now: func() time.Time { return at(1, 9, 0, 0) }}, store, nil)
	b.ReportAllocs()
	for b.Loop() {
		ch, err := sc.changedSince(ctx, at(0, 9, 0, 0), at(1, 9, 0, 0))
		if err != nil || len(ch) != 20 {
			b.Fatalf("%d changed, %v; want 20", len(ch), err)
		}
	}
}

// BenchmarkUpdates measures one batch's updates: the strike claim, with
// another outlet's report in the batch, told to two Slack channels (a
// local fake): the claim and its sourcing read, the update built, two
// deliveries acquired, posted and completed. Each iteration is a new
// batch (a new second).
func BenchmarkUpdates(b *testing.B) {
	ctx := context.Background()
	store := openSQLite(b, b.TempDir())
	f := newFakeSlack(b)
	text, doc := storetest.Build(storetest.Strike())
	res, err := store.Ingest(ctx, text, doc, mon)
	if err != nil {
		b.Fatal(err)
	}
	text, doc = storetest.Build(storetest.Wire())
	t1 := mon.Add(time.Hour)
	if _, err := store.Ingest(ctx, text, doc, t1); err != nil {
		b.Fatal(err)
	}
	clk := &clock{}
	sc := newScheduler(b, Config{DefaultSchedule: "0 9 * * *", DigestSchedule: "off", Channels: []string{"slack:C1", "slack:C2"}, Now: clk.Now}, store, posters(f))
	b.ReportAllocs()
	clk.Set(t1.Add(time.Second))
	for i := 0; b.Loop(); i++ {
		// The wire's article was stored at t1; each batch ends then and
		// starts a second earlier than the one before (a new key), so
		// that each reads it as its own.
		start := t1.Add(-time.Duration(i) * time.Second)
		outs, err := sc.Updates(ctx, Batch{Start: start, End: t1, Claims: []int64{res.ClaimID}})
		if err != nil || len(outs) != 2 || outs[0].State != OutcomeSent {
			b.Fatalf("%+v, %v", outs, err)
		}
	}
}
