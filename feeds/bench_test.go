package feeds

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/storetest"
)

// benchTick measures a Tick over n followed feeds that are all unchanged
// (each poll: the claim, a conditional GET answered 304, the items'
// claim, the record): the steady-state cost of following feeds.
func benchTick(b *testing.B, store claims.Store, n int) {
	news := newFakeNews(b)
	ctx := context.Background()
	for i := 0; i < n; i++ {
		u := news.setFeed(fmt.Sprintf("/f%d", i), &fakeFeed{Format: "rss", Title: "quiet"})
		if _, err := store.AddFeed(ctx, u, "", t0); err != nil {
			b.Fatal(err)
		}
	}
	c := &clock{}
	p := newPoller(b, store, c, Config{})
	c.set(tickN(0).Add(time.Second))
	if _, err := p.Tick(ctx, tickN(0)); err != nil { // the first polls: 200s
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		c.set(tickN(i).Add(time.Second))
		rs, err := p.Tick(ctx, tickN(i))
		if err != nil || len(rs) != n || rs[0].Result != claims.PollUnchanged {
			b.Fatalf("tick %d: %d polls, %v", i, len(rs), err)
		}
	}
}

func BenchmarkTickUnchanged(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("sqlite/%d", n), func(b *testing.B) {
			benchTick(b, openSQLite(b, filepath.Join(b.TempDir(), "claimbot.db")), n)
		})
	}
	b.Run("postgres/100", func(b *testing.B) {
		benchTick(b, openPostgres(b, storetest.PostgresURL(b)), 100)
	})
}
