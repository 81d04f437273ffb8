package jobs

import (
	"context"
	"testing"
	"time"
)

// BenchmarkTick measures one Tick over 1,000 tracked open claims on a
// SQLite file, with two reminder channels.
//
//	idle: every reminder of the current tick is already sent (the steady
//	      state between ticks): the claims query, 1k schedule lookups,
//	      the pending sweep.
//	post: every iteration is a new tick: 2k deliveries acquired, posted
//	      to a local fake Slack and completed, 1k articles read.
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
	b.Run("post", func(b *testing.B) {
		clk := &clock{}
		sc := newScheduler(b, Config{DefaultSchedule: "* * * * * *", DigestSchedule: "off", Channels: chans, Now: clk.Now}, store, posters(f))
		now := at(1, 9, 0, 0)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if err := sc.Tick(ctx, clk.Set(now.Add(time.Duration(i)*time.Second))); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if _, posts := f.counts(); posts < 2*n {
			b.Fatalf("posts = %d, want at least %d", posts, 2*n)
		}
	})
}
