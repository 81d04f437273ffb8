package bot_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims/benchstore"
)

// BenchmarkAskCorpus measures one question through the bot (Handle:
// routing, middleware, search, the first answer) in process, on stores
// of the 924 PolNeAR articles at 1x and 10x (100x with
// CLAIMBOT_BENCH_100X=1), with varied questions (benchstore.Questions:
// gold contents, headlines, unrelated questions). It reports p50 and p99.
func BenchmarkAskCorpus(b *testing.B) {
	arts := benchstore.Corpus(b)
	qs := benchstore.Questions(arts, 0)
	sizes := []int{1, 10}
	if os.Getenv("CLAIMBOT_BENCH_100X") == "1" {
		sizes = append(sizes, 100)
	}
	for _, x := range sizes {
		b.Run(fmt.Sprintf("x=%d", x), func(b *testing.B) {
			s := benchstore.Open(b, arts, x)
			bt := bot.New(s, bot.Options{Now: func() time.Time { return benchstore.T0 }})
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				a := bt.Handle(ctx, bot.Request{Platform: "console", UserID: "u", Text: "ask " + qs[i%len(qs)]})
				lat = append(lat, time.Since(start))
				if a.Title == "" && a.Text == "" {
					b.Fatalf("empty answer to %q", qs[i%len(qs)])
				}
			}
			b.StopTimer()
			slices.Sort(lat)
			q := func(p float64) float64 { return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Nanoseconds()) }
			b.ReportMetric(q(0.50), "p50-ns")
			b.ReportMetric(q(0.99), "p99-ns")
		})
	}
}
