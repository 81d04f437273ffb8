package jobs

import (
	"context"
	"testing"
	"time"

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
