package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// pagesBenchStore opens a generated SQLite store with attrs attributions
// (100,000 is about 10,000 articles: ten times the PolNeAR corpus), each
// article an hour apart so that the list has an order to keep. It is
// built once and cached under os.TempDir.
func pagesBenchStore(b *testing.B, attrs int) *sqlite.Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("claimbot-pages-bench-g%d-%d.db", storetest.GenVersion, attrs))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		os.Remove(tmp)
		s, err := sqlite.Open(ctx, tmp)
		if err != nil {
			b.Fatal(err)
		}
		for i, sp := range storetest.Generate(1, attrs) {
			text, doc := storetest.Build(sp)
			if _, err := s.Ingest(ctx, text, doc, storetest.T0.Add(time.Duration(i)*time.Hour)); err != nil {
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
	return s
}

// benchWords are searches of the list: ones the generated articles
// match, and ones they do not.
var benchWords = []string{"strike talks", "C.W.U.", "fuel prices", "ceasefire", "budget Kestrel", "weather Paris", "minister", "prisoner exchange"}

// BenchmarkPages measures whole requests (filling, rendering, headers)
// through the handler: the claim list unfiltered, by status, by words and
// on a late page; a claim page; an article page. Claims and articles are
// picked across the store, so that no single page is measured.
func BenchmarkPages(b *testing.B) {
	for _, attrs := range []int{1_000, 100_000} {
		st := pagesBenchStore(b, attrs)
		h, err := New(st, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cs, err := st.Claims(context.Background(), claims.ClaimFilter{})
		if err != nil {
			b.Fatal(err)
		}
		n := len(cs)
		pages := map[string]func(i int) string{
			"list":        func(int) string { return "/claims" },
			"list-status": func(int) string { return "/claims?status=open" },
			"list-words":  func(i int) string { return "/claims?q=" + url.QueryEscape(benchWords[i%len(benchWords)]) },
			"list-page":   func(i int) string { return fmt.Sprintf("/claims?page=%d", 2+i%(max(1, n/DefaultPageSize-1))) },
			"claim":       func(i int) string { return fmt.Sprintf("/claims/%d", cs[(i*7919)%n].ID) },
			"article":     func(i int) string { return fmt.Sprintf("/articles/%d?a=0", cs[(i*7919)%n].ArticleID) },
		}
		for _, name := range []string{"list", "list-status", "list-words", "list-page", "claim", "article"} {
			target := pages[name]
			b.Run(fmt.Sprintf("attrs=%d/claims=%d/%s", attrs, n, name), func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					start := time.Now()
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest("GET", target(i), nil))
					if rec.Code != 200 {
						b.Fatalf("GET %s = %d", target(i), rec.Code)
					}
					lat = append(lat, time.Since(start))
				}
				b.StopTimer()
				slices.Sort(lat)
				q := func(p float64) float64 { return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Nanoseconds()) }
				b.ReportMetric(q(0.50), "p50-ns")
				b.ReportMetric(q(0.99), "p99-ns")
			})
		}
	}
}
