package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/postgres"
	"github.com/claimbot/claimbot/claims/storetest"

	"github.com/claimbot/claimbot/claims/benchstore"
	"github.com/claimbot/claimbot/claims/eval"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/fetch"
)

// ingestFolder ingests every input of dir into store as `claimbot
// ingest` does (extraction on every core, stored in input order in
// batches of Config.BatchSize) and returns how many were new and how many
// unchanged.
func ingestFolder(b *testing.B, svc *Service, dir string) (created, unchanged int) {
	svc.IngestAll(context.Background(), Expand([]string{dir}), runtime.GOMAXPROCS(0), func(r Result) bool {
		if r.Err != nil {
			b.Fatalf("%s: %v", r.Src, r.Err)
		}
		if r.Created {
			created++
		} else {
			unchanged++
		}
		return true
	})
	return created, unchanged
}

// BenchmarkIngestCorpus ingests the 924 PolNeAR articles, written as
// text files to a folder, into a SQLite file: "fresh" into an empty
// store, "unchanged" into a store that holds them already (a re-ingest
// of the same folder). It reports articles/s. "fresh-batch=1" is
// "fresh" with one transaction an article; "postgres-fresh" and
// "postgres-fresh-batch=1" ingest into PostgreSQL (storetest.PostgresURL;
// skipped when it is unreachable).
func BenchmarkIngestCorpus(b *testing.B) {
	arts, dir := corpusFolder(b)
	f, err := fetch.New(fetch.Options{})
	if err != nil {
		b.Fatal(err)
	}
	open := func(b *testing.B) *sqlite.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "claimbot.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	fresh := func(open func(b *testing.B) claims.Store, batch int) func(b *testing.B) {
		return func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := open(b)
				b.StartTimer()
				if created, _ := ingestFolder(b, New(Config{Fetcher: f, Store: s, BatchSize: batch}), dir); created == 0 {
					b.Fatal("nothing created")
				}
			}
			b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
		}
	}
	openSQLite := func(b *testing.B) claims.Store { return open(b) }
	openPostgres := func(b *testing.B) claims.Store {
		s, err := postgres.Open(context.Background(), storetest.PostgresURL(b))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	b.Run("fresh", fresh(openSQLite, 0))
	b.Run("fresh-batch=1", fresh(openSQLite, 1))
	b.Run("postgres-fresh", fresh(openPostgres, 0))
	b.Run("postgres-fresh-batch=1", fresh(openPostgres, 1))
	b.Run("unchanged", func(b *testing.B) {
		s := open(b)
		svc := New(Config{Fetcher: f, Store: s})
		ingestFolder(b, svc, dir)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if created, _ := ingestFolder(b, svc, dir); created != 0 {
				b.Fatalf("%d created on a re-ingest", created)
			}
		}
		b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}

// BenchmarkIngestCorpusWrite times the writes alone: the 924 PolNeAR
// articles, extracted once beforehand, stored by StoreBatch in batches of
// 1 (a transaction an article) and of DefaultBatchSize, into a SQLite
// file and into PostgreSQL (skipped when it is unreachable). It reports
// articles/s and the longest batch (how long a batch holds the store's
// write lock).
func BenchmarkIngestCorpusWrite(b *testing.B) {
	_, dir := corpusFolder(b)
	f, err := fetch.New(fetch.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var xs []Extracted
	for slot := range New(Config{Fetcher: f}).ExtractAll(ctx, Expand([]string{dir}), runtime.GOMAXPROCS(0)) {
		x := <-slot
		if x.Err != nil {
			b.Fatalf("%s: %v", x.Src, x.Err)
		}
		xs = append(xs, x)
	}
	opens := []struct {
		name string
		open func(b *testing.B) claims.Store
	}{
		{"sqlite", func(b *testing.B) claims.Store {
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "claimbot.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}},
		{"postgres", func(b *testing.B) claims.Store {
			s, err := postgres.Open(ctx, storetest.PostgresURL(b))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}},
	}
	for _, o := range opens {
		for _, batch := range []int{1, DefaultBatchSize} {
			b.Run(fmt.Sprintf("%s/batch=%d", o.name, batch), func(b *testing.B) {
				var longest time.Duration
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					w := New(Config{Store: o.open(b), BatchSize: batch})
					b.StartTimer()
					for k := 0; k < len(xs); k += batch {
						t0 := time.Now()
						for _, r := range w.StoreBatch(ctx, xs[k:min(k+batch, len(xs))]) {
							if r.Err != nil {
								b.Fatalf("%s: %v", r.Src, r.Err)
							}
						}
						longest = max(longest, time.Since(t0))
					}
				}
				b.ReportMetric(float64(len(xs)*b.N)/b.Elapsed().Seconds(), "articles/s")
				b.ReportMetric(float64(longest.Microseconds())/1000, "longest-batch-ms")
			})
		}
	}
}

// corpusFolder writes the 924 PolNeAR articles as text files to a
// temporary folder, as a user's folder to ingest.
func corpusFolder(b *testing.B) ([]eval.Article, string) {
	arts := benchstore.Corpus(b)
	dir := b.TempDir()
	for i, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(a.Text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return arts, dir
}
