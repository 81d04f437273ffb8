package sqlite_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestSearchCacheConcurrentWithIngest: searches from several goroutines,
// each changing the hits it gets back, while another store on the same
// file ingests; after each ingest the reader's cached searches agree with
// plain SQL (checkSearch).
func TestSearchCacheConcurrentWithIngest(t *testing.T) {
	ctx := context.Background()
	writer, reader := openTwo(t)
	specs := storetest.Generate(5, 400)
	for _, sp := range specs[:len(specs)-15] {
		storetest.Ingest(t, writer, sp, storetest.T0)
	}
	terms := [][]string{{"talks"}, {"minister", "strike"}, {"the"}}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				hits, err := reader.Search(ctx, terms[i%len(terms)], 50)
				if err != nil {
					t.Error(err)
					return
				}
				if len(hits) > 0 {
					hits[0].ClaimID = -7
				}
			}
		}()
	}
	for i, sp := range specs[len(specs)-15:] {
		storetest.Ingest(t, writer, sp, storetest.T0.Add(time.Duration(i+1)*time.Hour))
		for _, ts := range terms {
			checkSearch(t, reader, ts, 50)
		}
	}
	stop.Store(true)
	wg.Wait()
}

// openTwo opens two stores on one new SQLite file (as two replicas
// would), closed when the test ends.
func openTwo(t *testing.T) (writer, reader *sqlite.Store) {
	t.Helper()
	path := t.TempDir() + "/claimbot.db"
	for _, s := range []**sqlite.Store{&writer, &reader} {
		st, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		*s = st
	}
	return writer, reader
}
