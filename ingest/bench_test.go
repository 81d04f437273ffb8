package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimbot/claimbot/claims/benchstore"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/fetch"
)

// ingestFolder ingests every input of dir into store as `claimbot
// ingest` does (extraction on every core, stored in input order) and
// returns how many were new and how many unchanged.
func ingestFolder(b *testing.B, svc *Service, dir string) (created, unchanged int) {
	ctx := context.Background()
	inputs := Expand([]string{dir})
	for slot := range svc.ExtractAll(ctx, inputs, 2) {
		r := svc.Store(ctx, <-slot)
		if r.Err != nil {
			b.Fatalf("%s: %v", r.Src, r.Err)
		}
		if r.Created {
			created++
		} else {
			unchanged++
		}
	}
	return created, unchanged
}

// BenchmarkIngestCorpus ingests the 924 PolNeAR articles, written as
// text files to a folder, into a SQLite file: "fresh" into an empty
// store, "unchanged" into a store that holds them already (a re-ingest
// of the same folder). It reports articles/s.
func BenchmarkIngestCorpus(b *testing.B) {
	arts := benchstore.Corpus(b)
	dir := b.TempDir()
	for i, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(a.Text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
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
	b.Run("fresh", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := open(b)
			b.StartTimer()
			if created, _ := ingestFolder(b, New(Config{Fetcher: f, Store: s}), dir); created == 0 {
				b.Fatal("nothing created")
			}
		}
		b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	})
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
