package sqlite_test

import (
	"context"
	"testing"

	"github.com/claimbot/claimbot/claims/sqlite"
	"github.com/claimbot/claimbot/claims/storetest"
)

// TestSearchWindow checks that a term matching more passages than the
// window of the hits asked for (Window(limit)) is ranked among the
// newest of them only, best first.
func TestSearchWindow(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, sp := range storetest.Generate(3, sqlite.SearchWindow+1000) {
		storetest.Ingest(t, s, sp, storetest.T0)
	}
	var matches int
	var floorArticle int64
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH '"the"'`).Scan(&matches); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{sqlite.SearchWindow, 300} {
		window := sqlite.Window(limit)
		if err := s.DB().QueryRowContext(ctx, `SELECT article_id FROM passages WHERE id = (SELECT rowid FROM passages_fts
			WHERE passages_fts MATCH '"the"' ORDER BY rowid DESC LIMIT 1 OFFSET ?)`, window-1).Scan(&floorArticle); err != nil {
			t.Fatal(err)
		}
		if matches <= window || floorArticle <= 1 {
			t.Fatalf("%d matches, window from article %d: the test needs more than %d", matches, floorArticle, window)
		}
		hits, err := s.Search(ctx, []string{"the"}, limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != limit {
			t.Fatalf("limit %d: %d hits", limit, len(hits))
		}
		for i, h := range hits {
			if h.ArticleID < floorArticle {
				t.Fatalf("limit %d: hit on article %d, older than the newest %d matches (from article %d on)", limit, h.ArticleID, window, floorArticle)
			}
			if i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("limit %d: hit %d scores %g, above the one before (%g)", limit, i, h.Score, hits[i-1].Score)
			}
		}
	}
}
