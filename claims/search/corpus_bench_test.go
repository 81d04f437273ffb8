package search_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/benchstore"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/search"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// corpusSizes are the store sizes of the corpus benchmarks: the 924
// PolNeAR articles once and ten times (retitled copies); 100 times with
// CLAIMBOT_BENCH_100X=1 (a long build).
func corpusSizes() []int {
	if os.Getenv("CLAIMBOT_BENCH_100X") == "1" {
		return []int{1, 10, 100}
	}
	return []int{1, 10}
}

// reportStore adds the store's bytes per byte of its articles' text.
func reportStore(b *testing.B, s *sqlite.Store, arts []eval.Article, copies int) {
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(s.Path() + suffix); err == nil {
			size += st.Size()
		}
	}
	b.ReportMetric(float64(size)/float64(benchstore.TextBytes(arts, copies)), "store/text")
}

// BenchmarkCorpusFind measures search.Find per question on stores of
// the PolNeAR corpus, with varied questions (benchstore.Questions: gold
// contents, headlines, unrelated questions).
func BenchmarkCorpusFind(b *testing.B) {
	arts := benchstore.Corpus(b)
	qs := benchstore.Questions(arts, 0)
	for _, x := range corpusSizes() {
		b.Run(fmt.Sprintf("x=%d", x), func(b *testing.B) {
			s := benchstore.Open(b, arts, x)
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := search.Find(ctx, s, qs[i%len(qs)], search.Options{}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
			reportStore(b, s, arts, x)
		})
	}
}

// BenchmarkCorpusFTS5 is the baseline beside BenchmarkCorpusFind: one
// plain FTS5 bm25 query over the same rows and questions, the question's
// content words (search.Words) OR-ed, top 20; no aliases, synonyms,
// grouping or loading.
func BenchmarkCorpusFTS5(b *testing.B) {
	arts := benchstore.Corpus(b)
	qs := benchstore.Questions(arts, 0)
	queries := make([]string, 0, len(qs))
	for _, q := range qs {
		if m := sqlite.MatchQuery(search.Words(q)); m != "" {
			queries = append(queries, m)
		}
	}
	for _, x := range corpusSizes() {
		b.Run(fmt.Sprintf("x=%d", x), func(b *testing.B) {
			s := benchstore.Open(b, arts, x)
			ctx := context.Background()
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

// BenchmarkCorpusFindPostgres is BenchmarkCorpusFind on claims/postgres
// (a fresh schema on the local server, built for each run: the corpus
// once; ten times with CLAIMBOT_BENCH_PG_10X=1, a long build).
func BenchmarkCorpusFindPostgres(b *testing.B) {
	arts := benchstore.Corpus(b)
	qs := benchstore.Questions(arts, 0)
	sizes := []int{1}
	if os.Getenv("CLAIMBOT_BENCH_PG_10X") == "1" {
		sizes = append(sizes, 10)
	}
	for _, x := range sizes {
		b.Run(fmt.Sprintf("x=%d", x), func(b *testing.B) {
			ctx := context.Background()
			s, err := postgres.Open(ctx, storetest.PostgresURL(b))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := benchstore.Build(ctx, s, benchstore.Extracted(b, arts), x, benchstore.T0); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Pool().Exec(ctx, `ANALYZE`); err != nil {
				b.Fatal(err)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := search.Find(ctx, s, qs[i%len(qs)], search.Options{}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}
