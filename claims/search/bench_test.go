package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// benchQuestions mix questions the generated stores answer with ones they
// do not.
var benchQuestions = []string{
	"Is the Coastal Workers Union in talks over the strike?",
	"What did the interior minister say about fuel prices?",
	"Who is mediating the peace talks in Valmora?",
	"What does the C.W.U. demand?",
	"Did the Ministry of Defense deny the prisoner exchange?",
	"Is the government negotiating over the budget in Kestrel?",
	"What did Ana Ruiz say about the ceasefire?",
	"Who won the world cup?",
	"What is the weather in Paris?",
	"Will the trade agreement be signed?",
}

// benchStore opens a generated SQLite store with attrs attributions,
// built once and cached under os.TempDir by generator version.
func benchStore(b *testing.B, attrs int) *sqlite.Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("claimbot-bench-g%d-%d.db", storetest.GenVersion, attrs))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		os.Remove(tmp)
		s, err := sqlite.Open(ctx, tmp)
		if err != nil {
			b.Fatal(err)
		}
		at := storetest.T0
		for _, sp := range storetest.Generate(1, attrs) {
			text, doc := storetest.Build(sp)
			if _, err := s.Ingest(ctx, text, doc, at); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %v", path, time.Since(start).Round(time.Millisecond))
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if n, err := s.CountAttributions(ctx); err != nil || n != attrs {
		b.Fatalf("%s holds %d attributions (%v), want %d; delete it to rebuild", path, n, err, attrs)
	}
	return s
}

// reportLatency adds p50 and p99 of the per-query latencies.
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	q := func(p float64) float64 { return float64(d[min(len(d)-1, int(p*float64(len(d))))].Nanoseconds()) }
	b.ReportMetric(q(0.50), "p50-ns")
	b.ReportMetric(q(0.99), "p99-ns")
}

// BenchmarkFind measures search.Find (concepts, aliases, synonyms,
// per-concept FTS5 queries, ranking, loading the findings) per question.
func BenchmarkFind(b *testing.B) {
	for _, attrs := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("attrs=%d", attrs), func(b *testing.B) {
			s := benchStore(b, attrs)
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := search.Find(ctx, s, benchQuestions[i%len(benchQuestions)], search.Options{}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}

// BenchmarkFTS5 is the baseline beside BenchmarkFind: one plain FTS5 bm25
// query over the same rows, the question's content words (search.Words)
// OR-ed, top 20; no aliases, synonyms, grouping or loading.
func BenchmarkFTS5(b *testing.B) {
	for _, attrs := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("attrs=%d", attrs), func(b *testing.B) {
			s := benchStore(b, attrs)
			ctx := context.Background()
			queries := make([]string, len(benchQuestions))
			for i, q := range benchQuestions {
				queries[i] = sqlite.MatchQuery(search.Words(q))
			}
			stmt, err := s.DB().PrepareContext(ctx, `SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 20`)
			if err != nil {
				b.Fatal(err)
			}
			defer stmt.Close()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				rows, err := stmt.QueryContext(ctx, queries[i%len(queries)])
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					var id int64
					var score float64
					if err := rows.Scan(&id, &score); err != nil {
						b.Fatal(err)
					}
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				rows.Close()
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}

// BenchmarkIngest measures Store.Ingest of generated articles (about ten
// attributions each) into a SQLite file.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "ingest.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	specs := storetest.Generate(2, 10*b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text, doc := storetest.Build(specs[i])
		if _, err := s.Ingest(ctx, text, doc, storetest.T0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngestUpdate measures Store.Ingest of a new version of a
// stored article (about ten attributions): the earlier version leaves
// search and its claim carries over.
func BenchmarkIngestUpdate(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "ingest.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sp := storetest.Generate(3, 10)[0]
	text, doc := storetest.Build(sp)
	if _, err := s.Ingest(ctx, text, doc, storetest.T0); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := text + fmt.Sprintf("\n\nUpdate %d.", i)
		if res, err := s.Ingest(ctx, v, doc, storetest.T0); err != nil || !res.Updated {
			b.Fatalf("Ingest = %+v, %v; want an update", res, err)
		}
	}
}

// BenchmarkFindPostgres is BenchmarkFind on claims/postgres (a fresh
// schema on the local server, built for each run; set
// CLAIMBOT_BENCH_PG_100K=1 to add the 100k store, a few minutes to build).
func BenchmarkFindPostgres(b *testing.B) {
	sizes := []int{1_000, 10_000}
	if os.Getenv("CLAIMBOT_BENCH_PG_100K") == "1" {
		sizes = append(sizes, 100_000)
	}
	for _, attrs := range sizes {
		b.Run(fmt.Sprintf("attrs=%d", attrs), func(b *testing.B) {
			ctx := context.Background()
			s, err := postgres.Open(ctx, storetest.PostgresURL(b))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for _, sp := range storetest.Generate(1, attrs) {
				text, doc := storetest.Build(sp)
				if _, err := s.Ingest(ctx, text, doc, storetest.T0); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := s.Pool().Exec(ctx, `ANALYZE`); err != nil {
				b.Fatal(err)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := search.Find(ctx, s, benchQuestions[i%len(benchQuestions)], search.Options{}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}
